// How verify runs a project's tests in one worktree: which commands (the fix's test files, the
// full suite), the report files they leave, and one verdict per test from several runs.
import fs from 'node:fs';
import path from 'node:path';
import type { RunOutcome } from '../verify/compare-runs.js';
import type { TestPlan } from '../verify/detect-test-command.js';
import type { TestResults, TestStatus } from '../verify/parse-test-output.js';
import type { ReportFile, RunPlan } from '../verify/runners/index.js';
import type { RunSummary } from './verify.js';

/** The end of the runs' output kept in the report. */
export const LOG_TAIL_CHARS = 200 * 1024;

export interface WorktreeRun {
  outcome: RunOutcome;
  summary: RunSummary;
  log: string;
}

/**
 * The fix's test files first, when the runner can single them out, then the full suite unless
 * `--only-fix-tests`. A venv's python replaces python3 in pytest's command.
 */
export function chooseRuns(
  plan: TestPlan,
  onlyFixTests: boolean,
  notes: string[],
  python: string | null,
): { fixTests: RunPlan | null; fullSuite: RunPlan | null } {
  const withPython = (run: RunPlan): RunPlan =>
    python && run.argv[0] === 'python3' ? { ...run, argv: [python, ...run.argv.slice(1)] } : run;
  const fullSuite = withPython(plan.suite);
  if (!plan.focus) {
    if (onlyFixTests) {
      notes.push(
        plan.source === 'configured'
          ? '--only-fix-tests does not apply to a configured --test-command; the full command ran'
          : "the fix's test files cannot be run on their own here; the full suite ran",
      );
    }
    return { fixTests: null, fullSuite };
  }
  return { fixTests: withPython(plan.focus), fullSuite: onlyFixTests ? null : fullSuite };
}

/**
 * One verdict per test from the runs in a worktree: the full suite's, where it ran the test,
 * over the fix's own run (the same test, run again with everything else).
 */
export function mergeRuns(runs: Array<{ outcome: RunOutcome; summary: RunSummary; log: string }>): {
  outcome: RunOutcome;
  summary: RunSummary;
  log: string;
} {
  if (runs.length === 1) return runs[0]!;
  const results: TestResults = new Map();
  for (const run of runs)
    for (const [name, status] of run.outcome.results) results.set(name, status);
  const last = runs[runs.length - 1]!;
  const counts: Record<TestStatus, number> = { pass: 0, fail: 0, skip: 0 };
  for (const status of results.values()) counts[status]++;
  const log = runs.map((run) => run.log).join('\n');
  return {
    outcome: { ...last.outcome, results },
    summary: {
      ...last.summary,
      durationMs: runs.reduce((sum, run) => sum + run.summary.durationMs, 0),
      counts,
      results: Object.fromEntries([...results].sort(([a], [b]) => (a < b ? -1 : 1))),
    },
    log: log.length > LOG_TAIL_CHARS ? log.slice(-LOG_TAIL_CHARS) : log,
  };
}

/** The report files a run wrote (JUnit XML, jest JSON), with the worktree's path taken out. */
export function readReports(dir: string, reportDirs: string[]): ReportFile[] {
  const reports: ReportFile[] = [];
  for (const reportDir of reportDirs) {
    const full = insideWorktree(dir, reportDir);
    if (!full || !fs.existsSync(full) || fs.lstatSync(full).isSymbolicLink()) continue;
    for (const name of fs.readdirSync(full).sort()) {
      const file = path.join(full, name);
      // Reports are plain files the run wrote; a link could point anywhere on the machine.
      if (!/\.(xml|json)$/.test(name) || !fs.lstatSync(file).isFile()) continue;
      reports.push({
        path: `${reportDir}/${name}`,
        text: withoutPrefix(fs.readFileSync(file, 'utf8'), dir),
      });
    }
  }
  return reports;
}

/**
 * `dir/relative`, or null when a symlink the repository commits (`target -> /`) would take it
 * out of the worktree: report directories are removed before each run.
 */
export function insideWorktree(dir: string, relative: string): string | null {
  const root = fs.realpathSync(dir);
  const full = path.join(root, relative);
  let existing = full;
  while (!fs.existsSync(existing)) existing = path.dirname(existing);
  const real = fs.realpathSync(existing);
  return real === root || real.startsWith(root + path.sep) ? full : null;
}

export function withoutPrefix(text: string, dir: string): string {
  let out = text;
  for (const prefix of new Set([fs.realpathSync(dir), dir])) out = out.split(`${prefix}/`).join('');
  return out;
}
