import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { detectTestRunner, runnerManifests, testRunners } from './index.js';
import type { TestRunner } from './types.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const NOT_RUNNERS = new Set(['index.ts', 'types.ts']);

describe('test runner registry', () => {
  it('registers exactly the runners the files in this folder export, each under its own id', async () => {
    const files = fs
      .readdirSync(here)
      .filter(
        (file) => file.endsWith('.ts') && !file.endsWith('.test.ts') && !NOT_RUNNERS.has(file),
      );
    const exported: TestRunner[] = [];
    for (const file of files) {
      const module = (await import(pathToFileURL(path.join(here, file)).href)) as Record<
        string,
        unknown
      >;
      const runners = Object.values(module).filter(
        (value): value is TestRunner =>
          typeof value === 'object' && value !== null && 'detect' in value && 'suite' in value,
      );
      expect(runners.length, `${file} exports one runner`).toBe(1);
      expect(runners[0]!.id, `${file} is named after its runner`).toBe(file.replace(/\.ts$/, ''));
      exported.push(runners[0]!);
    }
    expect(Object.values(testRunners).sort(byId)).toEqual(exported.sort(byId));
    for (const [id, runner] of Object.entries(testRunners)) expect(runner.id).toBe(id);
  });

  it('lists every root file the runners read, once', () => {
    expect(runnerManifests().sort()).toEqual([
      'Rakefile',
      'go.mod',
      'package.json',
      'pom.xml',
      'pyproject.toml',
      'setup.cfg',
      'tox.ini',
    ]);
  });

  it('tries jest and vitest before plain npm, and npm before the other ecosystems', () => {
    const manifests = { 'package.json': JSON.stringify({ scripts: { test: 'jest' } }) };
    const files = ['package.json', 'go.mod', 'x_test.go', 'pytest.ini'];
    expect(detectTestRunner({ files, manifests })?.id).toBe('jest');
    expect(detectTestRunner({ files, manifests: {} })?.id).toBe('go');
  });
});

function byId(a: TestRunner, b: TestRunner): number {
  return a.id < b.id ? -1 : 1;
}
