// `retrofit verify` on its own: from a repository path and two refs, find the port's test files
// and verify it. The use case itself is `verifyCandidate` in verify.ts.
import path from 'node:path';
import { RetrofitError } from '../errors.js';
import { GitRepo } from '../git/repo.js';
import { classifyPath } from '../port/classify-path.js';
import { splitCommandLine } from '../verify/detect-test-command.js';
import type { AppContext } from './context.js';
import { verifyCandidate, type VerifyReport } from './verify.js';

/** The tests among the files a candidate changes against the target (renames count as both paths). */
export async function changedTestPaths(
  repo: GitRepo,
  target: string,
  candidate: string,
): Promise<string[]> {
  const diff = await repo.run([
    'diff',
    '--name-only',
    '-z',
    '--no-renames',
    '--no-ext-diff',
    '--no-textconv',
    target,
    candidate,
  ]);
  return diff.stdout
    .split('\0')
    .filter(Boolean)
    .filter((file) => classifyPath(file) === 'test');
}

/** `retrofit verify`: the command-line form, from a repository path and refs. */
export async function verifyRefs(
  ctx: AppContext,
  input: {
    repo: string;
    onto: string;
    candidate: string;
    upstream?: string;
    testCommand?: string;
    sandbox: boolean;
    online: boolean;
    onlyFixTests?: boolean;
    timeoutMs?: number;
  },
): Promise<VerifyReport & { upstream?: string }> {
  const repo = await GitRepo.open(path.resolve(ctx.cwd, input.repo));
  const target = await repo.resolveCommit(input.onto);
  const candidate = await repo.resolveCommit(input.candidate);
  if (!(await repo.isAncestor(target, candidate))) {
    throw new RetrofitError('usage', `${input.candidate} does not descend from ${input.onto}`, {
      input: input.candidate,
      hint: 'Pass the ported commit as --candidate and the branch it was made on as --onto.',
    });
  }
  const testPaths = await changedTestPaths(repo, target, candidate);
  const testCommand = input.testCommand ? splitCommandLine(input.testCommand) : undefined;
  const report = await verifyCandidate(ctx, {
    repo,
    target,
    candidate,
    testPaths,
    testCommand: testCommand?.length ? testCommand : undefined,
    sandbox: input.sandbox,
    online: input.online,
    onlyFixTests: input.onlyFixTests,
    timeoutMs: input.timeoutMs,
  });
  if (!input.upstream) return report;
  // The upstream fix's own tests are the best proof; say so when the port left them out.
  const upstream = await repo.resolveCommit(input.upstream);
  const upstreamTests = (await repo.changedFiles(upstream))
    .filter((file) => file.status !== 'D' && classifyPath(file.path) === 'test')
    .map((file) => file.path);
  const missing = upstreamTests.filter((file) => !testPaths.includes(file));
  if (missing.length > 0) {
    report.notes.push(
      `the candidate does not change the upstream fix's tests: ${missing.join(', ')}`,
    );
  }
  return { ...report, upstream };
}
