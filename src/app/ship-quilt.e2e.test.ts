import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { RunReport } from './run.js';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../test/cli.js';
import { tempDir } from '../../test/temp.js';
import type { OsvRecord } from '../advisories/osv.js';
import { buildRepo } from '../git/recipe.js';
import { runGit } from '../git/run-git.js';
import { sandboxAvailable } from '../sandbox/run-command.js';

// Debian's own tools judge the result: quilt applies the patch, dpkg-parsechangelog reads the
// changelog. Both come from Debian packages that .ci/run installs.
const sandbox = await sandboxAvailable();
const where = sandbox
  ? 'tests in the bubblewrap sandbox'
  : 'tests WITHOUT a sandbox (bwrap unavailable)';
const sandboxFlag = sandbox ? [] : ['--no-sandbox'];

const pkg = JSON.stringify({ name: 'calc', version: '1.0.1', scripts: { test: 'node --test' } });
const lib = (body: string) =>
  `'use strict';\nfunction clamp(n, lo, hi) {\n${body}}\nmodule.exports = { clamp };\n`;
const buggy = lib('  return Math.min(n, hi);\n');
const fixed = lib('  return Math.max(lo, Math.min(n, hi));\n');
const testBase = `'use strict';\nconst assert = require('assert');\nconst { test } = require('node:test');\nconst { clamp } = require('../lib/clamp');\ntest('caps at hi', () => assert.strictEqual(clamp(5, 0, 3), 3));\n`;
const testFixed = `${testBase}test('raises to lo', () => assert.strictEqual(clamp(-5, 0, 3), 0));\n`;

const changelog = `calc (1.0.1-1) bookworm; urgency=medium

  * Initial release.

 -- Debian Maintainer <maint@example.org>  Mon, 01 Jan 2024 00:00:00 +0000
`;
const readmePatch = `Description: Say where the docs live
Author: Debian Maintainer <maint@example.org>
Forwarded: not-needed
Last-Update: 2024-01-01
---
--- a/README
+++ b/README
@@ -1 +1,2 @@
 calc
+Documentation: /usr/share/doc/calc
`;

/** Upstream history on main; the Debian package of 1.0.1 on debian/bookworm, quilt-style. */
async function setup(changelogText = changelog) {
  const root = tempDir();
  const built = await buildRepo(path.join(root, 'calc'), {
    steps: [
      {
        commit: 'calc 1.0.1',
        files: {
          'package.json': pkg,
          README: 'calc\n',
          'lib/clamp.js': buggy,
          'test/clamp.test.js': testBase,
        },
      },
      { branch: 'debian/bookworm' },
      {
        commit: 'Debian packaging',
        files: {
          'debian/changelog': changelogText,
          'debian/control': 'Source: calc\nMaintainer: Debian Maintainer <maint@example.org>\n',
          'debian/source/format': '3.0 (quilt)\n',
          'debian/patches/series': '0001-readme.patch\n',
          'debian/patches/0001-readme.patch': readmePatch,
        },
      },
      { checkout: 'main' },
      {
        commit: 'Clamp to the lower bound too',
        id: 'fix',
        files: { 'lib/clamp.js': fixed, 'test/clamp.test.js': testFixed },
      },
    ],
  });
  const advisory: OsvRecord = {
    id: 'GHSA-aaaa-bbbb-cccc',
    modified: '2026-01-01T00:00:00Z',
    aliases: ['CVE-2026-0001'],
    affected: [],
    references: [
      { type: 'FIX', url: `https://github.com/o/calc/commit/${built.commits.fix}` },
      {
        type: 'ADVISORY',
        url: 'https://github.com/o/calc/security/advisories/GHSA-aaaa-bbbb-cccc',
      },
    ],
  };
  fs.writeFileSync(path.join(root, 'advisory.json'), JSON.stringify(advisory));
  const db = path.join(root, 'db.sqlite');
  expect(
    (await runCli(['advisories', 'import', path.join(root, 'advisory.json'), '--db', db])).code,
  ).toBe(0);
  // The unpacked source package the maintainer works in: a clone of the packaging branch.
  const pkgDir = path.join(root, 'calc-1.0.1');
  await runGit(['clone', '--quiet', '--branch', 'debian/bookworm', built.dir, pkgDir], {
    cwd: root,
  });
  return { root, repoDir: built.dir, fix: built.commits.fix!, db, pkgDir };
}

function tool(argv: string[], cwd: string) {
  const result = spawnSync(argv[0]!, argv.slice(1), {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, QUILT_PATCHES: 'debian/patches', QUILTRC: '/dev/null' },
  });
  if (result.error) throw result.error;
  return result;
}

const env = (extra: Record<string, string> = {}) => ({
  ...process.env,
  RETROFIT_DB: '',
  DEBFULLNAME: '',
  DEBEMAIL: '',
  ...extra,
});

describe(`retrofit run --quilt-dir on a Debian source package (${where})`, () => {
  it('adds a DEP-3 patch that quilt push applies, a series line and a +deb12u1 changelog entry', async () => {
    const s = await setup();
    const run = await runCli(
      [
        'run',
        'CVE-2026-0001',
        '--repo',
        s.repoDir,
        '--onto',
        'debian/bookworm',
        '--quilt-dir',
        s.pkgDir,
        '--author',
        'Ada Lovelace <ada@example.org>',
        '--db',
        s.db,
        '--json',
        ...sandboxFlag,
      ],
      { env: env() },
    );
    expect(run.code).toBe(0);
    const result = (run.json as RunReport).results[0]!;
    expect(result.shipping?.quilt).toEqual({
      dir: s.pkgDir,
      patch: 'debian/patches/0002-CVE-2026-0001.patch',
      version: '1.0.1-1+deb12u1',
      distribution: 'bookworm-security',
    });

    const patch = fs.readFileSync(
      path.join(s.pkgDir, 'debian/patches/0002-CVE-2026-0001.patch'),
      'utf8',
    );
    expect(patch).toMatch(/^Description: Clamp to the lower bound too\n/);
    expect(patch).toContain(`\nOrigin: upstream, https://github.com/o/calc/commit/${s.fix}\n`);
    expect(patch).toContain('\nAuthor: Recipe Author <author@example.org>\n');
    expect(patch).toContain(
      '\nBug: https://github.com/o/calc/security/advisories/GHSA-aaaa-bbbb-cccc\n',
    );
    expect(patch).toContain(`\nApplied-Upstream: commit:${s.fix}\n`);
    expect(patch).toMatch(/\nLast-Update: \d{4}-\d\d-\d\d\n---\n/);
    expect(fs.readFileSync(path.join(s.pkgDir, 'debian/patches/series'), 'utf8')).toBe(
      '0001-readme.patch\n0002-CVE-2026-0001.patch\n',
    );

    // dpkg reads the new entry as the current one.
    const parsed = tool(['dpkg-parsechangelog', '-l', 'debian/changelog'], s.pkgDir);
    expect(parsed.stderr).toBe('');
    expect(parsed.stdout).toMatch(/^Version: 1\.0\.1-1\+deb12u1$/m);
    expect(parsed.stdout).toMatch(/^Distribution: bookworm-security$/m);
    expect(parsed.stdout).toMatch(/^Maintainer: Ada Lovelace <ada@example.org>$/m);
    expect(parsed.stdout).toContain(
      'CVE-2026-0001 (GHSA-aaaa-bbbb-cccc): Clamp to the lower bound too',
    );
    const older = tool(
      [
        'dpkg-parsechangelog',
        '-l',
        'debian/changelog',
        '--offset',
        '1',
        '--count',
        '1',
        '-S',
        'Version',
      ],
      s.pkgDir,
    );
    expect(older.stdout.trim()).toBe('1.0.1-1');

    // quilt applies both patches on the old tree, and the fix is in.
    const pushed = tool(['quilt', 'push', '-a'], s.pkgDir);
    expect(pushed.stderr + pushed.stdout).toContain(
      'Applying patch 0002-CVE-2026-0001.patch\npatching file lib/clamp.js\npatching file test/clamp.test.js\n',
    );
    expect(pushed.stdout).not.toMatch(/fuzz|offset|Hunk/);
    expect(pushed.status).toBe(0);
    expect(fs.readFileSync(path.join(s.pkgDir, 'lib/clamp.js'), 'utf8')).toBe(fixed);
    expect(fs.readFileSync(path.join(s.pkgDir, 'test/clamp.test.js'), 'utf8')).toBe(testFixed);
    expect(tool(['quilt', 'pop', '-a'], s.pkgDir).status).toBe(0);
    expect(fs.readFileSync(path.join(s.pkgDir, 'lib/clamp.js'), 'utf8')).toBe(buggy);
  });

  it('exports the same patch from the existing branch with retrofit ship', async () => {
    const s = await setup();
    const made = await runCli(
      [
        'run',
        'CVE-2026-0001',
        '--repo',
        s.repoDir,
        '--onto',
        'debian/bookworm',
        '--db',
        s.db,
        ...sandboxFlag,
      ],
      { env: env() },
    );
    expect(made.code).toBe(0);
    const ship = await runCli(
      [
        'ship',
        '--repo',
        s.repoDir,
        '--commit',
        'retrofit/GHSA-aaaa-bbbb-cccc/debian/bookworm',
        '--quilt-dir',
        s.pkgDir,
        '--db',
        s.db,
      ],
      { env: env({ DEBFULLNAME: 'Deb Packager', DEBEMAIL: 'deb@example.org' }) },
    );
    expect(ship.code).toBe(0);
    expect(ship.stdout).toContain('quilt     debian/patches/0002-CVE-2026-0001.patch');
    const parsed = tool(['dpkg-parsechangelog', '-l', 'debian/changelog'], s.pkgDir);
    expect(parsed.stdout).toMatch(/^Maintainer: Deb Packager <deb@example.org>$/m);
    expect(tool(['quilt', 'push', '-a'], s.pkgDir).status).toBe(0);
    expect(fs.readFileSync(path.join(s.pkgDir, 'lib/clamp.js'), 'utf8')).toBe(fixed);
  });
});

describe('retrofit --quilt-dir refuses bad input with exit 2 and writes nothing', () => {
  it('a directory that is not a Debian source package, before any port is made', async () => {
    const s = await setup();
    const run = await runCli(
      [
        'run',
        'CVE-2026-0001',
        '--repo',
        s.repoDir,
        '--onto',
        'debian/bookworm',
        '--quilt-dir',
        s.root,
        '--author',
        'A <a@example.org>',
        '--db',
        s.db,
        ...sandboxFlag,
      ],
      { env: env() },
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`${s.root} has no debian/changelog`);
    const branches = (
      await runGit(['for-each-ref', '--format=%(refname:short)', 'refs/heads'], { cwd: s.repoDir })
    ).stdout;
    expect(branches).toBe('debian/bookworm\nmain\n');
  });

  it('a changelog whose distribution has no security-update convention, unless the version is given', async () => {
    const s = await setup(changelog.replace('bookworm;', 'unstable;'));
    const made = await runCli(
      [
        'run',
        'CVE-2026-0001',
        '--repo',
        s.repoDir,
        '--onto',
        'debian/bookworm',
        '--db',
        s.db,
        ...sandboxFlag,
      ],
      { env: env() },
    );
    expect(made.code).toBe(0);
    const before = fs.readFileSync(path.join(s.pkgDir, 'debian/changelog'), 'utf8');
    const argv = [
      'ship',
      '--repo',
      s.repoDir,
      '--commit',
      'retrofit/GHSA-aaaa-bbbb-cccc/debian/bookworm',
      '--quilt-dir',
      s.pkgDir,
      '--author',
      'A <a@example.org>',
      '--db',
      s.db,
    ];
    const refused = await runCli(argv, { env: env() });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(
      'cannot derive a security-update version from 1.0.1-1 in unstable',
    );
    expect(fs.readFileSync(path.join(s.pkgDir, 'debian/changelog'), 'utf8')).toBe(before);
    expect(fs.readdirSync(path.join(s.pkgDir, 'debian/patches')).sort()).toEqual([
      '0001-readme.patch',
      'series',
    ]);

    const given = await runCli(
      [...argv, '--debian-version', '1.0.1-1.1', '--debian-distribution', 'unstable'],
      { env: env() },
    );
    expect(given.code).toBe(0);
    expect(
      tool(
        ['dpkg-parsechangelog', '-l', 'debian/changelog', '-S', 'Version'],
        s.pkgDir,
      ).stdout.trim(),
    ).toBe('1.0.1-1.1');
  });
});
