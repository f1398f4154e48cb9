// Python projects: pytest with `-rA`, which prints one PASSED/FAILED/ERROR line per test at the
// end: the part we parse. pytest also collects plain unittest suites.
import { parsePytest } from '../parse-test-output.js';
import type { ProjectFiles, TestRunner } from './types.js';

const PYTEST_FILES = /(^|\/)(pytest\.ini|conftest\.py)$/;
const PYTHON_TEST_FILE = /(^|\/)(test_[^/]*|[^/]*_test)\.py$|(^|\/)tests?\/.*\.py$/;
const PYTEST = ['python3', '-m', 'pytest', '-rA'];

export const pytestRunner: TestRunner = {
  id: 'pytest',
  manifests: ['pyproject.toml', 'setup.cfg', 'tox.ini'],
  detect: usesPytest,
  suite: () => ({ argv: PYTEST, reportDirs: [] }),
  focus(_project, testPaths) {
    const files = testPaths.filter((file) => file.endsWith('.py'));
    if (files.length === 0) return null;
    return { argv: [...PYTEST, ...files], reportDirs: [] };
  },
  parse: (output) => parsePytest(output),
};

function usesPytest(project: ProjectFiles): boolean {
  const { files, manifests } = project;
  if (files.some((file) => PYTEST_FILES.test(file))) return true;
  const pyproject = manifests['pyproject.toml'];
  if (pyproject && /^\s*\[tool\.pytest(\.ini_options)?\]/m.test(pyproject)) return true;
  const setupCfg = manifests['setup.cfg'];
  if (setupCfg && /^\s*\[tool:pytest\]/m.test(setupCfg)) return true;
  const toxIni = manifests['tox.ini'];
  if (toxIni && /^\s*\[pytest\]/m.test(toxIni)) return true;
  // Python test files alone are enough: pytest runs unittest suites too.
  return files.some((file) => PYTHON_TEST_FILE.test(file));
}
