// npm projects whose `test` script is jest: jest's own `--json` report (jest writes JUnit only
// through the jest-junit plug-in, which a project may not have), named `file > describe > test`.
import { parseTestOutput, recordResult, type TestResults } from '../parse-test-output.js';
import { npmTestScript, scriptRuns } from '../npm-script.js';
import type { ReportFile, TestRunner } from './types.js';

const REPORT_DIR = '.retrofit-reports';
const REPORT_ARGS = ['--ci', '--json', `--outputFile=${REPORT_DIR}/jest.json`];

export const jestRunner: TestRunner = {
  id: 'jest',
  manifests: ['package.json'],
  detect: (project) => scriptRuns(npmTestScript(project), 'jest'),
  suite: () => ({ argv: ['npm', 'test', '--', ...REPORT_ARGS], reportDirs: [REPORT_DIR] }),
  focus(_project, testPaths) {
    const files = testPaths.filter((file) => /\.[cm]?[jt]sx?$/.test(file));
    if (files.length === 0) return null;
    // `--runTestsByPath`: the arguments are paths, not regular expressions.
    return {
      argv: ['npm', 'test', '--', ...REPORT_ARGS, '--runTestsByPath', ...files],
      reportDirs: [REPORT_DIR],
    };
  },
  parse(output, reports) {
    const results = parseJestJson(reports);
    return results.size > 0 ? results : parseTestOutput(output);
  },
};

interface JestReport {
  testResults?: Array<{
    name?: string;
    status?: string;
    assertionResults?: Array<{ ancestorTitles?: string[]; title?: string; status?: string }>;
  }>;
}

const STATUS = { passed: 'pass', failed: 'fail', pending: 'skip', skipped: 'skip', todo: 'skip' };

export function parseJestJson(reports: ReportFile[]): TestResults {
  const results: TestResults = new Map();
  for (const report of reports) {
    let parsed: JestReport;
    try {
      parsed = JSON.parse(report.text) as JestReport;
    } catch {
      continue;
    }
    for (const file of parsed.testResults ?? []) {
      const fileName = file.name ?? '';
      const assertions = file.assertionResults ?? [];
      // A file that failed to load has no assertions and fails as a whole: the container.
      if (file.status === 'failed' && assertions.every((a) => a.status !== 'failed')) {
        recordResult(results, fileName, 'fail');
      }
      for (const assertion of assertions) {
        const status = STATUS[assertion.status as keyof typeof STATUS];
        if (!status) continue;
        const name = [fileName, ...(assertion.ancestorTitles ?? []), assertion.title ?? ''];
        recordResult(results, name.join(' > '), status as 'pass' | 'fail' | 'skip');
      }
    }
  }
  return results;
}
