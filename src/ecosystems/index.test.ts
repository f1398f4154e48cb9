import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ecosystems, getEcosystem, normalizePackageName } from './index.js';

const here = path.dirname(fileURLToPath(import.meta.url));

describe('ecosystem registry', () => {
  it('registers exactly the ecosystem folders on disk', () => {
    const folders = fs
      .readdirSync(here, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort();
    const registered = Object.keys(ecosystems)
      .map((name) => name.toLowerCase())
      .sort();
    expect(registered).toEqual(folders);
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
  });
});
