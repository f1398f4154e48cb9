import { describe, expect, it } from 'vitest';
import { compareRuns, type RunOutcome } from './compare-runs.js';
import type { TestStatus } from './parse-test-output.js';

function run(results: Record<string, TestStatus>, exitCode: number | null = 0): RunOutcome {
  return { results: new Map(Object.entries(results)), exitCode, timedOut: false };
}

describe('compareRuns', () => {
  it('verifies a port whose regression test fails before and passes after', () => {
    const result = compareRuns(
      run({ 'old test': 'pass', 'rejects NaN': 'fail' }, 1),
      run({ 'old test': 'pass', 'rejects NaN': 'pass' }),
    );
    expect(result).toEqual({
      status: 'verified',
      fixedTests: ['rejects NaN'],
      notRunBefore: [],
      regressedTests: [],
      preExistingFailures: [],
      changed: [{ name: 'rejects NaN', before: 'fail', after: 'pass' }],
    });
  });

  it('calls any pass → fail or pass → missing a regression, even alongside a fix', () => {
    const result = compareRuns(
      run({ a: 'pass', b: 'pass', fix: 'fail' }),
      run({ a: 'fail', fix: 'pass' }),
    );
    expect(result.status).toBe('regressed');
    expect(result.regressedTests).toEqual(['a', 'b']);
    expect(result.fixedTests).toEqual(['fix']);
  });

  it('does not take a test that only appears after as proof', () => {
    const result = compareRuns(run({ a: 'pass' }), run({ a: 'pass', 'new test': 'pass' }));
    expect(result.status).toBe('unproven');
    expect(result.fixedTests).toEqual([]);
    expect(result.notRunBefore).toEqual(['new test']);
    expect(result.changed).toEqual([{ name: 'new test', before: 'missing', after: 'pass' }]);
  });

  it('takes a test whose module failed to import before as proof', () => {
    const result = compareRuns(
      run({ 'tests/test_url.py': 'fail', 'tests/test_a.py::test_ok': 'pass' }, 2),
      run({ 'tests/test_url.py::test_nul': 'pass', 'tests/test_a.py::test_ok': 'pass' }),
    );
    expect(result.status).toBe('verified');
    expect(result.fixedTests).toEqual(['tests/test_url.py::test_nul']);
  });

  it('lists failures present in both runs apart, and they prove nothing', () => {
    const result = compareRuns(
      run({ flaky: 'fail', a: 'pass' }),
      run({ flaky: 'fail', a: 'pass' }),
    );
    expect(result).toMatchObject({ status: 'unproven', preExistingFailures: ['flaky'] });
  });

  it('is failed when a run produced no results', () => {
    const crashed: RunOutcome = { results: new Map(), exitCode: null, timedOut: true };
    expect(compareRuns(crashed, run({ a: 'pass' }))).toMatchObject({
      status: 'failed',
      reason: 'the before run reported no test results (it timed out)',
    });
    expect(compareRuns(run({ a: 'fail' }), run({}, 127))).toMatchObject({
      status: 'failed',
      reason: 'the after run reported no test results (exit code 127)',
    });
  });

  it('does not count skips either way', () => {
    const result = compareRuns(run({ a: 'skip', b: 'pass' }), run({ a: 'pass', b: 'skip' }));
    expect(result).toMatchObject({ status: 'unproven', fixedTests: [], regressedTests: [] });
    expect(result.changed).toHaveLength(2);
  });
});
