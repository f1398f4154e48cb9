import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readVexDocument } from './read-vex.js';

const fixture = (name: string) =>
  fs.readFileSync(new URL(`../../test/fixtures/vex/${name}`, import.meta.url), 'utf8');

describe('readVexDocument: OpenVEX', () => {
  const { format, statements } = readVexDocument(fixture('openvex.json'), 'vex/openvex.json');

  it('reads every statement, with its pointer, ids, products and reasons', () => {
    expect(format).toBe('openvex');
    expect(statements.map((s) => [s.pointer, s.status, s.vulnerabilities])).toEqual([
      ['/statements/0', 'fixed', ['CVE-2014-123456']],
      ['/statements/1', 'under_investigation', ['CVE-2024-37890', 'GHSA-3h5v-q93c-6h6q']],
      ['/statements/2', 'not_affected', ['CVE-2024-37890']],
    ]);
    expect(statements[0]!.products).toEqual([
      { purl: 'pkg:apk/distro/git@2.39.0-r1?arch=armv7' },
      { purl: 'pkg:apk/distro/git@2.39.0-r1?arch=x86_64' },
    ]);
    expect(statements[0]!.timestamp).toBe('2023-01-08T18:02:03.647787998-06:00');
    // A statement about a package inside an image is about the package.
    expect(statements[2]).toMatchObject({
      file: 'vex/openvex.json',
      format: 'openvex',
      products: [{ purl: 'pkg:npm/ws@7.5.9' }],
      justification: 'vulnerable_code_not_in_execute_path',
      detail: 'The service never accepts WebSocket upgrades from untrusted clients.',
      timestamp: '2024-06-18T09:30:00Z',
    });
  });

  it('reads a 0.0.x document whose vulnerability and products are strings', () => {
    const old = JSON.stringify({
      '@context': 'https://openvex.dev/ns',
      statements: [
        {
          vulnerability: 'CVE-2023-1255',
          products: ['pkg:npm/ws@7.5.9'],
          status: 'not_affected',
          justification: 'component_not_present',
        },
      ],
    });
    expect(readVexDocument(old, 'old.json').statements[0]).toMatchObject({
      vulnerabilities: ['CVE-2023-1255'],
      products: [{ purl: 'pkg:npm/ws@7.5.9' }],
    });
  });

  it('names the file and the JSON pointer of a bad status', () => {
    const bad = JSON.parse(fixture('openvex.json'));
    bad.statements[1].status = 'maybe';
    expect(() => readVexDocument(JSON.stringify(bad), 'vex/bad.json')).toThrow(
      expect.objectContaining({
        code: 'invalid-vex',
        message: expect.stringMatching(
          /^cannot read VEX document vex\/bad\.json at \/statements\/1\/status: /,
        ),
        data: expect.objectContaining({ input: 'vex/bad.json', pointer: '/statements/1/status' }),
      }),
    );
  });
});

describe('readVexDocument: CycloneDX', () => {
  const { format, statements } = readVexDocument(fixture('cyclonedx.json'), 'cdx.json');

  it('maps analysis states and resolves affects refs to components and purls', () => {
    expect(format).toBe('cyclonedx');
    expect(statements.map((s) => [s.vulnerabilities, s.status, s.products])).toEqual([
      [
        ['CVE-2020-25649'],
        'not_affected',
        [{ name: 'urn:cdx:3e671687-395b-41f5-a30f-a58921a69b79/1#jackson-databind-2.8.0' }],
      ],
      [
        ['GHSA-3h5v-q93c-6h6q', 'CVE-2024-37890'],
        'fixed',
        [{ purl: 'pkg:npm/ws@7.5.9', name: 'ws', version: '7.5.9' }],
      ],
      [['CVE-2023-32681'], 'affected', [{ purl: 'pkg:pypi/requests@2.30.0' }]],
    ]);
    expect(statements[0]).toMatchObject({
      pointer: '/vulnerabilities/0',
      justification: 'code_not_reachable',
      detail: expect.stringContaining('not affected by the vulnerable component'),
    });
  });

  it('narrows a statement to the versions its affects entry lists', () => {
    const doc = JSON.stringify({
      bomFormat: 'CycloneDX',
      specVersion: '1.6',
      components: [{ type: 'library', 'bom-ref': 'ws', name: 'ws', purl: 'pkg:npm/ws' }],
      vulnerabilities: [
        {
          id: 'CVE-2024-37890',
          analysis: { state: 'not_affected', justification: 'code_not_present' },
          affects: [
            { ref: 'ws', versions: [{ version: '7.5.9' }, { version: '6.2.2' }] },
            { ref: 'pkg:npm/ws', versions: [{ range: 'vers:npm/>=8.0.0|<8.17.1' }] },
            { ref: 'pkg:npm/ws', versions: [{ version: '5.2.3', status: 'affected' }] },
          ],
        },
      ],
    });
    expect(readVexDocument(doc, 'x.json').statements[0]!.products).toEqual([
      { purl: 'pkg:npm/ws@7.5.9' },
      { purl: 'pkg:npm/ws@6.2.2' },
      // A range is not evaluated, so it names no version at all; and a version the entry
      // calls affected is not hidden by a not_affected analysis.
    ]);
  });

  it('follows BOM-Links to a component of the same document or to a purl', () => {
    const doc = JSON.stringify({
      bomFormat: 'CycloneDX',
      specVersion: '1.6',
      serialNumber: 'urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79',
      components: [{ type: 'library', 'bom-ref': 'comp-1', name: 'ws', version: '7.5.9' }],
      vulnerabilities: [
        {
          id: 'CVE-2024-37890',
          analysis: { state: 'false_positive' },
          affects: [
            { ref: 'urn:cdx:3e671687-395b-41f5-a30f-a58921a69b79/1#comp-1' },
            { ref: 'urn:cdx:3e671687-395b-41f5-a30f-a58921a69b79/1#pkg:npm/%40scope/lib@1.0.0' },
          ],
        },
      ],
    });
    expect(readVexDocument(doc, 'x.json').statements[0]).toMatchObject({
      status: 'not_affected',
      products: [{ name: 'ws', version: '7.5.9' }, { purl: 'pkg:npm/@scope/lib@1.0.0' }],
    });
  });

  it('treats a vulnerability without analysis as saying nothing', () => {
    const doc = JSON.stringify({
      bomFormat: 'CycloneDX',
      specVersion: '1.6',
      vulnerabilities: [{ id: 'CVE-2024-37890', affects: [{ ref: 'pkg:npm/ws@7.5.9' }] }],
    });
    expect(readVexDocument(doc, 'x.json').statements[0]!.status).toBe('under_investigation');
  });

  it('names the pointer of an affects ref that names no component', () => {
    const bad = JSON.parse(fixture('cyclonedx.json'));
    bad.vulnerabilities[1].affects[0].ref = 'nope';
    expect(() => readVexDocument(JSON.stringify(bad), 'cdx.json')).toThrow(
      'cannot read VEX document cdx.json at /vulnerabilities/1/affects/0/ref: affects ref "nope" names no component in the document',
    );
  });

  it('names the pointer of a BOM-Link that cannot be decoded', () => {
    const bad = JSON.parse(fixture('cyclonedx.json'));
    bad.vulnerabilities[0].affects[0].ref =
      'urn:cdx:3e671687-395b-41f5-a30f-a58921a69b79/1#%E0%A4%A';
    expect(() => readVexDocument(JSON.stringify(bad), 'cdx.json')).toThrow(
      /cdx\.json at \/vulnerabilities\/0\/affects\/0\/ref: affects ref ".*" is not a valid BOM-Link/,
    );
  });

  it('names the pointer of an unknown analysis state', () => {
    const bad = JSON.parse(fixture('cyclonedx.json'));
    bad.vulnerabilities[2].analysis.state = 'fine';
    expect(() => readVexDocument(JSON.stringify(bad), 'cdx.json')).toThrow(
      /at \/vulnerabilities\/2\/analysis\/state: /,
    );
  });
});

describe('readVexDocument: CSAF', () => {
  const { format, statements } = readVexDocument(fixture('csaf.json'), 'csaf.json');

  it('reads product_status with flags and impact threats, through relationships', () => {
    expect(format).toBe('csaf');
    expect(statements).toEqual([
      {
        file: 'csaf.json',
        format: 'csaf',
        pointer: '/vulnerabilities/0/product_status/known_not_affected/0',
        vulnerabilities: ['CVE-2023-32681', 'GHSA-j8r2-6x86-q33q'],
        products: [{ purl: 'pkg:pypi/requests@2.30.0' }],
        status: 'not_affected',
        justification: 'vulnerable_code_not_in_execute_path',
        detail: 'DEF never sends requests through a proxy.',
        timestamp: '2024-06-20T11:00:00.000Z',
      },
      {
        file: 'csaf.json',
        format: 'csaf',
        pointer: '/vulnerabilities/1/product_status/fixed/0',
        vulnerabilities: ['CVE-2024-37890'],
        // "ws 7.5.9 as part of DEF 4.2" is about ws 7.5.9.
        products: [{ purl: 'pkg:npm/ws@7.5.9' }],
        status: 'fixed',
        timestamp: '2024-06-20T11:00:00.000Z',
      },
    ]);
  });

  it('takes name and version from the branches when a product has no purl', () => {
    const doc = JSON.parse(fixture('csaf.json'));
    doc.vulnerabilities[1].product_status = { known_affected: ['CSAFPID-0001'] };
    expect(readVexDocument(JSON.stringify(doc), 'csaf.json').statements[1]!.products).toEqual([
      { name: 'DEF', version: '4.2' },
    ]);
  });

  it('names the pointer of a product id missing from the product tree', () => {
    const doc = JSON.parse(fixture('csaf.json'));
    doc.vulnerabilities[1].product_status.fixed = ['CSAFPID-9'];
    expect(() => readVexDocument(JSON.stringify(doc), 'csaf.json')).toThrow(
      'cannot read VEX document csaf.json at /vulnerabilities/1/product_status/fixed/0: product id "CSAFPID-9" is not in the product_tree',
    );
  });

  it('refuses another CSAF version, naming the pointer', () => {
    const doc = JSON.parse(fixture('csaf.json'));
    doc.document.csaf_version = '1.2';
    expect(() => readVexDocument(JSON.stringify(doc), 'csaf.json')).toThrow(
      /csaf\.json at \/document\/csaf_version: /,
    );
  });
});

describe('readVexDocument: not VEX', () => {
  it('names the line of broken JSON', () => {
    expect(() => readVexDocument('{\n  "statements": {\n}', 'v.json')).toThrow(
      /^cannot read VEX document v\.json:3: not valid JSON/,
    );
  });

  it('says which formats it reads when the document is none of them', () => {
    expect(() => readVexDocument('{"spdxVersion": "SPDX-2.3"}', 'sbom.json')).toThrow(
      'cannot read VEX document sbom.json: not an OpenVEX (@context), CycloneDX (bomFormat) or CSAF (document.csaf_version) document',
    );
  });
});
