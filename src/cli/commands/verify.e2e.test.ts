import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../test/cli.js';
import { tempDir } from '../../../test/temp.js';
import { buildRepo } from '../../git/recipe.js';
import { sandboxAvailable } from '../../sandbox/run-command.js';

// Sandboxed when bubblewrap works here, else with --no-sandbox; the test names say which.
const sandbox = await sandboxAvailable();
const where = sandbox ? 'in the bubblewrap sandbox' : 'WITHOUT a sandbox (bwrap unavailable)';
const sandboxFlag = sandbox ? [] : ['--no-sandbox'];

async function repoWithPort() {
  return buildRepo(path.join(tempDir(), 'ws'), {
    steps: [
      {
        commit: 'initial',
        files: {
          'package.json': JSON.stringify({ name: 'p', scripts: { test: 'node --test' } }),
          'lib.js': 'exports.ok = () => false;\n',
          'test/lib.test.js':
            "const test = require('node:test');\nconst assert = require('node:assert');\ntest('loads', () => assert.ok(require('../lib.js')));\n",
        },
      },
      { branch: 'release-1.x' },
      { branch: 'port', from: 'release-1.x' },
      {
        commit: 'fix (backport)',
        id: 'port',
        files: {
          'lib.js': 'exports.ok = () => true;\n',
          'test/ok.test.js':
            "const test = require('node:test');\nconst assert = require('node:assert');\ntest('ok is true', () => assert.strictEqual(require('../lib.js').ok(), true));\n",
        },
      },
    ],
  });
}

describe(`retrofit verify, ${where}`, () => {
  it('prints the verdict and the fixed test, and exits 0 for a verified port', async () => {
    const built = await repoWithPort();
    const run = await runCli([
      'verify',
      '--repo',
      built.dir,
      '--onto',
      'release-1.x',
      '--candidate',
      'port',
      ...sandboxFlag,
    ]);
    expect(run.stderr).toContain('verify: running npm test');
    expect(run.stdout).toContain('verified: ');
    expect(run.stdout).toContain(sandbox ? '(sandboxed)' : '(NOT sandboxed)');
    expect(run.stdout).toMatch(/fixed \(failed before, pass after\):\n {2}ok is true/);
    expect(run.code).toBe(0);
  });

  it('prints one JSON document and exits 1 when the test command finds nothing to prove', async () => {
    const built = await repoWithPort();
    const run = await runCli([
      'verify',
      '--repo',
      built.dir,
      '--onto',
      'release-1.x',
      '--candidate',
      'port',
      '--test-command',
      'node --test test/lib.test.js',
      '--json',
      ...sandboxFlag,
    ]);
    expect(run.json).toMatchObject({
      status: 'unproven',
      command: ['node', '--test', 'test/lib.test.js'],
      sandboxed: sandbox,
    });
    expect(run.code).toBe(1);
  });

  it('rejects a candidate that does not descend from --onto as a usage error', async () => {
    const built = await repoWithPort();
    const run = await runCli([
      'verify',
      '--repo',
      built.dir,
      '--onto',
      'port',
      '--candidate',
      'release-1.x~0^{commit}',
      ...sandboxFlag,
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('does not descend from port');
  });
});
