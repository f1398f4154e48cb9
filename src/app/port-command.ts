// `retrofit port` on its own: would these commits apply to that target, file by file?
// Nothing is written; the worktree is removed before returning.
import { GitRepo } from '../git/repo.js';
import { classifyPath } from '../port/classify-path.js';
import type { PortStatus } from '../port/port-outcome.js';
import type { AppContext } from './context.js';
import { portOnto } from './port.js';

export interface PortReport {
  onto: string;
  targetCommit: string;
  upstream: string[];
  status: PortStatus;
  files: Array<{ path: string; status: string; kind: string; reason?: string }>;
}

export async function previewPort(
  ctx: AppContext,
  input: { repo: string; commits: string[]; onto: string },
): Promise<PortReport> {
  const repo = await GitRepo.open(input.repo);
  const upstream: string[] = [];
  for (const commit of input.commits) upstream.push(await repo.resolveCommit(commit));
  const attempt = await portOnto({ repo, upstream, onto: input.onto, scope: ctx.scope });
  attempt.scratch?.dispose();
  return {
    onto: input.onto,
    targetCommit: attempt.targetCommit,
    upstream,
    status: attempt.outcome.status,
    files: attempt.outcome.files.map((f) => ({ ...f, kind: classifyPath(f.path) })),
  };
}
