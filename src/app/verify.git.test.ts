import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../test/temp.js';
import { CleanupScope } from '../cleanup.js';
import { buildRepo } from '../git/recipe.js';
import { GitRepo } from '../git/repo.js';
import { sandboxAvailable } from '../sandbox/run-command.js';
import type { AppContext } from './context.js';
import { verifyCandidate } from './verify.js';
import { changedTestPaths } from './verify-command.js';

// The runs go through bubblewrap when it works on this machine; the test names say which.
const sandbox = await sandboxAvailable();
const where = sandbox ? 'in the bubblewrap sandbox' : 'WITHOUT a sandbox (bwrap unavailable)';

const manifest = { name: 'clampy', version: '1.0.0', scripts: { test: 'node --test' } };
const buggy = 'exports.clamp = (v, lo, hi) => Math.min(hi, Math.max(lo, v));\n';
const fixed =
  "exports.clamp = (v, lo, hi) => {\n  if (Number.isNaN(v)) throw new RangeError('NaN');\n  return Math.min(hi, Math.max(lo, v));\n};\n";
const broken = 'exports.clamp = (v, lo, hi) => Math.max(lo, v);\n';
const tests = [
  "const test = require('node:test');",
  "const assert = require('node:assert');",
  "const { clamp } = require('../clamp.js');",
  "test('keeps values in range', () => assert.strictEqual(clamp(5, 0, 10), 5));",
  "test('caps at the maximum', () => assert.strictEqual(clamp(11, 0, 10), 10));",
  '',
].join('\n');
const regressionTest = `${tests}test('rejects NaN', () => assert.throws(() => clamp(NaN, 0, 10), RangeError));\n`;

async function clampRepo(packageJson = JSON.stringify(manifest)) {
  const built = await buildRepo(path.join(tempDir(), 'clampy'), {
    steps: [
      {
        commit: 'clamp 1.0',
        files: { 'package.json': packageJson, 'clamp.js': buggy, 'test/clamp.test.js': tests },
      },
      { branch: 'release-1.x' },
      { branch: 'port-fix', from: 'release-1.x' },
      {
        commit: 'clamp: reject NaN (backport)',
        id: 'fix',
        files: { 'clamp.js': fixed, 'test/clamp.test.js': regressionTest },
      },
      { branch: 'port-broken', from: 'release-1.x' },
      { commit: 'clamp: a bad port', id: 'broken', files: { 'clamp.js': broken } },
      { branch: 'port-untested', from: 'release-1.x' },
      { commit: 'clamp: fix without a test', id: 'untested', files: { 'clamp.js': fixed } },
    ],
  });
  return { built, repo: await GitRepo.open(built.dir) };
}

function context(): AppContext {
  return { cwd: process.cwd(), env: process.env, scope: new CleanupScope(), progress: () => {} };
}

async function verify(id: 'fix' | 'broken' | 'untested', packageJson?: string) {
  const { built, repo } = await clampRepo(packageJson);
  const ctx = context();
  const candidate = built.commits[id]!;
  const testPaths = await changedTestPaths(repo, 'release-1.x', candidate);
  const headBefore = (await repo.run(['rev-parse', 'HEAD'])).stdout;
  const report = await verifyCandidate(ctx, {
    repo,
    target: 'release-1.x',
    candidate,
    testPaths,
    sandbox,
    timeoutMs: 60_000,
  });
  // Both worktrees are gone and the user's checkout did not move.
  expect(ctx.scope.size).toBe(0);
  expect((await repo.run(['rev-parse', 'HEAD'])).stdout).toBe(headBefore);
  expect(await repo.hasUncommittedChanges()).toBe(false);
  return { report, testPaths };
}

describe(`verifyCandidate with node:test, ${where}`, () => {
  it('verifies a port whose regression test fails on the old code and passes on the port', async () => {
    const { report, testPaths } = await verify('fix');
    expect(testPaths).toEqual(['test/clamp.test.js']);
    expect(report).toMatchObject({
      status: 'verified',
      fixedTests: ['rejects NaN'],
      regressedTests: [],
      preExistingFailures: [],
      command: ['npm', 'test'],
      // The fix's test file on its own first, then the whole suite.
      ran: { fixTests: ['npm', 'test', '--', 'test/clamp.test.js'], fullSuite: ['npm', 'test'] },
      sandboxed: sandbox,
      notes: [],
    });
    expect(report.before.results).toEqual({
      'caps at the maximum': 'pass',
      'keeps values in range': 'pass',
      'rejects NaN': 'fail',
    });
    expect(report.after.counts).toEqual({ pass: 3, fail: 0, skip: 0 });
    expect(report.logs.before).toContain('not ok 3 - rejects NaN');
  });

  it('reports a regression when the port breaks a test that passed', async () => {
    const { report } = await verify('broken');
    expect(report).toMatchObject({
      status: 'regressed',
      fixedTests: [],
      regressedTests: ['caps at the maximum'],
    });
    expect(report.notes).toContain(
      'the candidate changes no test files, so no test can show the fix working',
    );
  });

  it('calls a port without a test that fails before unproven', async () => {
    const { report } = await verify('untested');
    expect(report).toMatchObject({ status: 'unproven', fixedTests: [], regressedTests: [] });
    expect(report.after.counts).toEqual({ pass: 2, fail: 0, skip: 0 });
  });

  it('runs offline and says so when dependencies are declared but not installed', async () => {
    const withDeps = JSON.stringify({ ...manifest, devDependencies: { 'left-pad': '^1.3.0' } });
    const { report } = await verify('fix', withDeps);
    expect(report.status).toBe('verified');
    expect(report.notes).toEqual([
      'package.json declares dependencies that were not installed; pass --online to run npm install first',
    ]);
  });

  it('says it cannot run a project whose test command it cannot find', async () => {
    const built = await buildRepo(path.join(tempDir(), 'c-project'), {
      steps: [{ commit: 'c', id: 'c', files: { 'main.c': 'int main(void) { return 0; }\n' } }],
    });
    const repo = await GitRepo.open(built.dir);
    const ctx = context();
    await expect(
      verifyCandidate(ctx, {
        repo,
        target: built.commits.c!,
        candidate: built.commits.c!,
        testPaths: [],
        sandbox,
      }),
    ).rejects.toMatchObject({ code: 'no-test-command' });
    expect(ctx.scope.size).toBe(0);
  });
});
