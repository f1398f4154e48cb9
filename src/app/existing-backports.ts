// Whether release branches already carry the upstream fix, so it is never ported twice: the
// same commit in the branch, a commit whose trailers say it is a cherry-pick or backport of it,
// a commit with the same patch id, or the fix's change present in the branch's source.
import type { GitRepo } from '../git/repo.js';
import type { ExistingBackport, FixCommits } from '../locate/classify-fix-commits.js';
import { readProvenance } from '../ship/commit-message.js';
import { findPatchPresence } from './patch-presence.js';

export async function findExistingBackports(input: {
  repo: GitRepo;
  classified: FixCommits;
  defaultBranch: string | null;
  /** Branches to check one by one (ancestry, patch id, presence). */
  branches?: string[];
}): Promise<ExistingBackport[]> {
  const { repo, classified, defaultBranch } = input;
  const upstream = classified.upstream.map((u) => u.commit);
  if (upstream.length === 0) return [];
  const out: ExistingBackport[] = [];
  const isUpstream = (sha: string) => upstream.some((u) => u.startsWith(sha) || sha.startsWith(u));

  // Provenance trailers anywhere in the repository.
  const hits = await repo.searchCommits({
    patterns: upstream.map((u) => u.slice(0, 12)),
    fixed: true,
  });
  for (const hit of hits) {
    if (isUpstream(hit.sha)) continue;
    const named = readProvenance(`${hit.subject}\n\n${hit.body}`).upstream.find(isUpstream);
    if (!named) continue;
    for (const branch of await repo.branchesContaining(hit.sha)) {
      if (sameBranch(branch, defaultBranch)) continue;
      out.push({
        commit: hit.sha,
        branch,
        evidence: `commit ${short(hit.sha)} says it is a backport of ${short(named)}`,
      });
    }
  }

  // Cherry-picks keep the subject: a commit elsewhere with the fix's subject whose change is
  // the fix's (same patch id, or the fix's lines present at that commit) is a backport.
  for (const fix of classified.upstream) {
    if (fix.subject.trim().length < 10) continue; // "Fix bug" is everyone's subject
    const same = await repo.searchCommits({ patterns: [fix.subject], fixed: true });
    for (const hit of same) {
      if (hit.subject !== fix.subject || isUpstream(hit.sha)) continue;
      if ([...classified.backports, ...out].some((b) => b.commit === hit.sha)) continue;
      const proof = await sameChange(repo, fix.commit, hit.sha);
      if (!proof) continue;
      for (const branch of await repo.branchesContaining(hit.sha)) {
        if (sameBranch(branch, defaultBranch)) continue;
        out.push({
          commit: hit.sha,
          branch,
          evidence: `commit ${short(hit.sha)} has the fix's subject and ${proof}`,
        });
      }
    }
  }

  const known = [...classified.backports, ...out];
  for (const branch of input.branches ?? []) {
    if (known.some((b) => sameBranch(b.branch, branch))) continue;
    const tip = await repo.resolveBranchTip(branch);
    if (!tip) continue;
    if (known.some((b) => sameBranch(b.branch, tip.ref))) continue;
    const found = await checkBranch(repo, upstream, tip.ref, tip.commit);
    if (found) out.push(found);
  }
  return out;
}

async function checkBranch(
  repo: GitRepo,
  upstream: string[],
  branch: string,
  tip: string,
): Promise<ExistingBackport | null> {
  for (const fix of upstream) {
    if (await repo.isAncestor(fix, tip)) {
      return { commit: fix, branch, evidence: `the upstream commit ${short(fix)} is in ${branch}` };
    }
  }
  for (const fix of upstream) {
    const same = await copyByPatchId(repo, fix, tip);
    if (same) {
      return {
        commit: same,
        branch,
        evidence: `commit ${short(same)} on ${branch} has the same patch id as ${short(fix)}`,
      };
    }
  }
  for (const fix of upstream) {
    const presence = await findPatchPresence({ repo, ref: tip, fix });
    if (presence.status === 'present') {
      return {
        commit: tip,
        branch,
        viaPresence: true,
        evidence: `the change of ${short(fix)} is in ${branch} (${presence.locations.join(', ')})`,
      };
    }
  }
  return null;
}

/**
 * A commit in `tip`'s history since it parted from `commit` with the same `git patch-id`: a
 * plain cherry-pick without trailers. Only commits touching the same paths are hashed.
 */
export async function copyByPatchId(
  repo: GitRepo,
  commit: string,
  tip: string,
): Promise<string | undefined> {
  const id = await repo.patchId(commit);
  const base = await repo.mergeBase(commit, tip);
  if (!id || !base) return undefined;
  const paths = (await repo.changedFiles(commit)).map((f) => f.path);
  return (await repo.patchIdsBetween(base, tip, paths)).get(id);
}

/** How `candidate` is shown to make the change of `fix`, or null when it is not. */
async function sameChange(repo: GitRepo, fix: string, candidate: string): Promise<string | null> {
  const [a, b] = [await repo.patchId(fix), await repo.patchId(candidate)];
  if (a && a === b) return `the same patch id as ${short(fix)}`;
  const presence = await findPatchPresence({ repo, ref: candidate, fix });
  if (presence.status !== 'present') return null;
  // Present at the candidate but already before it means the candidate did something else.
  const parent = (await repo.commitInfo(candidate)).parents[0];
  if (parent && (await findPatchPresence({ repo, ref: parent, fix })).status === 'present')
    return null;
  return `brings the change of ${short(fix)} (${presence.locations.join(', ')})`;
}

/** One entry per commit and branch; `origin/v7.x` and `v7.x` count as one branch. */
export function dedupeBackports(backports: ExistingBackport[]): ExistingBackport[] {
  const out: ExistingBackport[] = [];
  for (const b of backports) {
    if (out.some((o) => o.commit === b.commit && sameBranch(o.branch, b.branch))) continue;
    out.push(b);
  }
  return out;
}

/** `v7.x` and `origin/v7.x` name the same release line. */
export function sameBranch(a: string, b: string | null): boolean {
  if (b === null) return false;
  return a === b || a.endsWith(`/${b}`) || b.endsWith(`/${a}`);
}

function short(sha: string): string {
  return sha.slice(0, 12);
}
