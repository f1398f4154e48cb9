import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../test/cli.js';
import { tempDir } from '../../../test/temp.js';
import { buildRepo } from '../../git/recipe.js';

const fixtures = fileURLToPath(new URL('../../../test/fixtures/advisories', import.meta.url));

const lockfile = (packages: Record<string, string>) =>
  JSON.stringify({
    name: 'app',
    lockfileVersion: 3,
    packages: {
      '': { name: 'app', version: '1.0.0' },
      ...Object.fromEntries(
        Object.entries(packages).map(([name, version]) => [`node_modules/${name}`, { version }]),
      ),
    },
  });

const manifest = (version: string) => `${JSON.stringify({ name: 'ws', version }, null, 2)}\n`;

let root: string;
let db: string;

beforeAll(async () => {
  root = tempDir();
  db = path.join(root, 'retrofit.db');
  const imported = await runCli([
    'advisories',
    'import',
    `${fixtures}/github/GHSA-3h5v-q93c-6h6q.json`,
    '--db',
    db,
  ]);
  expect(imported.code).toBe(0);
  expect(
    (
      await runCli([
        'advisories',
        'import',
        `${fixtures}/pypa/vulns/requests/PYSEC-2023-74.yaml`,
        '--db',
        db,
      ])
    ).code,
  ).toBe(0);
  const project = path.join(root, 'project');
  fs.mkdirSync(path.join(project, 'api'), { recursive: true });
  fs.mkdirSync(path.join(project, 'web', 'node_modules', 'dep'), { recursive: true });
  fs.mkdirSync(path.join(project, 'broken'), { recursive: true });
  fs.writeFileSync(
    path.join(project, 'web', 'package-lock.json'),
    lockfile({ ws: '7.5.9', 'other/node_modules/ws': '8.17.1' }),
  );
  // Installed packages' own lockfiles are not the project's.
  fs.writeFileSync(
    path.join(project, 'web', 'node_modules', 'dep', 'package-lock.json'),
    lockfile({ ws: '6.2.2' }),
  );
  fs.writeFileSync(
    path.join(project, 'api', 'requirements.txt'),
    'requests==2.31.0\nurllib3>=1.26\n',
  );
  fs.writeFileSync(path.join(project, 'broken', 'package-lock.json'), '{\n  "packages": {\n}');
  await buildRepo(path.join(root, 'ws'), {
    steps: [
      { commit: 'release 7.5.9', files: { 'package.json': manifest('7.5.9') } },
      { tag: 'v7.5.9' },
      { commit: 'release 7.5.10', files: { 'package.json': manifest('7.5.10') } },
      { tag: '7.5.10' },
    ],
  });
});

describe('retrofit scan <path>', () => {
  it('walks a folder, reports a broken lockfile and keeps the rest, exits 1 when affected', async () => {
    const run = await runCli(['scan', 'project', '--db', db, '--json'], { cwd: root });
    expect(run.code).toBe(1);
    const report = run.json as {
      findings: Array<{
        advisory: string;
        package: string;
        version: string;
        status: string;
        source: string;
      }>;
      problems: Array<{ source: string; message: string }>;
      summary: Record<string, number>;
    };
    expect(
      report.findings.map((f) => [f.package, f.version, f.status, f.advisory, f.source]),
    ).toEqual([
      ['requests', '2.31.0', 'fixed', 'PYSEC-2023-74', 'project/api/requirements.txt'],
      ['ws', '7.5.9', 'affected', 'GHSA-3h5v-q93c-6h6q', 'project/web/package-lock.json'],
      ['ws', '8.17.1', 'fixed', 'GHSA-3h5v-q93c-6h6q', 'project/web/package-lock.json'],
    ]);
    expect(report.problems).toEqual([
      {
        source: 'project/api/requirements.txt',
        message: '1 requirement is not pinned with == and was not scanned',
      },
      {
        source: 'project/broken/package-lock.json',
        message: expect.stringMatching(
          /^cannot read project\/broken\/package-lock\.json:3: not valid JSON/,
        ),
      },
    ]);
    expect(report.summary).toEqual({
      packages: 3,
      affected: 1,
      fixed: 2,
      fixedByBackport: 0,
      notAffected: 0,
    });
  });

  it('prints a table of what needs action, hiding suppressed results unless asked', async () => {
    const run = await runCli(['scan', 'project', '--db', db], { cwd: root });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe(
      [
        'scan of project',
        '',
        'ws (npm)  project/web/package-lock.json',
        '  affected  GHSA-3h5v-q93c-6h6q (CVE-2024-37890)  HIGH  7.5.9',
        '',
        '1 affected, 0 fixed by backport, 2 fixed, 0 not affected in 3 packages (2 suppressed, --show-suppressed to list); 2 problems (see above)',
        '',
      ].join('\n'),
    );
    expect(run.stderr).toContain('warning: project/broken/package-lock.json: cannot read');
    const all = await runCli(['scan', 'project', '--db', db, '--show-suppressed'], { cwd: root });
    expect(all.stdout).toBe(
      [
        'scan of project',
        '',
        'requests (PyPI)  project/api/requirements.txt',
        '  fixed     PYSEC-2023-74 (CVE-2023-32681, GHSA-j8r2-6x86-q33q)  -     2.31.0',
        '',
        'ws (npm)  project/web/package-lock.json',
        '  affected  GHSA-3h5v-q93c-6h6q (CVE-2024-37890)                 HIGH  7.5.9',
        '  fixed     GHSA-3h5v-q93c-6h6q (CVE-2024-37890)                 HIGH  8.17.1',
        '',
        '1 affected, 0 fixed by backport, 2 fixed, 0 not affected in 3 packages; 2 problems (see above)',
        '',
      ].join('\n'),
    );
  });

  it('exits 2 naming the file and line when a lockfile named directly is broken', async () => {
    const run = await runCli(['scan', 'project/broken/package-lock.json', '--db', db], {
      cwd: root,
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      'retrofit: cannot read project/broken/package-lock.json:3: not valid JSON',
    );
  });

  it('exits 0 when nothing is affected', async () => {
    const run = await runCli(['scan', 'project/api/requirements.txt', '--db', db], { cwd: root });
    expect(run.code).toBe(0);
  });
});

describe('retrofit scan --repo', () => {
  it('finds the package a tag publishes affected (exit 1), and fixed at the next release (exit 0)', async () => {
    const before = await runCli(['scan', '--repo', 'ws', '--ref', 'v7.5.9', '--db', db, '--json'], {
      cwd: root,
    });
    expect(before.code).toBe(1);
    expect(before.json).toMatchObject({
      target: 'ws@v7.5.9',
      findings: [
        {
          advisory: 'GHSA-3h5v-q93c-6h6q',
          aliases: ['CVE-2024-37890'],
          package: 'ws',
          version: '7.5.9',
          status: 'affected',
          source: 'v7.5.9:package.json',
        },
      ],
    });
    const after = await runCli(['scan', '--repo', 'ws', '--ref', '7.5.10', '--db', db, '--json'], {
      cwd: root,
    });
    expect(after.code).toBe(0);
    expect(after.json).toMatchObject({ findings: [{ version: '7.5.10', status: 'fixed' }] });
  });

  it('scans HEAD by default', async () => {
    const run = await runCli(['scan', '--repo', 'ws', '--db', db], { cwd: root });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^scan of ws@HEAD \([0-9a-f]{12}\)\n0 affected/);
  });

  it('wants exactly one of a path and --repo', async () => {
    for (const args of [
      ['scan'],
      ['scan', 'project', '--repo', 'ws'],
      ['scan', 'project', '--ref', 'v1'],
      ['scan', 'project', '--repo-url', 'https://github.com/websockets/ws'],
    ]) {
      const run = await runCli([...args, '--db', db], { cwd: root });
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr).toMatch(
        /retrofit: (scan takes either|--ref needs --repo|--repo-url needs --repo)/,
      );
    }
  });
});

describe('retrofit scan with no advisories imported', () => {
  it('refuses to call anything clean, exit 2', async () => {
    const run = await runCli(['scan', 'project', '--db', path.join(tempDir(), 'empty.db')], {
      cwd: root,
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('no retrofit database at');
    expect(run.stderr).toContain('retrofit advisories import');
    expect(run.stderr).toContain('hint: Import advisories first');
  });
});
