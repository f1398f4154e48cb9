import { describe, expect, it } from 'vitest';
import { extractorFor, extractors, extractorsFor } from './index.js';

describe('extractor registry', () => {
  it.each([
    ['package-lock.json', 'package-lock'],
    ['npm-shrinkwrap.json', 'package-lock'],
    ['yarn.lock', 'yarn-lock'],
    ['pnpm-lock.yaml', 'pnpm-lock'],
    ['requirements-dev.txt', 'requirements'],
    ['poetry.lock', 'poetry-lock'],
    ['Pipfile.lock', 'pipfile-lock'],
    ['uv.lock', 'uv-lock'],
    ['go.mod', 'go-mod'],
    ['Cargo.lock', 'cargo-lock'],
    ['bom.json', 'cyclonedx'],
    ['app.cdx.json', 'cyclonedx'],
    ['image.cyclonedx.json', 'cyclonedx'],
    ['app.spdx.json', 'spdx'],
  ])('reads %s as a lockfile with %s', (file, name) => {
    expect(extractorsFor(file, 'lockfile').map((e) => e.name)).toEqual([name]);
  });

  it.each([['package.json'], ['pyproject.toml'], ['setup.py']])(
    'reads %s only as a manifest',
    (file) => {
      expect(extractorFor(file, 'lockfile')).toBeUndefined();
      expect(extractorFor(file, 'manifest')).toBeDefined();
    },
  );

  it.each([['go.sum'], ['Cargo.toml'], ['Pipfile'], ['data.json'], ['yarn.lock.bak']])(
    'reads no %s',
    (file) => {
      expect(extractorsFor(file)).toEqual([]);
    },
  );

  it('names each extractor once', () => {
    expect(new Set(extractors.map((e) => e.name)).size).toBe(extractors.length);
  });
});
