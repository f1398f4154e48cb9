// npm projects whose `test` script is vitest: its built-in JUnit reporter beside the default one.
import { parseTestOutput } from '../parse-test-output.js';
import { npmTestScript, scriptRuns } from '../npm-script.js';
import { parseJUnitReports } from '../junit-reports.js';
import type { TestRunner } from './types.js';

const REPORT_DIR = '.retrofit-reports';
const REPORT_ARGS = [
  '--reporter=default',
  '--reporter=junit',
  `--outputFile.junit=${REPORT_DIR}/junit.xml`,
];

export const vitestRunner: TestRunner = {
  id: 'vitest',
  manifests: ['package.json'],
  detect: (project) => scriptRuns(npmTestScript(project), 'vitest'),
  suite: () => ({ argv: ['npm', 'test', '--', ...REPORT_ARGS], reportDirs: [REPORT_DIR] }),
  focus(_project, testPaths) {
    const files = testPaths.filter((file) => /\.[cm]?[jt]sx?$/.test(file));
    if (files.length === 0) return null;
    return { argv: ['npm', 'test', '--', ...REPORT_ARGS, ...files], reportDirs: [REPORT_DIR] };
  },
  parse(output, reports) {
    const results = parseJUnitReports(reports);
    return results.size > 0 ? results : parseTestOutput(output);
  },
};
