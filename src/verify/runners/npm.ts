// npm projects whose `test` script runs something other than jest or vitest (node --test,
// mocha, tap, a shell line): `npm test`, verdicts read from the output (TAP, mocha spec).
import { parseTestOutput } from '../parse-test-output.js';
import { npmTestScript } from '../npm-script.js';
import type { TestRunner } from './types.js';

/** Runners that take test files as arguments and are invoked with flags only. */
const FILE_TAKING = /^(node\s+--test|mocha|tap)(\s+--?[\w-]+(=\S+)?)*$/;

export const npmRunner: TestRunner = {
  id: 'npm',
  manifests: ['package.json'],
  detect: (project) => npmTestScript(project) !== null,
  suite: () => ({ argv: ['npm', 'test'], reportDirs: [] }),
  focus(project, testPaths) {
    const script = npmTestScript(project);
    const files = testPaths.filter((file) => /\.[cm]?[jt]s$/.test(file));
    if (!script || !FILE_TAKING.test(script) || files.length === 0) return null;
    return { argv: ['npm', 'test', '--', ...files], reportDirs: [] };
  },
  parse: (output) => parseTestOutput(output),
};
