// Decides how a project runs its tests, from its file list and manifests: a configured command
// wins, then an npm `test` script, then pytest. Also splits a command line given as one string.

export interface TestCommand {
  argv: string[];
  /** Where the command came from, for the report. */
  source: 'configured' | 'npm' | 'pytest';
}

export interface TestCommandInput {
  /** Every path of the revision under test. */
  files: string[];
  /** Text of the root `package.json`, `pyproject.toml`, `setup.cfg` and `tox.ini`, when present. */
  packageJson?: string | null;
  pyproject?: string | null;
  setupCfg?: string | null;
  toxIni?: string | null;
  /** `--test-command`, or the project's configuration. Always wins. */
  configured?: string[] | null;
}

/** npm writes this script into every new package.json; it is not a test suite. */
const NPM_PLACEHOLDER = /no test specified/i;

export function detectTestCommand(input: TestCommandInput): TestCommand | null {
  if (input.configured && input.configured.length > 0) {
    return { argv: input.configured, source: 'configured' };
  }
  const testScript = npmTestScript(input.packageJson);
  if (testScript && !NPM_PLACEHOLDER.test(testScript)) {
    return { argv: ['npm', 'test'], source: 'npm' };
  }
  if (usesPytest(input)) {
    // -rA prints one PASSED/FAILED/ERROR line per test at the end: the part we parse.
    return { argv: ['python3', '-m', 'pytest', '-rA'], source: 'pytest' };
  }
  return null;
}

function npmTestScript(packageJson: string | null | undefined): string | null {
  if (!packageJson) return null;
  try {
    const parsed: unknown = JSON.parse(packageJson);
    const scripts = (parsed as { scripts?: unknown } | null)?.scripts;
    const test = (scripts as { test?: unknown } | null | undefined)?.test;
    return typeof test === 'string' && test.trim() ? test : null;
  } catch {
    // A broken package.json is the project's problem; it just does not name a test script.
    return null;
  }
}

const PYTEST_FILES = /(^|\/)(pytest\.ini|conftest\.py)$/;
const PYTHON_TEST_FILE = /(^|\/)(test_[^/]*|[^/]*_test)\.py$|(^|\/)tests?\/.*\.py$/;

function usesPytest(input: TestCommandInput): boolean {
  if (input.files.some((file) => PYTEST_FILES.test(file))) return true;
  if (input.pyproject && /^\s*\[tool\.pytest(\.ini_options)?\]/m.test(input.pyproject)) return true;
  if (input.setupCfg && /^\s*\[tool:pytest\]/m.test(input.setupCfg)) return true;
  if (input.toxIni && /^\s*\[pytest\]/m.test(input.toxIni)) return true;
  // pytest also collects plain unittest suites, so Python test files alone are enough.
  return input.files.some((file) => PYTHON_TEST_FILE.test(file));
}

/** Characters that only mean something to a shell; a command that has any runs under `sh -c`. */
const SHELL_SYNTAX = /[|&;<>()$`\\"'*?[\]{}~#\n]/;

/**
 * Turns `--test-command "npm run test:unit"` into an argv. A plain command is split on spaces
 * and run directly; one with pipes, quotes, variables or `&&` is handed to `sh -c` as written,
 * because that is what the user meant by typing it.
 */
export function splitCommandLine(line: string): string[] {
  const trimmed = line.trim();
  if (!trimmed) return [];
  if (SHELL_SYNTAX.test(trimmed)) return ['sh', '-c', trimmed];
  return trimmed.split(/\s+/);
}
