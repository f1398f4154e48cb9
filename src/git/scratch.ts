// Temporary worktrees. retrofit never checks anything out in the user's repository: it makes
// a fresh repository in a temporary directory that borrows the user's objects through
// `objects/info/alternates`, so the user's refs, index, config and hooks are never involved.
// Results come back into the user's repository only as new objects and new branches.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CleanupScope } from '../cleanup.js';
import { RetrofitError } from '../errors.js';
import { GitRepo } from './repo.js';
import { runGit } from './run-git.js';

export interface ScratchWorktree {
  dir: string;
  git: GitRepo;
  /** Removes the directory. Safe to call twice. */
  dispose(): void;
}

export interface Identity {
  name: string;
  email: string;
  /** ISO date for author and committer; fixed in tests and the demo, now otherwise. */
  date?: string;
}

export const RETROFIT_IDENTITY: Identity = { name: 'retrofit', email: 'retrofit@localhost' };

export function identityEnv(identity: Identity): Record<string, string> {
  const env: Record<string, string> = {
    GIT_AUTHOR_NAME: identity.name,
    GIT_AUTHOR_EMAIL: identity.email,
    GIT_COMMITTER_NAME: identity.name,
    GIT_COMMITTER_EMAIL: identity.email,
  };
  if (identity.date) {
    env.GIT_AUTHOR_DATE = identity.date;
    env.GIT_COMMITTER_DATE = identity.date;
  }
  return env;
}

/** Creates a worktree with `commit` (any commit-ish of `repo`) checked out, detached. Dispose it in a `finally`. */
export async function createScratchWorktree(options: {
  repo: GitRepo;
  commit: string;
  scope: CleanupScope;
}): Promise<ScratchWorktree> {
  // Resolved in the user's repository: the scratch repository has objects but no refs.
  const sha = await options.repo.resolveCommit(options.commit);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'retrofit-wt-'));
  const dispose = options.scope.track(dir);
  try {
    // --template= : no template directory, so no sample hooks or excludes copied in.
    await runGit(['init', '--quiet', '--template=', dir], { cwd: os.tmpdir() });
    fs.mkdirSync(path.join(dir, '.git', 'objects', 'info'), { recursive: true });
    fs.writeFileSync(
      path.join(dir, '.git', 'objects', 'info', 'alternates'),
      `${options.repo.objectsDir}\n`,
    );
    const git = await GitRepo.open(dir);
    for (const [key, value] of [
      ['core.autocrlf', 'false'],
      ['user.name', RETROFIT_IDENTITY.name],
      ['user.email', RETROFIT_IDENTITY.email],
      ['commit.gpgsign', 'false'],
    ] as const) {
      await git.run(['config', key, value]);
    }
    await git.run(['checkout', '--quiet', '--detach', sha], { timeoutMs: 300_000 });
    return { dir, git, dispose };
  } catch (error) {
    dispose();
    throw error;
  }
}

/** Commits everything staged and unstaged in the worktree; returns the new sha. */
export async function commitWorktree(
  scratch: ScratchWorktree,
  message: string,
  identity: Identity,
): Promise<string> {
  await scratch.git.run(['add', '--all']);
  await scratch.git.run(
    ['commit', '--quiet', '--no-verify', '--allow-empty', '--cleanup=verbatim', '--file=-'],
    {
      input: message,
      env: identityEnv(identity),
    },
  );
  return (await scratch.git.run(['rev-parse', 'HEAD'])).stdout.trim();
}

/**
 * Brings a scratch commit into the user's repository as a new branch. The branch must not
 * exist: `update-ref` with an all-zero old value refuses to move an existing branch, even
 * if another process created it after we checked.
 */
export async function publishBranch(options: {
  repo: GitRepo;
  scratch: ScratchWorktree;
  commit: string;
  branch: string;
}): Promise<void> {
  const { repo, scratch, commit, branch } = options;
  const check = await repo.run(['check-ref-format', '--branch', branch], { okExitCodes: [128] });
  if (check.exitCode !== 0) {
    throw new RetrofitError('usage', `${branch} is not a valid branch name`, { input: branch });
  }
  if (await repo.branchExists(branch)) {
    throw new RetrofitError(
      'branch-exists',
      `branch ${branch} already exists; retrofit never moves an existing branch`,
      {
        input: branch,
        hint: `Delete it (git branch -D ${branch}) or compare it with the new result first.`,
      },
    );
  }
  const transfer = `refs/retrofit/transfer/${commit}`;
  await scratch.git.run(['update-ref', transfer, commit]);
  await repo.run([
    'fetch',
    '--quiet',
    '--no-tags',
    '--no-write-fetch-head',
    scratch.dir,
    `${transfer}:${transfer}`,
  ]);
  try {
    await repo.run([
      'update-ref',
      '-m',
      'retrofit: backport branch',
      `refs/heads/${branch}`,
      commit,
      '0'.repeat(40),
    ]);
  } finally {
    await repo.run(['update-ref', '-d', transfer], { okExitCodes: [1] });
  }
}
