// What a Python project asks to have installed before its tests run: root requirements files and
// the dependencies `pyproject.toml` declares statically, read without running any project code.
import { parse as parseToml } from 'smol-toml';
import type { ProjectFiles } from './runners/types.js';

export interface PythonDependencies {
  /** `requirements.txt`, `requirements-dev.txt`, `requirements/test.txt`, ... */
  requirementFiles: string[];
  /** `[project] dependencies` plus the `test`/`tests`/`dev` optional groups. */
  declared: string[];
  /** pyproject.toml or setup.py: the project itself can be installed (`pip install -e .`). */
  installable: boolean;
}

const REQUIREMENTS = /^requirements([-_.][^/]*)?\.txt$|^requirements\/[^/]+\.txt$/;
const TEST_GROUPS = ['test', 'tests', 'testing', 'dev'];

export function pythonDependencies(project: ProjectFiles): PythonDependencies {
  const requirementFiles = project.files.filter((file) => REQUIREMENTS.test(file)).sort();
  const declared: string[] = [];
  const pyproject = project.manifests['pyproject.toml'];
  if (pyproject) {
    try {
      const parsed = parseToml(pyproject) as {
        project?: { dependencies?: unknown; 'optional-dependencies'?: Record<string, unknown> };
      };
      const groups = parsed.project?.['optional-dependencies'] ?? {};
      for (const list of [
        parsed.project?.dependencies,
        ...TEST_GROUPS.map((group) => groups[group]),
      ]) {
        if (Array.isArray(list)) declared.push(...list.filter((d) => typeof d === 'string'));
      }
    } catch {
      // A pyproject.toml that does not parse declares nothing we can read; pytest will say more.
    }
  }
  const installable =
    project.files.includes('setup.py') || /^\s*\[(project|build-system)\]/m.test(pyproject ?? '');
  return { requirementFiles, declared: [...new Set(declared)], installable };
}

export function needsInstall(deps: PythonDependencies): boolean {
  return deps.requirementFiles.length > 0 || deps.declared.length > 0 || deps.installable;
}
