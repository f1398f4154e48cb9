// Reads per-test verdicts from `go test -json` (test2json events, one JSON object a line). Names
// are `package > Test > subtest`, so a package that failed to build names the container of its
// tests, the way a pytest module that failed to import does.
import { recordResult, type TestResults, type TestStatus } from './parse-test-output.js';

interface GoTestEvent {
  Action?: string;
  Package?: string;
  Test?: string;
}

const BUILD_FAILED = /^FAIL\s+(\S+)\s+\[(?:build|setup) failed\]$/;
const VERDICTS: Record<string, TestStatus> = { pass: 'pass', fail: 'fail', skip: 'skip' };

export function parseGoTestJson(text: string): TestResults {
  const tests = new Map<string, TestStatus>();
  const failedPackages = new Set<string>();
  for (const line of text.split('\n')) {
    // Go before 1.24 reports a package that did not compile only as text, on stderr.
    const buildFailure = BUILD_FAILED.exec(line);
    if (buildFailure) failedPackages.add(buildFailure[1]!);
    // Compiler errors and other plain text share the stream; only event objects count.
    if (!line.startsWith('{"')) continue;
    let event: GoTestEvent;
    try {
      event = JSON.parse(line) as GoTestEvent;
    } catch {
      continue;
    }
    const status = VERDICTS[event.Action ?? ''];
    if (!status || !event.Package) continue;
    if (event.Test) tests.set(`${event.Package} > ${event.Test.split('/').join(' > ')}`, status);
    else if (status === 'fail') failedPackages.add(event.Package);
  }
  const results: TestResults = new Map();
  const failed = [...tests].filter(([, status]) => status === 'fail').map(([name]) => name);
  for (const [name, status] of tests) {
    // Go fails a test whose subtests failed; that parent is not a failure of its own.
    const failedChild = failed.some((other) => other.startsWith(`${name} > `));
    if (status === 'fail' && failedChild) continue;
    if (status !== 'fail' && [...tests.keys()].some((other) => other.startsWith(`${name} > `))) {
      continue;
    }
    recordResult(results, name, status);
  }
  // A package fails whenever one of its tests does; it is a verdict only when none did (it did
  // not build, TestMain exited, a test panicked outside the events).
  for (const pkg of failedPackages) {
    if (!failed.some((name) => name.startsWith(`${pkg} > `))) recordResult(results, pkg, 'fail');
  }
  return results;
}
