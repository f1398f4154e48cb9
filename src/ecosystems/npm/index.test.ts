import { describe, expect, it } from 'vitest';
import { npm } from './index.js';

describe('npm', () => {
  it.each([
    ['7.5.9', '7.5.10', -1],
    ['8.0.0-beta.1', '8.0.0', -1],
    ['1.0', '1.0.0', 0],
    ['v2.1.0', '2.1.0', 0],
    ['5.0.0-alpha.1', '5.0.0-beta.3', -1],
  ])('orders %s against %s', (a, b, sign) => {
    expect(Math.sign(npm.compareVersions(a, b))).toBe(sign);
  });

  it('rejects what is not a version', () => {
    expect(npm.isValidVersion('github:user/repo#abc')).toBe(false);
    expect(npm.isValidVersion('file:../x')).toBe(false);
    expect(() => npm.compareVersions('latest', '1.0.0')).toThrow(/latest/);
  });

  it('keeps names as written', () => {
    expect(npm.normalizeName('JSONStream')).toBe('JSONStream');
  });
});
