// The Python side of verify's dependency step: a virtualenv in the worktree that sees the
// system's packages, with the project's requirements installed into it only when allowed online.
import fs from 'node:fs';
import path from 'node:path';
import type { ScratchWorktree } from '../git/scratch.js';
import { runCommand } from '../sandbox/run-command.js';
import { needsInstall, pythonDependencies } from '../verify/python-dependencies.js';
import type { ProjectFiles } from '../verify/runners/types.js';
import type { AppContext } from './context.js';

export const VENV_DIR = '.retrofit-venv';
const VENV_TIMEOUT_MS = 2 * 60_000;
const INSTALL_TIMEOUT_MS = 10 * 60_000;

/**
 * Creates the virtualenv once in the after worktree and copies it into the before one, like
 * node_modules: a copy, so that nothing one run writes reaches the other. Returns the python
 * each run uses (relative to its worktree), or null to use the system's python3.
 *
 * Online, the requirements are installed outside the sandbox (they need PyPI), and the project
 * itself is installed editable inside the sandbox in each worktree (`--no-deps
 * --no-build-isolation` needs no network), so its own build code never runs unconfined and the
 * before run imports the old code, not the port.
 */
export async function preparePythonEnv(
  ctx: AppContext,
  input: {
    before: ScratchWorktree;
    after: ScratchWorktree;
    project: ProjectFiles;
    online: boolean;
    sandbox: boolean;
    notes: string[];
  },
): Promise<string | null> {
  const deps = pythonDependencies(input.project);
  ctx.progress('verify: creating a virtualenv for the tests (system packages visible)');
  const created = await runCommand({
    // No pip of its own: the system's is visible, and installing one takes most of the time.
    argv: ['python3', '-m', 'venv', '--system-site-packages', '--without-pip', VENV_DIR],
    cwd: input.after.dir,
    timeoutMs: VENV_TIMEOUT_MS,
    sandbox: false,
    scope: ctx.scope,
  });
  if (created.exitCode !== 0) {
    input.notes.push(
      `python3 -m venv failed, so the tests ran with the system's python3: ${lastLine(created.stderr || created.stdout || created.startError || '')}`,
    );
    return null;
  }
  const python = path.join(VENV_DIR, 'bin', 'python');
  const wanted = [
    ...deps.requirementFiles,
    ...(deps.declared.length > 0 ? ['pyproject.toml'] : []),
  ];
  if (!input.online) {
    if (needsInstall(deps)) {
      const what = wanted.length > 0 ? wanted.join(', ') : 'the project itself';
      input.notes.push(
        `Python dependencies (${what}) were not installed; the tests ran with the system's packages. Pass --online to run pip install first`,
      );
    }
    copyVenv(input.after, input.before);
    return python;
  }
  const requirementArgs = [
    ...deps.requirementFiles.flatMap((file) => ['-r', file]),
    ...deps.declared,
  ];
  if (requirementArgs.length > 0) {
    ctx.progress('verify: pip install of the requirements (outside the sandbox)');
    const install = await runCommand({
      argv: [
        python,
        '-m',
        'pip',
        'install',
        '--no-input',
        '--disable-pip-version-check',
        ...requirementArgs,
      ],
      cwd: input.after.dir,
      timeoutMs: INSTALL_TIMEOUT_MS,
      sandbox: false,
      keepSecrets: true,
      scope: ctx.scope,
    });
    if (install.exitCode !== 0) {
      const why = install.timedOut ? 'timed out' : `failed (exit ${install.exitCode ?? 'signal'})`;
      input.notes.push(
        `pip install of ${wanted.join(', ')} ${why}: ${lastLine(install.stderr || install.stdout)}`,
      );
    }
  }
  copyVenv(input.after, input.before);
  if (deps.installable) {
    for (const worktree of [input.before, input.after]) {
      const own = await runCommand({
        argv: [
          python,
          '-m',
          'pip',
          'install',
          '--no-input',
          '--no-deps',
          '--no-build-isolation',
          '-e',
          '.',
        ],
        cwd: worktree.dir,
        timeoutMs: INSTALL_TIMEOUT_MS,
        sandbox: input.sandbox,
        scope: ctx.scope,
      });
      if (own.exitCode !== 0) {
        input.notes.push(
          `pip install -e . failed in the ${worktree === input.before ? 'before' : 'after'} worktree: ${lastLine(own.stderr || own.stdout)}`,
        );
      }
    }
  }
  return python;
}

function copyVenv(from: ScratchWorktree, to: ScratchWorktree): void {
  // The venv's python is a symlink to the system interpreter; it must stay one.
  fs.cpSync(path.join(from.dir, VENV_DIR), path.join(to.dir, VENV_DIR), {
    recursive: true,
    verbatimSymlinks: true,
  });
}

function lastLine(text: string): string {
  return (
    text
      .trim()
      .split('\n')
      .filter((line) => line.trim())
      .pop() ?? ''
  );
}
