// Locate: from an advisory to the upstream fix commits in a repository and the backports of
// them that already exist on other branches.
import type { OsvRecord } from '../advisories/osv.js';
import { RetrofitError } from '../errors.js';
import { GitRepo } from '../git/repo.js';
import {
  classifyFixCommits,
  type FixCommits,
  type FoundCommit,
} from '../locate/classify-fix-commits.js';
import { fixReferences, type FixReference } from '../locate/fix-references.js';
import { classifyPath } from '../port/classify-path.js';
import {
  landedPullRequest,
  pullRequestGreps,
  pullRequestReferences,
} from '../locate/pull-requests.js';
import { rankCandidates } from '../locate/rank-candidates.js';
import { releaseWindows } from '../locate/release-tags.js';
import { dedupeBackports, findExistingBackports } from './existing-backports.js';
import { findAdvisory } from '../store/advisories.js';
import type { Store } from '../store/open-store.js';
import { withStore, type AppContext } from './context.js';

export interface LocateReport extends FixCommits {
  advisory: string;
  aliases: string[];
  repository: string;
  defaultBranch: string | null;
  /** Commits the advisory names that this repository does not have. */
  missing: Array<{ sha: string; url?: string }>;
}

/** The advisory by id or alias, or an `advisory-not-found` error that says how to import it. */
export async function requireAdvisory(store: Store, id: string): Promise<OsvRecord> {
  const record = await findAdvisory(store, id);
  if (!record) {
    throw new RetrofitError(
      'advisory-not-found',
      `no advisory ${id} in the database ${store.path}`,
      {
        input: id,
        hint: 'Import advisories first: retrofit advisories import <OSV file, folder or zip>',
      },
    );
  }
  return record;
}

export interface LocateOptions {
  /** Release branches to check for existing backports beyond those the commits are on. */
  branches?: string[];
}

/** How many candidate commits a version-range search reports. */
const RANKED = 3;

export async function locateInRepo(
  repo: GitRepo,
  record: OsvRecord,
  options: LocateOptions = {},
): Promise<LocateReport> {
  const found: FoundCommit[] = [];
  const missing: LocateReport['missing'] = [];
  const add = async (reference: FixReference, sha: string) => {
    if (found.some((f) => f.sha === sha)) return;
    const info = await repo.commitInfo(sha);
    found.push({
      reference,
      sha,
      subject: info.subject,
      branches: await repo.branchesContaining(sha),
    });
  };
  for (const reference of fixReferences(record)) {
    const sha = await repo.tryResolveCommit(reference.sha);
    if (sha) await add(reference, sha);
    else missing.push({ sha: reference.sha, url: reference.url });
  }
  for (const pull of pullRequestReferences(record)) {
    for (const hit of await repo.searchCommits({ patterns: pullRequestGreps(pull.number) })) {
      const how = landedPullRequest(hit, pull.number);
      if (!how) continue;
      const detail = `#${pull.number}, ${how === 'squash' ? 'squash-merged' : 'merge commit'}`;
      await add({ sha: hit.sha, origin: 'pull-request', url: pull.url, detail }, hit.sha);
    }
  }
  if (found.length === 0) {
    // Nothing named: a commit whose message names the advisory or one of its aliases.
    const ids = [record.id, ...(record.aliases ?? [])];
    for (const hit of await repo.searchCommits({ patterns: ids, fixed: true })) {
      // "Mention CVE-… in the changelog" names the id too, but fixes nothing.
      const roles = (await repo.changedFiles(hit.sha)).map((f) => classifyPath(f.path));
      if (!roles.some((r) => r === 'code' || r === 'test')) continue;
      const text = `${hit.subject}\n${hit.body}`.toLowerCase();
      const named = ids.find((id) => text.includes(id.toLowerCase())) ?? record.id;
      await add({ sha: hit.sha, origin: 'message', detail: named }, hit.sha);
    }
  }
  if (found.length === 0) {
    for (const ranked of await rankBetweenReleases(repo, record)) {
      await add({ sha: ranked.sha, origin: 'version-range', detail: ranked.detail }, ranked.sha);
    }
  }
  const defaultBranch = await repo.defaultBranch();
  const classified = classifyFixCommits(await withoutMergedParts(repo, found), defaultBranch);
  const backports = [
    ...classified.backports,
    ...(await findExistingBackports({
      repo,
      classified,
      defaultBranch,
      branches: options.branches,
    })),
  ];
  return {
    advisory: record.id,
    aliases: record.aliases ?? [],
    repository: repo.dir,
    defaultBranch,
    upstream: classified.upstream,
    backports: dedupeBackports(backports),
    missing,
  };
}

/**
 * A merge commit and a commit of the branch it merged are one fix: the merge's diff against
 * its first parent already holds it, and porting both would apply it twice. The merge stays.
 */
async function withoutMergedParts(repo: GitRepo, found: FoundCommit[]): Promise<FoundCommit[]> {
  const merges = [];
  for (const c of found) {
    const info = await repo.commitInfo(c.sha);
    if (info.parents.length > 1) merges.push(info);
  }
  if (merges.length === 0) return found;
  const kept: FoundCommit[] = [];
  for (const c of found) {
    let inside = false;
    for (const m of merges) {
      if (m.sha === c.sha) continue;
      if ((await repo.isAncestor(c.sha, m.sha)) && !(await repo.isAncestor(c.sha, m.parents[0]!)))
        inside = true;
    }
    if (!inside) kept.push(c);
  }
  return kept;
}

/** The best-ranked commits between the releases around each fixed version. */
async function rankBetweenReleases(
  repo: GitRepo,
  record: OsvRecord,
): Promise<Array<{ sha: string; detail: string }>> {
  const out: Array<{ sha: string; detail: string; score: number }> = [];
  for (const window of releaseWindows(record, await repo.tags())) {
    const commits = await repo.commitsBetween(window.previousTag, window.fixedTag);
    const diffs = new Map<string, string>();
    for (const commit of commits.slice(0, 100))
      diffs.set(commit.sha, await repo.patchText(commit.sha));
    // Below 3 only weak signals agree (a name mentioned, a test added): not worth a person's time.
    const ranked = rankCandidates(record, commits, diffs).filter((r) => r.score >= 3);
    for (const r of ranked.slice(0, RANKED)) {
      out.push({
        sha: r.sha,
        score: r.score,
        detail: `${window.previousTag}..${window.fixedTag}, score ${r.score}: ${r.signals.join('; ')}`,
      });
    }
  }
  return out.sort((a, b) => b.score - a.score).slice(0, RANKED);
}

export async function locateFix(
  ctx: AppContext,
  input: { advisory: string; repo: string; branches?: string[] },
): Promise<LocateReport> {
  const repo = await GitRepo.open(input.repo);
  return withStore(ctx, async (store) =>
    locateInRepo(repo, await requireAdvisory(store, input.advisory), { branches: input.branches }),
  );
}
