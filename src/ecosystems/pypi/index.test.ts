import { describe, expect, it } from 'vitest';
import { pypi } from './index.js';

describe('PyPI', () => {
  it.each([
    ['4.9.0', '4.9.1', -1],
    ['2.0alpha1', '2.0', -1],
    ['1.0.post1', '1.0', 1],
    ['1.0', '1.0.0', 0],
    ['1!0.1', '2.0', 1],
  ])('orders %s against %s', (a, b, sign) => {
    expect(Math.sign(pypi.compareVersions(a, b))).toBe(sign);
  });

  it('normalises names per PEP 503', () => {
    expect(pypi.normalizeName('Django_REST.framework')).toBe('django-rest-framework');
    expect(pypi.normalizeName('zope..interface')).toBe('zope-interface');
  });

  it('rejects what is not a PEP 440 version', () => {
    expect(pypi.isValidVersion('not a version')).toBe(false);
    expect(() => pypi.compareVersions('1.0', 'nope')).toThrow(/nope/);
  });
});
