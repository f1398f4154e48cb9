// Prerequisites: when a fix's hunks cannot be placed because the target lacks the code they
// build on, the upstream commits that wrote that code. Blame on the upstream side gives the
// candidates for hunks without a place; for code that uses names the target lacks (the
// engine's missing-names conflict), the commit that brought each name in (`git log -S`).
// Commits the target already has (ancestry, patch id, cherry-pick trailers) are dropped; the
// smallest set that lets the port through is found by porting for real.
import type { CleanupScope } from '../cleanup.js';
import type { GitRepo } from '../git/repo.js';
import { diffHunks } from '../port/engine/hunks.js';
import { readProvenance } from '../ship/commit-message.js';
import { copyByPatchId } from './existing-backports.js';
import { codeGlobsOf } from './missing-names.js';
import { NOT_CODE_PATHSPECS } from '../port/classify-path.js';
import { portOnto, type PortOutcome } from './port.js';

export interface Prerequisite {
  commit: string;
  subject: string;
  /** Lines of the conflicting hunks' upstream context this commit wrote. */
  lines: number;
  files: string[];
  /** Names the fix uses that this commit brought in upstream (the target has none of them). */
  names?: string[];
}

export interface PrerequisiteSearch {
  /** Every candidate blame found, most lines first. */
  candidates: Prerequisite[];
  /** The smallest set found (oldest first) with which the fix ports cleanly; null if none. */
  needed: Prerequisite[] | null;
}

/** Porting is tried with at most this many candidates: beyond, the fix is not a backport. */
const MAX_CANDIDATES = 8;

export async function findPrerequisites(input: {
  repo: GitRepo;
  /** The fix commits, in order; blame runs on the first one's parent. */
  upstream: string[];
  target: string;
  conflicts: PortOutcome['files'];
  scope: CleanupScope;
  minConfidence?: number;
}): Promise<PrerequisiteSearch> {
  const { repo, target } = input;
  const counts = new Map<string, { lines: number; files: Set<string>; names: Set<string> }>();
  const entryOf = (sha: string) => {
    const entry = counts.get(sha) ?? { lines: 0, files: new Set(), names: new Set() };
    counts.set(sha, entry);
    return entry;
  };
  for (const file of input.conflicts) {
    if (file.status !== 'conflict') continue;
    const info = await repo.commitInfo(file.upstream);
    const parent = info.parents[0];
    if (!parent) continue;
    if (file.reason === 'missing-names' && file.missing) {
      // Every hunk has its place; what the code lacks are the names' definitions.
      for (const name of file.missing) {
        const sha = await repo.introducingCommit(target, parent, name, [
          ...codeGlobsOf(file.path),
          ...NOT_CODE_PATHSPECS,
        ]);
        if (!sha) continue;
        const entry = entryOf(sha);
        entry.names.add(name);
        entry.files.add(file.path);
      }
      continue;
    }
    const basePath = file.oldPath ?? file.path;
    const base = (await repo.readFile(parent, basePath)) ?? '';
    const result = (await repo.readFile(file.upstream, file.path)) ?? '';
    const hunks = diffHunks(base, result);
    const failed = hunks.filter(
      (_, i) => file.hunks.length === 0 || file.hunks[i]?.status === 'conflict',
    );
    const ranges: Array<[number, number]> = [];
    for (const hunk of failed) {
      const oldCount = hunk.lines.filter((l) => l.op !== '+').length;
      if (oldCount > 0) ranges.push([hunk.oldStart + 1, hunk.oldStart + oldCount]);
    }
    for (const [sha, lines] of await repo.blameLines(parent, basePath, ranges)) {
      const entry = entryOf(sha);
      entry.lines += lines;
      entry.files.add(file.path);
    }
  }
  // Drop what the target already has: the commit itself, or a copy of it.
  const copied = await copiesOnTarget(repo, target, [...counts.keys()]);
  const candidates: Prerequisite[] = [];
  for (const [sha, entry] of counts) {
    if (input.upstream.includes(sha) || copied.has(sha)) continue;
    if (await repo.isAncestor(sha, target)) continue;
    const info = await repo.commitInfo(sha);
    candidates.push({
      commit: sha,
      subject: info.subject,
      lines: entry.lines,
      files: [...entry.files],
      ...(entry.names.size > 0 ? { names: [...entry.names] } : {}),
    });
  }
  const weight = (p: Prerequisite) => p.lines + (p.names?.length ?? 0);
  candidates.sort((a, b) => weight(b) - weight(a));
  if (candidates.length === 0 || candidates.length > MAX_CANDIDATES)
    return { candidates, needed: null };

  const ordered = await oldestFirst(repo, candidates);
  const ports = async (set: Prerequisite[]) => {
    const attempt = await portOnto({
      repo,
      upstream: [...set.map((p) => p.commit), ...input.upstream],
      onto: target,
      scope: input.scope,
      minConfidence: input.minConfidence,
    });
    attempt.scratch?.dispose();
    return attempt.outcome.status !== 'conflict';
  };
  if (!(await ports(ordered))) return { candidates, needed: null };
  // Greedy minimisation: drop each candidate whose absence still lets the port through.
  let needed = ordered;
  for (const candidate of ordered) {
    const without = needed.filter((p) => p !== candidate);
    if (await ports(without)) needed = without;
  }
  return { candidates, needed };
}

/** Candidates the target history already carries as cherry-picks (trailer or patch id). */
async function copiesOnTarget(repo: GitRepo, target: string, shas: string[]): Promise<Set<string>> {
  const copied = new Set<string>();
  if (shas.length === 0) return copied;
  for (const mention of await repo.commitsMentioning(
    target,
    shas.map((s) => s.slice(0, 12)),
  )) {
    for (const named of readProvenance(mention.message).upstream) {
      const sha = shas.find((s) => s.startsWith(named) || named.startsWith(s));
      if (sha) copied.add(sha);
    }
  }
  for (const sha of shas) {
    if (!copied.has(sha) && (await copyByPatchId(repo, sha, target))) copied.add(sha);
  }
  return copied;
}

/** Commits in the order they were made upstream, so each ports onto what it was written on. */
async function oldestFirst(repo: GitRepo, commits: Prerequisite[]): Promise<Prerequisite[]> {
  const order = await repo.topoOrder(commits.map((c) => c.commit));
  return [...commits].sort((a, b) => order.indexOf(a.commit) - order.indexOf(b.commit));
}
