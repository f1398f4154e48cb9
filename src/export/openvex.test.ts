import { Ajv2020 } from 'ajv/dist/2020.js';
import formats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { buildOpenVex, type VexStatementInput } from './openvex.js';
import schema from './openvex.schema.json' with { type: 'json' };

// The published OpenVEX schema, as copied from shared/schemas. It uses an `iri` format that
// ajv-formats does not define; an IRI is a scheme, a colon and no whitespace.
const validate = (() => {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  formats.default(ajv);
  ajv.addFormat('iri', /^[a-z][a-z0-9+.-]*:\S+$/i);
  return ajv.compile(schema);
})();

const fixed = (productId: string, notes: string, timestamp: string): VexStatementInput => ({
  vulnerability: { name: 'GHSA-3h5v-q93c-6h6q', aliases: ['CVE-2024-37890'] },
  productId,
  status: 'fixed',
  statusNotes: notes,
  timestamp,
});

const statements: VexStatementInput[] = [
  fixed('pkg:npm/ws@7.5.10', 'Backported onto 7.x in commit 4f2a9c1.', '2024-06-17T10:00:00.000Z'),
  fixed('pkg:npm/ws@6.2.3', 'Backported onto 6.x in commit 9b1e0d2.', '2024-06-18T09:30:00.000Z'),
  fixed('pkg:npm/ws@7.5.10', 'Backported onto 7.x in commit 4f2a9c1.', '2024-06-17T10:00:00.000Z'),
  {
    vulnerability: { name: 'GHSA-3h5v-q93c-6h6q', aliases: ['CVE-2024-37890'] },
    productId: 'pkg:npm/ws@5.2.3',
    status: 'affected',
    actionStatement: 'Upgrade to ws 6.2.3 or later.',
    timestamp: '2024-06-18T09:30:00.000Z',
  },
  {
    vulnerability: { name: 'CVE-2024-0001', aliases: [] },
    productId: 'pkg:npm/%40scope/lib@1.0.0',
    status: 'not_affected',
    justification: 'vulnerable_code_not_present',
    timestamp: '2024-06-18T09:30:00.000Z',
  },
];

const document = buildOpenVex({
  id: 'urn:uuid:5b0c8a0e-2f4e-4c3b-9a57-1d2e3f4a5b6c',
  author: 'Release Team <security@example.org>',
  timestamp: '2024-06-19T12:00:00.000Z',
  statements,
});

describe('buildOpenVex', () => {
  it('produces a document the OpenVEX 0.2.0 schema accepts', () => {
    expect(validate(document), JSON.stringify(validate.errors)).toBe(true);
  });

  it('merges statements for the same vulnerability and status into one', () => {
    expect(document.statements.map((s) => [s.vulnerability.name, s.status])).toEqual([
      ['GHSA-3h5v-q93c-6h6q', 'fixed'],
      ['GHSA-3h5v-q93c-6h6q', 'affected'],
      ['CVE-2024-0001', 'not_affected'],
    ]);
    expect(document.statements[0]!.products.map((p) => p['@id'])).toEqual([
      'pkg:npm/ws@7.5.10',
      'pkg:npm/ws@6.2.3',
    ]);
    expect(document.statements[0]!.timestamp).toBe('2024-06-18T09:30:00.000Z');
  });

  it('matches the snapshot', () => {
    expect(document).toMatchSnapshot();
  });

  it('refuses statements the spec forbids, naming them', () => {
    const base = {
      vulnerability: { name: 'CVE-1', aliases: [] },
      productId: 'pkg:npm/x@1',
      timestamp: '2024-01-01T00:00:00Z',
    };
    const build = (statement: VexStatementInput) =>
      buildOpenVex({
        id: 'urn:x',
        author: 'a',
        timestamp: '2024-01-01T00:00:00Z',
        statements: [statement],
      });
    expect(() => build({ ...base, status: 'affected' })).toThrow(/affected statement for CVE-1/);
    expect(() => build({ ...base, status: 'not_affected' })).toThrow(
      /not_affected statement for CVE-1/,
    );
    expect(() =>
      buildOpenVex({ id: 'urn:x', author: 'a', timestamp: '2024-01-01T00:00:00Z', statements: [] }),
    ).toThrow(/no statements/);
  });
});
