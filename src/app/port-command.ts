// `retrofit port` on its own: how would these commits port onto that target, file by file and
// hunk by hunk? Nothing is written; the worktree is removed before returning.
import { GitRepo } from '../git/repo.js';
import type { AppContext } from './context.js';
import { portOnto, type PortOutcome } from './port.js';

export interface PortReport extends PortOutcome {
  onto: string;
  targetCommit: string;
  upstream: string[];
}

export async function previewPort(
  ctx: AppContext,
  input: { repo: string; commits: string[]; onto: string; minConfidence?: number },
): Promise<PortReport> {
  const repo = await GitRepo.open(input.repo);
  const upstream: string[] = [];
  for (const commit of input.commits) upstream.push(await repo.resolveCommit(commit));
  const attempt = await portOnto({
    repo,
    upstream,
    onto: input.onto,
    scope: ctx.scope,
    minConfidence: input.minConfidence,
  });
  attempt.scratch?.dispose();
  return { onto: input.onto, targetCommit: attempt.targetCommit, upstream, ...attempt.outcome };
}
