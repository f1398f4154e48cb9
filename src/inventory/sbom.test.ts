import { describe, expect, it } from 'vitest';
import { readFixture } from '../../test/fixtures.js';
import { parseCycloneDx, parseSpdx } from './sbom.js';

const listed = (packages: Array<{ ecosystem: string; name: string; version: string }>) =>
  packages.map((p) => `${p.ecosystem}:${p.name}@${p.version}`);

describe('CycloneDX and SPDX fixtures written by npm and cyclonedx-npm', () => {
  // The npm sample project (test/fixtures/lockfiles/SOURCES.md) as four SBOMs.
  it.each([
    ['cyclonedx-1.4/sample.cdx.json', parseCycloneDx],
    ['cyclonedx-1.5/sample.cdx.json', parseCycloneDx],
    ['cyclonedx-1.6/sample.cdx.json', parseCycloneDx],
    ['spdx-2.3/sample.spdx.json', parseSpdx],
  ])('reads every dependency of %s, and not the project itself', (file, parse) => {
    const { packages, problems } = parse(readFixture(`lockfiles/${file}`), file);
    expect(problems).toEqual([]);
    expect(packages).toHaveLength(65);
    const names = listed(packages);
    expect(names).toContain('npm:@sindresorhus/is@4.0.0');
    expect(names).toContain('npm:express@4.17.1');
    // The aliased strip-ansi-cjs is strip-ansi in every purl.
    expect(names).toContain('npm:strip-ansi@6.0.1');
    expect(names.filter((n) => n.startsWith('npm:lockfile-sample@'))).toEqual([]);
  });

  it('finds the component nested under send in the 1.6 BOM (ms 2.1.1 beside the top-level ms 2.0.0)', () => {
    const { packages } = parseCycloneDx(
      readFixture('lockfiles/cyclonedx-1.6/sample.cdx.json'),
      'x',
    );
    expect(
      listed(packages)
        .filter((n) => n.startsWith('npm:ms@'))
        .sort(),
    ).toEqual(['npm:ms@2.0.0', 'npm:ms@2.1.1']);
  });
});

const bom = {
  bomFormat: 'CycloneDX',
  specVersion: '1.6',
  version: 1,
  metadata: {
    component: {
      type: 'application',
      name: 'app',
      purl: 'pkg:npm/app@1.0.0',
      components: [{ type: 'library', name: 'plugin', purl: 'pkg:npm/plugin@0.1.0' }],
    },
  },
  components: [
    {
      type: 'framework',
      name: 'django',
      version: '3.2.1',
      purl: 'pkg:pypi/Django@3.2.1',
      components: [
        { type: 'library', name: 'sqlparse', version: '0.4.1', purl: 'pkg:pypi/sqlparse@0.4.1' },
      ],
    },
    { type: 'library', name: 'xxhash', purl: 'pkg:golang/github.com/cespare/xxhash/v2@v2.1.2' },
    { type: 'library', name: 'regex', purl: 'pkg:cargo/regex@1.7.1' },
    { type: 'library', name: 'ws', purl: 'pkg:npm/ws@7.4.5' },
    { type: 'library', name: 'zlib', purl: 'pkg:conan/zlib@1.2.13' },
    { type: 'library', name: 'musl', purl: 'pkg:apk/alpine/musl@1.2.3-r4' },
    { type: 'library', name: 'musl-utils', purl: 'pkg:apk/alpine/musl-utils@1.2.3-r4' },
    { type: 'library', name: 'left-pad', purl: 'pkg:npm/left-pad' },
    { type: 'library', name: 'bad', purl: 'npm/bad@1.0.0' },
    { type: 'file', name: 'README.md' },
  ],
};

describe('parseCycloneDx', () => {
  it('maps purls to ecosystems and reports every component it cannot scan', () => {
    const { packages, problems } = parseCycloneDx(JSON.stringify(bom), 'bom.json');
    expect(listed(packages)).toEqual([
      'PyPI:django@3.2.1',
      'PyPI:sqlparse@0.4.1',
      'Go:github.com/cespare/xxhash/v2@2.1.2',
      'crates.io:regex@1.7.1',
      'npm:ws@7.4.5',
      'npm:plugin@0.1.0',
    ]);
    expect(packages[0]).toEqual({
      ecosystem: 'PyPI',
      name: 'django',
      version: '3.2.1',
      source: 'bom.json',
    });
    expect(problems).toEqual([
      '1 component of purl type conan, an ecosystem retrofit does not know, not scanned: pkg:conan/zlib@1.2.13',
      '2 components of purl type apk, an ecosystem retrofit does not know, not scanned: pkg:apk/alpine/musl@1.2.3-r4, pkg:apk/alpine/musl-utils@1.2.3-r4',
      '1 component without a valid npm version not scanned: pkg:npm/left-pad',
      '1 component with a purl that cannot be read not scanned: bad (npm/bad@1.0.0)',
      '1 component without a purl not scanned: README.md',
    ]);
  });

  it('rejects what is not a CycloneDX BOM, and broken JSON with its line', () => {
    expect(() => parseCycloneDx('{"spdxVersion": "SPDX-2.3"}', 'x.cdx.json')).toThrow(
      /x\.cdx\.json: not a CycloneDX BOM/,
    );
    expect(() =>
      parseCycloneDx('{"bomFormat": "CycloneDX", "components": {}}', 'x.cdx.json'),
    ).toThrow(/components is not an array/);
    expect(() => parseCycloneDx('{\n"bomFormat": "CycloneDX",\n,\n}', 'x.cdx.json')).toThrow(
      /x\.cdx\.json:3: not valid JSON/,
    );
  });
});

describe('parseSpdx', () => {
  const document = {
    spdxVersion: 'SPDX-2.3',
    SPDXID: 'SPDXRef-DOCUMENT',
    packages: [
      {
        SPDXID: 'SPDXRef-app',
        name: 'app',
        externalRefs: [
          {
            referenceCategory: 'PACKAGE-MANAGER',
            referenceType: 'purl',
            referenceLocator: 'pkg:npm/app@1.0.0',
          },
        ],
      },
      {
        SPDXID: 'SPDXRef-ws',
        name: 'ws',
        versionInfo: '7.4.5',
        externalRefs: [
          {
            referenceCategory: 'SECURITY',
            referenceType: 'cpe23Type',
            referenceLocator: 'cpe:2.3:a:ws:ws:7.4.5:*:*:*:*:*:*:*',
          },
          {
            referenceCategory: 'PACKAGE_MANAGER',
            referenceType: 'purl',
            referenceLocator: 'pkg:npm/ws@7.4.5',
          },
        ],
      },
      { SPDXID: 'SPDXRef-openssl', name: 'openssl', versionInfo: '3.0.2' },
      {
        SPDXID: 'SPDXRef-jar',
        name: 'commons-text',
        externalRefs: [
          {
            referenceCategory: 'PACKAGE-MANAGER',
            referenceType: 'purl',
            referenceLocator: 'pkg:generic/commons-text@1.9',
          },
        ],
      },
    ],
    relationships: [
      {
        spdxElementId: 'SPDXRef-DOCUMENT',
        relationshipType: 'DESCRIBES',
        relatedSpdxElement: 'SPDXRef-app',
      },
    ],
  };

  it('reads the purl of each package but the one the document describes', () => {
    const { packages, problems } = parseSpdx(JSON.stringify(document), 'app.spdx.json');
    expect(listed(packages)).toEqual(['npm:ws@7.4.5']);
    expect(problems).toEqual([
      '1 component without a purl not scanned: openssl@3.0.2',
      '1 component of purl type generic, an ecosystem retrofit does not know, not scanned: pkg:generic/commons-text@1.9',
    ]);
  });

  it('rejects other documents and SPDX 3', () => {
    expect(() => parseSpdx('{"bomFormat": "CycloneDX"}', 'a.spdx.json')).toThrow(/not an SPDX/);
    expect(() => parseSpdx('{"spdxVersion": "SPDX-3.0"}', 'a.spdx.json')).toThrow(
      /SPDX-3\.0 is not supported/,
    );
  });
});
