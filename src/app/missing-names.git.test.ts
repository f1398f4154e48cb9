import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../test/temp.js';
import { ObjectReader } from '../git/object-reader.js';
import { buildRepo } from '../git/recipe.js';
import { GitRepo } from '../git/repo.js';
import { findMissingNames } from './missing-names.js';

const helper = (name: string) => `function ${name}(obj, key) {\n  return obj[key];\n}\n`;

/**
 * main: base → helpers added (one beside the fix, one far from it) → fix; release: base and
 * what `drift` adds. Asks which of `names`, used by the fix in `lib/doc.js`, the release lacks.
 */
async function missingIn(
  drift: Record<string, string>,
  names: string[],
  limits: { differingBytes?: number },
): Promise<string[]> {
  const built = await buildRepo(path.join(tempDir(), 'repo'), {
    steps: [
      {
        commit: 'base',
        files: { 'lib/doc.js': 'module.exports = 1;\n', 'src/deep/far.js': 'const far = 1;\n' },
      },
      { branch: 'release' },
      { commit: 'drift', files: { 'README.md': 'release line\n', ...drift } },
      { checkout: 'main' },
      {
        commit: 'helpers',
        files: {
          'lib/keys.js': helper('hasOwnKey'),
          'src/deep/far.js': `const far = 1;\n${helper('farHelper')}`,
          // A test's helper is no definition code can use.
          'lib/test/only.js': helper('testHelper'),
        },
      },
      { commit: 'fix', id: 'fix', files: { 'lib/doc.js': 'module.exports = hasOwnKey;\n' } },
    ],
  });
  return missingAt(built.dir, built.commits.fix!, 'lib/doc.js', names, limits);
}

/** Which of `names`, used by the fix at `upstream` in `file`, the `release` branch lacks. */
async function missingAt(
  dir: string,
  upstream: string,
  file: string,
  names: string[],
  limits: { differingBytes?: number },
): Promise<string[]> {
  const repo = await GitRepo.open(dir);
  const reader = new ObjectReader(repo);
  try {
    const found = await findMissingNames(
      repo,
      reader,
      { parent: `${upstream}^`, upstream, target: 'release' },
      new Map([[file, names]]),
      limits,
    );
    return found.get(file) ?? [];
  } finally {
    reader.close();
  }
}

describe('findMissingNames', () => {
  const names = ['hasOwnKey', 'farHelper', 'testHelper', 'broughtByFix'];
  // Upstream is read in the files it and the target differ in, or searched whole (which one
  // costs less depends on the trees): both must give the same answer.
  for (const [how, limits] of [
    ['reading the files the two differ in', { differingBytes: Infinity }],
    ['searching the whole trees', { differingBytes: 0 }],
  ] as const) {
    it(`names what upstream had before the fix and the target lacks, ${how}`, async () => {
      expect(await missingIn({}, names, limits)).toEqual(['hasOwnKey', 'farHelper']);
    });

    it(`counts the target's definitions anywhere in its code, ${how}`, async () => {
      const drift = { 'src/other/keys.js': helper('hasOwnKey'), 'lib/far.js': helper('farHelper') };
      expect(await missingIn(drift, names, limits)).toEqual([]);
    });

    it(`searches every file for what a file without an extension uses, ${how}`, async () => {
      const built = await buildRepo(path.join(tempDir(), 'repo'), {
        steps: [
          { commit: 'base', files: { 'bin/tool': 'run_main\n' } },
          { branch: 'release' },
          { checkout: 'main' },
          { commit: 'helper', files: { 'lib/tool_helpers': 'define ensure_safe_path\n' } },
          { commit: 'fix', id: 'fix', files: { 'bin/tool': 'ensure_safe_path\nrun_main\n' } },
        ],
      });
      const missing = await missingAt(
        built.dir,
        built.commits.fix!,
        'bin/tool',
        ['ensure_safe_path'],
        limits,
      );
      expect(missing).toEqual(['ensure_safe_path']);
    });

    it(`does not count the target's tests as definitions, ${how}`, async () => {
      const drift = { 'lib/test/keys.js': helper('hasOwnKey') };
      expect(await missingIn(drift, names, limits)).toEqual(['hasOwnKey', 'farHelper']);
    });
  }
});
