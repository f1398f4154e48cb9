// `retrofit scan` on the lockfiles and package lists of the other ecosystems: real files from
// public projects and a Debian system (test/fixtures/lockfiles), against OSV records written
// here for the purpose (their `x_` ids, OSV's prefix for private ones, say so): one per ecosystem, with a range around the version
// the file pins.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../test/cli.js';
import { tempDir } from '../../../test/temp.js';

const lockfiles = fileURLToPath(new URL('../../../test/fixtures/lockfiles', import.meta.url));

const range = (ecosystem: string, name: string, events: Array<Record<string, string>>) => ({
  package: { ecosystem, name },
  ranges: [{ type: 'ECOSYSTEM', events }],
});

const records = [
  {
    id: 'x_TEST-MAVEN-1',
    affected: [
      range('Maven', 'ch.qos.logback:logback-core', [{ introduced: '1.4.0' }, { fixed: '1.5.13' }]),
    ],
  },
  {
    id: 'x_TEST-RUBYGEMS-1',
    affected: [range('RubyGems', 'nokogiri', [{ introduced: '1.19.0' }, { fixed: '1.19.2' }])],
  },
  {
    id: 'x_TEST-PACKAGIST-1',
    affected: [range('Packagist', 'composer/semver', [{ introduced: '0' }, { fixed: 'v3.4.5' }])],
  },
  {
    // One entry per release, as Debian's advisories have: the Debian 12 fix is installed,
    // and the Debian 13 entry (no fix yet) is about another release.
    id: 'x_TEST-DEBIAN-1',
    affected: [
      range('Debian:12', 'glibc', [{ introduced: '0' }, { fixed: '2.36-9+deb12u3' }]),
      range('Debian:13', 'glibc', [{ introduced: '0' }]),
    ],
  },
  {
    id: 'x_TEST-DEBIAN-2',
    affected: [range('Debian:12', 'openssl', [{ introduced: '0' }, { fixed: '3.0.19-1~deb12u3' }])],
  },
  {
    // An entry for no release in particular applies to every release.
    id: 'x_TEST-DEBIAN-3',
    affected: [range('Debian', 'tzdata', [{ introduced: '0' }, { fixed: '2025b-0+deb12u3' }])],
  },
  {
    id: 'x_TEST-ROCKY-1',
    affected: [
      range('Rocky Linux:9', 'openssl', [{ introduced: '0' }, { fixed: '1:3.0.7-28.el9_4' }]),
    ],
  },
];

let root: string;
let db: string;

beforeAll(async () => {
  root = tempDir();
  db = path.join(root, 'retrofit.db');
  const advisories = path.join(root, 'advisories');
  fs.mkdirSync(advisories);
  for (const record of records) {
    fs.writeFileSync(
      path.join(advisories, `${record.id}.json`),
      JSON.stringify({ ...record, modified: '2026-01-01T00:00:00Z' }),
    );
  }
  expect((await runCli(['advisories', 'import', advisories, '--db', db])).code).toBe(0);
  const project = path.join(root, 'project');
  for (const file of [
    'pom.xml',
    'gradle.lockfile',
    'Gemfile.lock',
    'composer.lock',
    'dpkg-status',
  ]) {
    const folder = path.join(project, file.replace(/\W/g, '-'));
    fs.mkdirSync(folder, { recursive: true });
    fs.copyFileSync(path.join(lockfiles, file), path.join(folder, file));
  }
  fs.writeFileSync(
    path.join(root, 'rpm-qa.txt'),
    [
      'rocky-release (none):9.4-1.7.el9 rocky-release-9.4-1.7.el9.src.rpm',
      'openssl-libs 1:3.0.7-27.el9 openssl-3.0.7-27.el9.src.rpm',
      'openssl 1:3.0.7-27.el9 openssl-3.0.7-27.el9.src.rpm',
    ].join('\n'),
  );
});

type Report = {
  findings: Array<{
    advisory: string;
    ecosystem: string;
    package: string;
    version: string;
    status: string;
  }>;
  problems: Array<{ source: string; message: string }>;
};

describe('retrofit scan on Maven, RubyGems, Packagist, Debian and RPM inputs', () => {
  it('finds the affected packages in a folder of lockfiles, and says what it could not resolve', async () => {
    const run = await runCli(['scan', 'project', '--db', db, '--json'], { cwd: root });
    expect(run.code).toBe(1);
    const report = run.json as Report;
    expect(
      report.findings.map(
        (f) => `${f.status} ${f.advisory} ${f.ecosystem} ${f.package} ${f.version}`,
      ),
    ).toEqual([
      'affected x_TEST-MAVEN-1 Maven ch.qos.logback:logback-core 1.4.14',
      'affected x_TEST-PACKAGIST-1 Packagist composer/semver 3.4.4',
      'affected x_TEST-RUBYGEMS-1 RubyGems nokogiri 1.19.1',
    ]);
    // pom.xml: versions its parent manages are reported, not guessed.
    expect(report.problems).toContainEqual({
      source: path.join('project', 'pom-xml', 'pom.xml'),
      message: expect.stringMatching(
        /^21 dependencies were not scanned because its version is managed outside this file/,
      ),
    });
    // A file named `status` is only read when named: in a folder it could be anything.
    expect(JSON.stringify(report)).not.toContain('dpkg-status');
  });

  it('reads a dpkg status file named directly, scoped to its Debian release', async () => {
    const run = await runCli(
      ['scan', 'project/dpkg-status/dpkg-status', '--db', db, '--json', '--show-suppressed'],
      {
        cwd: root,
      },
    );
    expect(run.code).toBe(1);
    const report = run.json as Report;
    expect(
      report.findings.map(
        (f) => `${f.status} ${f.advisory} ${f.ecosystem} ${f.package} ${f.version}`,
      ),
    ).toEqual([
      'fixed x_TEST-DEBIAN-1 Debian:12 glibc 2.36-9+deb12u14',
      'affected x_TEST-DEBIAN-2 Debian:12 openssl 3.0.19-1~deb12u2',
      'affected x_TEST-DEBIAN-3 Debian:12 tzdata 2025b-0+deb12u2',
    ]);
    expect(report.problems).toEqual([]);
  });

  it('reads an rpm -qa listing named directly, by source package, for its distribution', async () => {
    const run = await runCli(['scan', 'rpm-qa.txt', '--db', db, '--json'], { cwd: root });
    expect(run.code).toBe(1);
    expect((run.json as Report).findings).toEqual([
      expect.objectContaining({
        advisory: 'x_TEST-ROCKY-1',
        ecosystem: 'Rocky Linux:9',
        package: 'openssl',
        version: '1:3.0.7-27.el9',
        status: 'affected',
      }),
    ]);
  });

  it('rejects a broken Gemfile.lock named directly, naming the file and line', async () => {
    fs.writeFileSync(path.join(root, 'Gemfile.lock'), 'GEM\n  specs:\n    rack 2.2\n');
    const run = await runCli(['scan', 'Gemfile.lock', '--db', db], { cwd: root });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('cannot read Gemfile.lock:3: not a "name (version)" gem spec');
  });
});
