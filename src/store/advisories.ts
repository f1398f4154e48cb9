// OSV records in the database: import (newest `modified` wins), look-up by id or alias, by
// package, and the group of ids that name the same vulnerability.
import type { OsvRecord } from '../advisories/osv.js';
import { preferredAdvisoryId } from '../advisories/preferred-id.js';
import { normalizePackageName } from '../ecosystems/index.js';
import type { Store } from './open-store.js';

export interface AdvisoryInput {
  record: OsvRecord;
  /** Where it came from: a file, or `archive.zip:inner/path.json`. */
  source: string;
}

export interface UpsertResult {
  /** Records inserted or replaced. */
  written: number;
  /** Records not written because the stored copy has a newer `modified`. */
  skippedOlder: number;
}

/** Stores the records in one transaction, keeping a stored record that is newer. */
export async function upsertAdvisories(
  store: Store,
  items: AdvisoryInput[],
  options: { importedAt?: string } = {},
): Promise<UpsertResult> {
  const importedAt = options.importedAt ?? new Date().toISOString();
  return store.db.transaction().execute(async (trx) => {
    const result: UpsertResult = { written: 0, skippedOlder: 0 };
    for (const { record, source } of items) {
      const stored = await trx
        .selectFrom('advisories')
        .select('modified')
        .where('id', '=', record.id)
        .executeTakeFirst();
      if (stored && isNewer(stored.modified, record.modified)) {
        result.skippedOlder++;
        continue;
      }
      const row = {
        modified: record.modified,
        published: record.published ?? null,
        withdrawn: record.withdrawn ?? null,
        summary: record.summary ?? null,
        record: JSON.stringify(record),
        source,
        imported_at: importedAt,
      };
      await trx
        .insertInto('advisories')
        .values({ id: record.id, ...row })
        .onConflict((conflict) => conflict.column('id').doUpdateSet(row))
        .execute();
      await trx.deleteFrom('advisory_aliases').where('advisory_id', '=', record.id).execute();
      await trx.deleteFrom('affected_packages').where('advisory_id', '=', record.id).execute();
      await trx
        .insertInto('advisory_aliases')
        .values(aliasesOf(record).map((alias) => ({ alias, advisory_id: record.id })))
        .execute();
      const packages = packagesOf(record);
      if (packages.length > 0) {
        await trx
          .insertInto('affected_packages')
          .values(packages.map((pkg) => ({ ...pkg, advisory_id: record.id })))
          .execute();
      }
      result.written++;
    }
    return result;
  });
}

/**
 * Whether timestamp `a` is later than `b`. OSV timestamps are RFC 3339 in UTC, but fractional
 * seconds vary between databases, so they are compared as instants, not as strings.
 */
function isNewer(a: string, b: string): boolean {
  const left = Date.parse(a);
  const right = Date.parse(b);
  return Number.isNaN(left) || Number.isNaN(right) ? a > b : left > right;
}

/** The record's own id, its aliases and its upstream ids: every name it answers to. */
function aliasesOf(record: OsvRecord): string[] {
  return [...new Set([record.id, ...(record.aliases ?? []), ...(record.upstream ?? [])])];
}

function packagesOf(record: OsvRecord): Array<{ ecosystem: string; name: string }> {
  const seen = new Map<string, { ecosystem: string; name: string }>();
  for (const entry of record.affected ?? []) {
    if (!entry?.package) continue;
    const { ecosystem } = entry.package;
    const name = normalizePackageName(ecosystem, entry.package.name);
    seen.set(`${ecosystem}\0${name}`, { ecosystem, name });
  }
  return [...seen.values()];
}

/**
 * The record with this id, else the one that has it as an alias. When several records share
 * the alias (a CVE with a GHSA and a PYSEC record), the GHSA one wins, then the first by id.
 * Ids are matched exactly first, then ignoring case (`cve-2024-37890`).
 */
export async function findAdvisory(store: Store, idOrAlias: string): Promise<OsvRecord | null> {
  const exact = await store.db
    .selectFrom('advisories')
    .select('record')
    .where('id', '=', idOrAlias)
    .executeTakeFirst();
  if (exact) return parseRecord(exact.record);
  let ids = await idsForAlias(store, idOrAlias, false);
  if (ids.length === 0) ids = await idsForAlias(store, idOrAlias, true);
  const chosen = preferredAdvisoryId(ids, idOrAlias);
  if (!chosen) return null;
  const row = await store.db
    .selectFrom('advisories')
    .select('record')
    .where('id', '=', chosen)
    .executeTakeFirst();
  return row ? parseRecord(row.record) : null;
}

async function idsForAlias(store: Store, alias: string, ignoreCase: boolean): Promise<string[]> {
  const query = store.db.selectFrom('advisory_aliases').select('advisory_id').distinct();
  const rows = ignoreCase
    ? await query.where((eb) => eb(eb.fn('lower', ['alias']), '=', alias.toLowerCase())).execute()
    : await query.where('alias', '=', alias).execute();
  return rows.map((row) => row.advisory_id);
}

/** Every record that names the package (name normalised by its ecosystem), sorted by id. */
export async function advisoriesForPackage(
  store: Store,
  ecosystem: string,
  name: string,
): Promise<OsvRecord[]> {
  const rows = await store.db
    .selectFrom('affected_packages')
    .innerJoin('advisories', 'advisories.id', 'affected_packages.advisory_id')
    .select('advisories.record')
    .distinct()
    .where('affected_packages.name', '=', normalizePackageName(ecosystem, name))
    .where((eb) =>
      eb.or([
        eb('affected_packages.ecosystem', '=', ecosystem),
        // OSV ecosystems may carry a suffix (`Debian:11`); the bare name asks for all of them.
        eb('affected_packages.ecosystem', 'like', `${ecosystem}:%`),
      ]),
    )
    .orderBy('advisories.id')
    .execute();
  return rows.map((row) => parseRecord(row.record));
}

/**
 * Every id connected to `id` through aliases, `id` included, sorted: record ids and the
 * aliases they list. A GHSA record aliasing a CVE and a PYSEC record aliasing the same CVE
 * form one group. An id the database does not know is a group of one.
 */
export async function aliasGroup(store: Store, id: string): Promise<string[]> {
  const group = new Set([id]);
  const visitedRecords = new Set<string>();
  let frontier = [id];
  while (frontier.length > 0) {
    const records = (
      await store.db
        .selectFrom('advisory_aliases')
        .select('advisory_id')
        .distinct()
        .where('alias', 'in', frontier)
        .execute()
    )
      .map((row) => row.advisory_id)
      .filter((recordId) => !visitedRecords.has(recordId));
    if (records.length === 0) break;
    for (const recordId of records) visitedRecords.add(recordId);
    const names = await store.db
      .selectFrom('advisory_aliases')
      .select('alias')
      .distinct()
      .where('advisory_id', 'in', records)
      .execute();
    frontier = names.map((row) => row.alias).filter((alias) => !group.has(alias));
    for (const alias of frontier) group.add(alias);
  }
  return [...group].sort();
}

function parseRecord(text: string): OsvRecord {
  return JSON.parse(text) as OsvRecord;
}

/** How many records the database holds. */
export async function countAdvisories(store: Store): Promise<number> {
  const row = await store.db
    .selectFrom('advisories')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}
