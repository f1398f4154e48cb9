import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { tempDir } from '../../test/temp.js';
import type { OsvRecord } from '../advisories/osv.js';
import { advisoriesForPackages, advisoriesForRepo, packageLookupKey } from './advisories.js';
import { migrations } from './migrations.js';
import { openStore } from './open-store.js';

const requests = parseYaml(
  fs.readFileSync(
    new URL(
      '../../test/fixtures/advisories/pypa/vulns/requests/PYSEC-2023-74.yaml',
      import.meta.url,
    ),
    'utf8',
  ),
) as OsvRecord;

describe('migrations', () => {
  it('brings a database of the first schema up to date, indexing the records it holds', async () => {
    const file = path.join(tempDir(), 'old.db');
    const db = new Kysely<any>({ dialect: new SqliteDialect({ database: new SQLite(file) }) }); // eslint-disable-line @typescript-eslint/no-explicit-any
    const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
    expect((await migrator.migrateTo('0001-advisories-and-ledger')).error).toBeUndefined();
    await db
      .insertInto('advisories')
      .values({
        id: requests.id,
        modified: requests.modified,
        record: JSON.stringify(requests),
        source: 'old import',
        imported_at: '2024-01-01T00:00:00Z',
      })
      .execute();
    await db
      .insertInto('affected_packages')
      .values({ advisory_id: requests.id, ecosystem: 'PyPI', name: 'requests' })
      .execute();
    await db.destroy();

    const store = await openStore(file);
    try {
      expect((await advisoriesForRepo(store, 'github.com/psf/requests')).map((r) => r.id)).toEqual([
        requests.id,
      ]);
      const [view] =
        (await advisoriesForPackages(store, [{ ecosystem: 'PyPI', name: 'requests' }])).get(
          packageLookupKey('PyPI', 'requests'),
        ) ?? [];
      expect(view).toMatchObject({ id: requests.id, affected: requests.affected });
      // The view leaves out what matching does not read.
      expect(view).not.toHaveProperty('details');
      expect(view).not.toHaveProperty('references');
    } finally {
      await store.close();
    }
  });
});
