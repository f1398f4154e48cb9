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
  confidence: 'high' | 'medium';
  reason: string;
}

export interface ExistingBackport {
  commit: string;
  branch: string;
  evidence: string;
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
  let confidence: UpstreamFix['confidence'] = 'high';
  let reason = (c: FoundCommit) =>
    `named by the advisory (${c.reference.origin === 'git-range' ? 'GIT range fixed event' : 'commit URL'}) and on the default branch ${defaultBranch}`;
  if (upstreamCommits.length === 0 && found.length > 0) {
    const most = Math.max(...found.map((c) => c.branches.length));
    upstreamCommits = found.filter((c) => c.branches.length === most).slice(0, 1);
    confidence = 'medium';
    reason = () =>
      'named by the advisory; not on the default branch, chosen as the commit on the most branches';
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
        evidence: `commit ${commit.sha.slice(0, 12)} named by the advisory is on ${branch}`,
      });
    }
  }
  return {
    upstream: upstreamCommits.map((c) => ({
      commit: c.sha,
      subject: c.subject,
      confidence,
      reason: reason(c),
    })),
    backports,
  };
}
