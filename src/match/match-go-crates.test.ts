import { describe, expect, it } from 'vitest';
import type { OsvRecord } from '../advisories/osv.js';
import { matchAdvisory, type MatchStatus } from './match-advisory.js';

/**
 * Records written for this test in the shape the Go vulnerability database and RustSec
 * publish: SEMVER ranges, Go versions without their `v`.
 */
function semverRecord(ecosystem: string, name: string, events: Array<Record<string, string>>) {
  return {
    id: 'OSV-TEST-1',
    modified: '2024-01-01T00:00:00Z',
    affected: [{ package: { ecosystem, name }, ranges: [{ type: 'SEMVER', events }] }],
  } as OsvRecord;
}

const xNet = semverRecord('Go', 'golang.org/x/net', [
  { introduced: '0' },
  { fixed: '0.0.0-20220906165146-f3363e06e74c' },
]);
const docker = semverRecord('Go', 'github.com/docker/docker', [
  { introduced: '0' },
  { fixed: '20.10.11+incompatible' },
]);
const smallvec = semverRecord('crates.io', 'smallvec', [
  { introduced: '0.6.3' },
  { fixed: '0.6.14' },
  { introduced: '1.0.0' },
  { fixed: '1.6.1' },
]);

describe('matchAdvisory for Go modules', () => {
  it.each<[OsvRecord, string, string, MatchStatus | null]>([
    // Pseudo-versions order by their timestamp against the fix's pseudo-version.
    [xNet, 'golang.org/x/net', '0.0.0-20220225172249-27dd8689420f', 'affected'],
    [xNet, 'golang.org/x/net', '0.0.0-20221004154528-8021a29435af', 'fixed'],
    [xNet, 'golang.org/x/net', '0.1.0', 'fixed'],
    [xNet, 'golang.org/x/net/v2', '0.0.1', null],
    [docker, 'github.com/docker/docker', '20.10.7+incompatible', 'affected'],
    [docker, 'github.com/docker/docker', '20.10.11+incompatible', 'fixed'],
    // The module cache's spelling of a capital names the same module; another case does not.
    [docker, 'github.com/!docker/docker', '20.10.7+incompatible', null],
  ])('%#: %s@%s is %s', (record, name, version, expected) => {
    expect(matchAdvisory({ ecosystem: 'Go', name, version }, record)).toBe(expected);
  });
});

describe('matchAdvisory for crates', () => {
  it.each<[string, string, MatchStatus | null]>([
    ['smallvec', '0.6.10', 'affected'],
    ['smallvec', '0.6.14', 'fixed'],
    ['smallvec', '1.6.0', 'affected'],
    ['smallvec', '1.9.0', 'fixed'],
    ['smallvec', '0.6.2', 'not-affected'],
    ['SmallVec', '1.6.0', 'affected'],
    ['smallvec2', '1.6.0', null],
  ])('%s@%s is %s', (name, version, expected) => {
    expect(matchAdvisory({ ecosystem: 'crates.io', name, version }, smallvec)).toBe(expected);
  });
});
