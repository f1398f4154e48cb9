// `verify`: does a ported commit fix the bug without breaking anything? Runs the tests twice in
// throwaway worktrees, on the old code with the port's tests ("before") and on the port itself
// ("after"), sandboxed unless told otherwise, and compares the per-test verdicts.
import fs from 'node:fs';
import path from 'node:path';
import { RetrofitError } from '../errors.js';
import type { GitRepo } from '../git/repo.js';
import { createScratchWorktree, type ScratchWorktree } from '../git/scratch.js';
import { probeSandbox, runCommand, sandboxUnavailableError } from '../sandbox/run-command.js';
import {
  compareRuns,
  type RunOutcome,
  type TestChange,
  type VerifyStatus,
} from '../verify/compare-runs.js';
import { planTests, type TestPlan } from '../verify/detect-test-command.js';
import { describeNetworkAttempts, findNetworkAttempts } from '../verify/network-attempts.js';
import { RUNNER_SUMMARY, type TestStatus } from '../verify/parse-test-output.js';
import { runnerManifests, type RunPlan } from '../verify/runners/index.js';
import type { CleanupScope } from '../cleanup.js';
import type { AppContext } from './context.js';
import { preparePythonEnv } from './verify-python.js';
import {
  chooseRuns,
  insideWorktree,
  LOG_TAIL_CHARS,
  mergeRuns,
  readReports,
  withoutPrefix,
} from './verify-runs.js';

export interface VerifyOptions {
  repo: GitRepo;
  /** The commit the port was made onto. */
  target: string;
  /** The ported result; a descendant of `target`. */
  candidate: string;
  /** Files of the fix classified as tests; the candidate's versions are run against the old code. */
  testPaths: string[];
  /** Overrides detection (`--test-command`). */
  testCommand?: string[];
  sandbox: boolean;
  /** Per run; default 10 minutes. */
  timeoutMs?: number;
  /** Allows `npm install` / `pip install` from the registry before the runs. */
  online?: boolean;
  /** Run only the fix's test files, not the full suite afterwards. */
  onlyFixTests?: boolean;
}

export interface RunSummary {
  exitCode: number | null;
  timedOut: boolean;
  durationMs: number;
  counts: Record<TestStatus, number>;
  results: Record<string, TestStatus>;
}

export interface VerifyReport {
  status: VerifyStatus;
  target: string;
  candidate: string;
  testPaths: string[];
  before: RunSummary;
  after: RunSummary;
  fixedTests: string[];
  /** Passing after but not run before: listed, never taken as proof. */
  notRunBefore: string[];
  regressedTests: string[];
  preExistingFailures: string[];
  changed: TestChange[];
  command: string[];
  /** Which runs happened in each worktree, in order: the fix's test files, then the full suite. */
  ran: { fixTests: string[] | null; fullSuite: string[] | null };
  sandboxed: boolean;
  /** What limits the verdict: dependencies not installed, a run that could not start, ... */
  notes: string[];
  /** The end of each run's output. */
  logs: { before: string; after: string };
}

const DEFAULT_TIMEOUT_MS = 10 * 60_000;
const INSTALL_TIMEOUT_MS = 10 * 60_000;
/** Parsing needs the whole output (TAP names a test's suite far above it); only a tail is kept. */
const PARSE_LIMIT_BYTES = 16 * 1024 * 1024;

export async function verifyCandidate(
  ctx: AppContext,
  options: VerifyOptions,
): Promise<VerifyReport> {
  const { repo } = options;
  const target = await repo.resolveCommit(options.target);
  const candidate = await repo.resolveCommit(options.candidate);
  const files = await repo.listFiles(candidate);
  const manifests: Record<string, string | null> = {};
  for (const file of runnerManifests()) {
    manifests[file] = files.includes(file) ? await repo.readFile(candidate, file) : null;
  }
  const project = { files, manifests };
  const packageJson = manifests['package.json'] ?? null;
  const detected = planTests({
    project,
    testPaths: options.testPaths,
    configured: options.testCommand,
  });
  if (!detected) {
    throw new RetrofitError('no-test-command', `cannot tell how to run the tests of ${repo.dir}`, {
      input: repo.dir,
      hint: 'Pass the command, for example --test-command "make check".',
    });
  }
  // Probed again even when the caller settled it: a clear error beats a run of bwrap failures.
  if (options.sandbox) await ensureSandbox(true);
  const notes: string[] = [];
  if (options.testPaths.length === 0) {
    notes.push('the candidate changes no test files, so no test can show the fix working');
  }
  let before: ScratchWorktree | undefined;
  let after: ScratchWorktree | undefined;
  try {
    after = await createScratchWorktree({ repo, commit: candidate, scope: ctx.scope });
    before = await createScratchWorktree({ repo, commit: target, scope: ctx.scope });
    await overlayTests(before, candidate, options.testPaths);
    await prepareNodeModules(ctx, {
      before,
      after,
      packageJson,
      targetPackageJson: await repo.readFile(target, 'package.json'),
      online: options.online ?? false,
      notes,
    });
    const python =
      detected.source === 'pytest'
        ? await preparePythonEnv(ctx, {
            before,
            after,
            project,
            online: options.online ?? false,
            sandbox: options.sandbox,
            notes,
          })
        : null;
    const chosen = chooseRuns(detected, options.onlyFixTests ?? false, notes, python);
    const runs = [chosen.fixTests, chosen.fullSuite].filter((run) => run !== null);
    const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const run = {
      parse: detected.parse,
      sandbox: options.sandbox,
      timeoutMs,
      notes,
      scope: ctx.scope,
    };
    const beforeRuns = [];
    const afterRuns = [];
    for (const plan of runs) {
      const argv = plan.argv.join(' ');
      ctx.progress(`verify: running ${argv} on ${short(target)} + the port's tests`);
      beforeRuns.push(await runTests({ ...run, plan, worktree: before, label: 'before' }));
      ctx.progress(`verify: running ${argv} on ${short(candidate)}`);
      afterRuns.push(await runTests({ ...run, plan, worktree: after, label: 'after' }));
    }
    const beforeRun = mergeRuns(beforeRuns);
    const afterRun = mergeRuns(afterRuns);
    const comparison = compareRuns(beforeRun.outcome, afterRun.outcome);
    if (comparison.reason) notes.push(comparison.reason);
    if (
      afterRun.outcome.exitCode !== 0 &&
      ![...afterRun.outcome.results.values()].includes('fail')
    ) {
      notes.push(
        `the after run exited with ${afterRun.outcome.exitCode ?? 'a signal'} although no test failed`,
      );
    }
    return {
      status: comparison.status,
      target,
      candidate,
      testPaths: options.testPaths,
      before: beforeRun.summary,
      after: afterRun.summary,
      fixedTests: comparison.fixedTests,
      notRunBefore: comparison.notRunBefore,
      regressedTests: comparison.regressedTests,
      preExistingFailures: comparison.preExistingFailures,
      changed: comparison.changed,
      command: runs[runs.length - 1]!.argv,
      ran: { fixTests: chosen.fixTests?.argv ?? null, fullSuite: chosen.fullSuite?.argv ?? null },
      sandboxed: options.sandbox,
      notes,
      logs: { before: beforeRun.log, after: afterRun.log },
    };
  } finally {
    before?.dispose();
    after?.dispose();
  }
}

/**
 * Settles the sandbox question once per job: `'auto'` uses bubblewrap when it works here,
 * `true` insists on it (`sandbox-unavailable` otherwise), `false` runs unconfined.
 */
export async function ensureSandbox(mode: boolean | 'auto'): Promise<boolean> {
  if (mode === false) return false;
  const probe = await probeSandbox();
  if (probe.available) return true;
  if (mode === 'auto') return false;
  throw sandboxUnavailableError(probe.detail);
}

/** The candidate's versions of the test files on top of the old code; a deleted test is removed. */
async function overlayTests(
  worktree: ScratchWorktree,
  candidate: string,
  testPaths: string[],
): Promise<void> {
  if (testPaths.length === 0) return;
  // Literal pathspecs: a test file named `*.js` or `:(glob)x` means that file, nothing more.
  const env = { GIT_LITERAL_PATHSPECS: '1' };
  const listed = await worktree.git.run(
    ['ls-tree', '-r', '-z', '--name-only', candidate, '--', ...testPaths],
    { env },
  );
  const present = new Set(listed.stdout.split('\0').filter(Boolean));
  const kept = testPaths.filter((file) => present.has(file));
  const deleted = testPaths.filter((file) => !present.has(file));
  if (kept.length > 0) await worktree.git.run(['checkout', candidate, '--', ...kept], { env });
  if (deleted.length > 0) {
    await worktree.git.run(['rm', '-q', '-r', '-f', '--ignore-unmatch', '--', ...deleted], { env });
  }
}

function declaresDependencies(packageJson: string | null): boolean {
  if (!packageJson) return false;
  try {
    const parsed = JSON.parse(packageJson) as Record<string, unknown>;
    return ['dependencies', 'devDependencies'].some(
      (key) => Object.keys((parsed[key] as object | undefined) ?? {}).length > 0,
    );
  } catch {
    return false;
  }
}

function dependencySections(packageJson: string | null): string {
  try {
    const parsed = JSON.parse(packageJson ?? '{}') as Record<string, unknown>;
    return JSON.stringify([parsed.dependencies ?? {}, parsed.devDependencies ?? {}]);
  } catch {
    return '';
  }
}

/**
 * Installs the candidate's npm dependencies once, outside the sandbox (it needs the registry;
 * `--ignore-scripts` keeps the project's install scripts from running unconfined), and copies
 * them into the before worktree. A copy rather than a symlink: the sandbox binds only the
 * worktree under test, so a link out of it would dangle there, and tools that write into
 * node_modules (caches, generated files) must not carry state from one run into the other.
 */
async function prepareNodeModules(
  ctx: AppContext,
  input: {
    before: ScratchWorktree;
    after: ScratchWorktree;
    packageJson: string | null;
    targetPackageJson: string | null;
    online: boolean;
    notes: string[];
  },
): Promise<void> {
  if (!declaresDependencies(input.packageJson)) return;
  if (!input.online) {
    input.notes.push(
      'package.json declares dependencies that were not installed; pass --online to run npm install first',
    );
    return;
  }
  ctx.progress('verify: npm install (outside the sandbox, install scripts disabled)');
  const install = await runCommand({
    argv: ['npm', 'install', '--ignore-scripts', '--no-audit', '--no-fund'],
    cwd: input.after.dir,
    timeoutMs: INSTALL_TIMEOUT_MS,
    sandbox: false,
    keepSecrets: true,
    scope: ctx.scope,
  });
  if (install.exitCode !== 0) {
    const why = install.timedOut ? 'timed out' : `failed (exit ${install.exitCode ?? 'signal'})`;
    input.notes.push(`npm install ${why}: ${lastLine(install.stderr || install.stdout)}`);
  }
  const modules = path.join(input.after.dir, 'node_modules');
  if (fs.existsSync(modules)) {
    fs.cpSync(modules, path.join(input.before.dir, 'node_modules'), {
      recursive: true,
      verbatimSymlinks: true,
    });
  }
  if (dependencySections(input.targetPackageJson) !== dependencySections(input.packageJson)) {
    input.notes.push(
      "the port changes package.json dependencies; the before run used the candidate's dependencies",
    );
  }
}

async function runTests(input: {
  scope: CleanupScope;
  worktree: ScratchWorktree;
  plan: RunPlan;
  parse: TestPlan['parse'];
  sandbox: boolean;
  timeoutMs: number;
  label: 'before' | 'after';
  notes: string[];
}): Promise<{ outcome: RunOutcome; summary: RunSummary; log: string }> {
  for (const dir of input.plan.reportDirs) {
    const full = insideWorktree(input.worktree.dir, dir);
    if (full) fs.rmSync(full, { recursive: true, force: true });
  }
  const run = await runCommand({
    argv: input.plan.argv,
    cwd: input.worktree.dir,
    timeoutMs: input.timeoutMs,
    sandbox: input.sandbox,
    maxOutputBytes: PARSE_LIMIT_BYTES,
    scope: input.scope,
    settlesOn: RUNNER_SUMMARY,
  });
  // The fix's tests and the full suite run in the same worktree; one thing said once is enough.
  const note = (text: string) => {
    if (!input.notes.includes(text)) input.notes.push(text);
  };
  if (run.startError) note(`the ${input.label} run could not start: ${run.startError}`);
  if (run.stoppedAfterSummary) {
    note(`the ${input.label} run printed its summary but did not exit; it was stopped`);
  }
  if (run.timedOut) {
    note(`the ${input.label} run was stopped after ${input.timeoutMs / 1000} s`);
  }
  if (run.outputTruncated) {
    note(`the ${input.label} run printed more than 16 MB; only the end was read`);
  }
  // Both worktrees live in different temporary directories; test names that carry an absolute
  // path (node:test names a file that failed to load by its path) must match across the runs.
  const output = withoutPrefix(`${run.stdout}\n${run.stderr}`, input.worktree.dir);
  const reports = readReports(input.worktree.dir, input.plan.reportDirs);
  const results = input.parse(output, reports);
  // Only a run that failed can have been stopped by a missing network.
  if (run.exitCode !== 0 || [...results.values()].includes('fail')) {
    const network = describeNetworkAttempts(findNetworkAttempts(output), {
      label: input.label,
      sandboxed: input.sandbox,
    });
    if (network) note(network);
  }
  const counts: Record<TestStatus, number> = { pass: 0, fail: 0, skip: 0 };
  for (const status of results.values()) counts[status]++;
  return {
    outcome: { results, exitCode: run.exitCode, timedOut: run.timedOut },
    summary: {
      exitCode: run.exitCode,
      timedOut: run.timedOut,
      durationMs: run.durationMs,
      counts,
      results: Object.fromEntries([...results].sort(([a], [b]) => (a < b ? -1 : 1))),
    },
    log: output.length > LOG_TAIL_CHARS ? output.slice(-LOG_TAIL_CHARS) : output,
  };
}

function lastLine(text: string): string {
  return (
    text
      .trim()
      .split('\n')
      .filter((line) => line.trim())
      .pop() ?? ''
  );
}

function short(sha: string): string {
  return sha.slice(0, 12);
}
