// Gem::Version order, checked against RubyGems' own test suite: rubygems/rubygems
// test/rubygems/test_gem_version.rb (commit f0d9440234a3a91bc0218242e8e2f9bf269c7d86),
// test_spaceship, test_equals2, test_semver, test_initialize_invalid.
import { describe, expect, it } from 'vitest';
import { rubygems } from './index.js';

const sign = (a: string, b: string) => Math.sign(rubygems.compareVersions(a, b));

describe('RubyGems', () => {
  it.each([
    ['1.0', '1.0.0', 0],
    ['1.0', '1.0.a', 1],
    ['1.8.2', '0.0.0', 1],
    ['1.8.2', '1.8.2.a', 1],
    ['1.8.2.b', '1.8.2.a', 1],
    ['1.8.2.a', '1.8.2', -1],
    ['1.8.2.a10', '1.8.2.a9', 1],
    ['0.beta.1', '0.0.beta.1', 0],
    ['0.0.beta', '0.0.beta.1', -1],
    ['0.0.beta', '0.beta.1', -1],
    ['5.a', '5.0.0.rc2', -1],
    ['5.x', '5.0.0.rc2', 1],
    ['1.2', '1.2', 0],
    ['1.2', '1.3', -1],
    ['1.2.b1', '1.2.b.1', 0],
  ])('test_spaceship / test_equals2: %s <=> %s is %i', (a, b, expected) => {
    expect(sign(a, b)).toBe(expected);
  });

  it('test_semver: semver prereleases sort before their release', () => {
    const ordered = [
      ['1.0.0-alpha', '1.0.0-alpha.1'],
      ['1.0.0-alpha.1', '1.0.0-beta.2'],
      ['1.0.0-beta.2', '1.0.0-beta.11'],
      ['1.0.0-beta.11', '1.0.0-rc.1'],
      ['1.0.0-rc1', '1.0.0'],
      ['1.0.0-1', '1'],
    ];
    for (const [low, high] of ordered) expect(sign(low!, high!), `${low} < ${high}`).toBe(-1);
  });

  it('test_initialize_invalid: malformed versions are not versions', () => {
    for (const bad of [
      'junk',
      '1.0\n2.0',
      '1..2',
      '1.2 3.4',
      '2.3422222.222.222222222.22222.ads0as.dasd0.ddd2222.2.qd3e.',
    ]) {
      expect(rubygems.isValidVersion(bad), JSON.stringify(bad)).toBe(false);
    }
    expect(rubygems.isValidVersion(' 1.0 ')).toBe(true);
    expect(() => rubygems.compareVersions('1.0', 'junk')).toThrow(/junk/);
  });

  it('does not take a blank version for "0"', () => {
    expect(rubygems.isValidVersion('')).toBe(false);
  });
});
