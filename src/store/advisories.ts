// OSV records in the database: import (newest `modified` wins), look-up by id or alias, by
// package, and the group of ids that name the same vulnerability.
import type { OsvRecord } from '../advisories/osv.js';
import { preferredAdvisoryId } from '../advisories/preferred-id.js';
import { compareTimestamps } from '../advisories/timestamps.js';
import { normalizePackageName } from '../ecosystems/index.js';
import { aliasesOf, gitReposOf, matchViewOf, packagesOf } from './advisory-rows.js';
import { inTransaction, type Store } from './open-store.js';

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
  return inTransaction(store, (tx) => writeAdvisories(tx, items, options));
}

/**
 * Rows per multi-row statement. SQLite allows 32766 bound values per statement; the widest
 * table here has 8 columns, so 500 rows stay far below it, and PostgreSQL's 65535 too.
 */
const ROWS_PER_STATEMENT = 500;

/**
 * Writes the records, keeping a stored record that is newer, inside the caller's transaction
 * (`inTransaction`). A handful of multi-row statements per call rather than six statements per
 * record: the round trips through the query builder were most of an import's time.
 */
export async function writeAdvisories(
  tx: Store,
  items: AdvisoryInput[],
  options: { importedAt?: string } = {},
): Promise<UpsertResult> {
  const importedAt = options.importedAt ?? new Date().toISOString();
  // One row per id: a later item replaces an earlier one unless the earlier one is newer.
  const latest = new Map<string, AdvisoryInput>();
  let skippedOlder = 0;
  for (const item of items) {
    const seen = latest.get(item.record.id);
    if (seen && isNewer(seen.record.modified, item.record.modified)) skippedOlder++;
    else {
      if (seen && isNewer(item.record.modified, seen.record.modified)) skippedOlder++;
      latest.set(item.record.id, item);
    }
  }
  const stored = new Map<string, string>();
  for (const ids of chunks([...latest.keys()], ROWS_PER_STATEMENT)) {
    const rows = await tx.db
      .selectFrom('advisories')
      .select(['id', 'modified'])
      .where('id', 'in', ids)
      .execute();
    for (const row of rows) stored.set(row.id, row.modified);
  }
  const writes: AdvisoryInput[] = [];
  for (const item of latest.values()) {
    const modified = stored.get(item.record.id);
    if (modified !== undefined && isNewer(modified, item.record.modified)) skippedOlder++;
    else writes.push(item);
  }
  const replaced = writes.map((w) => w.record.id).filter((id) => stored.has(id));
  for (const ids of chunks(replaced, ROWS_PER_STATEMENT)) {
    await tx.db.deleteFrom('advisory_aliases').where('advisory_id', 'in', ids).execute();
    await tx.db.deleteFrom('affected_packages').where('advisory_id', 'in', ids).execute();
    await tx.db.deleteFrom('affected_git_repos').where('advisory_id', 'in', ids).execute();
    await tx.db.deleteFrom('advisory_match_views').where('advisory_id', 'in', ids).execute();
  }
  for (const batch of chunks(writes, ROWS_PER_STATEMENT)) {
    await tx.db
      .insertInto('advisories')
      .values(
        batch.map(({ record, source }) => ({
          id: record.id,
          modified: record.modified,
          published: record.published ?? null,
          withdrawn: record.withdrawn ?? null,
          summary: record.summary ?? null,
          record: JSON.stringify(record),
          source,
          imported_at: importedAt,
        })),
      )
      .onConflict((conflict) =>
        conflict.column('id').doUpdateSet((eb) => ({
          modified: eb.ref('excluded.modified'),
          published: eb.ref('excluded.published'),
          withdrawn: eb.ref('excluded.withdrawn'),
          summary: eb.ref('excluded.summary'),
          record: eb.ref('excluded.record'),
          source: eb.ref('excluded.source'),
          imported_at: eb.ref('excluded.imported_at'),
        })),
      )
      .execute();
  }
  for (const batch of chunks(writes, ROWS_PER_STATEMENT)) {
    await tx.db
      .insertInto('advisory_match_views')
      .values(
        batch.map(({ record }) => ({
          advisory_id: record.id,
          view: JSON.stringify(matchViewOf(record)),
        })),
      )
      .execute();
  }
  const aliases = writes.flatMap(({ record }) =>
    aliasesOf(record).map((alias) => ({ alias, advisory_id: record.id })),
  );
  for (const rows of chunks(aliases, ROWS_PER_STATEMENT)) {
    await tx.db.insertInto('advisory_aliases').values(rows).execute();
  }
  const packages = writes.flatMap(({ record }) =>
    packagesOf(record).map((pkg) => ({ ...pkg, advisory_id: record.id })),
  );
  for (const rows of chunks(packages, ROWS_PER_STATEMENT)) {
    await tx.db.insertInto('affected_packages').values(rows).execute();
  }
  const repos = writes.flatMap(({ record }) =>
    gitReposOf(record).map((repo) => ({ repo, advisory_id: record.id })),
  );
  for (const rows of chunks(repos, ROWS_PER_STATEMENT)) {
    await tx.db.insertInto('affected_git_repos').values(rows).execute();
  }
  return { written: writes.length, skippedOlder };
}

function chunks<T>(items: T[], size: number): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += size) result.push(items.slice(i, i + size));
  return result;
}

/** Whether timestamp `a` is later than `b` (see `compareTimestamps`). */
function isNewer(a: string, b: string): boolean {
  return compareTimestamps(a, b) > 0;
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

/**
 * `advisoriesForPackage` for many packages at once: a few queries in all rather than one per
 * package. Keyed by `packageLookupKey`; a package no record names has no entry. Records that
 * name several of the packages are parsed once and shared. The records are reduced to what
 * matching reads (`matchViewOf`: no details, no references); `findAdvisory` has the rest.
 */
export async function advisoriesForPackages(
  store: Store,
  packages: Array<{ ecosystem: string; name: string }>,
): Promise<Map<string, OsvRecord[]>> {
  const wanted = new Map<string, Set<string>>();
  for (const pkg of packages) {
    const name = normalizePackageName(pkg.ecosystem, pkg.name);
    wanted.set(name, (wanted.get(name) ?? new Set()).add(pkg.ecosystem));
  }
  const parsed = new Map<string, OsvRecord>();
  const result = new Map<string, OsvRecord[]>();
  for (const names of chunks([...wanted.keys()], ROWS_PER_STATEMENT)) {
    const rows = await store.db
      .selectFrom('affected_packages')
      .innerJoin(
        'advisory_match_views',
        'advisory_match_views.advisory_id',
        'affected_packages.advisory_id',
      )
      .select([
        'affected_packages.ecosystem',
        'affected_packages.name',
        'affected_packages.advisory_id as id',
        'advisory_match_views.view',
      ])
      .where('affected_packages.name', 'in', names)
      .execute();
    for (const row of rows) {
      for (const ecosystem of wanted.get(row.name) ?? []) {
        // OSV ecosystems may carry a suffix (`Debian:11`); the bare name asks for all of them.
        if (row.ecosystem !== ecosystem && !row.ecosystem.startsWith(`${ecosystem}:`)) continue;
        let record = parsed.get(row.id);
        if (!record) parsed.set(row.id, (record = parseRecord(row.view)));
        const key = packageLookupKey(ecosystem, row.name);
        const list = result.get(key) ?? [];
        if (!list.includes(record)) list.push(record);
        result.set(key, list);
      }
    }
  }
  for (const list of result.values()) list.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return result;
}

/** The key of `advisoriesForPackages`'s answer for a package. */
export function packageLookupKey(ecosystem: string, name: string): string {
  return `${ecosystem}\0${normalizePackageName(ecosystem, name)}`;
}

/** Every record whose GIT ranges name the repository (a URL as `normalizeRepoUrl` spells it). */
export async function advisoriesForRepo(store: Store, repo: string): Promise<OsvRecord[]> {
  const rows = await store.db
    .selectFrom('affected_git_repos')
    .innerJoin('advisories', 'advisories.id', 'affected_git_repos.advisory_id')
    .select('advisories.record')
    .where('affected_git_repos.repo', '=', repo)
    .orderBy('advisories.id')
    .execute();
  return rows.map((row) => parseRecord(row.record));
}

/**
 * `aliasGroup` for many ids at once: the alias rows of the whole connected neighbourhood are
 * read in a few batched rounds, then split into groups in memory.
 */
export async function aliasGroups(store: Store, ids: string[]): Promise<Map<string, string[]>> {
  const edges: Array<[string, string]> = [];
  const seenNames = new Set(ids);
  const seenRecords = new Set<string>();
  let frontier = [...seenNames];
  while (frontier.length > 0) {
    const records: string[] = [];
    for (const names of chunks(frontier, ROWS_PER_STATEMENT)) {
      const rows = await store.db
        .selectFrom('advisory_aliases')
        .select('advisory_id')
        .distinct()
        .where('alias', 'in', names)
        .execute();
      for (const row of rows) {
        if (!seenRecords.has(row.advisory_id)) {
          seenRecords.add(row.advisory_id);
          records.push(row.advisory_id);
        }
      }
    }
    frontier = [];
    for (const batch of chunks(records, ROWS_PER_STATEMENT)) {
      const rows = await store.db
        .selectFrom('advisory_aliases')
        .select(['alias', 'advisory_id'])
        .where('advisory_id', 'in', batch)
        .execute();
      for (const row of rows) {
        edges.push([row.alias, row.advisory_id]);
        if (!seenNames.has(row.alias)) {
          seenNames.add(row.alias);
          frontier.push(row.alias);
        }
      }
    }
  }
  // Union-find over names; a record id is also one of its own aliases, so edges join names.
  const parent = new Map<string, string>();
  const find = (name: string): string => {
    let root = name;
    while (parent.has(root) && parent.get(root) !== root) root = parent.get(root)!;
    parent.set(name, root);
    return root;
  };
  for (const [a, b] of edges) {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent.set(ra, rb);
  }
  const members = new Map<string, string[]>();
  for (const name of seenNames) {
    const root = find(name);
    members.set(root, [...(members.get(root) ?? []), name]);
  }
  const result = new Map<string, string[]>();
  for (const id of ids) result.set(id, [...(members.get(find(id)) ?? [id])].sort());
  return result;
}

/** Where the last sync from `source` left each ecosystem: the newest `modified` stored. */
export async function readSyncCursors(store: Store, source: string): Promise<Map<string, string>> {
  const rows = await store.db
    .selectFrom('sync_state')
    .select(['ecosystem', 'last_modified'])
    .where('source', '=', source)
    .execute();
  return new Map(rows.map((row) => [row.ecosystem, row.last_modified]));
}

export async function writeSyncCursor(
  tx: Store,
  input: { source: string; ecosystem: string; lastModified: string; syncedAt: string },
): Promise<void> {
  const row = { last_modified: input.lastModified, synced_at: input.syncedAt };
  await tx.db
    .insertInto('sync_state')
    .values({ source: input.source, ecosystem: input.ecosystem, ...row })
    .onConflict((conflict) => conflict.columns(['source', 'ecosystem']).doUpdateSet(row))
    .execute();
}

/** How many stored records are withdrawn. */
export async function countWithdrawn(store: Store): Promise<number> {
  const row = await store.db
    .selectFrom('advisories')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('withdrawn', 'is not', null)
    .executeTakeFirstOrThrow();
  return Number(row.count);
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
