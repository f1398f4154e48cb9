import { describe, expect, it } from 'vitest';
import { cratesIo } from './index.js';

describe('crates.io', () => {
  it.each([
    ['1.7.1', '1.7.10', -1],
    ['0.6.27', '0.6.27', 0],
    ['1.0.0-alpha.2', '1.0.0-alpha.10', -1],
    ['1.0.0-rc.1', '1.0.0', -1],
    ['1.0.0+build.5', '1.0.0', 0],
  ])('orders %s against %s', (a, b, sign) => {
    expect(Math.sign(cratesIo.compareVersions(a, b))).toBe(sign);
  });

  it('accepts only full semantic versions, as Cargo does', () => {
    expect(cratesIo.isValidVersion('1.0')).toBe(false);
    expect(cratesIo.isValidVersion('v1.0.0')).toBe(false);
    expect(() => cratesIo.compareVersions('1', '1.0.0')).toThrow(/crate version: 1$/);
  });

  it('treats - and _ and case as one crate name, as crates.io does', () => {
    expect(cratesIo.normalizeName('Serde_JSON')).toBe(cratesIo.normalizeName('serde-json'));
  });
});
