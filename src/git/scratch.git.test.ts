import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../test/temp.js';
import { CleanupScope } from '../cleanup.js';
import { buildRepo } from './recipe.js';
import { GitRepo } from './repo.js';
import { cherryPickTree } from './merge-tree.js';
import { materializeResult } from './materialize.js';
import {
  commitWorktree,
  createScratchWorktree,
  publishBranch,
  type ScratchWorktree,
} from './scratch.js';

/** Ports `commit` (onto the worktree's HEAD) by three-way merge; the conflicted paths. */
async function pick(scratch: ScratchWorktree, commit: string): Promise<string[]> {
  const head = (await scratch.git.run(['rev-parse', 'HEAD'])).stdout.trim();
  const merge = await cherryPickTree(scratch.git, {
    parent: `${commit}^`,
    upstream: commit,
    target: head,
  });
  if (merge.clean) await materializeResult(scratch, { tree: merge.tree, overrides: new Map() });
  return merge.conflicted;
}

const base = 'line 1\nline 2\nline 3\nline 4\nline 5\n';

async function sampleRepo() {
  const dir = path.join(tempDir(), 'repo');
  const built = await buildRepo(dir, {
    steps: [
      { commit: 'initial', files: { 'a.txt': base, 'b.txt': 'b\n' } },
      { branch: 'release-1.x' },
      { commit: 'drift on release', files: { 'b.txt': 'b on release\n' } },
      { checkout: 'main' },
      { commit: 'fix', id: 'fix', files: { 'a.txt': base.replace('line 3', 'line 3 fixed') } },
      { commit: 'change b', id: 'b', files: { 'b.txt': 'b on main\n' } },
    ],
  });
  return { built, repo: await GitRepo.open(dir) };
}

describe('scratch worktrees', () => {
  it('ports in a temporary directory and leaves the user checkout alone', async () => {
    const { built, repo } = await sampleRepo();
    const scope = new CleanupScope();
    const headBefore = (await repo.run(['rev-parse', 'HEAD'])).stdout;
    const scratch = await createScratchWorktree({ repo, commit: 'release-1.x', scope });
    expect(await pick(scratch, built.commits.fix!)).toEqual([]);
    expect(fs.readFileSync(path.join(scratch.dir, 'a.txt'), 'utf8')).toContain('line 3 fixed');
    const sha = await commitWorktree(scratch, 'backport\n', { name: 'T', email: 't@example.org' });
    await publishBranch({ repo, scratch, commit: sha, branch: 'retrofit/test/release-1.x' });
    scratch.dispose();
    expect(fs.existsSync(scratch.dir)).toBe(false);
    expect(await repo.resolveCommit('retrofit/test/release-1.x')).toBe(sha);
    expect((await repo.run(['rev-parse', 'HEAD'])).stdout).toBe(headBefore);
    expect(await repo.hasUncommittedChanges()).toBe(false);
  });

  it('reports conflicted files and leaves the worktree untouched', async () => {
    const { built, repo } = await sampleRepo();
    const scope = new CleanupScope();
    const scratch = await createScratchWorktree({ repo, commit: 'release-1.x', scope });
    expect(await pick(scratch, built.commits.b!)).toEqual(['b.txt']);
    expect((await scratch.git.run(['status', '--porcelain'])).stdout).toBe('');
    scope.disposeAll();
    expect(fs.existsSync(scratch.dir)).toBe(false);
  });

  it('never moves an existing branch', async () => {
    const { built, repo } = await sampleRepo();
    const scope = new CleanupScope();
    const scratch = await createScratchWorktree({ repo, commit: 'release-1.x', scope });
    await pick(scratch, built.commits.fix!);
    const sha = await commitWorktree(scratch, 'backport\n', { name: 'T', email: 't@example.org' });
    const before = await repo.resolveCommit('release-1.x');
    await expect(
      publishBranch({ repo, scratch, commit: sha, branch: 'release-1.x' }),
    ).rejects.toMatchObject({
      code: 'branch-exists',
    });
    expect(await repo.resolveCommit('release-1.x')).toBe(before);
    scope.disposeAll();
  });

  it('does not run hooks or fsmonitor programs configured in the target repository', async () => {
    const { built, repo } = await sampleRepo();
    const marker = path.join(tempDir(), 'ran');
    const script = path.join(tempDir(), 'evil.sh');
    fs.writeFileSync(script, `#!/bin/sh\ntouch ${marker}\n`, { mode: 0o755 });
    await repo.run(['config', 'core.fsmonitor', script]);
    await repo.run(['config', 'core.hooksPath', path.dirname(script)]);
    fs.copyFileSync(script, path.join(path.dirname(script), 'reference-transaction'));
    fs.chmodSync(path.join(path.dirname(script), 'reference-transaction'), 0o755);
    const scope = new CleanupScope();
    const scratch = await createScratchWorktree({ repo, commit: 'release-1.x', scope });
    await pick(scratch, built.commits.fix!);
    const sha = await commitWorktree(scratch, 'backport\n', { name: 'T', email: 't@example.org' });
    await publishBranch({ repo, scratch, commit: sha, branch: 'retrofit/x' });
    await repo.hasUncommittedChanges();
    scope.disposeAll();
    expect(fs.existsSync(marker)).toBe(false);
  });

  it('rejects a path that is not a repository with a clear error', async () => {
    const dir = tempDir();
    await expect(GitRepo.open(dir)).rejects.toMatchObject({
      code: 'not-a-repository',
      data: { input: dir },
    });
  });
});
