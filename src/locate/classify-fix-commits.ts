// Decides which of an advisory's fix commits is the upstream fix and which are backports
// that already exist, from where each commit sits in the repository's branches.
import type { FixReference } from './fix-references.js';

export interface FoundCommit {
  reference: FixReference;
  sha: string;
  subject: string;
  /** Branches whose tips contain it. */
  branches: string[];
}

export interface UpstreamFix {
  commit: string;
  subject: string;
  confidence: Confidence;
  reason: string;
}

export type Confidence = 'high' | 'medium' | 'low';

export interface ExistingBackport {
  commit: string;
  branch: string;
  evidence: string;
  /** Found by the presence of the change at the branch tip: `commit` is the tip, not a backport. */
  viaPresence?: boolean;
}

export interface FixCommits {
  upstream: UpstreamFix[];
  backports: ExistingBackport[];
}

/**
 * A referenced commit on the default branch is the upstream fix; one that is only on other
 * branches is a backport there. When none is on the default branch (the fix landed on a
 * maintenance line first, or the default branch is unknown), the commit on the most branches
 * is taken as upstream with medium confidence, and the rest stay backports.
 */
export function classifyFixCommits(found: FoundCommit[], defaultBranch: string | null): FixCommits {
  const onDefault = (c: FoundCommit) =>
    defaultBranch !== null && c.branches.includes(defaultBranch);
  let upstreamCommits = found.filter(onDefault);
  let placement = `on the default branch ${defaultBranch}`;
  let lower = false;
  if (upstreamCommits.length === 0 && found.length > 0) {
    const most = Math.max(...found.map((c) => c.branches.length));
    upstreamCommits = found.filter((c) => c.branches.length === most).slice(0, 1);
    placement = 'not on the default branch, chosen as the commit on the most branches';
    lower = true;
  }
  const upstreamShas = new Set(upstreamCommits.map((c) => c.sha));
  const backports: ExistingBackport[] = [];
  for (const commit of found) {
    if (upstreamShas.has(commit.sha)) continue;
    for (const branch of commit.branches) {
      if (branch === defaultBranch) continue;
      backports.push({
        commit: commit.sha,
        branch,
        evidence: `commit ${commit.sha.slice(0, 12)} ${foundAs(commit)} is on ${branch}`,
      });
    }
  }
  return {
    upstream: upstreamCommits.map((c) => ({
      commit: c.sha,
      subject: c.subject,
      confidence: lower ? downgrade(originConfidence(c)) : originConfidence(c),
      reason: `${describeOrigin(c)}; ${placement}`,
    })),
    backports,
  };
}

function originConfidence(c: FoundCommit): Confidence {
  switch (c.reference.origin) {
    case 'message':
      return 'medium';
    case 'version-range':
      return 'low';
    default:
      return 'high';
  }
}

/** How a backport commit was found, as the middle of a sentence. */
function foundAs(c: FoundCommit): string {
  switch (c.reference.origin) {
    case 'pull-request':
      return `landing pull request ${c.reference.detail ?? ''} (by its subject)`;
    case 'message':
      return `whose message names ${c.reference.detail ?? 'the advisory'}`;
    case 'version-range':
      return 'ranked among the commits between releases';
    default:
      return 'named by the advisory';
  }
}

function downgrade(confidence: Confidence): Confidence {
  return confidence === 'high' ? 'medium' : 'low';
}

function describeOrigin(c: FoundCommit): string {
  switch (c.reference.origin) {
    case 'reference-url':
      return 'named by the advisory (commit URL)';
    case 'git-range':
      return 'named by the advisory (GIT range fixed event)';
    case 'pull-request':
      return `landed the pull request the advisory names (${c.reference.detail ?? c.reference.url})`;
    case 'message':
      return `its message names ${c.reference.detail ?? 'the advisory'}`;
    case 'version-range':
      return `ranked among the commits between releases (${c.reference.detail ?? ''})`;
  }
}
