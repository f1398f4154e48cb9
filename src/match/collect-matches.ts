// From packages and the records that name them to one match per vulnerability per package
// version: the records of one vulnerability (a GHSA, a PYSEC and a CVE that alias each other)
// are merged, so a scan never reports the same hole twice under different names.
import type { OsvRecord } from '../advisories/osv.js';
import { preferredAdvisoryId } from '../advisories/preferred-id.js';
import { recordNames } from '../advisories/record-names.js';
import { matchAdvisory, type MatchStatus, type PackageVersion } from './match-advisory.js';

export interface PackageCandidates {
  pkg: PackageVersion & { source: string };
  /** Records that may name the package (typically all records stored for its name). */
  records: OsvRecord[];
}

export interface VulnerabilityMatch {
  /** The id that speaks for the vulnerability (see `preferredAdvisoryId`). */
  advisory: string;
  /** Every other id of the vulnerability: the other records' ids and all their aliases. */
  aliases: string[];
  /** Ids the records list as `related`: similar but distinct vulnerabilities, never merged. */
  related: string[];
  ecosystem: string;
  package: string;
  version: string;
  status: MatchStatus;
  source: string;
  severity?: string;
  summary?: string;
  /** The record behind `advisory`. */
  record: OsvRecord;
  /** Every record of the vulnerability that names the package. */
  records: OsvRecord[];
}

/**
 * `aliasGroups` may add what the records alone do not say: ids connected through records
 * that do not name this package (the store's `aliasGroup`), keyed by record id. `decided`
 * gives the status of records decided otherwise (by commit ancestry), keyed by record id.
 */
export function collectMatches(
  candidates: PackageCandidates[],
  aliasGroups: ReadonlyMap<string, string[]> = new Map(),
  decided: ReadonlyMap<string, MatchStatus> = new Map(),
): VulnerabilityMatch[] {
  const matches: VulnerabilityMatch[] = [];
  for (const { pkg, records } of candidates) {
    const named = records
      .map((record) => ({ record, status: decided.get(record.id) ?? matchAdvisory(pkg, record) }))
      .filter((m): m is { record: OsvRecord; status: MatchStatus } => m.status !== null);
    for (const group of groupByAlias(named, aliasGroups)) {
      const ids = group.map((m) => m.record.id);
      const advisory = preferredAdvisoryId(ids)!;
      const primary = group.find((m) => m.record.id === advisory)!.record;
      const names = new Set(group.flatMap((m) => namesOf(m.record, aliasGroups)));
      names.delete(advisory);
      const related = new Set(group.flatMap((m) => m.record.related ?? []));
      for (const name of [...names, advisory]) related.delete(name);
      matches.push({
        advisory,
        aliases: [...names].sort(),
        related: [...related].sort(),
        ecosystem: pkg.ecosystem,
        package: pkg.name,
        version: pkg.version,
        status: worst(group.map((m) => m.status)),
        source: pkg.source,
        severity: severityOf(
          group.map((m) => m.record),
          primary,
        ),
        summary: primary.summary ?? group.find((m) => m.record.summary)?.record.summary,
        record: primary,
        records: group.map((m) => m.record),
      });
    }
  }
  return matches;
}

function namesOf(record: OsvRecord, aliasGroups: ReadonlyMap<string, string[]>): string[] {
  return [...recordNames(record), ...(aliasGroups.get(record.id) ?? [])];
}

/** Connected components of records that share any name (union-find over names). */
function groupByAlias<T extends { record: OsvRecord }>(
  items: T[],
  aliasGroups: ReadonlyMap<string, string[]>,
): T[][] {
  const parent = items.map((_, index) => index);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!;
    return i;
  };
  const owner = new Map<string, number>();
  items.forEach((item, index) => {
    for (const name of namesOf(item.record, aliasGroups)) {
      const other = owner.get(name);
      if (other === undefined) owner.set(name, index);
      else parent[find(index)] = find(other);
    }
  });
  const groups = new Map<number, T[]>();
  items.forEach((item, index) => {
    const root = find(index);
    groups.set(root, [...(groups.get(root) ?? []), item]);
  });
  return [...groups.values()];
}

/** When records of one vulnerability disagree, the most cautious answer stands. */
function worst(statuses: MatchStatus[]): MatchStatus {
  if (statuses.includes('affected')) return 'affected';
  return statuses.includes('fixed') ? 'fixed' : 'not-affected';
}

/**
 * The qualitative severity a database assigned (GitHub's `database_specific.severity`:
 * LOW, MODERATE, HIGH, CRITICAL). CVSS vectors are left to the triage step, which scores them.
 */
function severityOf(records: OsvRecord[], primary: OsvRecord): string | undefined {
  for (const record of [primary, ...records]) {
    const severity = record.database_specific?.severity;
    if (typeof severity === 'string' && severity.length > 0) return severity.toUpperCase();
  }
  return undefined;
}
