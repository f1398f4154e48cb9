import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../test/cli.js';
import { tempDir } from '../../../test/temp.js';
import { buildRepo } from '../../git/recipe.js';
import { runGit } from '../../git/run-git.js';

const lines = (n: number) => Array.from({ length: n }, (_, i) => `line ${i + 1}\n`).join('');

async function setup() {
  const root = tempDir();
  const built = await buildRepo(path.join(root, 'repo'), {
    steps: [
      { commit: 'base', files: { 'a.c': lines(20) } },
      { branch: 'v1' },
      { commit: 'drift: a header', files: { 'a.c': `header\nheader\n${lines(20)}` } },
      { branch: 'v0', from: 'main' },
      {
        commit: 'rewrite lines 8 to 12',
        files: { 'a.c': lines(20).replace(/line (8|9|10|11|12)\n/g, 'old $1\n') },
      },
      { checkout: 'main' },
      {
        commit: 'fix line 10',
        id: 'fix',
        files: { 'a.c': lines(20).replace('line 10\n', 'line ten\n') },
      },
    ],
  });
  const patch = path.join(root, 'fix.patch');
  fs.writeFileSync(
    patch,
    (await runGit(['format-patch', '-1', '--stdout', built.commits.fix!], { cwd: built.dir }))
      .stdout,
  );
  return { root, repo: built.dir, patch, fix: built.commits.fix! };
}

describe('retrofit port', () => {
  it('ports a patch file onto a drifted branch, writing nothing', async () => {
    const s = await setup();
    const run = await runCli([
      'port',
      '--patch',
      s.patch,
      '--repo',
      s.repo,
      '--onto',
      'v1',
      '--json',
    ]);
    expect(run.code).toBe(0);
    expect(run.json).toMatchObject({
      status: 'applied',
      subject: 'fix line 10',
      files: [{ path: 'a.c', status: 'applied', hunks: [{ strategy: 'shifted', line: 9 }] }],
    });
    expect((await runGit(['status', '--porcelain'], { cwd: s.repo })).stdout).toBe('');
  });

  it('ports commits the same way', async () => {
    const s = await setup();
    const run = await runCli(['port', s.fix, '--repo', s.repo, '--onto', 'v1', '--json']);
    expect(run.code).toBe(0);
    expect(run.json).toMatchObject({
      status: 'applied',
      files: [{ path: 'a.c', strategy: 'three-way' }],
    });
  });

  it('says where in the target a hunk it cannot place would go', async () => {
    const s = await setup();
    const run = await runCli(['port', s.fix, '--repo', s.repo, '--onto', 'v0']);
    expect(run.code).toBe(1);
    // The fix changes line 10, whose neighbours v0 rewrote: expected there.
    const where = /hunk 1: conflict: .* \(target line (\d+)\)/.exec(run.stdout);
    expect(Number(where?.[1])).toBeGreaterThanOrEqual(7);
    expect(Number(where?.[1])).toBeLessThanOrEqual(10);
    expect((await runGit(['status', '--porcelain'], { cwd: s.repo })).stdout).toBe('');
  });

  it('says which newer syntax keeps a clean merge from being sure', async () => {
    const ruby = (call: string) => `def first(splits)\n  ${call}\nend\n`;
    const built = await buildRepo(path.join(tempDir(), 'repo'), {
      steps: [
        { commit: 'base', files: { 'lib/first.rb': ruby('splits.first') } },
        { branch: 'v1' },
        { checkout: 'main' },
        { commit: 'fix', id: 'fix', files: { 'lib/first.rb': ruby('splits&.first') } },
      ],
    });
    const run = await runCli(['port', built.commits.fix!, '--repo', built.dir, '--onto', 'v1']);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('lib/first.rb  [newer-syntax]');
    expect(run.stdout).toContain(
      "uses safe navigation (`&.`, Ruby 2.3), which the target's file never does",
    );
  });

  it('names the line of a malformed patch, exit 2', async () => {
    const s = await setup();
    const bad = path.join(s.root, 'bad.patch');
    fs.writeFileSync(bad, '--- a/a.c\n+++ b/a.c\n@@ -9,3 +9,3 @@\n line 9\n-line 10\n');
    const run = await runCli(['port', '--patch', bad, '--repo', s.repo, '--onto', 'v1']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('bad.patch:5: the hunk ends early');
  });
});
