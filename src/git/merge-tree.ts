// Three-way merges at the object level, with no checkout: what `git cherry-pick` computes,
// done by `git merge-tree --write-tree`. Git 2.39 has no `--merge-base`, so the merge base
// is imposed by two synthetic commits that share the upstream parent as their only parent.
import { RetrofitError } from '../errors.js';
import type { GitRepo } from './repo.js';

/** One upstream change (`parent` → `upstream`) to bring onto `target`. */
export interface ChangeOnto {
  parent: string;
  upstream: string;
  target: string;
  /** The upstream's parents, when the caller knows them: saves a process for a plain commit. */
  upstreamParents?: string[];
}

export interface TreeMerge {
  clean: boolean;
  /** The merged tree; conflicted files hold conflict markers. */
  tree: string;
  /** Paths with conflicts. */
  conflicted: string[];
}

const SYNTHETIC_ENV = {
  GIT_AUTHOR_NAME: 'retrofit',
  GIT_AUTHOR_EMAIL: 'retrofit@localhost',
  GIT_COMMITTER_NAME: 'retrofit',
  GIT_COMMITTER_EMAIL: 'retrofit@localhost',
  GIT_AUTHOR_DATE: '2000-01-01T00:00:00Z',
  GIT_COMMITTER_DATE: '2000-01-01T00:00:00Z',
};

/**
 * Applies the change `parent → upstream` to `target` by three-way merge with `parent` as the
 * base: the cherry-pick of `upstream` (or of a merge commit against its first parent).
 * Writes objects (two commits, the merged tree and blobs) to `repo`.
 */
export async function cherryPickTree(repo: GitRepo, input: ChangeOnto): Promise<TreeMerge> {
  const commit = async (tree: string) =>
    (
      await repo.run(
        ['commit-tree', `${tree}^{tree}`, '-p', input.parent, '-m', 'retrofit synthetic'],
        {
          env: SYNTHETIC_ENV,
        },
      )
    ).stdout.trim();
  const ours = await commit(input.target);
  // A plain commit whose only parent is the base already has the right merge base.
  const direct = input.upstreamParents?.length === 1 && input.upstreamParents[0] === input.parent;
  const theirs = direct ? input.upstream : await commit(input.upstream);
  const result = await repo
    .run(['merge-tree', '--write-tree', '--name-only', '-z', '--no-messages', ours, theirs], {
      okExitCodes: [1],
    })
    .catch((error: unknown) => {
      // Before git 2.38 merge-tree has no --write-tree and prints its usage.
      if (
        error instanceof RetrofitError &&
        /usage: git merge-tree/.test(String(error.data.stderr))
      ) {
        throw new RetrofitError(
          'git-command-failed',
          'this git is too old: retrofit needs git 2.38 or newer',
          {
            command: error.data.command,
            hint: 'Install a newer git (2.38+) and make sure it comes first on PATH.',
          },
        );
      }
      throw error;
    });

  const [tree = '', ...rest] = result.stdout.split('\0');
  const conflicted: string[] = [];
  for (const path of rest) {
    if (path === '') break;
    if (!conflicted.includes(path)) conflicted.push(path);
  }
  return { clean: result.exitCode === 0, tree, conflicted };
}
