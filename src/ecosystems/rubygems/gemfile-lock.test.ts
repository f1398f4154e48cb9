import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseGemfileLock } from './gemfile-lock.js';

const fixture = fs.readFileSync(
  new URL('../../../test/fixtures/lockfiles/Gemfile.lock', import.meta.url),
  'utf8',
);

describe('parseGemfileLock', () => {
  it('reads the GEM specs of rails, one entry per version whatever the platforms', () => {
    const packages = parseGemfileLock(fixture, 'Gemfile.lock');
    const nokogiri = packages.filter((p) => p.name === 'nokogiri');
    // Listed for arm64-darwin, x86_64-darwin, x86_64-linux-gnu and more: one version.
    expect(nokogiri).toEqual([
      { ecosystem: 'RubyGems', name: 'nokogiri', version: '1.19.1', source: 'Gemfile.lock' },
    ]);
    expect(packages.find((p) => p.name === 'ffi')?.version).toBe('1.17.1');
    // Rails' own gems come from PATH sections, not from the registry.
    expect(packages.map((p) => p.name)).not.toContain('actionpack');
    // Dependency constraints under a spec are not packages.
    expect(packages.every((p) => !/[~<>=]/.test(p.version))).toBe(true);
    expect(packages.length).toBeGreaterThan(200);
  });

  it('reads a small lockfile exactly', () => {
    const text = [
      'GIT',
      '  remote: https://github.com/x/y.git',
      '  revision: 0123456789abcdef',
      '  specs:',
      '    y (0.1.0)',
      '',
      'GEM',
      '  remote: https://rubygems.org/',
      '  specs:',
      '    rack (2.2.6.2)',
      '    nokogiri (1.13.10-x86_64-linux)',
      '      racc (~> 1.4)',
      '    racc (1.6.2-java)',
      '',
      'PLATFORMS',
      '  x86_64-linux',
      '',
      'DEPENDENCIES',
      '  rack (~> 2.2)',
      '',
      'BUNDLED WITH',
      '   2.4.10',
      '',
    ].join('\r\n');
    expect(parseGemfileLock(text, 'Gemfile.lock').map((p) => `${p.name}@${p.version}`)).toEqual([
      'rack@2.2.6.2',
      'nokogiri@1.13.10',
      'racc@1.6.2',
    ]);
  });

  it('rejects a broken spec line and merge conflicts, naming the file and line', () => {
    const broken = 'GEM\n  remote: https://rubygems.org/\n  specs:\n    rack 2.2.6\n';
    expect(() => parseGemfileLock(broken, 'app/Gemfile.lock')).toThrowError(
      expect.objectContaining({
        code: 'invalid-lockfile',
        message: expect.stringContaining('app/Gemfile.lock:4'),
        data: expect.objectContaining({ line: 4 }),
      }),
    );
    expect(() => parseGemfileLock('GEM\n<<<<<<< HEAD\n', 'Gemfile.lock')).toThrow(
      /Gemfile\.lock:2: it has merge conflict markers/,
    );
  });
});
