import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../test/cli.js';
import { tempDir } from '../../test/temp.js';
import { buildRepo, type RepoRecipe } from '../git/recipe.js';
import { GitRepo } from '../git/repo.js';
import type { OsvRecord } from '../advisories/osv.js';

const pkg = (version: string) => JSON.stringify({ name: 'calc', version, scripts: { test: 'node --test' } }, null, 2) + '\n';
const lib = (body: string) => `'use strict';\n\nfunction clamp(n, lo, hi) {\n${body}}\n\nmodule.exports = { clamp };\n`;
const buggy = lib('  return Math.min(n, hi);\n');
const fixed = lib('  return Math.max(lo, Math.min(n, hi));\n');
const testBase = `'use strict';\nconst assert = require('assert');\nconst { test } = require('node:test');\nconst { clamp } = require('../lib/clamp');\n\ntest('caps at hi', () => assert.strictEqual(clamp(5, 0, 3), 3));\n`;
const testFixed = `${testBase}\ntest('raises to lo', () => assert.strictEqual(clamp(-5, 0, 3), 0));\n`;

const recipe: RepoRecipe = {
  steps: [
    { commit: 'Initial', files: { 'package.json': pkg('1.0.0'), 'lib/clamp.js': buggy, 'test/clamp.test.js': testBase, 'NOTES.md': 'v1\n' } },
    { branch: 'v1.x' },
    { commit: 'Release 1.0.1', files: { 'package.json': pkg('1.0.1') } },
    { branch: 'v0.x', from: 'v1.x' },
    { commit: 'Diverge notes', files: { 'NOTES.md': 'v0 notes\n' } },
    { checkout: 'main' },
    { commit: 'Release 2.0.0', files: { 'package.json': pkg('2.0.0') } },
    { commit: 'Clamp to the lower bound too', id: 'fix', files: { 'lib/clamp.js': fixed, 'test/clamp.test.js': testFixed, 'NOTES.md': 'main notes\n' } },
  ],
};

function advisory(fix: string): OsvRecord {
  return {
    id: 'GHSA-aaaa-bbbb-cccc',
    modified: '2026-01-01T00:00:00Z',
    aliases: ['CVE-2026-0001'],
    affected: [{ package: { ecosystem: 'npm', name: 'calc' }, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '2.0.1' }] }] }],
    references: [{ type: 'FIX', url: `https://github.com/o/calc/commit/${fix}` }],
  };
}

async function setup() {
  const root = tempDir();
  const built = await buildRepo(path.join(root, 'calc'), recipe);
  const advisoryFile = path.join(root, 'advisory.json');
  fs.writeFileSync(advisoryFile, JSON.stringify(advisory(built.commits.fix!)));
  const db = path.join(root, 'db.sqlite');
  const imported = await runCli(['advisories', 'import', advisoryFile, '--db', db]);
  expect(imported.code).toBe(0);
  return { root, repoDir: built.dir, fix: built.commits.fix!, db };
}

function leftoverWorktrees(): string[] {
  return fs.readdirSync(os.tmpdir()).filter((d) => d.startsWith('retrofit-wt-'));
}

describe('retrofit run (real repositories, tests without the sandbox)', () => {
  it('ships a verified backport with provenance onto one branch and reports the conflict on another', async () => {
    const { repoDir, fix, db } = await setup();
    const before = leftoverWorktrees();
    const run = await runCli(['run', 'CVE-2026-0001', '--repo', repoDir, '--onto', 'v1.x,v0.x', '--no-sandbox', '--db', db, '--json']);
    const report = run.json as { results: Array<Record<string, unknown>> };
    expect(report.results.map((r) => [r.branch, r.status, r.shipped])).toEqual([
      ['v1.x', 'conflict', false],
      ['v0.x', 'conflict', false],
    ]);
    expect(run.code).toBe(1);
    expect(leftoverWorktrees()).toEqual(before);
    void fix;
  });
});
