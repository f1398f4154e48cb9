import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../test/temp.js';
import { readAdvisories } from './read-sources.js';

const fixtures = fileURLToPath(new URL('../../test/fixtures/advisories', import.meta.url));
const github = `${fixtures}/github`;
const pypa = `${fixtures}/pypa/vulns`;

/** A folder with two good records (JSON, YAML), a schema-invalid one and an unparsable one. */
function sampleFolder(): string {
  const dir = path.join(tempDir(), 'advisories');
  fs.mkdirSync(path.join(dir, 'npm'), { recursive: true });
  fs.mkdirSync(path.join(dir, 'pypi', 'requests'), { recursive: true });
  fs.mkdirSync(path.join(dir, '.git'), { recursive: true });
  fs.copyFileSync(
    `${github}/GHSA-3h5v-q93c-6h6q.json`,
    path.join(dir, 'npm', 'GHSA-3h5v-q93c-6h6q.json'),
  );
  fs.copyFileSync(
    `${pypa}/requests/PYSEC-2023-74.yaml`,
    path.join(dir, 'pypi', 'requests', 'PYSEC-2023-74.yaml'),
  );
  fs.writeFileSync(
    path.join(dir, 'npm', 'GHSA-bad0-bad0-bad0.json'),
    JSON.stringify({ id: 'GHSA-bad0-bad0-bad0', modified: 'yesterday', affected: 'ws' }),
  );
  fs.writeFileSync(path.join(dir, 'npm', 'broken.json'), '{"id": "GHSA-x", ');
  fs.writeFileSync(path.join(dir, 'README.md'), '# not an advisory\n');
  fs.writeFileSync(path.join(dir, '.git', 'ignored.json'), '{');
  return dir;
}

describe('readAdvisories', () => {
  it('keeps the good records of a folder and reports the bad ones by file and id', async () => {
    const dir = sampleFolder();
    const result = await readAdvisories(dir);
    expect(result.records.map((r) => [r.record.id, r.source])).toEqual([
      ['GHSA-3h5v-q93c-6h6q', path.join(dir, 'npm', 'GHSA-3h5v-q93c-6h6q.json')],
      ['PYSEC-2023-74', path.join(dir, 'pypi', 'requests', 'PYSEC-2023-74.yaml')],
    ]);
    expect(result.problems).toEqual([
      {
        source: path.join(dir, 'npm', 'GHSA-bad0-bad0-bad0.json'),
        id: 'GHSA-bad0-bad0-bad0',
        message: expect.stringMatching(/^not a valid OSV record: .*\/modified.*\/affected/),
      },
      {
        source: path.join(dir, 'npm', 'broken.json'),
        id: undefined,
        message: expect.stringMatching(/^not valid JSON/),
      },
    ]);
  });

  it('names sources relative to the folder as given', async () => {
    const dir = sampleFolder();
    const result = await readAdvisories('npm', { cwd: dir });
    expect(result.records.map((r) => r.source)).toEqual([
      path.join('npm', 'GHSA-3h5v-q93c-6h6q.json'),
    ]);
  });

  it('reads a zip archive, naming each entry inside it', async () => {
    const dir = sampleFolder();
    const archive = path.join(path.dirname(dir), 'export.zip');
    execFileSync('zip', ['-q', '-r', archive, 'npm', 'pypi', 'README.md'], { cwd: dir });
    const result = await readAdvisories(archive);
    // Entries come in archive order, which is zip's, not ours.
    expect(result.records.map((r) => r.source).sort()).toEqual([
      `${archive}:npm/GHSA-3h5v-q93c-6h6q.json`,
      `${archive}:pypi/requests/PYSEC-2023-74.yaml`,
    ]);
    expect(result.problems.map((p) => [p.source, p.id]).sort()).toEqual([
      [`${archive}:npm/GHSA-bad0-bad0-bad0.json`, 'GHSA-bad0-bad0-bad0'],
      [`${archive}:npm/broken.json`, undefined],
    ]);
  });

  it('reads a zip64 archive and one whose entries are stored uncompressed', async () => {
    const dir = sampleFolder();
    for (const [name, flags] of [
      ['zip64.zip', ['-fz']],
      ['stored.zip', ['-0']],
    ] as const) {
      const archive = path.join(path.dirname(dir), name);
      execFileSync('zip', ['-q', ...flags, '-r', archive, 'npm', 'pypi'], { cwd: dir });
      const result = await readAdvisories(archive);
      expect(result.records.map((r) => r.record.id).sort()).toEqual([
        'GHSA-3h5v-q93c-6h6q',
        'PYSEC-2023-74',
      ]);
    }
  });

  it('reports a damaged entry and still reads the others; a cut-off archive is a problem', async () => {
    const dir = sampleFolder();
    const archive = path.join(path.dirname(dir), 'damaged.zip');
    execFileSync('zip', ['-q', '-r', archive, 'npm/GHSA-3h5v-q93c-6h6q.json', 'pypi'], {
      cwd: dir,
    });
    const bytes = fs.readFileSync(archive);
    // Overwrite the middle of the first entry's deflated data.
    bytes.fill(0xff, 120, 200);
    fs.writeFileSync(archive, bytes);
    const result = await readAdvisories(archive);
    expect(result.records.map((r) => r.record.id)).toEqual(['PYSEC-2023-74']);
    expect(result.problems).toEqual([
      {
        source: `${archive}:npm/GHSA-3h5v-q93c-6h6q.json`,
        message: expect.stringMatching(/^cannot extract: /),
      },
    ]);
    fs.writeFileSync(archive, bytes.subarray(0, bytes.length - 40));
    expect((await readAdvisories(archive)).problems).toEqual([
      { source: archive, message: expect.stringMatching(/^cannot read the zip archive: /) },
    ]);
  });

  it('reports an archive that is not a zip as a problem', async () => {
    const file = path.join(tempDir(), 'fake.zip');
    fs.writeFileSync(file, 'not a zip');
    const result = await readAdvisories(file);
    expect(result.records).toEqual([]);
    expect(result.problems).toEqual([
      { source: file, message: expect.stringMatching(/^cannot read the zip archive/) },
    ]);
  });

  it('reads one YAML file given directly', async () => {
    const result = await readAdvisories(`${pypa}/requests/PYSEC-2023-74.yaml`);
    expect(result.records[0]?.record.aliases).toEqual(['CVE-2023-32681', 'GHSA-j8r2-6x86-q33q']);
  });

  it('names a path that does not exist, with a hint', async () => {
    await expect(readAdvisories('/nowhere/osv.zip')).rejects.toMatchObject({
      code: 'input-not-found',
      message: '/nowhere/osv.zip does not exist',
      data: { input: '/nowhere/osv.zip', hint: expect.any(String) },
    });
  });

  it('refuses a file of another kind given directly', async () => {
    await expect(readAdvisories(`${github}/INDEX.tsv`)).rejects.toMatchObject({
      code: 'unsupported-input',
      data: { input: `${github}/INDEX.tsv` },
    });
  });
});
