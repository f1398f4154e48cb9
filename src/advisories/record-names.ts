// The ids under which one record's vulnerability is known, for grouping records that describe
// the same vulnerability into one finding.

/**
 * The record's id and aliases, and its `upstream` id when it has exactly one. OSV's `upstream`
 * is not an alias (https://ossf.github.io/osv-schema/#upstream-field): a distribution's
 * advisory often covers several upstream CVEs, and joining them through it would report
 * distinct vulnerabilities as one. With a single upstream id the record is that vulnerability
 * as the distribution ships it, so it joins its group. `related` never joins.
 */
export function recordNames(record: {
  id: string;
  aliases?: string[];
  upstream?: string[];
}): string[] {
  const upstream = record.upstream?.length === 1 ? record.upstream : [];
  return [...new Set([record.id, ...(record.aliases ?? []), ...upstream])];
}
