// Decides how a project runs its tests: a configured command wins, then the first runner of the
// registry (`runners/index.ts`) that recognises the project. Also splits a command line given
// as one string.
import { parseTestOutput, type TestResults } from './parse-test-output.js';
import { detectTestRunner } from './runners/index.js';
import type { ProjectFiles, ReportFile, RunnerId, RunPlan } from './runners/types.js';

export interface TestPlan {
  /** Where the command came from, for the report. */
  source: 'configured' | RunnerId;
  /** The whole suite. */
  suite: RunPlan;
  /** Only the fix's test files; null when there are none or the runner cannot single them out. */
  focus: RunPlan | null;
  parse(output: string, reports: ReportFile[]): TestResults;
}

export function planTests(input: {
  project: ProjectFiles;
  /** Files of the fix classified as tests. */
  testPaths: string[];
  /** `--test-command`, or the project's configuration. Always wins. */
  configured?: string[] | null;
}): TestPlan | null {
  if (input.configured && input.configured.length > 0) {
    return {
      source: 'configured',
      suite: { argv: input.configured, reportDirs: [] },
      // A command we did not choose cannot be narrowed to some files.
      focus: null,
      parse: (output) => parseTestOutput(output),
    };
  }
  const runner = detectTestRunner(input.project);
  if (!runner) return null;
  return {
    source: runner.id,
    suite: runner.suite(input.project),
    focus: input.testPaths.length > 0 ? runner.focus(input.project, input.testPaths) : null,
    parse: (output, reports) => runner.parse(output, reports),
  };
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
