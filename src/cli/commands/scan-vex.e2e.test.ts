import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Spec, Validation } from '@cyclonedx/cyclonedx-library';
import AjvDraft04 from 'ajv-draft-04';
import formats from 'ajv-formats';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../test/cli.js';
import { tempDir } from '../../../test/temp.js';
import sarifSchema from '../../export/sarif-2.1.0-rtm.5.schema.json' with { type: 'json' };

const fixtures = fileURLToPath(new URL('../../../test/fixtures', import.meta.url));

interface FindingJson {
  package: string;
  status: string;
  evidence: Array<{
    kind: string;
    summary: string;
    vex?: { file: string; format: string; statement: string; justification?: string };
  }>;
}
interface ReportJson {
  findings: FindingJson[];
  summary: Record<string, number>;
  vex?: { documents: Array<{ file: string; format: string }>; applied: number };
}

let root: string;
let db: string;

beforeAll(async () => {
  root = tempDir();
  db = path.join(root, 'retrofit.db');
  for (const file of [
    'advisories/github/GHSA-3h5v-q93c-6h6q.json',
    'advisories/pypa/vulns/requests/PYSEC-2023-74.yaml',
  ]) {
    expect((await runCli(['advisories', 'import', `${fixtures}/${file}`, '--db', db])).code).toBe(
      0,
    );
  }
  const project = path.join(root, 'project');
  fs.mkdirSync(project);
  fs.writeFileSync(
    path.join(project, 'package-lock.json'),
    JSON.stringify({
      name: 'app',
      lockfileVersion: 3,
      packages: { '': { name: 'app' }, 'node_modules/ws': { version: '7.5.9' } },
    }),
  );
  fs.writeFileSync(path.join(project, 'requirements.txt'), 'requests==2.30.0\n');
  fs.mkdirSync(path.join(root, 'vex'));
  for (const name of ['openvex.json', 'cyclonedx.json', 'csaf.json']) {
    fs.copyFileSync(path.join(fixtures, 'vex', name), path.join(root, 'vex', name));
  }
});

const scan = (...args: string[]) => runCli(['scan', 'project', '--db', db, ...args], { cwd: root });

describe('retrofit scan --vex', () => {
  it('without VEX, both packages are affected (exit 1)', async () => {
    const run = await scan('--json');
    expect(run.code).toBe(1);
    expect((run.json as ReportJson).findings.map((f) => [f.package, f.status])).toEqual([
      ['requests', 'affected'],
      ['ws', 'affected'],
    ]);
  });

  it('applies OpenVEX and CSAF documents together, with each statement as evidence (exit 0)', async () => {
    const run = await scan('--vex', 'vex/openvex.json', '--vex', 'vex/csaf.json', '--json');
    expect(run.code).toBe(0);
    const report = run.json as ReportJson;
    expect(report.findings.map((f) => [f.package, f.status])).toEqual([
      ['requests', 'not-affected'],
      // CSAF says fixed, OpenVEX's newest statement not_affected: not_affected stands.
      ['ws', 'not-affected'],
    ]);
    expect(report.findings[0]!.evidence).toEqual([
      {
        kind: 'vex',
        summary:
          'not_affected per CSAF vex/csaf.json#/vulnerabilities/0/product_status/known_not_affected/0 (vulnerable_code_not_in_execute_path): DEF never sends requests through a proxy.',
        vex: {
          file: 'vex/csaf.json',
          format: 'csaf',
          statement: '/vulnerabilities/0/product_status/known_not_affected/0',
          status: 'not_affected',
          justification: 'vulnerable_code_not_in_execute_path',
          detail: 'DEF never sends requests through a proxy.',
        },
      },
    ]);
    expect(report.findings[1]!.evidence[0]!.vex).toMatchObject({
      file: 'vex/openvex.json',
      format: 'openvex',
      statement: '/statements/2',
    });
    expect(report.summary).toMatchObject({ affected: 0, notAffected: 2 });
    expect(report.vex).toEqual({
      documents: [
        { file: 'vex/openvex.json', format: 'openvex', statements: 3 },
        { file: 'vex/csaf.json', format: 'csaf', statements: 2 },
      ],
      applied: 2,
    });
  });

  it('turns CycloneDX resolved into fixed-by-backport and leaves exploitable affected', async () => {
    const run = await scan('--vex', 'vex/cyclonedx.json', '--json');
    expect(run.code).toBe(1);
    const report = run.json as ReportJson;
    expect(report.findings.map((f) => [f.package, f.status, f.evidence.length])).toEqual([
      ['requests', 'affected', 0],
      ['ws', 'fixed-by-backport', 1],
    ]);
    expect(report.findings[1]!.evidence[0]!.summary).toBe(
      'fixed per CycloneDX vex/cyclonedx.json#/vulnerabilities/1: The fix of ws 8.17.1 (e55e510) is backported into our 7.5.9 build.',
    );
  });

  it('hides suppressed findings from the table but counts them, and lists them on request', async () => {
    const run = await scan('--vex', 'vex/cyclonedx.json');
    expect(run.stdout).toBe(
      [
        'scan of project',
        '',
        'requests (PyPI)  project/requirements.txt',
        '  affected  PYSEC-2023-74 (CVE-2023-32681, GHSA-j8r2-6x86-q33q)  -  2.30.0',
        '',
        'vex: vex/cyclonedx.json (cyclonedx); 1 finding decided',
        '1 affected, 1 fixed by backport, 0 fixed, 0 not affected in 2 packages (1 suppressed, --show-suppressed to list)',
        '',
      ].join('\n'),
    );
    const all = await scan('--vex', 'vex/cyclonedx.json', '--show-suppressed');
    expect(all.stdout).toBe(
      [
        'scan of project',
        '',
        'requests (PyPI)  project/requirements.txt',
        '  affected           PYSEC-2023-74 (CVE-2023-32681, GHSA-j8r2-6x86-q33q)  -     2.30.0',
        '',
        'ws (npm)  project/package-lock.json',
        '  fixed-by-backport  GHSA-3h5v-q93c-6h6q (CVE-2024-37890)                 HIGH  7.5.9',
        '    evidence: fixed per CycloneDX vex/cyclonedx.json#/vulnerabilities/1: The fix of ws 8.17.1 (e55e510) is backported into our 7.5.9 build.',
        '',
        'vex: vex/cyclonedx.json (cyclonedx); 1 finding decided',
        '1 affected, 1 fixed by backport, 0 fixed, 0 not affected in 2 packages',
        '',
      ].join('\n'),
    );
  });

  it('exits 2 naming the file and the JSON pointer of a bad statement, writing nothing', async () => {
    const bad = JSON.parse(fs.readFileSync(path.join(root, 'vex', 'openvex.json'), 'utf8'));
    bad.statements[2].status = 'fine';
    fs.writeFileSync(path.join(root, 'vex', 'bad.json'), JSON.stringify(bad));
    const run = await scan('--vex', 'vex/bad.json', '--format', 'sarif', '--output', 'out.sarif');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /^retrofit: cannot read VEX document vex\/bad\.json at \/statements\/2\/status: /,
    );
    expect(fs.existsSync(path.join(root, 'out.sarif'))).toBe(false);
    const missing = await scan('--vex', 'vex/nope.json');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('retrofit: cannot read VEX document vex/nope.json: ENOENT');
  });
});

describe('retrofit scan --format', () => {
  it('writes SARIF 2.1.0 that the schema accepts, suppressions included', async () => {
    const run = await scan('--vex', 'vex/cyclonedx.json', '--format', 'sarif');
    expect(run.code).toBe(1);
    const log = JSON.parse(run.stdout);
    const ajv = new AjvDraft04.default({ allErrors: true, strict: false, unicodeRegExp: false });
    formats.default(ajv);
    expect(ajv.validate(sarifSchema, log), JSON.stringify(ajv.errors)).toBe(true);
    const results = log.runs[0].results as Array<{ ruleId: string; suppressions?: unknown[] }>;
    expect(results.map((r) => [r.ruleId, r.suppressions?.length ?? 0])).toEqual([
      ['PYSEC-2023-74', 0],
      ['GHSA-3h5v-q93c-6h6q', 1],
    ]);
  });

  it('writes CycloneDX VEX to --output atomically, and says so on stdout', async () => {
    const out = path.join(root, 'reports', 'scan.cdx.json');
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, 'previous');
    const run = await scan('--format', 'cyclonedx', '--output', 'reports/scan.cdx.json');
    expect(run.code).toBe(1);
    expect(run.stdout).toBe(
      'wrote the cyclonedx report to reports/scan.cdx.json\n2 affected, 0 fixed by backport, 0 fixed, 0 not affected in 2 packages\n',
    );
    const text = fs.readFileSync(out, 'utf8');
    expect(await new Validation.JsonStrictValidator(Spec.Version.v1dot6).validate(text)).toBeNull();
    expect(JSON.parse(text).vulnerabilities.map((v: { id: string }) => v.id)).toEqual([
      'PYSEC-2023-74',
      'GHSA-3h5v-q93c-6h6q',
    ]);
    expect(fs.readdirSync(path.dirname(out))).toEqual(['scan.cdx.json']);
  });

  it('writes the JSON report or the table to --output; under --json stdout says where', async () => {
    const json = await scan('--json', '--output', 'report.json');
    expect(json.code).toBe(1);
    const written = JSON.parse(fs.readFileSync(path.join(root, 'report.json'), 'utf8'));
    expect(written.findings).toHaveLength(2);
    expect(json.json).toEqual({
      output: path.join(root, 'report.json'),
      format: 'json',
      summary: written.summary,
    });
    const table = await scan('--output', 'report.txt');
    expect(table.stdout).toMatch(/^wrote the table report to report\.txt\n/);
    expect(fs.readFileSync(path.join(root, 'report.txt'), 'utf8')).toMatch(
      /^scan of project\n\nrequests \(PyPI\)/,
    );
  });

  it('exits 2 and leaves no file when --output cannot be written', async () => {
    const run = await scan('--format', 'json', '--output', 'no/such/folder/scan.json');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('retrofit: cannot write no/such/folder/scan.json: ENOENT');
    expect(fs.existsSync(path.join(root, 'no'))).toBe(false);
  });

  it('--format json is --json', async () => {
    const long = await scan('--format', 'json');
    const short = await scan('--json');
    expect(long.stdout).toBe(short.stdout);
    expect(long.code).toBe(1);
  });

  it('refuses an unknown format, and --json with another format', async () => {
    const unknown = await scan('--format', 'xml');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain(
      'retrofit: --format xml is not one of table, json, sarif, cyclonedx',
    );
    const both = await scan('--json', '--format', 'sarif');
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('--json and --format sarif ask for two formats');
  });
});
