// A bare repository whose only refs are the ones given, borrowing a mirror's objects: the
// bench's per-case sandbox. The port under test cannot see the answer (the backport) through
// refs, only the upstream commit and the target.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CleanupScope } from '../cleanup.js';
import { GitRepo } from './repo.js';
import { runGit } from './run-git.js';

export interface IsolatedRepo {
  repo: GitRepo;
  dispose(): void;
}

export async function createIsolatedRepo(input: {
  /** The object store to borrow (a mirror's `objects` folder). */
  objectsDir: string;
  refs: Record<string, string>;
  scope: CleanupScope;
}): Promise<IsolatedRepo> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'retrofit-case-'));
  const dispose = input.scope.track(dir);
  try {
    await runGit(['init', '--quiet', '--bare', '--template=', dir], { cwd: os.tmpdir() });
    fs.mkdirSync(path.join(dir, 'objects', 'info'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'objects', 'info', 'alternates'), `${input.objectsDir}\n`);
    const repo = await GitRepo.open(dir);
    const updates = Object.entries(input.refs)
      .map(([name, sha]) => `update refs/bench/${name} ${sha}\n`)
      .join('');
    await repo.run(['update-ref', '--stdin'], { input: updates });
    return { repo, dispose };
  } catch (error) {
    dispose();
    throw error;
  }
}
