import { describe, expect, it } from 'vitest';
import { decideVex, productMatches, type VexSubject } from './match-vex.js';
import type { ImportedVexStatement } from './types.js';

const ws: VexSubject = {
  advisory: 'GHSA-3h5v-q93c-6h6q',
  aliases: ['CVE-2024-37890'],
  ecosystem: 'npm',
  package: 'ws',
  version: '7.5.9',
};

const statement = (over: Partial<ImportedVexStatement>): ImportedVexStatement => ({
  file: 'a.json',
  format: 'openvex',
  pointer: '/statements/0',
  vulnerabilities: ['CVE-2024-37890'],
  products: [{ purl: 'pkg:npm/ws@7.5.9' }],
  status: 'not_affected',
  ...over,
});

describe('productMatches', () => {
  it.each([
    [{ purl: 'pkg:npm/ws@7.5.9' }, ws, true],
    [{ purl: 'pkg:npm/ws' }, ws, true],
    [{ purl: 'pkg:npm/ws@7.5.10' }, ws, false],
    [{ purl: 'pkg:pypi/ws@7.5.9' }, ws, false],
    [{ purl: 'pkg:npm/wss@7.5.9' }, ws, false],
    [{ purl: 'not a purl' }, ws, false],
    [{ name: 'ws', version: '7.5.9' }, ws, true],
    // A bare name could be any package in any ecosystem: it needs its version.
    [{ name: 'ws' }, ws, false],
    [
      { purl: 'pkg:npm/%40babel/traverse@7.23.1' },
      { ...ws, package: '@babel/traverse', version: '7.23.1' },
      true,
    ],
    [
      { purl: 'pkg:pypi/Django_REST.framework@3.14.0' },
      { ...ws, ecosystem: 'PyPI', package: 'djangorestframework', version: '3.14.0' },
      false,
    ],
    [
      { purl: 'pkg:pypi/django-rest-framework@3.14.0' },
      { ...ws, ecosystem: 'PyPI', package: 'Django_REST.framework', version: '3.14.0' },
      true,
    ],
  ])('%j for %j: %s', (product, subject, expected) => {
    expect(productMatches(product, subject)).toBe(expected);
  });
});

describe('decideVex', () => {
  it('matches the vulnerability by the advisory id or any alias, in any case', () => {
    expect(decideVex(ws, [statement({ vulnerabilities: ['ghsa-3h5v-q93c-6h6q'] })])).toMatchObject({
      status: 'not-affected',
    });
    expect(decideVex(ws, [statement({ vulnerabilities: ['CVE-2024-0001'] })])).toBeUndefined();
  });

  it('turns fixed into fixed-by-backport and keeps affected findings affected', () => {
    expect(decideVex(ws, [statement({ status: 'fixed' })])?.status).toBe('fixed-by-backport');
    expect(decideVex(ws, [statement({ status: 'affected' })])?.status).toBe('affected');
    expect(decideVex(ws, [statement({ status: 'under_investigation' })])?.status).toBe('affected');
  });

  it('takes the newest statement of one file', () => {
    const older = statement({ status: 'under_investigation', timestamp: '2024-06-17T08:00:00Z' });
    const newer = statement({ status: 'not_affected', timestamp: '2024-06-18T09:30:00Z' });
    expect(decideVex(ws, [newer, older])).toMatchObject({
      status: 'not-affected',
      statement: newer,
    });
    expect(decideVex(ws, [older, newer])).toMatchObject({
      status: 'not-affected',
      statement: newer,
    });
  });

  it('lets any file that says affected keep the finding, whatever another file says', () => {
    const decision = decideVex(ws, [
      statement({ file: 'a.json', status: 'not_affected' }),
      statement({ file: 'b.json', status: 'affected' }),
    ]);
    expect(decision).toMatchObject({ status: 'affected', statement: { file: 'b.json' } });
  });

  it('prefers not_affected to fixed across files', () => {
    const decision = decideVex(ws, [
      statement({ file: 'a.json', status: 'fixed' }),
      statement({ file: 'b.json', status: 'not_affected' }),
    ]);
    expect(decision).toMatchObject({ status: 'not-affected', statement: { file: 'b.json' } });
  });
});
