import fs from 'node:fs';
import path from 'node:path';
import type { RunReport } from './run.js';
import type { BackportRecord } from './backport-record.js';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../test/cli.js';
import { startLocalForge } from '../../test/forge-server.js';
import { tempDir } from '../../test/temp.js';
import type { OsvRecord } from '../advisories/osv.js';
import { buildRepo } from '../git/recipe.js';
import { GitRepo } from '../git/repo.js';
import { runGit } from '../git/run-git.js';
import { sandboxAvailable } from '../sandbox/run-command.js';

// Sandboxed when bubblewrap works here, else with --no-sandbox; the test names say which.
const sandbox = await sandboxAvailable();
const where = sandbox
  ? 'tests in the bubblewrap sandbox'
  : 'tests WITHOUT a sandbox (bwrap unavailable)';
const sandboxFlag = sandbox ? [] : ['--no-sandbox'];

const pkg = JSON.stringify({ name: 'calc', version: '1.0.0', scripts: { test: 'node --test' } });
const lib = (body: string) =>
  `'use strict';\nfunction clamp(n, lo, hi) {\n${body}}\nmodule.exports = { clamp };\n`;
const buggy = lib('  return Math.min(n, hi);\n');
const fixed = lib('  return Math.max(lo, Math.min(n, hi));\n');
const testBase = `'use strict';\nconst assert = require('assert');\nconst { test } = require('node:test');\nconst { clamp } = require('../lib/clamp');\ntest('caps at hi', () => assert.strictEqual(clamp(5, 0, 3), 3));\n`;
const testFixed = `${testBase}test('raises to lo', () => assert.strictEqual(clamp(-5, 0, 3), 0));\n`;

/** A repository with a fix on main, a release branch v1.x, a bare `origin`, and the advisory. */
async function setup() {
  const root = tempDir();
  const built = await buildRepo(path.join(root, 'calc'), {
    steps: [
      {
        commit: 'Initial',
        files: { 'package.json': pkg, 'lib/clamp.js': buggy, 'test/clamp.test.js': testBase },
      },
      { branch: 'v1.x' },
      { checkout: 'main' },
      {
        commit: 'Clamp to the lower bound too',
        id: 'fix',
        files: { 'lib/clamp.js': fixed, 'test/clamp.test.js': testFixed },
      },
    ],
  });
  const fix = built.commits.fix!;
  const advisory: OsvRecord = {
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
  const advisoryFile = path.join(root, 'advisory.json');
  fs.writeFileSync(advisoryFile, JSON.stringify(advisory));
  const db = path.join(root, 'db.sqlite');
  expect((await runCli(['advisories', 'import', advisoryFile, '--db', db])).code).toBe(0);
  const remote = path.join(root, 'origin.git');
  await runGit(['init', '--quiet', '--bare', '--template=', remote], { cwd: root });
  const repo = await GitRepo.open(built.dir);
  await repo.run(['remote', 'add', 'origin', remote]);
  return { root, repo, repoDir: built.dir, fix, db, remote };
}

/** The environment of a user with neither forge token nor API URL set, plus `extra`. */
function env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const base: NodeJS.ProcessEnv = { ...process.env, RETROFIT_DB: '' };
  for (const key of ['GITHUB_TOKEN', 'GITLAB_TOKEN', 'GITHUB_API_URL', 'CI_API_V4_URL']) {
    delete base[key];
  }
  return { ...base, ...extra };
}

async function refs(dir: string): Promise<string[]> {
  const out = (await runGit(['for-each-ref', '--format=%(refname)'], { cwd: dir })).stdout;
  return out.split('\n').filter(Boolean);
}

const BRANCH = 'retrofit/GHSA-aaaa-bbbb-cccc/v1.x';

describe(`retrofit run --push --pr (${where})`, () => {
  it('pushes the verified backport to a real bare remote and opens a pull request on a local server standing in for GitHub', async () => {
    const s = await setup();
    const forge = await startLocalForge();
    const run = await runCli(
      [
        'run',
        'CVE-2026-0001',
        '--repo',
        s.repoDir,
        '--onto',
        'v1.x',
        '--push',
        'origin',
        '--pr',
        'github',
        '--forge-url',
        forge.url,
        '--forge-project',
        'o/calc',
        '--db',
        s.db,
        '--json',
        ...sandboxFlag,
      ],
      { env: env({ GITHUB_TOKEN: 'test-token-1' }) },
    );
    expect(run.code).toBe(0);
    const result = (run.json as RunReport).results[0]!;
    expect(result).toMatchObject({ status: 'verified', shipped: true, backportBranch: BRANCH });
    expect(result.shipping).toMatchObject({
      push: { remote: 'origin', branch: BRANCH, status: 'created' },
      request: { kind: 'pull-request', number: 7, url: 'https://github.example/o/calc/pull/7' },
    });
    expect(await refs(s.remote)).toEqual([`refs/heads/${BRANCH}`]);
    const pushed = (await runGit(['rev-parse', BRANCH], { cwd: s.remote })).stdout.trim();
    expect(pushed).toBe(result.commit);

    expect(forge.requests).toHaveLength(1);
    const request = forge.requests[0]!;
    expect(request.method).toBe('POST');
    expect(request.url).toBe('/repos/o/calc/pulls');
    expect(request.headers.authorization).toMatch(/test-token-1$/);
    expect(request.body).toMatchObject({
      head: BRANCH,
      base: 'v1.x',
      title: '[v1.x] Clamp to the lower bound too (GHSA-aaaa-bbbb-cccc)',
    });
    const body = String(request.body.body);
    expect(body).toContain('**GHSA-aaaa-bbbb-cccc** (CVE-2026-0001)');
    expect(body).toContain(`- ${s.fix} Clamp to the lower bound too`);
    expect(body).toContain('- status: **verified**');
    expect(body).toContain(
      '- tests that failed before the port and pass after:\n  - `raises to lo`',
    );
    expect(body).toContain(sandbox ? '- sandbox: bubblewrap' : '- sandbox: **none**');

    // The ledger keeps what was shipped where.
    const ledger = await runCli(['ledger', '--db', s.db, '--json']);
    const payload = (ledger.json as { entries: Array<{ payload: BackportRecord }> }).entries[0]!
      .payload;
    expect(payload.shipping?.request?.url).toBe('https://github.example/o/calc/pull/7');
    expect(payload.shipping?.push?.status).toBe('created');
  });

  it('opens a merge request on a local server standing in for GitLab, the project path URL-encoded', async () => {
    const s = await setup();
    const forge = await startLocalForge();
    const run = await runCli(
      [
        'run',
        'GHSA-aaaa-bbbb-cccc',
        '--repo',
        s.repoDir,
        '--onto',
        'v1.x',
        '--push',
        'origin',
        '--pr',
        'gitlab',
        '--forge-url',
        `${forge.url}/api/v4`,
        '--forge-project',
        'group/sub/calc',
        '--db',
        s.db,
        ...sandboxFlag,
      ],
      { env: env({ GITLAB_TOKEN: 'gl-token-2' }) },
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      'merge-request https://gitlab.example/group/sub/calc/-/merge_requests/3',
    );
    const request = forge.requests[0]!;
    expect(request.url).toBe('/api/v4/projects/group%2Fsub%2Fcalc/merge_requests');
    expect(request.headers['private-token']).toBe('gl-token-2');
    expect(request.body).toMatchObject({ source_branch: BRANCH, target_branch: 'v1.x' });
    expect(String(request.body.description)).toContain('`raises to lo`');
    expect(await refs(s.remote)).toEqual([`refs/heads/${BRANCH}`]);
  });

  it('stops with a usage error before anything is pushed or created when the token is missing', async () => {
    const s = await setup();
    const forge = await startLocalForge();
    const run = await runCli(
      [
        'run',
        'CVE-2026-0001',
        '--repo',
        s.repoDir,
        '--onto',
        'v1.x',
        '--push',
        'origin',
        '--pr',
        'github',
        '--forge-url',
        forge.url,
        '--forge-project',
        'o/calc',
        '--db',
        s.db,
        ...sandboxFlag,
      ],
      { env: env() },
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--pr github needs a token in GITHUB_TOKEN; nothing was pushed');
    expect(await refs(s.remote)).toEqual([]);
    expect(await refs(s.repoDir)).toEqual(['refs/heads/main', 'refs/heads/v1.x']);
    expect(forge.requests).toEqual([]);
    const ledger = await runCli(['ledger', '--db', s.db, '--json']);
    expect((ledger.json as { entries: unknown[] }).entries).toEqual([]);
  });

  it('keeps the local branch and says so when the remote refuses the push', async () => {
    const s = await setup();
    // Someone else already pushed a branch of that name, at another commit.
    await runGit(['push', '--quiet', s.remote, `v1.x:refs/heads/${BRANCH}`], { cwd: s.repoDir });
    const v1 = (await s.repo.run(['rev-parse', 'v1.x'])).stdout.trim();
    const run = await runCli(
      [
        'run',
        'CVE-2026-0001',
        '--repo',
        s.repoDir,
        '--onto',
        'v1.x',
        '--push',
        'origin',
        '--db',
        s.db,
        '--json',
        ...sandboxFlag,
      ],
      { env: env() },
    );
    expect(run.code).toBe(1);
    const result = (run.json as RunReport).results[0]!;
    expect(result).toMatchObject({ status: 'verified', shipped: true, backportBranch: BRANCH });
    expect(result.shipError).toMatch(
      /origin already has a branch .* retrofit never overwrites a remote branch/,
    );
    expect((await runGit(['rev-parse', BRANCH], { cwd: s.remote })).stdout.trim()).toBe(v1);
    expect(await s.repo.resolveCommit(BRANCH)).toBe(result.commit);
    const ledger = await runCli(['ledger', '--db', s.db, '--json']);
    const payload = (ledger.json as { entries: Array<{ payload: BackportRecord }> }).entries[0]!
      .payload;
    expect(payload.message).toContain('but shipping stopped');
  });

  it('refuses --pr without --push, before any work', async () => {
    const s = await setup();
    const noPush = await runCli(
      [
        'run',
        'CVE-2026-0001',
        '--repo',
        s.repoDir,
        '--onto',
        'v1.x',
        '--pr',
        'github',
        '--db',
        s.db,
      ],
      { env: env({ GITHUB_TOKEN: 't' }) },
    );
    expect(noPush.code).toBe(2);
    expect(noPush.stderr).toContain('--pr github needs --push REMOTE');
    expect(await refs(s.repoDir)).toEqual(['refs/heads/main', 'refs/heads/v1.x']);
  });
});

describe(`retrofit run --signoff and retrofit ship (${where})`, () => {
  it('signs off as --author, then ships the existing branch with retrofit ship', async () => {
    const s = await setup();
    const run = await runCli(
      [
        'run',
        'CVE-2026-0001',
        '--repo',
        s.repoDir,
        '--onto',
        'v1.x',
        '--author',
        'Ada Lovelace <ada@example.org>',
        '--signoff',
        '--db',
        s.db,
        ...sandboxFlag,
      ],
      { env: env() },
    );
    expect(run.code).toBe(0);
    const info = await s.repo.commitInfo(BRANCH);
    expect(info.authorName).toBe('Ada Lovelace');
    expect(info.body.trimEnd().split('\n').pop()).toBe(
      'Signed-off-by: Ada Lovelace <ada@example.org>',
    );
    expect(await refs(s.remote)).toEqual([]);

    const forge = await startLocalForge();
    const ship = await runCli(
      [
        'ship',
        '--repo',
        s.repoDir,
        '--commit',
        BRANCH,
        '--push',
        'origin',
        '--pr',
        'github',
        '--forge-url',
        forge.url,
        '--forge-project',
        'o/calc',
        '--db',
        s.db,
        '--json',
      ],
      { env: env({ GITHUB_TOKEN: 't' }) },
    );
    expect(ship.code).toBe(0);
    expect(ship.json).toMatchObject({
      advisory: 'GHSA-aaaa-bbbb-cccc',
      branch: BRANCH,
      target: { ref: 'v1.x' },
      verification: 'verified',
      shipping: { push: { status: 'created' }, request: { number: 7 } },
    });
    expect(await refs(s.remote)).toEqual([`refs/heads/${BRANCH}`]);
    expect(String(forge.requests[0]!.body.body)).toContain('`raises to lo`');
  });

  it('refuses to ship a commit with no verification on record unless --allow-unproven', async () => {
    const s = await setup();
    await s.repo.run(['branch', 'hand-made', 'v1.x']);
    const scratch = tempDir();
    await runGit(['clone', '--quiet', '--branch', 'hand-made', s.repoDir, scratch], {
      cwd: s.root,
    });
    fs.writeFileSync(path.join(scratch, 'lib/clamp.js'), fixed);
    await runGit(
      [
        '-c',
        'user.name=A',
        '-c',
        'user.email=a@example.org',
        'commit',
        '--quiet',
        '-am',
        `Fix by hand\n\nBackport-of: ${s.fix}\nFixes: CVE-2026-0001`,
      ],
      { cwd: scratch },
    );
    await runGit(['push', '--quiet', s.repoDir, 'hand-made'], { cwd: scratch });
    const argv = [
      'ship',
      '--repo',
      s.repoDir,
      '--commit',
      'hand-made',
      '--onto',
      'v1.x',
      '--push',
      'origin',
      '--db',
      s.db,
    ];
    const refused = await runCli(argv, { env: env() });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('no verification of hand-made is on record');
    expect(await refs(s.remote)).toEqual([]);
    const allowed = await runCli([...argv, '--allow-unproven', '--json'], { env: env() });
    expect(allowed.code).toBe(0);
    expect(allowed.json).toMatchObject({
      advisory: 'CVE-2026-0001',
      branch: 'hand-made',
      verification: 'not on record',
    });
    expect(await refs(s.remote)).toEqual(['refs/heads/hand-made']);
  });
});
