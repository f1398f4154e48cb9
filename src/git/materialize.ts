// Writes a port's result into a scratch worktree: the merged tree, then the files the hunk
// engine decided, all staged. Also makes the synthetic commit that the next commit of a
// multi-commit fix is ported onto.
import fs from 'node:fs';
import path from 'node:path';
import { RetrofitError } from '../errors.js';
import type { ScratchWorktree } from './scratch.js';

export async function materializeResult(
  scratch: ScratchWorktree,
  result: { tree: string; overrides: Map<string, Buffer | null> },
): Promise<void> {
  await scratch.git.run(['read-tree', '-u', '--reset', result.tree]);
  for (const [file, content] of result.overrides) {
    const full = path.resolve(scratch.dir, file);
    // Paths come from git trees, but a target repository is untrusted: stay inside.
    if (!full.startsWith(scratch.dir + path.sep) || full.includes(`${path.sep}.git${path.sep}`)) {
      throw new RetrofitError(
        'unsupported-input',
        `refusing to write outside the worktree: ${file}`,
        { input: file },
      );
    }
    if (content === null) {
      fs.rmSync(full, { force: true });
    } else {
      fs.mkdirSync(path.dirname(full), { recursive: true });
      if (fs.existsSync(full) && fs.lstatSync(full).isSymbolicLink()) fs.rmSync(full);
      fs.writeFileSync(full, content);
    }
  }
  await scratch.git.run(['add', '--all']);
}

/** A commit of the staged tree on top of `parent`, without moving HEAD. */
export async function snapshotCommit(scratch: ScratchWorktree, parent: string): Promise<string> {
  const tree = (await scratch.git.run(['write-tree'])).stdout.trim();
  return (
    await scratch.git.run(['commit-tree', tree, '-p', parent, '-m', 'retrofit intermediate'], {
      env: {
        GIT_AUTHOR_NAME: 'retrofit',
        GIT_AUTHOR_EMAIL: 'retrofit@localhost',
        GIT_COMMITTER_NAME: 'retrofit',
        GIT_COMMITTER_EMAIL: 'retrofit@localhost',
      },
    })
  ).stdout.trim();
}
