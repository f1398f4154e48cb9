// Reading a package.json `test` script, shared by the npm, jest and vitest runners.
import type { ProjectFiles } from './runners/types.js';

/** npm writes this script into every new package.json; it is not a test suite. */
const NPM_PLACEHOLDER = /no test specified/i;

/** The project's `test` script, or null when it has none (or npm's placeholder). */
export function npmTestScript(project: ProjectFiles): string | null {
  const text = project.manifests['package.json'];
  if (!text) return null;
  try {
    const parsed: unknown = JSON.parse(text);
    const scripts = (parsed as { scripts?: unknown } | null)?.scripts;
    const test = (scripts as { test?: unknown } | null | undefined)?.test;
    if (typeof test !== 'string' || !test.trim() || NPM_PLACEHOLDER.test(test)) return null;
    return test.trim();
  } catch {
    // A broken package.json is the project's problem; it just does not name a test script.
    return null;
  }
}

/**
 * Whether the script is one invocation of `tool` (`jest`, `npx vitest run`, `node
 * node_modules/vitest/vitest.mjs`): only then do arguments after `npm test --` reach the tool.
 */
export function scriptRuns(script: string | null, tool: string): boolean {
  if (!script || /&&|\|\||[;|]/.test(script)) return false;
  return new RegExp(`(^|[\\s/])${tool}(\\.m?js)?(\\s|$)`).test(script);
}
