// What a shipped backport carries with it: the advisory, the upstream commits, how the port
// was adapted and how it was verified. One value feeds the pull/merge request body, the
// Debian patch header and the changelog entry, so they never disagree.

export interface ShipEvidence {
  /** The advisory id first, then its aliases. */
  advisories: string[];
  /** Upstream fix commits in port order, with their subject when known. */
  upstream: Array<{ sha: string; subject?: string }>;
  /** The upstream commit message of the last fix commit: its subject and body. */
  upstreamMessage: { subject: string; body: string; author?: string; date?: string };
  target: { ref: string; commit: string };
  /** The backport commit and the branch that carries it. */
  commit: string;
  branch: string;
  /** One line per adapted hunk; empty for a plain pick. */
  adaptations: string[];
  /** Absent when no verification of this commit is on record. */
  verification?: {
    status: string;
    command: string[];
    sandboxed: boolean;
    fixedTests: string[];
    regressedTests: string[];
    preExistingFailures: string[];
    notes?: string[];
  };
}

/** The id a distribution names a fix by: the CVE when there is one, else the first id. */
export function primaryAdvisory(advisories: string[]): string {
  return advisories.find((id) => /^CVE-\d{4}-\d+$/.test(id)) ?? advisories[0] ?? 'advisory';
}

/** `Name <email>` parsed, or null when it is not of that form. */
export function parseIdentity(value: string): { name: string; email: string } | null {
  const match = /^\s*([^<>]*?)\s*<([^<>\s]+@[^<>\s]+)>\s*$/.exec(value);
  if (!match || !match[1]) return null;
  return { name: match[1], email: match[2]! };
}

export function formatIdentity(identity: { name: string; email: string }): string {
  return `${identity.name} <${identity.email}>`;
}
