// The fix commits an advisory names: `.../commit/<sha>` reference URLs (GitHub, GitLab,
// Bitbucket, cgit/gitweb styles) and the `fixed` events of GIT ranges.
import type { OsvRecord } from '../advisories/osv.js';

export interface FixReference {
  /** Lower-case hex, 7 to 40 characters as written in the advisory. */
  sha: string;
  /**
   * How it was found: the advisory names it (commit URL, GIT range), names the pull request
   * that landed it, a commit message names the advisory, or it was ranked among the commits
   * between the releases around a fixed version.
   */
  origin: 'reference-url' | 'git-range' | 'pull-request' | 'message' | 'version-range';
  /** For a person: which pull request, which id, which signals. */
  detail?: string;
  url?: string;
  /** `owner/name` or the repository URL, when the advisory says. */
  repository?: string;
}

const COMMIT_URL = [
  // github.com/o/r/commit/sha, gitlab.com/o/r/-/commit/sha, bitbucket.org/o/r/commits/sha
  /^https?:\/\/[^/]+\/(?<repo>.+?)\/(?:-\/)?commits?\/(?<sha>[0-9a-f]{7,40})(?:[/?#.].*)?$/i,
  // cgit and gitweb: ?id=sha / ;h=sha / a=commit;h=sha
  /^https?:\/\/[^?]+\?(?:.*[;&])?(?:id|h)=(?<sha>[0-9a-f]{7,40})(?:[;&#].*)?$/i,
];

export function fixReferences(record: OsvRecord): FixReference[] {
  const found = new Map<string, FixReference>();
  for (const reference of record.references ?? []) {
    for (const pattern of COMMIT_URL) {
      const match = pattern.exec(reference.url);
      const sha = match?.groups?.sha?.toLowerCase();
      if (sha && !found.has(sha)) {
        found.set(sha, {
          sha,
          origin: 'reference-url',
          url: reference.url,
          repository: match?.groups?.repo,
        });
        break;
      }
    }
  }
  for (const affected of record.affected ?? []) {
    for (const range of affected.ranges ?? []) {
      if (range.type !== 'GIT') continue;
      for (const event of range.events) {
        const sha = event.fixed?.toLowerCase();
        if (sha && /^[0-9a-f]{7,40}$/.test(sha) && !found.has(sha)) {
          found.set(sha, { sha, origin: 'git-range', repository: range.repo });
        }
      }
    }
  }
  return [...found.values()];
}
