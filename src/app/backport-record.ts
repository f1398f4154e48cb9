// The ledger payload of one backport attempt: what was ported from where to where, how it
// went, and the evidence. VEX statements and scan evidence are derived from these.

export interface BackportRecord {
  advisory: string;
  aliases: string[];
  /** Upstream fix commits, in port order. */
  upstream: string[];
  repository: string;
  target: { ref: string; commit: string };
  /** The package at the target, when the project declares one. */
  package?: { ecosystem: string; name: string; version: string };
  outcome: 'shipped' | 'already-fixed' | 'conflict' | 'regressed' | 'unproven' | 'failed';
  /** The backport commit, when one was made. */
  resultCommit?: string;
  /** Chain porting: the newer release line's backport this port started from. */
  portedFrom?: { branch: string; commit: string };
  /** Upstream commits the fix builds on, ported first as commits of their own. */
  prerequisites?: string[];
  branch?: string;
  files: Array<{ path: string; status: string }>;
  verification?: {
    status: 'verified' | 'regressed' | 'unproven' | 'failed' | 'skipped';
    command: string[];
    sandboxed: boolean;
    fixedTests: string[];
    regressedTests: string[];
    preExistingFailures: string[];
    /** What limits the verdict (a run stopped at the limit, network access blocked, ...). */
    notes?: string[];
    /** The upstream fix's own lines found in the result (patch presence), and where. */
    presence?: { status: string; locations: string[] };
  };
  /** Push, pull/merge request and quilt patch, when they were asked for. */
  shipping?: {
    push?: { remote: string; url: string; branch: string; status: string };
    request?: { kind: string; number: number; url: string };
    quilt?: { dir: string; patch: string; version: string };
  };
  message?: string;
  startedAt: string;
  finishedAt: string;
}
