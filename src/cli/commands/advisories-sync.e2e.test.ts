import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { runCli } from '../../../test/cli.js';
import { serveOsvFolder } from '../../../test/osv-server.js';
import { tempDir } from '../../../test/temp.js';
import type { OsvRecord } from '../../advisories/osv.js';
import { syncAdvisories } from '../../app/sync-advisories.js';
import { CleanupScope } from '../../cleanup.js';
import { countAdvisories, findAdvisory, readSyncCursors } from '../../store/advisories.js';
import { openStore } from '../../store/open-store.js';

// Real records (GitHub Advisory Database and PyPA, CC-BY 4.0; see test/fixtures/advisories).
const fixtures = fileURLToPath(new URL('../../../test/fixtures/advisories', import.meta.url));
const npmRecords = fs
  .readdirSync(`${fixtures}/github`)
  .filter((f) => f.endsWith('.json'))
  .map((f) => JSON.parse(fs.readFileSync(`${fixtures}/github/${f}`, 'utf8')) as OsvRecord);
const pypiRecords = ['requests/PYSEC-2023-74.yaml', 'urllib3/PYSEC-2023-192.yaml'].map(
  (f) => parseYaml(fs.readFileSync(`${fixtures}/pypa/vulns/${f}`, 'utf8')) as OsvRecord,
);

/** Writes an osv.dev-style tree for the records: all.zip, modified_id.csv and one JSON each. */
function publish(root: string, ecosystem: string, records: OsvRecord[]): void {
  const dir = path.join(root, ecosystem);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  for (const record of records) {
    fs.writeFileSync(path.join(dir, `${record.id}.json`), JSON.stringify(record, null, 2));
  }
  execFileSync('zip', ['-q', 'all.zip', ...records.map((r) => `${r.id}.json`)], { cwd: dir });
  const newestFirst = [...records].sort((a, b) => Date.parse(b.modified) - Date.parse(a.modified));
  fs.writeFileSync(
    path.join(dir, 'modified_id.csv'),
    newestFirst.map((r) => `${r.modified},${r.id}\n`).join(''),
  );
}

async function setup() {
  const root = tempDir();
  const served = path.join(root, 'bucket');
  publish(served, 'npm', npmRecords);
  publish(served, 'PyPI', pypiRecords);
  const server = await serveOsvFolder(served);
  const db = path.join(root, 'retrofit.db');
  const sync = (...extra: string[]) =>
    runCli(['advisories', 'sync', '--from', `${server.url}/`, '--db', db, ...extra]);
  return { root, served, server, db, sync };
}

async function inStore<T>(
  db: string,
  fn: (store: Awaited<ReturnType<typeof openStore>>) => Promise<T>,
) {
  const store = await openStore(db);
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

const ws = npmRecords.find((r) => r.id === 'GHSA-3h5v-q93c-6h6q')!;
const semver = npmRecords.find((r) => r.id === 'GHSA-c2qf-rxjj-qqgw')!;
const lockfile = (packages: Record<string, string>) =>
  JSON.stringify({
    name: 'app',
    lockfileVersion: 3,
    packages: {
      '': { name: 'app' },
      ...Object.fromEntries(
        Object.entries(packages).map(([name, version]) => [`node_modules/${name}`, { version }]),
      ),
    },
  });

/** The requests for the ecosystems the test server has. */
const served = (requests: string[]) =>
  requests.filter((r) => r.startsWith('/npm/') || r.startsWith('/PyPI/'));

describe('retrofit advisories sync', () => {
  it('downloads every archive the first time, then only the change index', async () => {
    const { server, db, sync } = await setup();
    const first = await sync();
    expect(first.code).toBe(0);
    expect(first.stdout).toBe(
      [
        `synced from ${server.url}`,
        `npm: full sync, imported ${npmRecords.length} advisories; newest 2024-10-04T20:31:00Z`,
        'PyPI: full sync, imported 2 advisories; newest 2023-10-10T14:28:19.389317Z',
        '',
      ].join('\n'),
    );
    expect(first.stderr).toContain(`npm: downloading ${server.url}/npm/all.zip`);
    // Every ecosystem retrofit scans is asked for; this source has only npm and PyPI, and the
    // others' 404s are reported, not failures.
    expect(served(server.requests)).toEqual(['/npm/all.zip', '/PyPI/all.zip']);
    expect(server.requests).toContain('/Go/all.zip');
    expect(first.stderr).toContain('Go: no advisories at this source');
    expect(await inStore(db, countAdvisories)).toBe(npmRecords.length + 2);
    expect(await inStore(db, (s) => findAdvisory(s, 'CVE-2023-32681'))).toMatchObject({
      id: 'PYSEC-2023-74',
    });

    server.requests.length = 0;
    const again = await sync('--json');
    expect(again.code).toBe(0);
    expect(again.json).toMatchObject({
      ecosystems: [
        { ecosystem: 'npm', mode: 'up-to-date', imported: 0 },
        { ecosystem: 'PyPI', mode: 'up-to-date', imported: 0 },
      ],
    });
    expect(served(server.requests)).toEqual(['/npm/modified_id.csv', '/PyPI/modified_id.csv']);
  });

  it('fetches only what changed, keeps newer copies, and never matches a withdrawn record', async () => {
    const { root, served, server, db, sync } = await setup();
    expect((await sync()).code).toBe(0);
    const app = path.join(root, 'app');
    fs.mkdirSync(app);
    fs.writeFileSync(
      path.join(app, 'package-lock.json'),
      lockfile({ ws: '8.17.0', semver: '7.5.1' }),
    );
    const before = await runCli(['scan', app, '--db', db, '--json']);
    expect(before.json).toMatchObject({ summary: { affected: 2 } });

    // A newer semver record is stored from elsewhere; upstream then withdraws ws's record
    // and republishes semver's with a date still older than the stored copy.
    const local = path.join(root, 'local.json');
    fs.writeFileSync(
      local,
      JSON.stringify({ ...semver, modified: '2030-01-01T00:00:00Z', summary: 'local copy' }),
    );
    expect((await runCli(['advisories', 'import', local, '--db', db])).code).toBe(0);
    const updated = npmRecords.map((r) =>
      r.id === ws.id
        ? { ...r, modified: '2025-03-01T00:00:00Z', withdrawn: '2025-03-01T00:00:00Z' }
        : r.id === semver.id
          ? { ...r, modified: '2025-02-01T00:00:00Z', summary: 'upstream copy' }
          : r,
    );
    publish(served, 'npm', updated);
    server.requests.length = 0;

    const run = await sync('--ecosystem', 'npm');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      'npm: incremental sync, imported 1 advisory; 1 kept (the database has a newer version); 1 withdrawn (stored, never matched); newest 2025-03-01T00:00:00Z',
    );
    expect(run.stderr).toContain('npm: fetching 2 changed records');
    expect(server.requests.sort()).toEqual(
      [`/npm/${semver.id}.json`, `/npm/${ws.id}.json`, '/npm/modified_id.csv'].sort(),
    );
    expect((await inStore(db, (s) => findAdvisory(s, semver.id)))?.summary).toBe('local copy');
    const after = await runCli(['scan', app, '--db', db, '--json']);
    expect(after.json).toMatchObject({ summary: { affected: 1 } });
    expect(JSON.stringify(after.json)).not.toContain(ws.id);
  });

  it('downloads the archive when more records changed than are worth fetching one by one', async () => {
    const { root, served, server, db } = await setup();
    const ctx = {
      cwd: root,
      env: {},
      db,
      scope: new CleanupScope(),
      progress: () => {},
    };
    await syncAdvisories(ctx, { from: server.url, ecosystems: ['npm'] });
    const bumped = npmRecords.map((r, i) =>
      i < 3 ? { ...r, modified: `2025-01-0${i + 1}T00:00:00Z` } : r,
    );
    publish(served, 'npm', bumped);
    server.requests.length = 0;
    const report = await syncAdvisories(ctx, {
      from: server.url,
      ecosystems: ['npm'],
      maxRecordFetches: 2,
    });
    expect(report.ecosystems).toEqual([
      {
        ecosystem: 'npm',
        mode: 'incremental',
        changed: 3,
        imported: 3,
        skippedOlder: 0,
        withdrawn: 0,
        cursor: '2025-01-03T00:00:00Z',
      },
    ]);
    expect(server.requests).toEqual(['/npm/modified_id.csv', '/npm/all.zip']);
  });

  it('names the URL and leaves the database as it was on a 404, a bad zip or no server', async () => {
    const { served, server, db, sync } = await setup();
    expect((await sync('--ecosystem', 'PyPI')).code).toBe(0);
    const state = () =>
      inStore(db, async (s) => ({
        count: await countAdvisories(s),
        cursors: Object.fromEntries(await readSyncCursors(s, server.url)),
      }));
    const start = await state();
    expect(start).toEqual({ count: 2, cursors: { PyPI: '2023-10-10T14:28:19.389317Z' } });

    const missing = await sync('--ecosystem', 'Go');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(
      `retrofit: cannot download ${server.url}/Go/all.zip: the server answered 404 Not Found`,
    );

    // npm's archive is broken: PyPI's new record must not be written without it.
    fs.writeFileSync(path.join(served, 'npm', 'all.zip'), 'this is not a zip archive');
    publish(served, 'PyPI', [
      ...pypiRecords,
      { ...pypiRecords[0]!, id: 'PYSEC-2099-1', modified: '2025-01-01T00:00:00Z' },
    ]);
    const broken = await sync();
    expect(broken.code).toBe(2);
    expect(broken.stderr).toContain(
      `retrofit: ${server.url}/npm/all.zip is not a readable zip archive`,
    );

    // A record the change index lists but the server cannot deliver.
    fs.rmSync(path.join(served, 'PyPI', 'PYSEC-2099-1.json'));
    const gone = await sync('--ecosystem', 'PyPI');
    expect(gone.code).toBe(2);
    expect(gone.stderr).toContain(
      `cannot download ${server.url}/PyPI/PYSEC-2099-1.json: the server answered 404`,
    );

    await server.close();
    const down = await sync('--ecosystem', 'PyPI', '--json');
    expect(down.code).toBe(2);
    expect(down.json).toMatchObject({
      error: { code: 'download-failed', data: { input: `${server.url}/PyPI/modified_id.csv` } },
    });
    expect(await state()).toEqual(start);
  });

  it('refuses a --from that is not an http URL, creating nothing', async () => {
    const root = tempDir();
    const db = path.join(root, 'retrofit.db');
    const run = await runCli(['advisories', 'sync', '--from', 'file:///tmp/osv', '--db', db]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('retrofit: file:///tmp/osv is not an http or https URL');
    expect(fs.existsSync(db)).toBe(false);
  });
});
