// Pull and merge requests an advisory names, and how a forge records them in the commit that
// landed them: GitHub's squash subject "(#N)" and merge "Merge pull request #N from",
// GitLab's "See merge request group/project!N", Bitbucket's "(pull request #N)".
import type { OsvRecord } from '../advisories/osv.js';

export interface PullRequestReference {
  number: number;
  url: string;
  forge: 'github' | 'gitlab' | 'bitbucket';
  /** `owner/name` as the URL spells it. */
  repository: string;
}

const PULL_URL: Array<{ forge: PullRequestReference['forge']; pattern: RegExp }> = [
  { forge: 'github', pattern: /^https?:\/\/github\.com\/(?<repo>[^/]+\/[^/]+)\/pull\/(?<n>\d+)/i },
  {
    forge: 'gitlab',
    pattern: /^https?:\/\/[^/]*gitlab[^/]*\/(?<repo>.+?)\/-\/merge_requests\/(?<n>\d+)/i,
  },
  {
    forge: 'bitbucket',
    pattern: /^https?:\/\/bitbucket\.org\/(?<repo>[^/]+\/[^/]+)\/pull-requests\/(?<n>\d+)/i,
  },
];

export function pullRequestReferences(record: OsvRecord): PullRequestReference[] {
  const found = new Map<string, PullRequestReference>();
  for (const reference of record.references ?? []) {
    for (const { forge, pattern } of PULL_URL) {
      const match = pattern.exec(reference.url);
      if (!match?.groups) continue;
      const number = Number(match.groups.n);
      const repository = match.groups.repo!;
      const key = `${forge}:${repository.toLowerCase()}#${number}`;
      if (!found.has(key)) found.set(key, { number, url: reference.url, forge, repository });
      break;
    }
  }
  return [...found.values()];
}

/**
 * Extended regular expressions (for `git log -E --grep`) that find the commit landing pull
 * request `n`: broad on purpose, `landedPullRequest` then decides on the exact message.
 */
export function pullRequestGreps(n: number): string[] {
  return [`#${n}\\b`, `!${n}\\b`];
}

/** How a commit message says it landed pull request `n`, or null when it does not. */
export function landedPullRequest(
  message: { subject: string; body: string },
  n: number,
): 'squash' | 'merge' | null {
  const { subject, body } = message;
  if (new RegExp(`^Merge pull request #${n}\\b`).test(subject)) return 'merge';
  if (new RegExp(`\\(pull request #${n}\\)`).test(subject)) return 'merge'; // Bitbucket
  if (new RegExp(`^See merge request \\S+!${n}$`, 'm').test(body)) return 'merge'; // GitLab
  // GitHub squash and rebase merges end the subject with the number, e.g. "Fix crash (#2231)".
  if (new RegExp(`\\(#${n}\\)$`).test(subject.trim())) return 'squash';
  return null;
}
