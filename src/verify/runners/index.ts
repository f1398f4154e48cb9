// Every test runner, in the order detection tries them: the first whose `detect` accepts the
// project runs its tests. jest and vitest come before plain npm, which takes any test script.
import { goRunner } from './go.js';
import { jestRunner } from './jest.js';
import { mavenRunner } from './maven.js';
import { npmRunner } from './npm.js';
import { pytestRunner } from './pytest.js';
import { rakeRunner } from './rake.js';
import type { ProjectFiles, RunnerId, TestRunner } from './types.js';
import { vitestRunner } from './vitest.js';

export const testRunners: Record<RunnerId, TestRunner> = {
  vitest: vitestRunner,
  jest: jestRunner,
  npm: npmRunner,
  go: goRunner,
  maven: mavenRunner,
  rake: rakeRunner,
  pytest: pytestRunner,
};

/** Root files the runners read to decide; read them all once, then call `detectTestRunner`. */
export function runnerManifests(): string[] {
  return [...new Set(Object.values(testRunners).flatMap((runner) => runner.manifests))];
}

export function detectTestRunner(project: ProjectFiles): TestRunner | null {
  return Object.values(testRunners).find((runner) => runner.detect(project)) ?? null;
}

export type { ProjectFiles, ReportFile, RunnerId, RunPlan, TestRunner } from './types.js';
