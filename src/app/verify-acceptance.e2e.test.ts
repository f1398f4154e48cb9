// Acceptance tests for verify on real repositories, with the tests in the bubblewrap sandbox:
// a port that breaks a passing test ships nothing; a suite that hangs is stopped at the limit;
// a test that reaches for the network is blocked and the verdict says so.
import net from 'node:net';
import path from 'node:path';
import fs from 'node:fs';
import type { BackportRecord } from './backport-record.js';
import type { RunReport } from './run.js';
import type { VerifyReport } from './verify.js';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../test/cli.js';
import { tempDir } from '../../test/temp.js';
import type { OsvRecord } from '../advisories/osv.js';
import { buildRepo, type RecipeStep } from '../git/recipe.js';
import { runGit } from '../git/run-git.js';
import { sandboxAvailable } from '../sandbox/run-command.js';

const sandbox = await sandboxAvailable();

const pkg = JSON.stringify({ name: 'calc', version: '1.0.0', scripts: { test: 'node --test' } });
const header = `'use strict';\nconst assert = require('assert');\nconst { test } = require('node:test');\nconst { clamp } = require('../lib/clamp');\n`;
const passing = `${header}test('caps at hi', () => assert.strictEqual(clamp(5, 0, 3), 3));\n`;
const lib = (body: string) =>
  `'use strict';\nfunction clamp(n, lo, hi) {\n${body}}\nmodule.exports = { clamp };\n`;
const buggy = lib('  return Math.min(n, hi);\n');

/** `release-1.x` with one passing test, and a `port` branch on it with the given change. */
async function repoWithPort(port: Record<string, string>, more: RecipeStep[] = []) {
  return buildRepo(path.join(tempDir(), 'calc'), {
    steps: [
      {
        commit: 'calc 1.0',
        files: { 'package.json': pkg, 'lib/clamp.js': buggy, 'test/clamp.test.js': passing },
      },
      { branch: 'release-1.x' },
      ...more,
      { branch: 'port', from: 'release-1.x' },
      { commit: 'the port', id: 'port', files: port },
    ],
  });
}

async function verify(dir: string, extra: string[]) {
  const run = await runCli([
    'verify',
    '--repo',
    dir,
    '--onto',
    'release-1.x',
    '--candidate',
    'port',
    '--json',
    ...extra,
  ]);
  return { run, report: run.json as VerifyReport };
}

describe.skipIf(!sandbox)('verify acceptance, tests in the bubblewrap sandbox', () => {
  it('a port that breaks a previously passing test is regressed, and nothing is shipped: no branch, no push', async () => {
    const root = tempDir();
    const built = await buildRepo(path.join(root, 'calc'), {
      steps: [
        {
          commit: 'Initial',
          files: { 'package.json': pkg, 'lib/clamp.js': buggy, 'test/clamp.test.js': passing },
        },
        { branch: 'v1.x' },
        { checkout: 'main' },
        {
          commit: 'Fix and break',
          id: 'fix',
          files: {
            'lib/clamp.js': lib('  return lo;\n'),
            'test/clamp.test.js': `${passing}test('raises to lo', () => assert.strictEqual(clamp(-5, 0, 3), 0));\n`,
          },
        },
      ],
    });
    const advisory: OsvRecord = {
      id: 'GHSA-aaaa-bbbb-cccc',
      modified: '2026-01-01T00:00:00Z',
      affected: [],
      references: [{ type: 'FIX', url: `https://github.com/o/calc/commit/${built.commits.fix}` }],
    };
    fs.writeFileSync(path.join(root, 'a.json'), JSON.stringify(advisory));
    const db = path.join(root, 'db.sqlite');
    expect(
      (await runCli(['advisories', 'import', path.join(root, 'a.json'), '--db', db])).code,
    ).toBe(0);
    const remote = path.join(root, 'origin.git');
    await runGit(['init', '--quiet', '--bare', '--template=', remote], { cwd: root });
    await runGit(['remote', 'add', 'origin', remote], { cwd: built.dir });

    const run = await runCli([
      'run',
      'GHSA-aaaa-bbbb-cccc',
      '--repo',
      built.dir,
      '--onto',
      'v1.x',
      '--push',
      'origin',
      '--db',
      db,
      '--json',
    ]);
    expect(run.code).toBe(1);
    const result = (run.json as RunReport).results[0]!;
    expect(result).toMatchObject({ status: 'regressed', shipped: false });
    expect(result.verification).toMatchObject({
      sandboxed: true,
      regressedTests: ['caps at hi'],
      fixedTests: ['raises to lo'],
    });
    expect(result.backportBranch).toBeUndefined();
    expect(result.shipping).toBeUndefined();
    const localRefs = (await runGit(['for-each-ref', '--format=%(refname)'], { cwd: built.dir }))
      .stdout;
    expect(localRefs.split('\n').filter(Boolean)).toEqual(['refs/heads/main', 'refs/heads/v1.x']);
    expect((await runGit(['for-each-ref'], { cwd: remote })).stdout).toBe('');
    const ledger = await runCli(['ledger', '--db', db, '--json']);
    const entries = (ledger.json as { entries: Array<{ payload: BackportRecord }> }).entries;
    expect(entries.map((e) => [e.payload.outcome, e.payload.branch])).toEqual([
      ['regressed', undefined],
    ]);
  });

  it('a suite that hangs is killed at the time limit, and the result says so', async () => {
    // The port's clamp never returns: the after run prints no verdict and never exits.
    const built = await repoWithPort({ 'lib/clamp.js': lib('  for (;;) {}\n') });
    const started = Date.now();
    const { run, report } = await verify(built.dir, ['--timeout', '4']);
    const elapsed = Date.now() - started;
    expect(report.sandboxed).toBe(true);
    expect(report.before).toMatchObject({ timedOut: false, exitCode: 0 });
    expect(report.after).toMatchObject({ timedOut: true, exitCode: null });
    expect(report.status).toBe('failed');
    expect(report.notes).toContain('the after run was stopped after 4 s');
    expect(report.notes).toContain('the after run reported no test results (it timed out)');
    expect(run.code).toBe(1);
    // Stopped at the limit, not waited on: two runs, one of them cut at 4 s.
    expect(elapsed).toBeLessThan(30_000);
  });

  describe('a test that tries to reach the network', () => {
    // A server on this machine's loopback: reachable unconfined, not from the sandbox's own
    // network namespace. No traffic leaves the machine either way.
    const server = net.createServer((socket) => socket.end());
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    async function networkPort() {
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const { port } = server.address() as net.AddressInfo;
      const probe = `${header}const net = require('node:net');\n\ntest('reports the status', () =>\n  new Promise((resolve, reject) => {\n    const socket = net.connect(${port}, '127.0.0.1', () => { socket.end(); resolve(); });\n    socket.on('error', reject);\n  }));\n`;
      return repoWithPort({ 'test/status.test.js': probe });
    }

    it('is blocked in the sandbox, and the result names the test and says "network access blocked"', async () => {
      const built = await networkPort();
      const { report } = await verify(built.dir, []);
      expect(report.sandboxed).toBe(true);
      expect(report.after.results).toMatchObject({
        'caps at hi': 'pass',
        'reports the status': 'fail',
      });
      const notes = (report.notes as string[]).filter((n) =>
        n.startsWith('network access blocked'),
      );
      expect(notes).toHaveLength(2);
      expect(notes[1]).toMatch(
        /^network access blocked: the after run tried to reach the network, which the sandbox does not allow: test 'reports the status' \(.*ECONNREFUSED 127\.0\.0\.1:\d+/,
      );
      expect(report.status).not.toBe('verified');

      // The control: unconfined, the same test reaches the server and passes.
      const open = await verify(built.dir, ['--no-sandbox']);
      expect(open.report.after.results['reports the status']).toBe('pass');
      expect(open.report.notes.join('\n')).not.toMatch(/network/);
    });
  });
});
