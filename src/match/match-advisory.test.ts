import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import type { OsvRecord } from '../advisories/osv.js';
import { ecosystems } from '../ecosystems/index.js';
import { matchAdvisory, type MatchStatus } from './match-advisory.js';

const fixtures = fileURLToPath(new URL('../../test/fixtures/advisories', import.meta.url));
const ws = JSON.parse(
  fs.readFileSync(`${fixtures}/github/GHSA-3h5v-q93c-6h6q.json`, 'utf8'),
) as OsvRecord;
const requests = parseYaml(
  fs.readFileSync(`${fixtures}/pypa/vulns/requests/PYSEC-2023-74.yaml`, 'utf8'),
) as OsvRecord;

function record(events: OsvRecord['affected'] extends (infer A)[] | undefined ? A : never) {
  return { id: 'OSV-TEST-1', modified: '2024-01-01T00:00:00Z', affected: [events] } as OsvRecord;
}

function rangeRecord(
  events: Array<Record<string, string>>,
  type: 'ECOSYSTEM' | 'SEMVER' = 'ECOSYSTEM',
) {
  return record({ package: { ecosystem: 'npm', name: 'pkg' }, ranges: [{ type, events }] });
}

describe('matchAdvisory on real records', () => {
  it.each<[string, string, MatchStatus | null]>([
    ['ws', '7.5.9', 'affected'],
    ['ws', '7.5.10', 'fixed'],
    ['ws', '8.17.1', 'fixed'],
    ['ws', '2.0.0', 'not-affected'],
    ['ws', '6.2.2', 'affected'],
    ['ws', '5.3.0', 'fixed'],
    ['ws', '2.1.0', 'affected'],
    ['ws', '8.0.0-beta.1', 'fixed'],
    ['express', '4.0.0', null],
  ])('GHSA-3h5v-q93c-6h6q: npm %s@%s is %s', (name, version, expected) => {
    expect(matchAdvisory({ ecosystem: 'npm', name, version }, ws)).toBe(expected);
  });

  it.each<[string, string, MatchStatus | null]>([
    ['requests', '2.30.0', 'affected'],
    ['requests', '2.3.0', 'affected'],
    ['Requests', '2.10.0', 'affected'],
    ['requests', '2.31.0', 'fixed'],
    ['requests', '2.32.3', 'fixed'],
    ['requests', '2.2.1', 'not-affected'],
    ['urllib3', '2.30.0', null],
  ])('PYSEC-2023-74: PyPI %s==%s is %s', (name, version, expected) => {
    expect(matchAdvisory({ ecosystem: 'PyPI', name, version }, requests)).toBe(expected);
  });

  it('does not match an npm package against a PyPI record of the same name', () => {
    expect(
      matchAdvisory({ ecosystem: 'npm', name: 'requests', version: '2.30.0' }, requests),
    ).toBeNull();
  });
});

describe('matchAdvisory event semantics', () => {
  it.each<[string, Array<Record<string, string>>, string, MatchStatus]>([
    [
      'introduced 0 means from the start',
      [{ introduced: '0' }, { fixed: '1.2.0' }],
      '0.0.1',
      'affected',
    ],
    ['fixed is exclusive', [{ introduced: '0' }, { fixed: '1.2.0' }], '1.2.0', 'fixed'],
    ['no fix: affected forever', [{ introduced: '1.0.0' }], '99.0.0', 'affected'],
    [
      'last_affected is inclusive',
      [{ introduced: '1.0.0' }, { last_affected: '1.4.0' }],
      '1.4.0',
      'affected',
    ],
    [
      'after last_affected',
      [{ introduced: '1.0.0' }, { last_affected: '1.4.0' }],
      '1.4.1',
      'fixed',
    ],
    ['before introduced', [{ introduced: '1.0.0' }, { fixed: '1.4.0' }], '0.9.0', 'not-affected'],
    [
      'events in any order',
      [{ fixed: '2.0.0' }, { introduced: '1.5.0' }, { fixed: '1.2.0' }, { introduced: '1.0.0' }],
      '1.3.0',
      'fixed',
    ],
    [
      'events in any order (second range)',
      [{ fixed: '2.0.0' }, { introduced: '1.5.0' }, { fixed: '1.2.0' }, { introduced: '1.0.0' }],
      '1.6.0',
      'affected',
    ],
    [
      'limit bounds the range',
      [{ introduced: '1.0.0' }, { limit: '2.0.0' }],
      '2.1.0',
      'not-affected',
    ],
    ['below the limit', [{ introduced: '1.0.0' }, { limit: '2.0.0' }], '1.9.0', 'affected'],
    ['limit * is no limit', [{ introduced: '1.0.0' }, { limit: '*' }], '9.0.0', 'affected'],
  ])('%s', (_label, events, version, expected) => {
    expect(matchAdvisory({ ecosystem: 'npm', name: 'pkg', version }, rangeRecord(events))).toBe(
      expected,
    );
  });

  it('evaluates SEMVER ranges with SemVer precedence', () => {
    const semverRange = rangeRecord([{ introduced: '1.0.0-alpha' }, { fixed: '1.0.0' }], 'SEMVER');
    expect(
      matchAdvisory({ ecosystem: 'npm', name: 'pkg', version: '1.0.0-rc.1' }, semverRange),
    ).toBe('affected');
  });

  it('ignores GIT ranges and uses the versions list', () => {
    const git = record({
      package: { ecosystem: 'PyPI', name: 'pkg' },
      ranges: [{ type: 'GIT', repo: 'https://example.org/r', events: [{ introduced: '0' }] }],
      versions: ['1.0'],
    });
    expect(matchAdvisory({ ecosystem: 'PyPI', name: 'pkg', version: '1.0' }, git)).toBe('affected');
    expect(matchAdvisory({ ecosystem: 'PyPI', name: 'pkg', version: '1.1' }, git)).toBe(
      'not-affected',
    );
  });

  it('never matches a withdrawn record', () => {
    const withdrawn = { ...ws, withdrawn: '2024-07-01T00:00:00Z' };
    expect(matchAdvisory({ ecosystem: 'npm', name: 'ws', version: '7.5.9' }, withdrawn)).toBeNull();
  });

  it('widens a range whose bounds it cannot read rather than calling a version clean', () => {
    const noFix = rangeRecord([{ introduced: '0' }, { fixed: 'next' }]);
    expect(matchAdvisory({ ecosystem: 'npm', name: 'pkg', version: '1.0.0' }, noFix)).toBe(
      'affected',
    );
    const fromStart = rangeRecord([{ introduced: 'someday' }, { fixed: '2.0.0' }]);
    expect(matchAdvisory({ ecosystem: 'npm', name: 'pkg', version: '1.0.0' }, fromStart)).toBe(
      'affected',
    );
    expect(matchAdvisory({ ecosystem: 'npm', name: 'pkg', version: '2.0.0' }, fromStart)).toBe(
      'fixed',
    );
  });

  it('does not match a version its ecosystem cannot read against ranges', () => {
    expect(
      matchAdvisory({ ecosystem: 'npm', name: 'ws', version: 'github:websockets/ws#abc' }, ws),
    ).toBe('not-affected');
  });

  it('matches a listed version written another way the ecosystem deems equal', () => {
    const listed = record({ package: { ecosystem: 'PyPI', name: 'pkg' }, versions: ['2.0'] });
    expect(matchAdvisory({ ecosystem: 'PyPI', name: 'pkg', version: '2.0.0' }, listed)).toBe(
      'affected',
    );
    expect(matchAdvisory({ ecosystem: 'PyPI', name: 'pkg', version: '2.0.1' }, listed)).toBe(
      'not-affected',
    );
  });

  it('ignores SemVer build metadata in SEMVER ranges, as SemVer precedence does', () => {
    const range = rangeRecord([{ introduced: '1.0.0' }, { fixed: '1.2.0' }], 'SEMVER');
    expect(matchAdvisory({ ecosystem: 'npm', name: 'pkg', version: '1.2.0+build.7' }, range)).toBe(
      'fixed',
    );
    expect(matchAdvisory({ ecosystem: 'npm', name: 'pkg', version: '1.1.9+build.7' }, range)).toBe(
      'affected',
    );
  });

  it('keeps the versions below any of several limits', () => {
    const limits = rangeRecord([{ introduced: '1.0.0' }, { limit: '1.5.0' }, { limit: '3.0.0' }]);
    expect(matchAdvisory({ ecosystem: 'npm', name: 'pkg', version: '2.0.0' }, limits)).toBe(
      'affected',
    );
    expect(matchAdvisory({ ecosystem: 'npm', name: 'pkg', version: '3.0.0' }, limits)).toBe(
      'not-affected',
    );
  });

  it('is affected when any one range says so, even if another is past its fix', () => {
    const two = record({
      package: { ecosystem: 'npm', name: 'pkg' },
      ranges: [
        { type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '1.0.0' }] },
        { type: 'ECOSYSTEM', events: [{ introduced: '1.5.0' }, { last_affected: '1.6.0' }] },
      ],
    });
    expect(matchAdvisory({ ecosystem: 'npm', name: 'pkg', version: '1.6.0' }, two)).toBe(
      'affected',
    );
    expect(matchAdvisory({ ecosystem: 'npm', name: 'pkg', version: '1.2.0' }, two)).toBe('fixed');
  });

  it("agrees with the schema's sorted-walk pseudocode on many generated ranges", () => {
    const versions = ['0.1.0', '1.0.0', '1.2.0', '1.5.0', '2.0.0', '2.0.1', '3.0.0'];
    const cmp = (a: string, b: string) => ecosystems.npm.compareVersions(a, b);
    // IncludedInRanges from https://ossf.github.io/osv-schema/#evaluation, without limits.
    const reference = (v: string, events: Array<Record<string, string>>) => {
      const key = (e: Record<string, string>) => Object.values(e)[0]!;
      const sorted = [...events].sort((a, b) =>
        key(a) === key(b) ? 0 : key(a) === '0' ? -1 : key(b) === '0' ? 1 : cmp(key(a), key(b)),
      );
      let vulnerable = false;
      for (const e of sorted) {
        if (e.introduced !== undefined && (e.introduced === '0' || cmp(v, e.introduced) >= 0))
          vulnerable = true;
        else if (e.fixed !== undefined && cmp(v, e.fixed) >= 0) vulnerable = false;
        else if (e.last_affected !== undefined && cmp(v, e.last_affected) > 0) vulnerable = false;
      }
      return vulnerable;
    };
    let seed = 7;
    const next = (n: number) => (seed = (seed * 1103515245 + 12345) % 2147483648) % n;
    for (let i = 0; i < 500; i++) {
      const events = Array.from({ length: 1 + next(5) }, () => {
        const kind = ['introduced', 'fixed', 'last_affected'][next(3)]!;
        const bound =
          kind === 'introduced' && next(4) === 0 ? '0' : versions[next(versions.length)]!;
        return { [kind]: bound };
      });
      for (const version of versions) {
        const status = matchAdvisory(
          { ecosystem: 'npm', name: 'pkg', version },
          rangeRecord(events),
        );
        expect(status === 'affected', `${version} in ${JSON.stringify(events)}`).toBe(
          reference(version, events),
        );
      }
    }
  });
});

describe('matchAdvisory with a release', () => {
  // Shaped after DSA-5514-1 (glibc, CVE-2023-4911): one entry per Debian release, each with
  // that release's fixed version.
  const dsa = {
    id: 'DSA-5514-1',
    modified: '2023-10-03T00:00:00Z',
    affected: [
      {
        package: { ecosystem: 'Debian:11', name: 'glibc' },
        ranges: [
          { type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '2.31-13+deb11u7' }] },
        ],
      },
      {
        package: { ecosystem: 'Debian:12', name: 'glibc' },
        ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '2.36-9+deb12u3' }] }],
      },
    ],
  } as OsvRecord;

  it.each<[string, string, MatchStatus | null]>([
    ['Debian:11', '2.31-13+deb11u7', 'fixed'],
    ['Debian:11', '2.31-13+deb11u6', 'affected'],
    ['Debian:12', '2.36-9+deb12u14', 'fixed'],
    ['Debian:12', '2.36-9+deb12u2', 'affected'],
    ['Debian:13', '2.41-12', null],
    // Without a release every entry applies: Debian 11's fixed version is below Debian 12's.
    ['Debian', '2.31-13+deb11u7', 'affected'],
  ])('glibc on %s at %s is %s', (ecosystem, version, expected) => {
    expect(matchAdvisory({ ecosystem, name: 'glibc', version }, dsa)).toBe(expected);
  });

  it('takes entries for no release in particular', () => {
    const unscoped = record({
      package: { ecosystem: 'Debian', name: 'glibc' },
      ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '2.36-9+deb12u3' }] }],
    });
    expect(
      matchAdvisory({ ecosystem: 'Debian:12', name: 'glibc', version: '2.36-9' }, unscoped),
    ).toBe('affected');
  });

  it('takes entries whose suffix continues the release (Red Hat product streams)', () => {
    const rhsa = record({
      package: { ecosystem: 'Red Hat:enterprise_linux:9::appstream', name: 'pkg' },
      ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '1.0-2.el9' }] }],
    });
    expect(
      matchAdvisory(
        { ecosystem: 'Red Hat:enterprise_linux:9', name: 'pkg', version: '1.0-1.el9' },
        rhsa,
      ),
    ).toBe('affected');
    expect(
      matchAdvisory(
        { ecosystem: 'Red Hat:enterprise_linux:8', name: 'pkg', version: '1.0-1.el8' },
        rhsa,
      ),
    ).toBeNull();
  });
});
