// What a test runner module provides: which projects it runs, the command for the whole suite
// and for just the fix's tests, and how to read per-test verdicts from what the run left.
import type { TestResults } from '../parse-test-output.js';

export type RunnerId = 'vitest' | 'jest' | 'npm' | 'go' | 'maven' | 'rake' | 'pytest';

/** The revision under test as runners see it: its paths and the root files they asked for. */
export interface ProjectFiles {
  /** Every path of the revision. */
  files: string[];
  /** Text of each root file some runner lists in `manifests`; null when absent. */
  manifests: Record<string, string | null | undefined>;
}

/** One command to run in the worktree, and where it writes machine-readable reports. */
export interface RunPlan {
  argv: string[];
  /**
   * Directories (relative to the worktree) whose report files this command writes: removed
   * before the run, read after it. Empty when the output alone carries the verdicts.
   */
  reportDirs: string[];
}

/** A report file the run wrote, by its path relative to the worktree. */
export interface ReportFile {
  path: string;
  text: string;
}

export interface TestRunner {
  id: RunnerId;
  /** Root files whose text `detect` needs. */
  manifests: string[];
  detect(project: ProjectFiles): boolean;
  suite(project: ProjectFiles): RunPlan;
  /** Only the given test files (paths in the repository); null when they cannot be singled out. */
  focus(project: ProjectFiles, testPaths: string[]): RunPlan | null;
  parse(output: string, reports: ReportFile[]): TestResults;
}
