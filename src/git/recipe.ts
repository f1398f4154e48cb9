// Builds a real git repository from a small declarative recipe: commits with fixed author and
// dates, branches, tags and cherry-picks. Tests use it for every git-backed case, and the demo
// uses it for its sample project, so both exercise real repositories.
import fs from 'node:fs';
import path from 'node:path';
import { identityEnv, type Identity } from './scratch.js';
import { runGit } from './run-git.js';

export type RecipeStep =
  /** Commit on the current branch. `files` maps a path to its new content, or null to delete. */
  | { commit: string; id?: string; files: Record<string, string | null>; date?: string }
  /** Create a branch at `from` (default: HEAD) and switch to it. */
  | { branch: string; from?: string }
  | { checkout: string }
  | { tag: string; at?: string }
  /** `git cherry-pick -x` of a commit id (or any ref) onto the current branch. */
  | { cherryPick: string; id?: string; date?: string };

export interface RepoRecipe {
  /** The first branch; default `main`. */
  defaultBranch?: string;
  steps: RecipeStep[];
}

export interface BuiltRepo {
  dir: string;
  /** Commit ids from the recipe (or subjects when no id was given) to shas. */
  commits: Record<string, string>;
}

const AUTHOR: Identity = { name: 'Recipe Author', email: 'author@example.org' };

/** Dates advance one hour per commit from a fixed start, so shas are reproducible. */
function dateFor(index: number): string {
  return new Date(Date.UTC(2024, 0, 1) + index * 3_600_000).toISOString();
}

export async function buildRepo(dir: string, recipe: RepoRecipe): Promise<BuiltRepo> {
  fs.mkdirSync(dir, { recursive: true });
  const git = (args: string[], env: Record<string, string> = {}) => runGit(args, { cwd: dir, env });
  await git([
    'init',
    '--quiet',
    '--template=',
    `--initial-branch=${recipe.defaultBranch ?? 'main'}`,
  ]);
  for (const [key, value] of [
    ['gc.auto', '0'],
    ['core.autocrlf', 'false'],
    ['commit.gpgsign', 'false'],
    ['user.name', AUTHOR.name],
    ['user.email', AUTHOR.email],
  ]) {
    await git(['config', key!, value!]);
  }
  const commits: Record<string, string> = {};
  const resolve = (ref: string) => commits[ref] ?? ref;
  let index = 0;
  for (const step of recipe.steps) {
    if ('commit' in step) {
      for (const [file, content] of Object.entries(step.files)) {
        const target = path.join(dir, file);
        if (content === null) {
          await git(['rm', '--quiet', '--', file]);
        } else {
          fs.mkdirSync(path.dirname(target), { recursive: true });
          fs.writeFileSync(target, content);
          await git(['add', '--', file]);
        }
      }
      const env = identityEnv({ ...AUTHOR, date: step.date ?? dateFor(index++) });
      await git(['commit', '--quiet', '--allow-empty', '--no-verify', '-m', step.commit], env);
      commits[step.id ?? step.commit] = (await git(['rev-parse', 'HEAD'])).stdout.trim();
    } else if ('branch' in step) {
      await git(['checkout', '--quiet', '-b', step.branch, resolve(step.from ?? 'HEAD')]);
    } else if ('checkout' in step) {
      await git(['checkout', '--quiet', resolve(step.checkout)]);
    } else if ('tag' in step) {
      await git(['tag', step.tag, resolve(step.at ?? 'HEAD')]);
    } else {
      const env = identityEnv({ ...AUTHOR, date: step.date ?? dateFor(index++) });
      await git(['cherry-pick', '-x', '--allow-empty', resolve(step.cherryPick)], env);
      commits[step.id ?? `pick:${step.cherryPick}`] = (
        await git(['rev-parse', 'HEAD'])
      ).stdout.trim();
    }
  }
  return { dir, commits };
}
