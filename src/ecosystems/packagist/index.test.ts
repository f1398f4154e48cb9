// Composer's version order, checked against composer/semver's own test vectors:
// tests/VersionParserTest.php (successfulNormalizedVersions, failingNormalizedVersions) and
// tests/ComparatorTest.php (compareProvider), composer/semver commit
// a5e1d2d4a0db4a8dce9a4b076d41e329e2599e31.
import { describe, expect, it } from 'vitest';
import { packagist } from './index.js';
import { normalizeComposerVersion, phpVersionCompare } from './version-compare.js';

describe('normalizeComposerVersion (VersionParserTest)', () => {
  it.each([
    ['1.0.0', '1.0.0.0'],
    ['1.2.3.4', '1.2.3.4'],
    ['1.0.0RC1dev', '1.0.0.0-RC1-dev'],
    ['1.0.0-rC15-dev', '1.0.0.0-RC15-dev'],
    ['1.0.0.RC.15-dev', '1.0.0.0-RC15-dev'],
    ['1.0.0-rc1', '1.0.0.0-RC1'],
    ['1.0.0.pl3-dev', '1.0.0.0-patch3-dev'],
    ['1.0-dev', '1.0.0.0-dev'],
    ['0', '0.0.0.0'],
    ['99999', '99999.0.0.0'],
    ['10.4.13-beta', '10.4.13.0-beta'],
    ['10.4.13beta2', '10.4.13.0-beta2'],
    ['10.4.13beta.2', '10.4.13.0-beta2'],
    ['v1.13.11-beta.0', '1.13.11.0-beta0'],
    ['1.13.11.0-beta0', '1.13.11.0-beta0'],
    ['10.4.13-b', '10.4.13.0-beta'],
    ['10.4.13-b5', '10.4.13.0-beta5'],
    ['v1.0.0', '1.0.0.0'],
    ['2010.01', '2010.01.0.0'],
    ['2010.01.02', '2010.01.02.0'],
    ['2010.1.555', '2010.1.555.0'],
    ['2010.10.200', '2010.10.200.0'],
    ['20230131.0.0', '20230131.0.0'],
    ['202301310000.0.0', '202301310000.0.0'],
    ['v20100102', '20100102'],
    ['20100102', '20100102'],
    ['20100102.0', '20100102.0'],
    ['20100102.1.0', '20100102.1.0'],
    ['20100102.0.3', '20100102.0.3'],
    ['100000', '100000'],
    ['2010-01-02-10-20-30.0.3', '2010.01.02.10.20.30.0.3'],
    ['2010-01-02-10-20-30.5', '2010.01.02.10.20.30.5'],
    ['2010-01-02', '2010.01.02'],
    ['2012.06.07', '2012.06.07.0'],
    ['2010-01-02.5', '2010.01.02.5'],
    ['20100102-203040', '20100102.203040'],
    ['20100102203040-10', '20100102203040.10'],
    ['20100102-203040-p1', '20100102.203040-patch1'],
    ['201903.0', '201903.0'],
    ['201903.0-p2', '201903.0-patch2'],
    ['1.0.0+foo@dev', '1.0.0.0'],
    ['1.0.0-beta.5+foo', '1.0.0.0-beta5'],
    ['1.0.0+foo', '1.0.0.0'],
    ['1.0.0-alpha.3.1+foo', '1.0.0.0-alpha3.1'],
    ['1.0.0-alpha2.1+foo', '1.0.0.0-alpha2.1'],
    ['1.0.0-alpha-2.1-3+foo', '1.0.0.0-alpha2.1-3'],
    ['1.0.0+foo as 2.0', '1.0.0.0'],
    ['00.01.03.04', '00.01.03.04'],
    ['000.001.003.004', '000.001.003.004'],
    ['0.000.103.204', '0.000.103.204'],
    ['0700', '0700.0.0.0'],
    [' 1.0.0', '1.0.0.0'],
    ['1.0.0 ', '1.0.0.0'],
  ])('normalises %j to %s', (input, expected) => {
    expect(normalizeComposerVersion(input)).toBe(expected);
  });

  it.each([
    // failingNormalizedVersions: composer rejects these.
    '',
    'a',
    '1.0.0-meh',
    '1.0.0.0.0',
    'feature-foo',
    '1.0.0+foo bar',
    '1.0.1-SNAPSHOT',
    '1.0.0<1.0.5-dev',
    '1.0.0-dev<1.0.5-dev',
    'foo bar-dev',
    '1.0 .2',
    ' as ',
    ' as 1.2',
    '^',
    '^8 || ^',
    '~',
    '~1 ~',
    '~1',
    '^1',
    '1.*',
    '20100102.0.3.4',
    '100000.0.0.0',
    '2023013.0.0',
    '202301311.0.0',
    '20230131000.0.0',
    '2023013100000.0.0',
    // Branches normalise in composer ("parses master", "parses branches", ...) but name a
    // moving commit, not a release: retrofit does not order them.
    'dev-master',
    'master',
    '1.x-dev',
    '20100102.x-dev',
    'dev-feature/foo',
    'dev-master as 1.0.0',
  ])('does not take %j for a release', (input) => {
    expect(normalizeComposerVersion(input)).toBeNull();
  });
});

describe('Packagist order (ComparatorTest compareProvider)', () => {
  const relation = (a: string, op: string, b: string) => {
    const c = Math.sign(packagist.compareVersions(a, b));
    return {
      '>': c > 0,
      '>=': c >= 0,
      '<': c < 0,
      '<=': c <= 0,
      '==': c === 0,
      '=': c === 0,
      '!=': c !== 0,
      '<>': c !== 0,
    }[op];
  };

  it.each([
    ['1.25.0', '>', '1.24.0', true],
    ['1.25.0', '>', '1.25.0', false],
    ['1.25.0', '>', '1.26.0', false],
    ['1.25.0', '>=', '1.24.0', true],
    ['1.25.0', '>=', '1.25.0', true],
    ['1.25.0', '>=', '1.26.0', false],
    ['1.25.0', '<', '1.24.0', false],
    ['1.25.0', '<', '1.25.0', false],
    ['1.25.0', '<', '1.26.0', true],
    ['1.25.0-beta2.1', '<', '1.25.0-b.3', true],
    ['1.25.0-b2.1', '<', '1.25.0beta.3', true],
    ['1.25.0-b-2.1', '<', '1.25.0-rc', true],
    ['1.25.0', '<=', '1.24.0', false],
    ['1.25.0', '<=', '1.25.0', true],
    ['1.25.0', '<=', '1.26.0', true],
    ['1.25.0', '==', '1.24.0', false],
    ['1.25.0', '==', '1.25.0', true],
    ['1.25.0', '==', '1.26.0', false],
    ['1.25.0-beta2.1', '==', '1.25.0-b.2.1', true],
    ['1.25.0beta2.1', '==', '1.25.0-b2.1', true],
    ['1.25.0', '=', '1.24.0', false],
    ['1.25.0', '=', '1.25.0', true],
    ['1.25.0', '=', '1.26.0', false],
    ['1.25.0', '!=', '1.24.0', true],
    ['1.25.0', '!=', '1.25.0', false],
    ['1.25.0', '!=', '1.26.0', true],
    ['1.25.0', '<>', '1.24.0', true],
    ['1.25.0', '<>', '1.25.0', false],
    ['1.25.0', '<>', '1.26.0', true],
    // lessThanProvider
    ['1.0.0', '<', '1.2-dev', true],
  ])('%s %s %s is %s', (a, op, b, expected) => {
    expect(relation(a, op, b)).toBe(expected);
  });

  it('orders stabilities dev < alpha < beta < RC < release < patch, and pads parts', () => {
    const ordered = [
      '5.4.0-dev',
      '5.4.0-alpha1',
      '5.4.0-beta2',
      '5.4.0-RC1',
      '5.4',
      '5.4.0-p1',
      '5.4.1',
    ];
    for (let i = 1; i < ordered.length; i++) {
      expect(
        packagist.compareVersions(ordered[i - 1]!, ordered[i]!),
        `${ordered[i - 1]} < ${ordered[i]}`,
      ).toBe(-1);
    }
    expect(packagist.compareVersions('v5.4.31', '5.4.31.0')).toBe(0);
    expect(packagist.isValidVersion('dev-main')).toBe(false);
    expect(() => packagist.compareVersions('dev-main', '1.0')).toThrow(/dev-main/);
  });
});

describe("phpVersionCompare (PHP's version_compare)", () => {
  it.each([
    ['1.0', '1.0.0', -1],
    ['1.0-dev', '1.0', -1],
    ['1.0a', '1.0', -1],
    ['1.0', '1.0pl1', -1],
    ['1.0rc1', '1.0RC1', 0],
    ['1.10', '1.9', 1],
    ['1.0.0.0-beta', '1.0.0.0-RC', -1],
  ])('version_compare(%s, %s) is %i', (a, b, expected) => {
    expect(phpVersionCompare(a, b)).toBe(expected);
  });
});
