import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../test/cli.js';
import { tempDir } from '../../test/temp.js';
import { buildRepo } from '../git/recipe.js';
import type { RunReport } from './run.js';

const pkg = (extra: object = {}) =>
  `${JSON.stringify({ name: 'parts', version: '1.0.0', scripts: { test: 'node --test' }, ...extra }, null, 2)}\n`;
const cjs = (guard: string) =>
  [
    "'use strict';",
    '',
    'function parse(input) {',
    "  var parts = input.split(',');",
    guard,
    '  var out = [];',
    '  for (var i = 0; i < parts.length; i++) {',
    '    out.push(parts[i].trim());',
    '  }',
    '  return out;',
    '}',
    '',
    'module.exports = { parse };',
    '',
  ].join('\n');
const cjsTest = (extra: string) =>
  `'use strict';\nconst assert = require('assert');\nconst { test } = require('node:test');\nconst { parse } = require('../lib/parts');\n\ntest('splits', () => assert.deepStrictEqual(parse('a, b'), ['a', 'b']));\n${extra}`;
const limitTest = `\ntest('refuses too many parts', () => assert.throws(() => parse(','.repeat(200)), RangeError));\n`;
const guard = "  if (parts.length > 100) {\n    throw new RangeError('too many parts');\n  }";
const esm = "export const parse = (input) => input.split(',').map((p) => p.trim());\n";
const esmFixed = `export const parse = (input) => {\n  const parts = input.split(',');\n  if (parts.length > 100) throw new RangeError('too many parts');\n  return parts.map((p) => p.trim());\n};\n`;
const esmTest = (extra: string) =>
  `import assert from 'node:assert';\nimport { test } from 'node:test';\nimport { parse } from '../lib/parts.js';\n\ntest('splits', () => assert.deepStrictEqual(parse('a, b'), ['a', 'b']));\n${extra}`;

describe('retrofit run fan-out with chain porting (real repository; tests unsandboxed here)', () => {
  it('ports the oldest branch from a newer branch backport when upstream no longer fits', async () => {
    const root = tempDir();
    const dir = path.join(root, 'parts');
    const built = await buildRepo(dir, {
      steps: [
        {
          commit: 'Initial',
          files: {
            'package.json': pkg(),
            'lib/parts.js': cjs(''),
            'test/parts.test.js': cjsTest(''),
          },
        },
        { branch: 'v1.x' },
        { commit: 'v1 notes', files: { 'NOTES.md': 'v1\n' } },
        { checkout: 'main' },
        { commit: 'Release 2.0', files: { 'NOTES.md': 'v2\n' } },
        { branch: 'v2.x' },
        { checkout: 'main' },
        {
          commit: 'Rewrite parse as a module',
          files: {
            'package.json': pkg({ type: 'module' }),
            'lib/parts.js': esm,
            'test/parts.test.js': esmTest(''),
          },
        },
        { branch: 'v3.x' },
        { checkout: 'main' },
        {
          commit: 'Refuse inputs with too many parts',
          id: 'fix',
          files: { 'lib/parts.js': esmFixed, 'test/parts.test.js': esmTest(limitTest) },
        },
        // The maintainers' own backport to 2.x, written for the old code.
        { checkout: 'v2.x' },
        {
          commit: 'Refuse inputs with too many parts (2.x)',
          id: 'v2fix',
          files: { 'lib/parts.js': cjs(guard), 'test/parts.test.js': cjsTest(limitTest) },
        },
        { checkout: 'main' },
      ],
    });
    const advisory = {
      id: 'GHSA-cccc-dddd-eeee',
      modified: '2026-01-01T00:00:00Z',
      affected: [
        {
          package: { ecosystem: 'npm', name: 'parts' },
          ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '3.0.1' }] }],
        },
      ],
      references: [
        { type: 'FIX', url: `https://github.com/o/parts/commit/${built.commits.fix}` },
        { type: 'FIX', url: `https://github.com/o/parts/commit/${built.commits.v2fix}` },
      ],
    };
    fs.writeFileSync(path.join(root, 'advisory.json'), JSON.stringify(advisory));
    const db = path.join(root, 'retrofit.db');
    expect(
      (await runCli(['advisories', 'import', 'advisory.json', '--db', db], { cwd: root })).code,
    ).toBe(0);

    // Straight from upstream, the oldest branch conflicts: the fix was made on rewritten code.
    const direct = await runCli(
      ['port', built.commits.fix!, '--repo', dir, '--onto', 'v1.x', '--json'],
      { cwd: root },
    );
    expect(JSON.parse(direct.stdout)).toMatchObject({ status: 'conflict' });

    // Given oldest first, run still goes newest first and chains v1.x from the 2.x backport.
    const run = await runCli(
      [
        'run',
        'GHSA-cccc-dddd-eeee',
        '--repo',
        dir,
        '--onto',
        'v1.x,v2.x,v3.x',
        '--no-sandbox',
        '--db',
        db,
        '--json',
      ],
      { cwd: root },
    );
    const report = JSON.parse(run.stdout) as RunReport;
    expect(report.results.map((r) => [r.branch, r.status])).toEqual([
      ['v3.x', 'verified'],
      ['v2.x', 'already-fixed'],
      ['v1.x', 'verified'],
    ]);
    const v1 = report.results[2]!;
    expect(v1).toMatchObject({
      shipped: true,
      portedFrom: { branch: 'v2.x', commit: built.commits.v2fix },
      verification: { fixedTests: [expect.stringContaining('refuses too many parts')] },
    });
    expect(report.results[0]!.portedFrom).toBeUndefined();
    expect(run.code).toBe(0);
  });
});
