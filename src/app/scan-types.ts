// The scan report: one finding per vulnerability per package version, with the evidence when
// a backport (rather than the version number) is what fixes it.
import type { Evidence } from './backport-evidence.js';

export type FindingStatus = 'affected' | 'fixed' | 'fixed-by-backport' | 'not-affected';

export interface Finding {
  /** The id that speaks for the vulnerability (GHSA when there is one). */
  advisory: string;
  /** Its other ids: CVE, PYSEC, other GHSA... */
  aliases: string[];
  /** Similar but distinct vulnerabilities the records name as `related`; absent when none. */
  related?: string[];
  ecosystem: string;
  package: string;
  version: string;
  status: FindingStatus;
  /**
   * Why a version that looks affected is not: a backport in its history, the commit ancestry
   * of the advisory's GIT ranges in a repository scan, or a VEX statement. Empty unless
   * `fixed-by-backport`, or `not-affected` by a VEX statement.
   */
  evidence: Evidence[];
  /** The file(s) the package version was read from, comma-separated. */
  source: string;
  severity?: string;
  summary?: string;
}

export interface ScanProblem {
  /** The file (or `ref:file`) that could not be read. */
  source: string;
  message: string;
}

export interface ScanSummary {
  /** Package versions looked up. */
  packages: number;
  affected: number;
  fixed: number;
  fixedByBackport: number;
  notAffected: number;
}

export interface ScanReport {
  /** What was scanned: a path, or `repo@ref`. */
  target: string;
  /** For a repository scan: the commit the ref resolved to. */
  commit?: string;
  findings: Finding[];
  problems: ScanProblem[];
  summary: ScanSummary;
  /** With `--vex`: the documents read and how many findings their statements decided. */
  vex?: VexUse;
}

export interface VexUse {
  documents: Array<{ file: string; format: string; statements: number }>;
  /** Affected findings a VEX statement made fixed-by-backport or not-affected. */
  applied: number;
}
