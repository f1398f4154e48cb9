import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../test/cli.js';
import { tempDir } from '../../../test/temp.js';
import type { ScanReport } from '../../app/scan.js';

const fixtures = fileURLToPath(new URL('../../../test/fixtures', import.meta.url));

let root: string;
let db: string;

/** Copies a lockfile fixture to `dir` under the project, keeping its file name. */
function place(fixture: string, dir: string) {
  const target = path.join(root, 'project', dir);
  fs.mkdirSync(target, { recursive: true });
  fs.copyFileSync(`${fixtures}/lockfiles/${fixture}`, path.join(target, path.basename(fixture)));
}

beforeAll(async () => {
  root = tempDir();
  db = path.join(root, 'retrofit.db');
  const imported = await runCli([
    'advisories',
    'import',
    `${fixtures}/advisories/github`,
    '--db',
    db,
  ]);
  expect(imported.code).toBe(0);
  // The same npm project locked by four tools, in four folders.
  place('yarn-v1/yarn.lock', 'legacy');
  place('yarn-berry/yarn.lock', 'web');
  place('pnpm-v9/pnpm-lock.yaml', 'admin');
  place('cyclonedx-1.6/sample.cdx.json', 'sbom');
  place('go-mod/go.mod', 'svc');
  place('cargo-v4/Cargo.lock', 'crate');
  // Vendored and installed code is not the project's: never scanned.
  place('pnpm-v5/pnpm-lock.yaml', 'svc/vendor/github.com/x/tool');
  place('npm-v3/package-lock.json', 'web/node_modules/some-dep');
  const broken = path.join(root, 'project', 'tools', 'poetry.lock');
  fs.mkdirSync(path.dirname(broken), { recursive: true });
  fs.writeFileSync(broken, '[[package]]\nname = "black"\nversion = 22.3.0\n');
  fs.writeFileSync(
    path.join(root, 'project', 'sbom', 'image.spdx.json'),
    JSON.stringify({
      spdxVersion: 'SPDX-2.3',
      SPDXID: 'SPDXRef-DOCUMENT',
      packages: [
        {
          SPDXID: 'SPDXRef-zlib',
          name: 'zlib',
          externalRefs: [
            {
              referenceCategory: 'PACKAGE-MANAGER',
              referenceType: 'purl',
              referenceLocator: 'pkg:conan/zlib@1.2.13',
            },
          ],
        },
      ],
    }),
  );
});

describe('retrofit scan <folder> with every lockfile kind', () => {
  it('lists what a careful reader of the lockfiles and advisories would, once each', async () => {
    const run = await runCli(['scan', 'project', '--db', db, '--json'], { cwd: root });
    expect(run.code).toBe(1);
    const report = run.json as ScanReport;
    const affected = report.findings
      .filter((f) => f.status === 'affected')
      .map((f) => `${f.package}@${f.version} ${f.advisory} ${f.aliases.join(',')}`);
    // Each of the sample's locked versions below is inside a range of the record named
    // (test/fixtures/advisories/github/INDEX.tsv lists the ranges).
    expect(affected).toEqual([
      'body-parser@1.19.0 GHSA-qwcr-r2fm-qrc7 CVE-2024-45590',
      'cookie@0.4.0 GHSA-pxg6-pf52-xh8x CVE-2024-47764',
      'express@4.17.1 GHSA-rv95-896h-c2vc CVE-2024-29041',
      'follow-redirects@1.14.0 GHSA-cxjh-pqwp-8mfp CVE-2024-28849',
      'minimist@1.2.5 GHSA-xvch-5gv4-984h CVE-2021-44906',
      'node-fetch@2.6.1 GHSA-r683-j2x4-v87g CVE-2022-0235',
      'path-to-regexp@0.1.7 GHSA-9wv6-86v2-598j CVE-2024-45296',
      'qs@6.7.0 GHSA-hrpp-h998-j3pp CVE-2022-24999',
      'semver@7.3.5 GHSA-c2qf-rxjj-qqgw CVE-2022-25883',
      'send@0.17.1 GHSA-m6fv-jmcg-4jfg CVE-2024-43799',
      'serve-static@1.14.1 GHSA-cm22-4g7w-348p CVE-2024-43800',
      'ws@7.4.5 GHSA-3h5v-q93c-6h6q CVE-2024-37890',
      'ws@7.4.5 GHSA-6fc8-4gx4-v693 CVE-2021-32640',
    ]);
    // One finding per package version, naming every file it was found in.
    const ws = report.findings.find((f) => f.advisory === 'GHSA-3h5v-q93c-6h6q');
    expect(ws?.source.split(', ').sort()).toEqual([
      path.join('project', 'admin', 'pnpm-lock.yaml'),
      path.join('project', 'legacy', 'yarn.lock'),
      path.join('project', 'sbom', 'sample.cdx.json'),
      path.join('project', 'web', 'yarn.lock'),
    ]);
    // 67 npm package versions, the 20 Go modules of go.mod and the 4 crates of Cargo.lock;
    // nothing from vendor/ or node_modules/.
    expect(report.summary.packages).toBe(67 + 20 + 4);
    expect(report.findings.every((f) => !f.source.includes('vendor'))).toBe(true);
    expect(report.findings.every((f) => !f.source.includes('node_modules'))).toBe(true);
    expect(report.problems).toEqual([
      {
        source: path.join('project', 'sbom', 'image.spdx.json'),
        message:
          '1 component of purl type conan, an ecosystem retrofit does not know, not scanned: pkg:conan/zlib@1.2.13',
      },
      {
        source: path.join('project', 'tools', 'poetry.lock'),
        message: expect.stringMatching(
          /^cannot read project\/tools\/poetry\.lock:3: not valid TOML/,
        ),
      },
    ]);
  });

  it('scans a go.mod named directly, and warns about what it could not scan', async () => {
    fs.writeFileSync(
      path.join(root, 'go.mod'),
      'module m\n\nrequire github.com/a/b v1.0.0\n\nreplace github.com/a/b => ./b\n',
    );
    const run = await runCli(['scan', 'go.mod', '--db', db], { cwd: root });
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(
      'warning: go.mod: github.com/a/b is replaced by the folder ./b and was not scanned',
    );
  });

  it('exits 2 naming the file and line when a yarn.lock named directly is broken', async () => {
    fs.writeFileSync(path.join(root, 'yarn.lock'), 'ws@^7:\n  version "7.4.5"\nqs@6\n');
    const run = await runCli(['scan', 'yarn.lock', '--db', db], { cwd: root });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('cannot read yarn.lock:3: not an entry: qs@6');
  });
});

describe('retrofit scan <folder> with Python lockfiles', () => {
  // Written for this test in the shapes Poetry and uv write; the records are the PyPA's.
  const poetryLock = [
    ['distributed', '2021.9.1'],
    ['Jinja2', '2.10.1'],
    ['requests', '2.25.1'],
    ['urllib3', '1.26.4'],
  ]
    .map(
      ([name, version]) =>
        `[[package]]\nname = "${name}"\nversion = "${version}"\noptional = false\npython-versions = "*"\nfiles = []\n`,
    )
    .join('\n');
  const uvLock = `version = 1\nrevision = 2\n\n[[package]]\nname = "requests"\nversion = "2.25.1"\nsource = { registry = "https://pypi.org/simple" }\n`;

  it('lists each vulnerability once, however many records and files name it', async () => {
    const dir = tempDir();
    const database = path.join(dir, 'retrofit.db');
    const imported = await runCli(
      ['advisories', 'import', `${fixtures}/advisories/pypa`, '--db', database],
      { cwd: dir },
    );
    expect(imported.code).toBe(0);
    fs.mkdirSync(path.join(dir, 'app', 'worker'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'app', 'poetry.lock'), poetryLock);
    fs.writeFileSync(path.join(dir, 'app', 'worker', 'uv.lock'), uvLock);
    const run = await runCli(['scan', 'app', '--db', database, '--json'], { cwd: dir });
    expect(run.code).toBe(1);
    const report = run.json as ScanReport;
    const affected = report.findings
      .filter((f) => f.status === 'affected')
      .map((f) => `${f.package}@${f.version} ${f.advisory} ${f.aliases.join(',')}`);
    // Read off the records' ranges (test/fixtures/advisories/pypa/vulns): jinja2 2.10.1 is
    // past the fixes of its four older records; urllib3 1.26.4 past eight, before three;
    // requests 2.25.1 past four, before one.
    // PYSEC-2021-871 and PYSEC-2021-872 are one vulnerability (both are CVE-2021-42343).
    // The report sorts by name in code-unit order, capitals first.
    expect(affected).toEqual([
      'Jinja2@2.10.1 PYSEC-2021-66 CVE-2020-28493,GHSA-g3rq-g295-4j3m,SNYK-PYTHON-JINJA2-1012994',
      'distributed@2021.9.1 PYSEC-2021-871 CVE-2021-42343,GHSA-hwqr-f3v9-hwxr,GHSA-j8fq-86c5-5v2r,PYSEC-2021-872',
      'requests@2.25.1 PYSEC-2023-74 CVE-2023-32681,GHSA-j8r2-6x86-q33q',
      'urllib3@1.26.4 PYSEC-2021-108 CVE-2021-33503,GHSA-q2q7-5pp4-w6pg',
      'urllib3@1.26.4 PYSEC-2023-192 CVE-2023-43804,GHSA-v845-jxx5-vc9f',
      'urllib3@1.26.4 PYSEC-2023-212 CVE-2023-45803,GHSA-g4mx-q9vg-27p4',
    ]);
    expect(report.summary).toMatchObject({ packages: 4, affected: 6, fixed: 4 + 8 + 4 });
    const requests = report.findings.find((f) => f.advisory === 'PYSEC-2023-74');
    expect(requests?.source).toBe(
      [path.join('app', 'poetry.lock'), path.join('app', 'worker', 'uv.lock')].join(', '),
    );
  });
});
