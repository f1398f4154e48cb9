// Decides whether a commit is affected by a record's GIT ranges, by ancestry, following the
// OSV schema (https://ossf.github.io/osv-schema/#affectedrangestype-field): for GIT ranges
// `u < v` means "u is a (perhaps distant) parent of v", and a record lists every cherry-picked
// fix on every branch as its own `fixed` event. The ancestry itself is asked of git elsewhere
// and passed in.
import type { OsvEvent, OsvRecord } from '../advisories/osv.js';
import { normalizeRepoUrl } from '../advisories/repo-url.js';
import type { MatchStatus } from './match-advisory.js';

export interface Ancestry {
  /** Whether `ancestor` is `descendant` or one of its parents; both full shas. */
  isAncestor(ancestor: string, descendant: string): boolean;
}

export interface GitRangeDecision {
  status: MatchStatus;
  /** One line a person can read: which event commits decided it. */
  reason: string;
  /** The event commit that decided it (an introduced, fixed, last_affected or limit). */
  commit?: string;
}

/**
 * The event commits a record's GIT ranges for these repositories name (not `0`, not `*`), as
 * written: the caller resolves them to full shas in one batch.
 */
export function gitRangeCommits(record: OsvRecord, repos: readonly string[]): string[] {
  const commits = new Set<string>();
  for (const events of gitRangesFor(record, repos)) {
    for (const event of events) {
      const value = boundOf(event);
      if (value !== undefined && value !== '0' && value !== '*') commits.add(value);
    }
  }
  return [...commits];
}

/**
 * How the record's GIT ranges for one of `repos` (normalised URLs) apply to `commit`, or null
 * when it has none or none of their event commits is in this repository (a mirror with a
 * rewritten history, say), so ancestry cannot tell. `resolve` maps an event commit as
 * written to its full sha here, or null when the repository does not have it.
 *
 * Per range, `commit` is affected when it is before a limit (if there are limits) and some
 * introduced commit I is its ancestor with no fixed commit F such that I ≤ F ≤ commit (and no
 * last_affected L with I ≤ L < commit). Requiring the fix to come after that introduction is
 * what lets a range re-open (introduced, fixed, introduced again on the same branch) and keeps
 * a fix on another line of history from hiding an introduction it never followed.
 */
export function decideGitRanges(input: {
  record: OsvRecord;
  repos: readonly string[];
  commit: string;
  ancestry: Ancestry;
  resolve: (written: string) => string | null;
}): GitRangeDecision | null {
  const { record, repos, commit, ancestry, resolve } = input;
  const ranges = gitRangesFor(record, repos);
  if (ranges.length === 0) return null;
  const before = (a: string, b: string) => ancestry.isAncestor(a, b);
  const decisions: GitRangeDecision[] = [];
  for (const events of ranges) {
    const sha = (value: string) => (value === '0' || value === '*' ? value : resolve(value));
    const named = events.map(boundOf).filter((v) => v !== undefined && v !== '0' && v !== '*');
    if (named.length > 0 && named.every((v) => resolve(v!) === null)) continue;
    const introduced = events.flatMap((e) =>
      e.introduced === undefined ? [] : [sha(e.introduced)],
    );
    const fixed = events.flatMap((e) => (e.fixed === undefined ? [] : [sha(e.fixed)]));
    const lastAffected = events.flatMap((e) =>
      e.last_affected === undefined ? [] : [sha(e.last_affected)],
    );
    const limits = events.flatMap((e) => (e.limit === undefined ? [] : [sha(e.limit)]));
    const known = (list: Array<string | null>) => list.filter((v): v is string => v !== null);

    // "0" is before every commit; an introduced commit this repository lacks is before none.
    const reaches = (from: string, to: string) => from === '0' || before(from, to);
    const beforeLimits =
      limits.length === 0 ||
      limits.some(
        (limit) => limit === '*' || (limit !== null && limit !== commit && before(commit, limit)),
      );
    const open = known(introduced).find(
      (start) =>
        reaches(start, commit) &&
        !known(fixed).some((fix) => reaches(start, fix) && before(fix, commit)) &&
        !known(lastAffected).some(
          (last) => reaches(start, last) && last !== commit && before(last, commit),
        ),
    );
    if (open !== undefined && beforeLimits) {
      decisions.push({
        status: 'affected',
        commit: open === '0' ? undefined : open,
        reason:
          open === '0'
            ? 'affected from the first commit, and no fixed commit of the GIT range is in this history'
            : `introduced by ${short(open)}, and no later fixed commit of the GIT range is in this history`,
      });
      continue;
    }
    const fix = known(fixed).find((f) => f !== '0' && before(f, commit));
    if (fix) {
      decisions.push({
        status: 'fixed',
        commit: fix,
        reason: `fixed commit ${short(fix)} of the GIT range is in this history`,
      });
      continue;
    }
    const last = known(lastAffected).find((l) => l !== commit && before(l, commit));
    if (last) {
      decisions.push({
        status: 'fixed',
        commit: last,
        reason: `this history is past the GIT range's last affected commit ${short(last)}`,
      });
      continue;
    }
    decisions.push({
      status: 'not-affected',
      reason:
        open !== undefined
          ? "this commit is outside the GIT range's limits"
          : 'no introducing commit of the GIT range is in this history',
    });
  }
  if (decisions.length === 0) return null;
  // Any range that says affected decides, as in the OSV evaluation; then fixed.
  return (
    decisions.find((d) => d.status === 'affected') ??
    decisions.find((d) => d.status === 'fixed') ??
    decisions[0]!
  );
}

function gitRangesFor(record: OsvRecord, repos: readonly string[]): OsvEvent[][] {
  const wanted = new Set(repos);
  const result: OsvEvent[][] = [];
  for (const entry of record.affected ?? []) {
    for (const range of entry?.ranges ?? []) {
      if (range.type === 'GIT' && range.repo && wanted.has(normalizeRepoUrl(range.repo))) {
        result.push(range.events);
      }
    }
  }
  return result;
}

function boundOf(event: OsvEvent): string | undefined {
  return event.introduced ?? event.fixed ?? event.last_affected ?? event.limit;
}

function short(sha: string): string {
  return sha.slice(0, 12);
}
