import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../test/cli.js';
import { tempDir } from '../../../test/temp.js';
import { findAdvisory } from '../../store/advisories.js';
import { openStore } from '../../store/open-store.js';

const fixtures = fileURLToPath(new URL('../../../test/fixtures/advisories', import.meta.url));

/** Two good records and one that is not valid OSV. */
function advisoryFolder(): string {
  const dir = path.join(tempDir(), 'osv');
  fs.mkdirSync(dir, { recursive: true });
  fs.copyFileSync(`${fixtures}/github/GHSA-3h5v-q93c-6h6q.json`, `${dir}/GHSA-3h5v-q93c-6h6q.json`);
  fs.copyFileSync(
    `${fixtures}/pypa/vulns/requests/PYSEC-2023-74.yaml`,
    `${dir}/PYSEC-2023-74.yaml`,
  );
  fs.writeFileSync(
    `${dir}/GHSA-2222-3333-4444.json`,
    JSON.stringify({
      id: 'GHSA-2222-3333-4444',
      modified: '2024-01-01T00:00:00Z',
      severity: 'HIGH',
    }),
  );
  return dir;
}

async function storedIds(db: string, ids: string[]): Promise<Array<string | null>> {
  const store = await openStore(db);
  try {
    return await Promise.all(ids.map(async (id) => (await findAdvisory(store, id))?.id ?? null));
  } finally {
    await store.close();
  }
}

describe('retrofit advisories import', () => {
  it('imports the good records of a folder, lists the bad one by file and id, and exits 0', async () => {
    const dir = advisoryFolder();
    const db = path.join(tempDir(), 'retrofit.db');
    const run = await runCli(['advisories', 'import', dir, '--db', db]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      `imported 2 advisories from ${dir}; 1 could not be read (listed above)\n`,
    );
    expect(run.stderr).toContain(
      `skipped ${dir}/GHSA-2222-3333-4444.json (GHSA-2222-3333-4444): not a valid OSV record: /severity must be array`,
    );
    // Kept, and found by alias as well as by id.
    expect(await storedIds(db, ['CVE-2024-37890', 'PYSEC-2023-74', 'GHSA-2222-3333-4444'])).toEqual(
      ['GHSA-3h5v-q93c-6h6q', 'PYSEC-2023-74', null],
    );
  });

  it('reports problems in JSON', async () => {
    const dir = advisoryFolder();
    const db = path.join(tempDir(), 'retrofit.db');
    const run = await runCli(['advisories', 'import', dir, '--db', db, '--json']);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.json).toEqual({
      input: dir,
      imported: 2,
      skippedOlder: 0,
      problems: [
        {
          source: `${dir}/GHSA-2222-3333-4444.json`,
          id: 'GHSA-2222-3333-4444',
          message: expect.stringContaining('/severity must be array'),
        },
      ],
      warnings: [],
    });
  });

  it('imports an osv.dev-style zip of <ID>.json files, relative to the working folder', async () => {
    const dir = advisoryFolder();
    const root = path.dirname(dir);
    execFileSync('zip', [
      '-q',
      '-j',
      path.join(root, 'all.zip'),
      `${fixtures}/github/GHSA-3h5v-q93c-6h6q.json`,
      `${fixtures}/github/GHSA-6fc8-4gx4-v693.json`,
    ]);
    const run = await runCli(
      ['advisories', 'import', 'all.zip', '--db', 'db/retrofit.db', '--json'],
      {
        cwd: root,
      },
    );
    expect(run.json).toMatchObject({ input: 'all.zip', imported: 2, problems: [] });
    expect(await storedIds(path.join(root, 'db/retrofit.db'), ['CVE-2021-32640'])).toEqual([
      'GHSA-6fc8-4gx4-v693',
    ]);
    const again = await runCli(
      ['advisories', 'import', 'all.zip', '--db', 'db/retrofit.db', '--json'],
      {
        cwd: root,
      },
    );
    // Same `modified`: rewritten, not kept as older.
    expect(again.json).toMatchObject({ imported: 2, skippedOlder: 0 });
  });

  it('exits 2 when nothing could be imported', async () => {
    const dir = path.join(tempDir(), 'bad');
    fs.mkdirSync(dir);
    fs.writeFileSync(`${dir}/x.json`, '{');
    const run = await runCli(['advisories', 'import', dir, '--db', path.join(dir, 'r.db')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`skipped ${dir}/x.json: not valid JSON`);
  });

  it('names a path that does not exist, exits 2 and creates no database', async () => {
    const root = tempDir();
    const run = await runCli(['advisories', 'import', 'missing.zip', '--db', 'r.db'], {
      cwd: root,
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('retrofit: missing.zip does not exist');
    expect(run.stderr).toContain('hint:');
    expect(fs.existsSync(path.join(root, 'r.db'))).toBe(false);
  });
});
