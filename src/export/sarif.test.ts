import AjvDraft04 from 'ajv-draft-04';
import formats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { buildSarif } from './sarif.js';
import schema from './sarif-2.1.0-rtm.5.schema.json' with { type: 'json' };
import { scan } from '../../test/fixtures/export-scan.js';

// The SARIF 2.1.0 schema is JSON Schema draft-04, which ajv reads through ajv-draft-04. One of
// its patterns (`[a-zA-Z]{2}]?`) is not valid with the `u` flag ajv uses by default.
const validate = (() => {
  const ajv = new AjvDraft04.default({ allErrors: true, strict: false, unicodeRegExp: false });
  formats.default(ajv);
  return ajv.compile(schema);
})();

describe('buildSarif', () => {
  const log = buildSarif(scan, { version: '0.1.0' });

  it('is valid SARIF 2.1.0', () => {
    expect(validate(log), JSON.stringify(validate.errors, null, 2)).toBe(true);
    // ...and the check bites: a level SARIF does not define is refused.
    const broken = structuredClone(log);
    (broken.runs[0]!.results![0] as { level: string }).level = 'fatal';
    expect(validate(broken)).toBe(false);
  });

  it('has one rule per advisory and one result per finding', () => {
    const run = log.runs[0]!;
    expect(run.tool.driver.rules!.map((r) => r.id)).toEqual([
      'GHSA-3h5v-q93c-6h6q',
      'PYSEC-2023-74',
      'GHSA-aaaa-bbbb-cccc',
    ]);
    expect(
      run.results!.map((r) => [
        r.ruleId,
        r.ruleIndex,
        r.kind,
        r.level,
        r.suppressions?.length ?? 0,
      ]),
    ).toEqual([
      ['GHSA-3h5v-q93c-6h6q', 0, 'fail', 'error', 0],
      ['GHSA-3h5v-q93c-6h6q', 0, 'pass', 'none', 0],
      ['PYSEC-2023-74', 1, 'fail', 'warning', 1],
      ['GHSA-aaaa-bbbb-cccc', 2, 'fail', 'note', 1],
    ]);
  });

  it('marks findings cleared by evidence as suppressed, with the evidence as justification', () => {
    const [, , vex, backport] = log.runs[0]!.results!;
    expect(vex!.suppressions).toEqual([
      {
        kind: 'external',
        status: 'accepted',
        justification: expect.stringContaining('not_affected per CSAF vex/csaf.json#'),
      },
    ]);
    expect(backport!.message.text).toBe(
      '@scope/calc 1.0.1 (npm) is fixed-by-backport for GHSA-aaaa-bbbb-cccc: commit 0123456789ab says it is a backport of fix ba9876543210',
    );
  });

  it('points each result at the file the package was read from', () => {
    const uris = log.runs[0]!.results!.map(
      (r) => r.locations![0]!.physicalLocation!.artifactLocation!.uri,
    );
    expect(uris).toEqual([
      'project/web/package-lock.json',
      'project/web/package-lock.json',
      'project/api/requirements.txt',
      // A repository scan's source is `ref:path`; the path is the artifact.
      'v1.x:package.json',
    ]);
    const atRef = buildSarif({ ...scan, commit: 'abc' }, { version: '0.1.0' });
    expect(atRef.runs[0]!.results![3]!.locations![0]!.physicalLocation!.artifactLocation!.uri).toBe(
      'package.json',
    );
  });
});
