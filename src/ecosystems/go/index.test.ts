import { describe, expect, it } from 'vitest';
import { go } from './index.js';

describe('Go', () => {
  it.each([
    ['v1.2.3', '1.2.3', 0],
    ['v0.3.7', 'v0.3.8', -1],
    ['v1.10.0', 'v1.9.9', 1],
    ['v2.0.0+incompatible', '2.0.0', 0],
    ['v2.1.0+incompatible', 'v2.0.9+incompatible', 1],
    // Pseudo-versions: before the next tag, after the previous one, ordered by time.
    ['v0.0.0-20220314234659-1baeb1ce4c0b', 'v0.0.1', -1],
    ['v0.0.0-20220314234659-1baeb1ce4c0b', 'v0.0.0-20211209124913-491a49abca63', 1],
    ['v1.2.4-0.20191109021931-daa7c04131f5', 'v1.2.3', 1],
    ['v1.2.4-0.20191109021931-daa7c04131f5', 'v1.2.4', -1],
    ['v1.0.0-rc.1', 'v1.0.0', -1],
  ])('orders %s against %s', (a, b, sign) => {
    expect(Math.sign(go.compareVersions(a, b))).toBe(sign);
  });

  it('rejects what Go does not accept as a module version', () => {
    for (const bad of ['v1.2', '1', 'latest', 'master', 'v1.2.3.4', ''])
      expect(go.isValidVersion(bad)).toBe(false);
    expect(() => go.compareVersions('v1.2', 'v1.2.0')).toThrow(/v1\.2/);
  });

  it('keeps the case of module paths and decodes the module cache escapes', () => {
    expect(go.normalizeName('github.com/Sirupsen/logrus')).toBe('github.com/Sirupsen/logrus');
    expect(go.normalizeName('github.com/!azure/azure-sdk-for-go/')).toBe(
      'github.com/Azure/azure-sdk-for-go',
    );
    expect(go.normalizeName('github.com/cespare/xxhash/v2')).toBe('github.com/cespare/xxhash/v2');
  });
});
