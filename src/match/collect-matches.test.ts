import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import type { OsvRecord } from '../advisories/osv.js';
import { collectMatches } from './collect-matches.js';

const fixtures = fileURLToPath(new URL('../../test/fixtures/advisories', import.meta.url));
const json = (file: string) =>
  JSON.parse(fs.readFileSync(`${fixtures}/${file}`, 'utf8')) as OsvRecord;
const ws = json('github/GHSA-3h5v-q93c-6h6q.json');
const wsOlder = json('github/GHSA-6fc8-4gx4-v693.json');
const requestsPysec = parseYaml(
  fs.readFileSync(`${fixtures}/pypa/vulns/requests/PYSEC-2023-74.yaml`, 'utf8'),
) as OsvRecord;
// The GitHub record of the same requests vulnerability, reduced to what grouping needs.
const requestsGhsa: OsvRecord = {
  id: 'GHSA-j8r2-6x86-q33q',
  modified: '2023-06-01T00:00:00Z',
  aliases: ['CVE-2023-32681'],
  database_specific: { severity: 'moderate' },
  affected: [
    {
      package: { ecosystem: 'PyPI', name: 'requests' },
      ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '2.3.0' }, { fixed: '2.31.0' }] }],
    },
  ],
};

const requests = (version: string) => ({
  ecosystem: 'PyPI',
  name: 'requests',
  version,
  source: 'requirements.txt',
});

describe('collectMatches', () => {
  it('reports one vulnerability once, under its GHSA id, with every other id as an alias', () => {
    const [match, ...rest] = collectMatches([
      { pkg: requests('2.30.0'), records: [requestsPysec, requestsGhsa] },
    ]);
    expect(rest).toEqual([]);
    expect(match).toMatchObject({
      advisory: 'GHSA-j8r2-6x86-q33q',
      aliases: ['CVE-2023-32681', 'PYSEC-2023-74'],
      package: 'requests',
      version: '2.30.0',
      status: 'affected',
      severity: 'MODERATE',
      source: 'requirements.txt',
    });
    expect(match?.records.map((r) => r.id).sort()).toEqual([
      'GHSA-j8r2-6x86-q33q',
      'PYSEC-2023-74',
    ]);
  });

  it('takes the most cautious status when the records of one vulnerability disagree', () => {
    const stricter = {
      ...requestsGhsa,
      affected: [{ ...requestsGhsa.affected![0]!, versions: ['2.31.0'] }],
    };
    const [match] = collectMatches([
      { pkg: requests('2.31.0'), records: [requestsPysec, stricter] },
    ]);
    expect(match?.status).toBe('affected');
  });

  it('groups records that only an outside alias group connects', () => {
    const other = { ...requestsGhsa, id: 'GHSA-aaaa-bbbb-cccc', aliases: ['CVE-9999-0001'] };
    const candidates = [{ pkg: requests('2.30.0'), records: [requestsPysec, other] }];
    expect(collectMatches(candidates)).toHaveLength(2);
    const groups = new Map([['PYSEC-2023-74', ['CVE-9999-0001', 'PYSEC-2023-74']]]);
    expect(collectMatches(candidates, groups)).toHaveLength(1);
  });

  it('keeps distinct vulnerabilities of one package apart, and skips records that do not name it', () => {
    const pkg = { ecosystem: 'npm', name: 'ws', version: '7.4.0', source: 'package-lock.json' };
    const matches = collectMatches([{ pkg, records: [ws, wsOlder, requestsPysec] }]);
    expect(matches.map((m) => [m.advisory, m.status])).toEqual([
      ['GHSA-3h5v-q93c-6h6q', 'affected'],
      ['GHSA-6fc8-4gx4-v693', 'affected'],
    ]);
  });

  it('merges a CVE, GHSA and PYSEC chain into one finding, but not related or multi-upstream ids', () => {
    const named = (id: string, extra: Partial<OsvRecord>): OsvRecord => ({
      ...requestsGhsa,
      id,
      aliases: [],
      ...extra,
    });
    const records = [
      named('PYSEC-2099-1', { aliases: ['CVE-2099-0001'] }),
      named('GHSA-aaaa-bbbb-cccc', { aliases: ['CVE-2099-0001', 'CVE-2099-0002'] }),
      // A distribution's record of exactly that vulnerability.
      named('DEBIAN-CVE-2099-0002', { upstream: ['CVE-2099-0002'] }),
      // A different vulnerability that points at this one.
      named('GHSA-dddd-eeee-ffff', { aliases: ['CVE-2099-0009'], related: ['CVE-2099-0001'] }),
      // A distribution advisory bundling two upstream CVEs joins neither.
      named('DSA-9999-1', { upstream: ['CVE-2099-0002', 'CVE-2099-0009'] }),
    ];
    const matches = collectMatches([{ pkg: requests('2.30.0'), records }]);
    expect(matches.map((m) => [m.advisory, m.aliases, m.related])).toEqual([
      [
        'GHSA-aaaa-bbbb-cccc',
        ['CVE-2099-0001', 'CVE-2099-0002', 'DEBIAN-CVE-2099-0002', 'PYSEC-2099-1'],
        [],
      ],
      ['GHSA-dddd-eeee-ffff', ['CVE-2099-0009'], ['CVE-2099-0001']],
      ['DSA-9999-1', [], []],
    ]);
  });
});
