import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { tempDir } from '../../test/temp.js';
import type { OsvRecord } from '../advisories/osv.js';
import {
  advisoriesForPackage,
  advisoriesForPackages,
  advisoriesForRepo,
  aliasGroup,
  aliasGroups,
  packageLookupKey,
  countAdvisories,
  findAdvisory,
  upsertAdvisories,
} from './advisories.js';
import { openStore, type Store } from './open-store.js';

const fixtures = fileURLToPath(new URL('../../test/fixtures/advisories', import.meta.url));
const ws = JSON.parse(
  fs.readFileSync(`${fixtures}/github/GHSA-3h5v-q93c-6h6q.json`, 'utf8'),
) as OsvRecord;
const requestsPysec = parseYaml(
  fs.readFileSync(`${fixtures}/pypa/vulns/requests/PYSEC-2023-74.yaml`, 'utf8'),
) as OsvRecord;
// The GitHub record of the same requests vulnerability, reduced to what aliasing needs.
const requestsGhsa: OsvRecord = {
  id: 'GHSA-j8r2-6x86-q33q',
  modified: '2023-06-01T00:00:00Z',
  aliases: ['CVE-2023-32681'],
  affected: [
    {
      package: { ecosystem: 'PyPI', name: 'requests' },
      ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '2.3.0' }, { fixed: '2.31.0' }] }],
    },
  ],
};

let store: Store | undefined;
afterEach(async () => {
  await store?.close();
  store = undefined;
});

async function freshStore(): Promise<Store> {
  store = await openStore(path.join(tempDir(), 'retrofit.db'));
  return store;
}

describe('advisories in the store', () => {
  it('finds a record by id, by alias and by alias in another case', async () => {
    const db = await freshStore();
    expect(await upsertAdvisories(db, [{ record: ws, source: 'ws.json' }])).toEqual({
      written: 1,
      skippedOlder: 0,
    });
    expect((await findAdvisory(db, 'GHSA-3h5v-q93c-6h6q'))?.id).toBe('GHSA-3h5v-q93c-6h6q');
    expect((await findAdvisory(db, 'CVE-2024-37890'))?.id).toBe('GHSA-3h5v-q93c-6h6q');
    expect((await findAdvisory(db, 'cve-2024-37890'))?.id).toBe('GHSA-3h5v-q93c-6h6q');
    expect(await countAdvisories(db)).toBe(1);
    expect(await findAdvisory(db, 'CVE-1999-0001')).toBeNull();
  });

  it('prefers the GHSA record when an alias names several', async () => {
    const db = await freshStore();
    await upsertAdvisories(db, [
      { record: requestsPysec, source: 'a' },
      { record: requestsGhsa, source: 'b' },
    ]);
    expect((await findAdvisory(db, 'CVE-2023-32681'))?.id).toBe('GHSA-j8r2-6x86-q33q');
    expect((await findAdvisory(db, 'PYSEC-2023-74'))?.id).toBe('PYSEC-2023-74');
  });

  it('groups the records of one vulnerability through their aliases', async () => {
    const db = await freshStore();
    await upsertAdvisories(db, [
      { record: requestsPysec, source: 'a' },
      { record: requestsGhsa, source: 'b' },
      { record: ws, source: 'c' },
    ]);
    const group = ['CVE-2023-32681', 'GHSA-j8r2-6x86-q33q', 'PYSEC-2023-74'];
    expect(await aliasGroup(db, 'PYSEC-2023-74')).toEqual(group);
    expect(await aliasGroup(db, 'CVE-2023-32681')).toEqual(group);
    expect(await aliasGroup(db, 'GHSA-0000-0000-0000')).toEqual(['GHSA-0000-0000-0000']);
  });

  it('lists the records of a package by its normalised name', async () => {
    const db = await freshStore();
    await upsertAdvisories(db, [
      { record: requestsPysec, source: 'a' },
      { record: requestsGhsa, source: 'b' },
      { record: ws, source: 'c' },
    ]);
    const ids = (await advisoriesForPackage(db, 'PyPI', 'Requests')).map((r) => r.id);
    expect(ids).toEqual(['GHSA-j8r2-6x86-q33q', 'PYSEC-2023-74']);
    expect((await advisoriesForPackage(db, 'npm', 'ws')).map((r) => r.id)).toEqual([
      'GHSA-3h5v-q93c-6h6q',
    ]);
    expect(await advisoriesForPackage(db, 'npm', 'requests')).toEqual([]);
  });

  it('keeps a stored record that is newer and replaces an older one', async () => {
    const db = await freshStore();
    await upsertAdvisories(db, [{ record: ws, source: 'new' }]);
    const older = { ...ws, modified: '2020-01-01T00:00:00Z', aliases: ['CVE-OLD'] };
    expect(await upsertAdvisories(db, [{ record: older, source: 'old' }])).toEqual({
      written: 0,
      skippedOlder: 1,
    });
    expect(await findAdvisory(db, 'CVE-OLD')).toBeNull();
    const newer = { ...ws, modified: '2025-01-01T00:00:00.123Z', aliases: ['CVE-NEW'] };
    await upsertAdvisories(db, [{ record: newer, source: 'newer' }]);
    expect((await findAdvisory(db, 'CVE-NEW'))?.modified).toBe('2025-01-01T00:00:00.123Z');
    // The aliases of the replaced version are gone with it.
    expect(await findAdvisory(db, 'CVE-2024-37890')).toBeNull();
  });

  it('joins a chain of CVE, GHSA and PYSEC ids that no single record lists together', async () => {
    const db = await freshStore();
    // PYSEC names a CVE; the GHSA names that CVE and a second CVE; a third record (a distro's)
    // names only the second CVE as its upstream. One vulnerability, four records' worth of ids.
    const chain: OsvRecord[] = [
      { id: 'PYSEC-2099-1', modified: '2024-01-01T00:00:00Z', aliases: ['CVE-2099-0001'] },
      {
        id: 'GHSA-aaaa-bbbb-cccc',
        modified: '2024-01-01T00:00:00Z',
        aliases: ['CVE-2099-0001', 'CVE-2099-0002'],
      },
      { id: 'DSA-9999-1', modified: '2024-01-01T00:00:00Z', upstream: ['CVE-2099-0002'] },
      // Related is not the same vulnerability: it must not join the group.
      { id: 'GHSA-dddd-eeee-ffff', modified: '2024-01-01T00:00:00Z', related: ['CVE-2099-0001'] },
    ];
    await upsertAdvisories(
      db,
      chain.map((record) => ({ record, source: record.id })),
    );
    const group = [
      'CVE-2099-0001',
      'CVE-2099-0002',
      'DSA-9999-1',
      'GHSA-aaaa-bbbb-cccc',
      'PYSEC-2099-1',
    ];
    expect(await aliasGroup(db, 'PYSEC-2099-1')).toEqual(group);
    const batched = await aliasGroups(db, ['PYSEC-2099-1', 'DSA-9999-1', 'GHSA-dddd-eeee-ffff']);
    expect(batched.get('PYSEC-2099-1')).toEqual(group);
    expect(batched.get('DSA-9999-1')).toEqual(group);
    expect(batched.get('GHSA-dddd-eeee-ffff')).toEqual(['GHSA-dddd-eeee-ffff']);
  });

  it('looks up many packages in one call, as one call per package would', async () => {
    const db = await freshStore();
    await upsertAdvisories(db, [
      { record: requestsPysec, source: 'a' },
      { record: requestsGhsa, source: 'b' },
      { record: ws, source: 'c' },
    ]);
    const found = await advisoriesForPackages(db, [
      { ecosystem: 'PyPI', name: 'Requests' },
      { ecosystem: 'npm', name: 'ws' },
      { ecosystem: 'npm', name: 'requests' },
    ]);
    expect(found.get(packageLookupKey('PyPI', 'requests'))?.map((r) => r.id)).toEqual(
      (await advisoriesForPackage(db, 'PyPI', 'requests')).map((r) => r.id),
    );
    expect(found.get(packageLookupKey('npm', 'ws'))?.map((r) => r.id)).toEqual([
      'GHSA-3h5v-q93c-6h6q',
    ]);
    expect(found.has(packageLookupKey('npm', 'requests'))).toBe(false);
  });

  it('finds the records whose GIT ranges name a repository, however its URL is written', async () => {
    const db = await freshStore();
    await upsertAdvisories(db, [
      { record: requestsPysec, source: 'a' },
      { record: ws, source: 'c' },
    ]);
    const repo = requestsPysec.affected?.[0]?.ranges?.find((r) => r.type === 'GIT')?.repo;
    expect(repo).toBe('https://github.com/psf/requests');
    expect((await advisoriesForRepo(db, 'github.com/psf/requests')).map((r) => r.id)).toEqual([
      'PYSEC-2023-74',
    ]);
    // Replaced by a version without GIT ranges: the repository no longer finds it.
    const newer = { ...requestsPysec, modified: '2030-01-01T00:00:00Z', affected: [] };
    await upsertAdvisories(db, [{ record: newer, source: 'd' }]);
    expect(await advisoriesForRepo(db, 'github.com/psf/requests')).toEqual([]);
  });
});
