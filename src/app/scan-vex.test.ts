import { describe, expect, it } from 'vitest';
import type { ImportedVexStatement } from '../vex/types.js';
import { applyVex, type VexDocuments } from './scan-vex.js';
import type { Finding, ScanReport } from './scan-types.js';

const finding = (version: string, status: Finding['status']): Finding => ({
  advisory: 'GHSA-3h5v-q93c-6h6q',
  aliases: ['CVE-2024-37890'],
  ecosystem: 'npm',
  package: 'ws',
  version,
  status,
  evidence:
    status === 'fixed-by-backport'
      ? [
          {
            kind: 'fix-commit',
            summary: 'fix commit e55e5106f10f named by the advisory is in this history',
          },
        ]
      : [],
  source: 'package-lock.json',
});

const report: ScanReport = {
  target: 'project',
  findings: [
    finding('7.5.9', 'affected'),
    finding('7.5.8', 'fixed-by-backport'),
    finding('8.17.1', 'fixed'),
  ],
  problems: [],
  summary: { packages: 3, affected: 1, fixed: 1, fixedByBackport: 1, notAffected: 0 },
};

const notAffected: ImportedVexStatement = {
  file: 'vex.json',
  format: 'openvex',
  pointer: '/statements/0',
  vulnerabilities: ['CVE-2024-37890'],
  products: [{ purl: 'pkg:npm/ws' }],
  status: 'not_affected',
  justification: 'component_not_present',
};

const vex = (statements: ImportedVexStatement[]): VexDocuments => ({
  documents: [{ file: 'vex.json', format: 'openvex', statements: statements.length }],
  statements,
});

describe('applyVex', () => {
  it('decides only findings affected by their version, and counts the summary again', async () => {
    const result = await applyVex(report, vex([notAffected]));
    expect(
      result.findings.map((f) => [f.version, f.status, f.evidence.map((e) => e.kind)]),
    ).toEqual([
      ['7.5.9', 'not-affected', ['vex']],
      // A backport found in the history stays what it is; a version past the fix too.
      ['7.5.8', 'fixed-by-backport', ['fix-commit']],
      ['8.17.1', 'fixed', []],
    ]);
    expect(result.summary).toEqual({
      packages: 3,
      affected: 0,
      fixed: 1,
      fixedByBackport: 1,
      notAffected: 1,
    });
    expect(result.vex).toEqual({ documents: vex([notAffected]).documents, applied: 1 });
    // The report given is not changed.
    expect(report.findings[0]!.status).toBe('affected');
  });

  it('never hides a finding for an affected or under_investigation statement', async () => {
    for (const status of ['affected', 'under_investigation'] as const) {
      const result = await applyVex(report, vex([{ ...notAffected, status }]));
      expect(result.findings[0]).toEqual(report.findings[0]);
      expect(result.summary.affected).toBe(1);
      expect(result.vex!.applied).toBe(0);
    }
  });
});
