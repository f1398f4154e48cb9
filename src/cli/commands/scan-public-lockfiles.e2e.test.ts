import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../test/cli.js';
import { tempDir } from '../../../test/temp.js';

// Lockfiles taken unchanged from public projects (test/fixtures/lockfiles/public/SOURCES.md),
// scanned by the CLI against real GitHub and PyPA advisories (test/fixtures/advisories/).
const fixtures = path.resolve(import.meta.dirname, '../../../test/fixtures');
const lockfile = (...parts: string[]) => path.join(fixtures, 'lockfiles', 'public', ...parts);

interface Report {
  summary: { packages: number; affected: number; fixed: number };
  findings: Array<{ advisory: string; package: string; version: string; status: string }>;
  problems: unknown[];
}

async function scan(file: string): Promise<Report> {
  const db = path.join(tempDir(), 'retrofit.db');
  for (const source of ['github', 'pypa']) {
    const imported = await runCli([
      'advisories',
      'import',
      path.join(fixtures, 'advisories', source),
      '--db',
      db,
    ]);
    expect(imported.code).toBe(0);
  }
  const run = await runCli(['scan', file, '--db', db, '--json']);
  expect(run.code).toBeLessThan(2);
  return run.json as Report;
}

describe('scanning lockfiles of public projects against real advisories', () => {
  it('lists what the records say of an npm lockfile, once per vulnerability', async () => {
    const report = await scan(lockfile('armeria-actions', 'package-lock.json'));
    expect(report.summary).toMatchObject({ packages: 78, affected: 1, fixed: 1 });
    expect(report.findings.map((f) => [f.package, f.version, f.advisory, f.status])).toEqual([
      // GHSA-r683-j2x4-v87g's first range as published runs from 1.0 to 3.1.1, so 2.6.11 is
      // inside it although its second range (fixed 2.6.7) would not catch it.
      ['node-fetch', '2.6.11', 'GHSA-r683-j2x4-v87g', 'affected'],
      ['semver', '7.5.3', 'GHSA-c2qf-rxjj-qqgw', 'fixed'],
    ]);
    expect(report.problems).toEqual([]);
  });

  it('reads a uv.lock, a poetry.lock and a Cargo.lock as their projects wrote them', async () => {
    const uv = await scan(lockfile('pydantic-core', 'uv.lock'));
    // 56 entries; the project itself (an editable source) is not a dependency.
    expect(uv.summary.packages).toBe(55);
    expect(uv.summary.affected).toBe(0);
    expect(uv.problems).toEqual([]);
    const poetry = await scan(lockfile('poetry-core-vendors', 'poetry.lock'));
    expect(poetry.summary.packages).toBe(4);
    // 199 entries, of which 4 are the workspace's own crates.
    const cargo = await scan(lockfile('rollup-rust', 'Cargo.lock'));
    expect(cargo.summary.packages).toBe(195);
  });
});
