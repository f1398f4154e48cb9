// Maven's version order, checked against the vectors of Maven's own test suite:
// apache/maven maven-artifact/src/test/java/org/apache/maven/artifact/versioning/
// ComparableVersionTest.java at tag maven-3.9.16 (commit
// 2bdd9fddda4b155ebf8000e807eb73fd829a51d5). Every test of that file is here except
// testReuse, which is about the Java object.
import { describe, expect, it } from 'vitest';
import { canonicalMavenVersion, compareMavenVersions } from './comparable-version.js';
import { maven } from './index.js';

const VERSIONS_QUALIFIER = [
  '1-alpha2snapshot',
  '1-alpha2',
  '1-alpha-123',
  '1-beta-2',
  '1-beta123',
  '1-m2',
  '1-m11',
  '1-rc',
  '1-cr2',
  '1-rc123',
  '1-SNAPSHOT',
  '1',
  '1-sp',
  '1-sp2',
  '1-sp123',
  '1-abc',
  '1-def',
  '1-pom-1',
  '1-1-snapshot',
  '1-1',
  '1-2',
  '1-123',
];

const VERSIONS_NUMBER = [
  '2.0',
  '2.0.a',
  '2-1',
  '2.0.2',
  '2.0.123',
  '2.1.0',
  '2.1-a',
  '2.1b',
  '2.1-c',
  '2.1-1',
  '2.1.0.1',
  '2.2',
  '2.123',
  '11.a2',
  '11.a11',
  '11.b2',
  '11.b11',
  '11.m2',
  '11.m11',
  '11',
  '11.a',
  '11b',
  '11c',
  '11m',
];

/** `newComparable` of the Java test: the canonical form parses back to itself. */
function checkCanonical(version: string) {
  const canonical = canonicalMavenVersion(version);
  expect(canonicalMavenVersion(canonical), `canonical of ${version}`).toBe(canonical);
}

function checkOrder(low: string, high: string) {
  checkCanonical(low);
  checkCanonical(high);
  expect(Math.sign(compareMavenVersions(low, high)), `${low} < ${high}`).toBe(-1);
  expect(Math.sign(compareMavenVersions(high, low)), `${high} > ${low}`).toBe(1);
}

function checkEqual(a: string, b: string) {
  checkCanonical(a);
  checkCanonical(b);
  expect(compareMavenVersions(a, b), `${a} == ${b}`).toBe(0);
  expect(compareMavenVersions(b, a), `${b} == ${a}`).toBe(0);
  // Java's equals() compares the parsed items, which the canonical form spells out.
  expect(canonicalMavenVersion(a)).toBe(canonicalMavenVersion(b));
}

function checkSequence(versions: string[]) {
  for (let i = 1; i < versions.length; i++) {
    for (let j = i; j < versions.length; j++) checkOrder(versions[i - 1]!, versions[j]!);
  }
}

describe('Maven ComparableVersion (ComparableVersionTest.java)', () => {
  it('testVersionsQualifier', () => checkSequence(VERSIONS_QUALIFIER));

  it('testVersionsNumber', () => checkSequence(VERSIONS_NUMBER));

  it('testVersionsEqual', () => {
    const pairs: Array<[string, string]> = [
      ['1', '1'],
      ['1', '1.0'],
      ['1', '1.0.0'],
      ['1.0', '1.0.0'],
      ['1', '1-0'],
      ['1', '1.0-0'],
      ['1.0', '1.0-0'],
      ['1a', '1-a'],
      ['1a', '1.0-a'],
      ['1a', '1.0.0-a'],
      ['1.0a', '1-a'],
      ['1.0.0a', '1-a'],
      ['1x', '1-x'],
      ['1x', '1.0-x'],
      ['1x', '1.0.0-x'],
      ['1.0x', '1-x'],
      ['1.0.0x', '1-x'],
      ['1ga', '1'],
      ['1release', '1'],
      ['1final', '1'],
      ['1cr', '1rc'],
      ['1a1', '1-alpha-1'],
      ['1b2', '1-beta-2'],
      ['1m3', '1-milestone-3'],
      ['1X', '1x'],
      ['1A', '1a'],
      ['1B', '1b'],
      ['1M', '1m'],
      ['1Ga', '1'],
      ['1GA', '1'],
      ['1RELEASE', '1'],
      ['1release', '1'],
      ['1RELeaSE', '1'],
      ['1Final', '1'],
      ['1FinaL', '1'],
      ['1FINAL', '1'],
      ['1Cr', '1Rc'],
      ['1cR', '1rC'],
      ['1m3', '1Milestone3'],
      ['1m3', '1MileStone3'],
      ['1m3', '1MILESTONE3'],
    ];
    for (const [a, b] of pairs) checkEqual(a, b);
  });

  it('testVersionComparing', () => {
    const pairs: Array<[string, string]> = [
      ['1', '2'],
      ['1.5', '2'],
      ['1', '2.5'],
      ['1.0', '1.1'],
      ['1.1', '1.2'],
      ['1.0.0', '1.1'],
      ['1.0.1', '1.1'],
      ['1.1', '1.2.0'],
      ['1.0-alpha-1', '1.0'],
      ['1.0-alpha-1', '1.0-alpha-2'],
      ['1.0-alpha-1', '1.0-beta-1'],
      ['1.0-beta-1', '1.0-SNAPSHOT'],
      ['1.0-SNAPSHOT', '1.0'],
      ['1.0-alpha-1-SNAPSHOT', '1.0-alpha-1'],
      ['1.0', '1.0-1'],
      ['1.0-1', '1.0-2'],
      ['1.0.0', '1.0-1'],
      ['2.0-1', '2.0.1'],
      ['2.0.1-klm', '2.0.1-lmn'],
      ['2.0.1', '2.0.1-xyz'],
      ['2.0.1', '2.0.1-123'],
      ['2.0.1-xyz', '2.0.1-123'],
    ];
    for (const [low, high] of pairs) checkOrder(low, high);
  });

  it('testMng5568', () => {
    checkOrder('6.1.0rc3', '6.1.0');
    checkOrder('6.1.0rc3', '6.1H.5-beta');
    checkOrder('6.1.0', '6.1H.5-beta');
  });

  it('testMng6572', () => {
    const [a, b, c, d] = [
      '20190126.230843',
      '1234567890.12345',
      '123456789012345.1H.5-beta',
      '12345678901234567890.1H.5-beta',
    ] as const;
    for (const [low, high] of [
      [a, b],
      [b, c],
      [a, c],
      [c, d],
      [b, d],
      [a, d],
    ] as const) {
      checkOrder(low, high);
    }
  });

  it('testVersionEqualWithLeadingZeroes and testVersionZeroEqualWithLeadingZeroes', () => {
    for (const digit of ['1', '0']) {
      const all = Array.from({ length: 19 }, (_, i) => '0'.repeat(18 - i) + digit);
      for (let i = 0; i < all.length; i++) {
        for (let j = i; j < all.length; j++) checkEqual(all[i]!, all[j]!);
      }
    }
  });

  it('testMng6964', () => {
    checkOrder('1-0.alpha', '1');
    checkOrder('1-0.beta', '1');
    checkOrder('1-0.alpha', '1-0.beta');
  });

  it('testLocaleIndependent', () => {
    checkEqual('1-abcdefghijklmnopqrstuvwxyz', '1-ABCDEFGHIJKLMNOPQRSTUVWXYZ');
  });

  it('testMng7644', () => {
    for (const x of ['abc', 'alpha', 'a', 'beta', 'b', 'def', 'milestone', 'm', 'RC']) {
      checkOrder(`1.0.0.${x}1`, `1.0.0-${x}2`);
      checkEqual(`2-${x}`, `2.0.${x}`);
      checkEqual(`2-${x}`, `2.0.0.${x}`);
      checkEqual(`2.0.${x}`, `2.0.0.${x}`);
    }
  });
});

describe('Maven ecosystem', () => {
  it('orders versions seen in advisories', () => {
    expect(maven.compareVersions('2.14.1', '2.15.0')).toBeLessThan(0);
    expect(maven.compareVersions('2.15.0-rc1', '2.15.0')).toBeLessThan(0);
    expect(maven.compareVersions('5.3.18.RELEASE', '5.3.18')).toBe(0);
    expect(maven.compareVersions('31.1-jre', '31.1-android')).toBeGreaterThan(0);
  });

  it('rejects ranges and unresolved properties', () => {
    expect(maven.isValidVersion('[1.0,2.0)')).toBe(false);
    expect(maven.isValidVersion('${jackson.version}')).toBe(false);
    expect(maven.isValidVersion('')).toBe(false);
    expect(() => maven.compareVersions('1.0', '${x}')).toThrow(/\$\{x\}/);
  });
});
