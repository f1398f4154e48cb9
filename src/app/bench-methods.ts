// The methods the bench compares, each given only the isolated case repository, the upstream
// commit, its parent and the target: retrofit's engine, git's cherry-pick merge, and GNU
// patch with fuzz 3. Each returns how to read its result and whether it reported success.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CleanupScope } from '../cleanup.js';
import { cherryPickTree } from '../git/merge-tree.js';
import type { GitRepo } from '../git/repo.js';
import { runCommand } from '../sandbox/run-command.js';
import { runPortEngine } from './port-engine.js';

export interface MethodInput {
  repo: GitRepo;
  parent: string;
  /** The upstream commit's parents, as the mirror says. */
  upstreamParents: string[];
  upstream: string;
  target: string;
  scope: CleanupScope;
  /** Chain porting: earlier backports of the same upstream on other branches, newest first. */
  chain?: string[];
}

export interface MethodOutput {
  reportedClean: boolean;
  /** The method's version of a path (null: absent). */
  read(path: string): Promise<Buffer | null>;
  /** Frees what the method left (temporary folders). */
  dispose(): void;
}

export type BenchMethod = (input: MethodInput) => Promise<MethodOutput>;

/** A method by name; `retrofit@0.8` is the engine with that minimum confidence. */
export function benchMethod(name: string): BenchMethod | undefined {
  if (name === 'retrofit+chain') return chainMethod;
  const pinned = /^retrofit@(0(?:\.\d+)?|1(?:\.0+)?)$/.exec(name);
  if (pinned) return engineMethod(Number(pinned[1]));
  return benchMethods[name];
}

function engineMethod(minConfidence?: number): BenchMethod {
  return async ({ repo, parent, upstreamParents, upstream, target }) => {
    const result = await runPortEngine(repo, {
      parent,
      upstream,
      target,
      upstreamParents,
      minConfidence,
    });
    // A conflicted port is scored on what it placed, as patch's is: the hunks it could not
    // place are left out (they are conflict markers in the worktree a user gets).
    return {
      reportedClean: result.status !== 'conflict',
      read: async (file) =>
        result.placedOnly.get(file) ??
        (result.overrides.has(file)
          ? result.overrides.get(file)!
          : repo.readBlob(result.tree, file)),
      dispose: () => {},
    };
  };
}

/**
 * The engine on the upstream commit; when that conflicts, on each earlier backport of it in
 * turn (its diff against its own parent), as `retrofit run` chains release lines.
 */
const chainMethod: BenchMethod = async (input) => {
  const direct = await engineMethod()(input);
  if (direct.reportedClean) return direct;
  for (const source of input.chain ?? []) {
    const info = await input.repo.commitInfo(source);
    const parent = info.parents[0];
    if (!parent) continue;
    const chained = await engineMethod()({
      ...input,
      parent,
      upstream: source,
      upstreamParents: info.parents,
    });
    if (chained.reportedClean) return chained;
  }
  return direct;
};

export const benchMethods: Record<string, BenchMethod> = {
  retrofit: engineMethod(),

  // The same three-way merge `git cherry-pick` (with -m 1 for merges) runs: ort, with the
  // upstream parent as the base. On a conflict cherry-pick stops and a tool built on it gives
  // up (`--abort`), so the result is the target unchanged.
  'cherry-pick': async ({ repo, parent, upstreamParents, upstream, target }) => {
    const merge = await cherryPickTree(repo, { parent, upstream, target, upstreamParents });
    const result = merge.clean ? merge.tree : target;
    return {
      reportedClean: merge.clean,
      read: (file) => repo.readBlob(result, file),
      dispose: () => {},
    };
  },

  // `git diff upstream^ upstream | patch -p1 --fuzz=3` on the target's versions of the files.
  'patch-fuzz3': async ({ repo, parent, upstream, target, scope }) => {
    const diff = (
      await repo.run(['diff', '--no-color', '--no-ext-diff', '--no-textconv', parent, upstream])
    ).stdoutBuffer;
    const changes = await repo.changedBetween(parent, upstream);
    const paths = new Set(changes.flatMap((c) => (c.oldPath ? [c.oldPath, c.path] : [c.path])));
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'retrofit-patch-'));
    const dispose = scope.track(dir);
    for (const file of paths) {
      const blob = await repo.readBlob(target, file);
      if (blob === null) continue;
      fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      fs.writeFileSync(path.join(dir, file), blob);
    }
    const patchFile = path.join(dir, '.retrofit.patch');
    fs.writeFileSync(patchFile, diff);
    const run = await runCommand({
      argv: [
        'patch',
        '-p1',
        '--fuzz=3',
        '--force',
        '--no-backup-if-mismatch',
        '--reject-file=-',
        '-i',
        patchFile,
      ],
      cwd: dir,
      timeoutMs: 60_000,
      sandbox: false,
    });
    return {
      reportedClean: run.exitCode === 0,
      read: async (file) => {
        if (!paths.has(file)) return repo.readBlob(target, file);
        const full = path.join(dir, file);
        return fs.existsSync(full) && fs.statSync(full).isFile() ? fs.readFileSync(full) : null;
      },
      dispose,
    };
  },
};
