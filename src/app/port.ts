// Port: the upstream fix commits onto one target in a temporary worktree. A clean result
// stays in the worktree (staged, uncommitted) for verify and ship; a conflict leaves nothing.
import type { CleanupScope } from '../cleanup.js';
import type { GitRepo } from '../git/repo.js';
import { cherryPickNoCommit, createScratchWorktree, type ScratchWorktree } from '../git/scratch.js';
import { decidePortOutcome, type PortOutcome } from '../port/port-outcome.js';

export interface PortAttempt {
  outcome: PortOutcome;
  targetCommit: string;
  /** The worktree holding the ported change; null unless the port applied cleanly. */
  scratch: ScratchWorktree | null;
}

export async function portOnto(input: {
  repo: GitRepo;
  upstream: string[];
  onto: string;
  scope: CleanupScope;
}): Promise<PortAttempt> {
  const { repo, upstream, scope } = input;
  const targetCommit = await repo.resolveCommit(input.onto);
  const fixFiles: string[] = [];
  const mainline = new Map<string, number | undefined>();
  for (const sha of upstream) {
    const info = await repo.commitInfo(sha);
    mainline.set(sha, info.parents.length > 1 ? 1 : undefined);
    for (const file of await repo.changedFiles(sha))
      if (!fixFiles.includes(file.path)) fixFiles.push(file.path);
  }
  const scratch = await createScratchWorktree({ repo, commit: targetCommit, scope });
  try {
    for (const sha of upstream) {
      const pick = await cherryPickNoCommit(scratch, sha, { mainline: mainline.get(sha) });
      if (!pick.clean) {
        scratch.dispose();
        return {
          outcome: decidePortOutcome({
            fixFiles,
            conflicted: pick.conflicted,
            changed: pick.merged,
          }),
          targetCommit,
          scratch: null,
        };
      }
    }
    const changed = (
      await scratch.git.run(['diff', '--cached', '--name-only', '-z', '--no-renames', 'HEAD'])
    ).stdout
      .split('\0')
      .filter(Boolean);
    const outcome = decidePortOutcome({ fixFiles, conflicted: [], changed });
    if (outcome.status !== 'applied') {
      scratch.dispose();
      return { outcome, targetCommit, scratch: null };
    }
    return { outcome, targetCommit, scratch };
  } catch (error) {
    scratch.dispose();
    throw error;
  }
}
