import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ecosystems, getEcosystem, normalizePackageName, type Ecosystem } from './index.js';

const here = path.dirname(fileURLToPath(import.meta.url));

describe('ecosystem registry', () => {
  it('registers exactly the ecosystems the folders on disk export', async () => {
    const folders = fs
      .readdirSync(here, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort();
    const exported = new Map<Ecosystem, string>();
    for (const folder of folders) {
      const module = (await import(
        pathToFileURL(path.join(here, folder, 'index.ts')).href
      )) as Record<string, unknown>;
      const found = Object.values(module).filter(isEcosystem);
      expect(found.length, `${folder}/index.ts exports an ecosystem`).toBeGreaterThan(0);
      for (const ecosystem of found) exported.set(ecosystem, folder);
    }
    const registered = Object.values(ecosystems);
    expect(registered.filter((e) => !exported.has(e)).map((e) => e.name)).toEqual([]);
    expect([...exported.keys()].filter((e) => !registered.includes(e)).map((e) => e.name)).toEqual(
      [],
    );
  });

  it('keys each ecosystem by its own OSV name', () => {
    for (const [key, ecosystem] of Object.entries(ecosystems)) expect(ecosystem.name).toBe(key);
  });

  it('finds ecosystems by OSV name, ignoring a suffix, and nothing else', () => {
    expect(getEcosystem('npm')?.name).toBe('npm');
    expect(getEcosystem('PyPI:extra')?.name).toBe('PyPI');
    expect(getEcosystem('pypi')).toBeNull();
    expect(getEcosystem('toString')).toBeNull();
    expect(normalizePackageName('Hackage', 'Some.Name')).toBe('Some.Name');
    expect(getEcosystem('Red Hat:enterprise_linux:9::appstream')?.name).toBe('Red Hat');
  });
});

function isEcosystem(value: unknown): value is Ecosystem {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Ecosystem).name === 'string' &&
    typeof (value as Ecosystem).compareVersions === 'function'
  );
}
