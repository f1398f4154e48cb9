// Port: the upstream fix commits, in order, onto one target in a temporary worktree, through
// the port engine. A result without conflicts stays in the worktree (staged, uncommitted)
// for verify and ship; a conflict leaves nothing behind.
import type { CleanupScope } from '../cleanup.js';
import { materializeResult, snapshotCommit } from '../git/materialize.js';
import type { GitRepo } from '../git/repo.js';
import {
  commitWorktree,
  createScratchWorktree,
  type Identity,
  type ScratchWorktree,
} from '../git/scratch.js';
import { rollUp, weakest } from '../port/engine/roll-up.js';
import { runPortEngine, type EngineFile, type EngineResult } from './port-engine.js';

export interface PortOutcome {
  status: EngineResult['status'];
  /** The weakest file's confidence. */
  confidence: number;
  files: Array<EngineFile & { upstream: string }>;
}

export interface PortAttempt {
  outcome: PortOutcome;
  targetCommit: string;
  /** With `commitEach`: the commit made for each upstream commit, in order. */
  commits?: string[];
  /** The worktree holding the ported change; null when nothing is left to ship. */
  scratch: ScratchWorktree | null;
}

export async function portOnto(input: {
  repo: GitRepo;
  upstream: string[];
  onto: string;
  scope: CleanupScope;
  minConfidence?: number;
  /**
   * Commit each upstream commit's port on its own (prerequisites, then the fix) instead of
   * leaving one staged change: the message for each, and who commits.
   */
  commitEach?: {
    message: (sha: string, files: PortOutcome['files']) => Promise<string>;
    identity: Identity;
  };
}): Promise<PortAttempt> {
  const { repo, upstream, scope } = input;
  const targetCommit = await repo.resolveCommit(input.onto);
  const scratch = await createScratchWorktree({ repo, commit: targetCommit, scope });
  try {
    const files: PortOutcome['files'] = [];
    const statuses: EngineResult['status'][] = [];
    let current = targetCommit;
    const commits: string[] = [];
    for (const [index, sha] of upstream.entries()) {
      const info = await repo.commitInfo(sha);
      // Merge commits port their diff against the first parent.
      const parent = info.parents[0];
      if (!parent) throw new Error(`upstream commit ${sha} has no parent`);
      const result = await runPortEngine(scratch.git, {
        parent,
        upstream: sha,
        target: current,
        upstreamParents: info.parents,
        minConfidence: input.minConfidence,
      });
      files.push(...result.files.map((f) => ({ ...f, upstream: sha })));
      statuses.push(result.status);
      if (result.status === 'conflict') break;
      await materializeResult(scratch, result);
      // A file the merge left as the target had it: the target already has that change.
      const staged = new Set(
        await scratch.git.changedPaths(
          current,
          (await scratch.git.run(['write-tree'])).stdout.trim(),
        ),
      );
      for (const file of files) {
        if (file.upstream === sha && file.status === 'applied' && !staged.has(file.path))
          file.status = 'already-present';
      }
      if (staged.size === 0) statuses[statuses.length - 1] = 'already-present';
      if (input.commitEach) {
        const own = files.filter((f) => f.upstream === sha);
        const message = await input.commitEach.message(sha, own);
        current = await commitWorktree(scratch, message, input.commitEach.identity);
        commits.push(current);
      } else if (index < upstream.length - 1) current = await snapshotCommit(scratch, current);
    }
    const status = rollUp(statuses);
    const confidence = weakest(files);
    const outcome = { status, confidence, files };
    if (status === 'conflict' || status === 'already-present') {
      scratch.dispose();
      return { outcome, targetCommit, scratch: null };
    }
    return { outcome, targetCommit, scratch, ...(input.commitEach ? { commits } : {}) };
  } catch (error) {
    scratch.dispose();
    throw error;
  }
}
