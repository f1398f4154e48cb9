import { Spec, Validation } from '@cyclonedx/cyclonedx-library';
import { describe, expect, it } from 'vitest';
import { buildCycloneDxVex } from './cyclonedx-vex.js';
import { scan } from '../../test/fixtures/export-scan.js';

const build = () =>
  buildCycloneDxVex(scan, {
    serialNumber: 'urn:uuid:5b0c8a0e-2f4e-4c3b-9a57-1d2e3f4a5b6c',
    timestamp: new Date('2024-06-19T12:00:00.000Z'),
    toolVersion: '0.1.0',
  });

interface Vulnerability {
  id: string;
  references?: Array<{ id: string }>;
  analysis: { state: string; justification?: string; detail?: string };
  affects: Array<{ ref: string }>;
  ratings?: Array<{ severity: string }>;
}

describe('buildCycloneDxVex', () => {
  const text = build();
  const bom = JSON.parse(text) as {
    specVersion: string;
    serialNumber: string;
    metadata: { timestamp: string };
    components: Array<{ 'bom-ref': string; name: string; group?: string; purl: string }>;
    vulnerabilities: Vulnerability[];
  };

  it('is valid against the CycloneDX 1.6 JSON schema (strict)', async () => {
    const validator = new Validation.JsonStrictValidator(Spec.Version.v1dot6);
    expect(await validator.validate(text)).toBeNull();
    // ...and the check bites: an analysis state CycloneDX does not define is refused.
    const broken = JSON.parse(text);
    broken.vulnerabilities[0].analysis.state = 'affected';
    expect(await validator.validate(JSON.stringify(broken))).not.toBeNull();
  });

  it('is the same document for the same input', () => {
    expect(build()).toBe(text);
    expect(bom).toMatchObject({
      specVersion: '1.6',
      serialNumber: 'urn:uuid:5b0c8a0e-2f4e-4c3b-9a57-1d2e3f4a5b6c',
      metadata: { timestamp: '2024-06-19T12:00:00.000Z' },
    });
  });

  it('has one component per package version, npm scopes as the group', () => {
    expect(bom.components.map((c) => [c['bom-ref'], c.group ?? null, c.name])).toEqual([
      ['pkg:npm/ws@7.5.9', null, 'ws'],
      ['pkg:npm/ws@8.17.1', null, 'ws'],
      ['pkg:pypi/requests@2.30.0', null, 'requests'],
      ['pkg:npm/%40scope/calc@1.0.1', '@scope', 'calc'],
    ]);
  });

  it('says each finding with its analysis state, justification and evidence', () => {
    expect(
      bom.vulnerabilities.map((v) => [
        v.id,
        v.affects[0]!.ref,
        v.analysis.state,
        v.analysis.justification ?? null,
      ]),
    ).toEqual([
      ['GHSA-3h5v-q93c-6h6q', 'pkg:npm/ws@7.5.9', 'exploitable', null],
      ['GHSA-3h5v-q93c-6h6q', 'pkg:npm/ws@8.17.1', 'resolved', null],
      ['PYSEC-2023-74', 'pkg:pypi/requests@2.30.0', 'not_affected', 'code_not_reachable'],
      ['GHSA-aaaa-bbbb-cccc', 'pkg:npm/%40scope/calc@1.0.1', 'resolved', null],
    ]);
    expect(bom.vulnerabilities[0]!.references!.map((r) => r.id)).toEqual(['CVE-2024-37890']);
    expect(bom.vulnerabilities[0]!.ratings).toEqual([{ severity: 'high' }]);
    expect(bom.vulnerabilities[1]!.analysis.detail).toBe('8.17.1 is outside the affected range');
    expect(bom.vulnerabilities[3]!.analysis.detail).toBe(
      'commit 0123456789ab says it is a backport of fix ba9876543210',
    );
  });
});
