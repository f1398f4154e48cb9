// For a repository scan: the records whose GIT ranges are about this repository, and what
// commit ancestry says about each at the scanned commit. Reads (records, event commits, one
// rev-list of the history), then decides with the pure `decideGitRanges`.
import { normalizeRepoUrl } from '../advisories/repo-url.js';
import type { OsvRecord } from '../advisories/osv.js';
import type { GitRepo } from '../git/repo.js';
import { decideGitRanges, gitRangeCommits, type GitRangeDecision } from '../match/git-range.js';
import { advisoriesForRepo } from '../store/advisories.js';
import type { Store } from '../store/open-store.js';

export interface GitRangeResult {
  /** The normalised URLs the repository was matched by. */
  repos: string[];
  /** Records with GIT ranges for the repository. */
  records: OsvRecord[];
  /** Record id to decision; a record ancestry cannot decide has none. */
  decisions: Map<string, GitRangeDecision>;
}

/**
 * `repoUrl` is what the user said the repository is (`--repo-url`); without it, every remote
 * of the clone is a name for it.
 */
export async function decideByGitRanges(input: {
  store: Store;
  repo: GitRepo;
  commit: string;
  repoUrl?: string;
}): Promise<GitRangeResult> {
  const { store, repo, commit } = input;
  const urls = input.repoUrl ? [input.repoUrl] : await repo.remoteUrls();
  const repos = [...new Set(urls.map(normalizeRepoUrl))];
  const byId = new Map<string, OsvRecord>();
  for (const url of repos) {
    for (const record of await advisoriesForRepo(store, url)) byId.set(record.id, record);
  }
  const records = [...byId.values()].filter((record) => !record.withdrawn);
  const decisions = new Map<string, GitRangeDecision>();
  if (records.length === 0) return { repos, records, decisions };
  // Two git processes for all records together: one resolves every event commit, one reads
  // the history of the scanned commit and of every event commit (limits need their own).
  const written = [...new Set(records.flatMap((record) => gitRangeCommits(record, repos)))];
  const resolved = await repo.resolveCommits(written);
  const known = [...resolved.values()].filter((sha): sha is string => sha !== null);
  const graph = await repo.commitGraph([commit, ...known]);
  for (const record of records) {
    const decision = decideGitRanges({
      record,
      repos,
      commit,
      ancestry: graph,
      resolve: (sha) => resolved.get(sha) ?? null,
    });
    if (decision) decisions.set(record.id, decision);
  }
  return { repos, records, decisions };
}
