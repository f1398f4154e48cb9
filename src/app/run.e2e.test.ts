import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../test/cli.js';
import { tempDir } from '../../test/temp.js';
import { buildRepo, type RepoRecipe } from '../git/recipe.js';
import { GitRepo } from '../git/repo.js';
import type { OsvRecord } from '../advisories/osv.js';

const pkg = (version: string) =>
  JSON.stringify({ name: 'calc', version, scripts: { test: 'node --test' } }, null, 2) + '\n';
const lib = (body: string) =>
  `'use strict';\n\nfunction clamp(n, lo, hi) {\n${body}}\n\nmodule.exports = { clamp };\n`;
const buggy = lib('  return Math.min(n, hi);\n');
const fixed = lib('  return Math.max(lo, Math.min(n, hi));\n');
const testBase = `'use strict';\nconst assert = require('assert');\nconst { test } = require('node:test');\nconst { clamp } = require('../lib/clamp');\n\ntest('caps at hi', () => assert.strictEqual(clamp(5, 0, 3), 3));\n`;
const testFixed = `${testBase}\ntest('raises to lo', () => assert.strictEqual(clamp(-5, 0, 3), 0));\n`;

const recipe: RepoRecipe = {
  steps: [
    {
      commit: 'Initial',
      files: {
        'package.json': pkg('1.0.0'),
        'lib/clamp.js': buggy,
        'test/clamp.test.js': testBase,
        'NOTES.md': 'v1\n',
      },
    },
    { branch: 'v1.x' },
    { commit: 'Release 1.0.1', files: { 'package.json': pkg('1.0.1') } },
    { branch: 'v0.x', from: 'v1.x' },
    {
      commit: 'Diverge on 0.x',
      files: { 'NOTES.md': 'v0 notes\n', 'lib/clamp.js': lib('  return n > hi ? hi : n;\n') },
    },
    { checkout: 'main' },
    { commit: 'Release 2.0.0', files: { 'package.json': pkg('2.0.0') } },
    {
      commit: 'Clamp to the lower bound too',
      id: 'fix',
      files: { 'lib/clamp.js': fixed, 'test/clamp.test.js': testFixed, 'NOTES.md': 'main notes\n' },
    },
  ],
};

function advisory(fix: string): OsvRecord {
  return {
    id: 'GHSA-aaaa-bbbb-cccc',
    modified: '2026-01-01T00:00:00Z',
    aliases: ['CVE-2026-0001'],
    affected: [
      {
        package: { ecosystem: 'npm', name: 'calc' },
        ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '2.0.1' }] }],
      },
    ],
    references: [{ type: 'FIX', url: `https://github.com/o/calc/commit/${fix}` }],
  };
}

/** A recipe repository with the advisory for its `fix` commit imported into a fresh database. */
async function setup(steps: RepoRecipe = recipe) {
  const root = tempDir();
  const built = await buildRepo(path.join(root, 'calc'), steps);
  const advisoryFile = path.join(root, 'advisory.json');
  fs.writeFileSync(advisoryFile, JSON.stringify(advisory(built.commits.fix!)));
  const db = path.join(root, 'db.sqlite');
  const imported = await runCli(['advisories', 'import', advisoryFile, '--db', db]);
  expect(imported.code).toBe(0);
  return { root, repoDir: built.dir, fix: built.commits.fix!, db };
}

/**
 * Scratch worktrees left in the temp folder that borrow `repoDir`'s objects. Only those: other
 * test files running at the same time make and remove scratch worktrees of their own.
 */
function leftoverWorktrees(repoDir: string): string[] {
  return fs
    .readdirSync(os.tmpdir())
    .filter((d) => d.startsWith('retrofit-wt-'))
    .filter((d) => {
      try {
        const alternates = path.join(os.tmpdir(), d, '.git', 'objects', 'info', 'alternates');
        return fs.readFileSync(alternates, 'utf8').includes(repoDir);
      } catch {
        return false; // removed meanwhile, or not one of ours
      }
    });
}

async function branches(dir: string): Promise<string[]> {
  const repo = await GitRepo.open(dir);
  return (await repo.run(['for-each-ref', '--format=%(refname:short)', 'refs/heads'])).stdout
    .trim()
    .split('\n');
}

describe('retrofit run (real repositories; tests run unsandboxed here, the sandbox has its own tests)', () => {
  it('ships a verified backport on one branch and reports a conflict on the other', async () => {
    const { repoDir, fix, db } = await setup();
    const before = leftoverWorktrees(repoDir);
    const run = await runCli([
      'run',
      'CVE-2026-0001',
      '--repo',
      repoDir,
      '--onto',
      'v1.x,v0.x',
      '--no-sandbox',
      '--db',
      db,
      '--json',
    ]);
    const report = run.json as { advisory: string; results: Array<BranchJson> };
    expect(report.advisory).toBe('GHSA-aaaa-bbbb-cccc');
    expect(report.results.map((r) => [r.branch, r.status, r.shipped])).toEqual([
      ['v1.x', 'verified', true],
      ['v0.x', 'conflict', false],
    ]);
    expect(run.code).toBe(1);
    const [v1, v0] = report.results;
    expect(v1!.verification.fixedTests).toEqual(['raises to lo']);
    // Besides the tests, the fix's own new line is in the result, where it belongs.
    expect(v1!.verification.presence).toEqual({ status: 'present', locations: ['lib/clamp.js:4'] });
    expect(v1!.backportBranch).toBe('retrofit/GHSA-aaaa-bbbb-cccc/v1.x');
    expect(v0!.files).toContainEqual(
      expect.objectContaining({
        path: 'lib/clamp.js',
        status: 'conflict',
        reason: 'hunk-conflict',
        kind: 'code',
      }),
    );
    // The notes conflict too, but documentation never blocks: the target keeps its own.
    expect(v0!.files).toContainEqual(
      expect.objectContaining({ path: 'NOTES.md', status: 'skipped', reason: 'docs-conflict' }),
    );

    const repo = await GitRepo.open(repoDir);
    const message = (await repo.commitInfo('retrofit/GHSA-aaaa-bbbb-cccc/v1.x')).body;
    expect(message).toContain(`(cherry picked from commit ${fix})`);
    expect(message).toContain(`Backport-of: ${fix}`);
    expect(message).toContain('Fixes: GHSA-aaaa-bbbb-cccc, CVE-2026-0001');
    expect(await repo.readFile('retrofit/GHSA-aaaa-bbbb-cccc/v1.x', 'lib/clamp.js')).toBe(fixed);
    expect(await repo.isAncestor('v1.x', 'retrofit/GHSA-aaaa-bbbb-cccc/v1.x')).toBe(true);
    expect(await branches(repoDir)).toEqual([
      'main',
      'retrofit/GHSA-aaaa-bbbb-cccc/v1.x',
      'v0.x',
      'v1.x',
    ]);
    expect(leftoverWorktrees(repoDir)).toEqual(before);

    // The ledger has both attempts, chained; the scan of the new branch says fixed-by-backport.
    const ledger = await runCli(['ledger', '--db', db, '--json']);
    const entries = ledger.json as {
      entries: Array<{ payload: { outcome: string } }>;
      broken: unknown;
    };
    expect(entries.entries.map((e) => e.payload.outcome)).toEqual(['shipped', 'conflict']);
    expect(entries.broken).toBeNull();
    const scan = await runCli([
      'scan',
      '--repo',
      repoDir,
      '--ref',
      'retrofit/GHSA-aaaa-bbbb-cccc/v1.x',
      '--db',
      db,
      '--json',
    ]);
    const finding = (
      scan.json as { findings: Array<{ status: string; evidence: Array<{ kind: string }> }> }
    ).findings[0]!;
    expect(finding.status).toBe('fixed-by-backport');
    // The ledger says it was shipped, the commit says what it is, and the code shows it.
    expect(finding.evidence.map((e) => e.kind)).toEqual(['ledger', 'trailer', 'patch-presence']);
    expect(scan.code).toBe(0);

    // A second run finds the shipped backport and creates nothing.
    const again = await runCli([
      'run',
      'GHSA-aaaa-bbbb-cccc',
      '--repo',
      repoDir,
      '--onto',
      'retrofit/GHSA-aaaa-bbbb-cccc/v1.x',
      '--no-sandbox',
      '--db',
      db,
      '--json',
    ]);
    expect((again.json as { results: Array<{ status: string }> }).results[0]!.status).toBe(
      'already-fixed',
    );
    expect(again.code).toBe(0);
  });

  it('does not ship a port that breaks a passing test', async () => {
    const s = await setup({
      steps: [
        {
          commit: 'Initial',
          files: {
            'package.json': pkg('1.0.0'),
            'lib/clamp.js': buggy,
            'test/clamp.test.js': testBase,
          },
        },
        { branch: 'v1.x' },
        { checkout: 'main' },
        {
          commit: 'Fix and break',
          id: 'fix',
          files: { 'lib/clamp.js': lib('  return lo;\n'), 'test/clamp.test.js': testFixed },
        },
      ],
    });
    const run = await runCli([
      'run',
      'GHSA-aaaa-bbbb-cccc',
      '--repo',
      s.repoDir,
      '--onto',
      'v1.x',
      '--no-sandbox',
      '--db',
      s.db,
      '--json',
    ]);
    const result = (run.json as { results: Array<BranchJson> }).results[0]!;
    expect(result.status).toBe('regressed');
    expect(result.shipped).toBe(false);
    expect(result.verification.regressedTests).toEqual(['caps at hi']);
    expect(await branches(s.repoDir)).toEqual(['main', 'v1.x']);
    expect(run.code).toBe(1);
  });
});

describe('retrofit run refuses bad input with exit 2 and writes nothing', () => {
  it.each([
    [
      'a path that is not a repository',
      (s: Setup) => ['run', 'CVE-2026-0001', '--repo', s.root, '--onto', 'v1.x'],
      /is not a git repository/,
    ],
    [
      'an unknown advisory',
      (s: Setup) => ['run', 'GHSA-zzzz-zzzz-zzzz', '--repo', s.repoDir, '--onto', 'v1.x'],
      /no advisory GHSA-zzzz-zzzz-zzzz/,
    ],
    [
      'a branch that does not exist',
      (s: Setup) => ['run', 'CVE-2026-0001', '--repo', s.repoDir, '--onto', 'v1.x,v9.x'],
      /v9.x is not a branch, tag or commit/,
    ],
  ])('%s', async (_name, argv, message) => {
    const s = await setup();
    const before = await branches(s.repoDir);
    const run = await runCli([...argv(s), '--no-sandbox', '--db', s.db]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).toMatch(/hint: /);
    expect(await branches(s.repoDir)).toEqual(before);
    const ledger = await runCli(['ledger', '--db', s.db, '--json']);
    expect((ledger.json as { entries: unknown[] }).entries).toEqual([]);
  });

  it('a target branch checked out with uncommitted changes', async () => {
    const s = await setup();
    const repo = await GitRepo.open(s.repoDir);
    await repo.run(['checkout', '--quiet', 'v1.x']);
    fs.appendFileSync(path.join(s.repoDir, 'lib/clamp.js'), '// local edit\n');
    const run = await runCli([
      'run',
      'CVE-2026-0001',
      '--repo',
      s.repoDir,
      '--onto',
      'v1.x',
      '--no-sandbox',
      '--db',
      s.db,
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/v1.x is checked out in .* with uncommitted changes/);
    expect(fs.readFileSync(path.join(s.repoDir, 'lib/clamp.js'), 'utf8')).toContain(
      '// local edit',
    );
    expect(await branches(s.repoDir)).toEqual(['main', 'v0.x', 'v1.x']);
  });

  it('a malformed OSV file', async () => {
    const s = await setup();
    const bad = path.join(s.root, 'bad.json');
    fs.writeFileSync(bad, '{"id": "GHSA-bad", "modified": ');
    const fresh = path.join(s.root, 'fresh.sqlite');
    const run = await runCli(['advisories', 'import', bad, '--db', fresh]);
    expect(run.code).toBe(2);
    expect(run.stdout + run.stderr).toMatch(/bad\.json/);
    expect(fs.existsSync(fresh)).toBe(false);
  });
});

type Setup = Awaited<ReturnType<typeof setup>>;

interface BranchJson {
  branch: string;
  status: string;
  shipped: boolean;
  backportBranch?: string;
  files: unknown[];
  verification: {
    fixedTests: string[];
    regressedTests: string[];
    presence?: { status: string; locations: string[] };
  };
}
