// The index rows a record is stored with: the names it answers to, the packages it names and
// the repositories its GIT ranges are about.
import type { OsvRecord } from '../advisories/osv.js';
import { recordNames } from '../advisories/record-names.js';
import { normalizeRepoUrl } from '../advisories/repo-url.js';
import { normalizePackageName } from '../ecosystems/index.js';

/** Every name the record answers to (see `recordNames`). */
export function aliasesOf(record: OsvRecord): string[] {
  return recordNames(record);
}

export function packagesOf(record: OsvRecord): Array<{ ecosystem: string; name: string }> {
  const seen = new Map<string, { ecosystem: string; name: string }>();
  for (const entry of record.affected ?? []) {
    if (!entry?.package) continue;
    const { ecosystem } = entry.package;
    const name = normalizePackageName(ecosystem, entry.package.name);
    seen.set(`${ecosystem}\0${name}`, { ecosystem, name });
  }
  return [...seen.values()];
}

/** The normalised URLs of the repositories the record's GIT ranges name. */
export function gitReposOf(record: OsvRecord): string[] {
  const repos = new Set<string>();
  for (const entry of record.affected ?? []) {
    for (const range of entry?.ranges ?? []) {
      if (range.type === 'GIT' && range.repo) repos.add(normalizeRepoUrl(range.repo));
    }
  }
  return [...repos];
}

/**
 * The part of a record that matching reads: ids, status, summary, the database's severity and
 * the affected packages' ranges and versions. Scans read this instead of the whole record,
 * whose details and references are most of its bytes.
 */
export function matchViewOf(record: OsvRecord): OsvRecord {
  const view: OsvRecord = { id: record.id, modified: record.modified };
  if (record.withdrawn) view.withdrawn = record.withdrawn;
  if (record.aliases) view.aliases = record.aliases;
  if (record.upstream) view.upstream = record.upstream;
  if (record.related) view.related = record.related;
  if (record.summary) view.summary = record.summary;
  const severity = record.database_specific?.severity;
  if (severity !== undefined) view.database_specific = { severity };
  view.affected = (record.affected ?? []).map((entry) => {
    const slim: NonNullable<OsvRecord['affected']>[number] = {};
    if (entry?.package) slim.package = entry.package;
    if (entry?.ranges) slim.ranges = entry.ranges;
    if (entry?.versions) slim.versions = entry.versions;
    return slim;
  });
  return view;
}
