// Judges a port from two test runs: the old code with the port's tests ("before") and the
// ported code ("after"). Proof is a test that failed before and passes after, with nothing
// that passed before failing after.
import type { TestResults, TestStatus } from './parse-test-output.js';

export type VerifyStatus = 'verified' | 'regressed' | 'unproven' | 'failed';

export interface RunOutcome {
  results: TestResults;
  /** The command's exit code; null when it was killed or never started. */
  exitCode: number | null;
  timedOut: boolean;
}

export type SeenStatus = TestStatus | 'missing';

export interface TestChange {
  name: string;
  before: SeenStatus;
  after: SeenStatus;
}

export interface RunComparison {
  status: VerifyStatus;
  /** Failed before (or in a file that failed to load), passing after: the proof. */
  fixedTests: string[];
  /** Not run before (the run stopped early, or the test is new), passing after: no proof. */
  notRunBefore: string[];
  /** Passing before, failing or missing after. */
  regressedTests: string[];
  /** Failing in both runs: not the port's doing, and not proof of anything either. */
  preExistingFailures: string[];
  /** Every test whose status differs between the runs. */
  changed: TestChange[];
  /** Why the status is `failed`, when it is. */
  reason?: string;
}

export function compareRuns(before: RunOutcome, after: RunOutcome): RunComparison {
  const empty = [before, after].find((run) => run.results.size === 0);
  if (empty) {
    const which = empty === before ? 'before' : 'after';
    return {
      status: 'failed',
      fixedTests: [],
      notRunBefore: [],
      regressedTests: [],
      preExistingFailures: [],
      changed: [],
      reason: `the ${which} run reported no test results (${describeRun(empty)})`,
    };
  }
  const names = [...new Set([...before.results.keys(), ...after.results.keys()])].sort();
  const fixedTests: string[] = [];
  const notRunBefore: string[] = [];
  const regressedTests: string[] = [];
  const preExistingFailures: string[] = [];
  const changed: TestChange[] = [];
  let proven = false;
  for (const name of names) {
    const was: SeenStatus = before.results.get(name) ?? 'missing';
    const now: SeenStatus = after.results.get(name) ?? 'missing';
    if (was !== now) changed.push({ name, before: was, after: now });
    if (was === 'fail' && now === 'fail') preExistingFailures.push(name);
    if (was === 'pass' && (now === 'fail' || now === 'missing')) regressedTests.push(name);
    if ((was === 'fail' || was === 'missing') && now === 'pass') {
      // A test that merely appears proves nothing; one whose file failed to load before does
      // (pytest names a module that failed to import by its path, a prefix of its tests' ids).
      if (was === 'fail' || failedAsContainer(name, before.results)) {
        fixedTests.push(name);
        proven = true;
      } else {
        notRunBefore.push(name);
      }
    }
  }
  const status: VerifyStatus =
    regressedTests.length > 0 ? 'regressed' : proven ? 'verified' : 'unproven';
  return { status, fixedTests, notRunBefore, regressedTests, preExistingFailures, changed };
}

/** Whether a failing result in `results` names a file or suite that contains `name`. */
function failedAsContainer(name: string, results: TestResults): boolean {
  for (const [other, status] of results) {
    if (status !== 'fail') continue;
    if (['::', ' > '].some((separator) => name.startsWith(other + separator))) return true;
  }
  return false;
}

function describeRun(run: RunOutcome): string {
  if (run.timedOut) return 'it timed out';
  if (run.exitCode === null) return 'it did not start or was killed';
  return `exit code ${run.exitCode}`;
}
