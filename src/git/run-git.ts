// The one place that spawns git. Every call: an argument array (no shell), a fixed locale,
// no pager, no prompts, hooks and the repository-local programs we know of switched off,
// and a timeout. Target repositories are untrusted input, so their local config must not
// be able to make git run a program on our behalf.
import { RetrofitError } from '../errors.js';
import { openProcess, runProcess, type SpawnResult } from './spawner.js';

export interface GitRunOptions {
  cwd: string;
  /** Milliseconds before the process is killed; default 120 s. */
  timeoutMs?: number;
  input?: string | Buffer;
  /** Extra environment (author identity, dates). Merged over the sanitised base. */
  env?: Record<string, string>;
  /** Exit codes that are answers rather than failures (e.g. 1 for `merge-base --is-ancestor`). */
  okExitCodes?: number[];
  /** What the command may print (both streams) before it is stopped; default 256 MiB. */
  maxOutputBytes?: number;
  /**
   * Keep the user's credential helpers. Only for commands run in a repository retrofit made
   * itself (a push from a scratch repository), whose local config cannot name a program.
   */
  credentialHelpers?: boolean;
}

export interface GitResult {
  stdout: string;
  stdoutBuffer: Buffer;
  stderr: string;
  exitCode: number;
}

/**
 * `-c` overrides win over repository-local config. These are the local settings that make
 * git run a program or prompt: hooks, fsmonitor, pagers, credential helpers, the `ext::`
 * transport. Diff drivers and textconv are disabled per command (`--no-ext-diff`,
 * `--no-textconv`) by the callers that diff.
 */
const SAFETY_CONFIG = [
  'core.hooksPath=/dev/null',
  'core.fsmonitor=false',
  'core.pager=cat',
  'credential.helper=',
  'protocol.ext.allow=never',
  'protocol.file.allow=always',
  'advice.detachedHead=false',
  'gc.auto=0',
  'maintenance.auto=false',
];

const DEFAULT_TIMEOUT_MS = 120_000;
/**
 * What one git command may print (both streams) before it is stopped: far above any answer
 * retrofit asks for, and below what Node can hold as one string.
 */
const MAX_OUTPUT_BYTES = 256 * 2 ** 20;

/** Environment variables that would redirect git to another repository or run a program. */
const DROPPED_ENV =
  /^(GIT_(DIR|WORK_TREE|INDEX_FILE|OBJECT_DIRECTORY|ALTERNATE_OBJECT_DIRECTORIES|NAMESPACE|CEILING_DIRECTORIES|COMMON_DIR|EXTERNAL_DIFF|PAGER|EDITOR|SEQUENCE_EDITOR|ASKPASS|SSH|SSH_COMMAND|PROXY_COMMAND|CONFIG|CONFIG_PARAMETERS|CONFIG_COUNT|CONFIG_KEY_\d+|CONFIG_VALUE_\d+|TRACE\w*)|SSH_ASKPASS|PAGER|EDITOR|VISUAL)$/;

export function gitEnvironment(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!DROPPED_ENV.test(key)) env[key] = value;
  }
  return {
    ...env,
    LC_ALL: 'C',
    LANG: 'C',
    LANGUAGE: 'C',
    GIT_TERMINAL_PROMPT: '0',
    GIT_PAGER: 'cat',
    PAGER: 'cat',
    GIT_EDITOR: 'true',
    GIT_SEQUENCE_EDITOR: 'true',
    GIT_ASKPASS: 'echo',
    SSH_ASKPASS: 'echo',
    GIT_OPTIONAL_LOCKS: '0',
    ...extra,
  };
}

/** A git command's arguments with the safety settings before them. */
export function gitArguments(args: string[], credentialHelpers = false): string[] {
  const safety = credentialHelpers
    ? SAFETY_CONFIG.filter((c) => !c.startsWith('credential.helper='))
    : SAFETY_CONFIG;
  return ['--no-pager', ...safety.flatMap((c) => ['-c', c]), ...args];
}

export async function runGit(args: string[], options: GitRunOptions): Promise<GitResult> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxOutputBytes = options.maxOutputBytes ?? MAX_OUTPUT_BYTES;
  const run = await runProcess({
    file: 'git',
    args: gitArguments(args, options.credentialHelpers),
    cwd: options.cwd,
    env: gitEnvironment(options.env),
    input: options.input ?? '',
    timeoutMs,
    maxOutputBytes,
  });
  const { exitCode, stderr } = howGitEnded(run, args, { ...options, timeoutMs, maxOutputBytes });
  return { stdout: run.stdout.toString('utf8'), stdoutBuffer: run.stdout, stderr, exitCode };
}

/** How a git command ended, or the error that says why it failed (named by its arguments). */
function howGitEnded(
  run: SpawnResult,
  args: string[],
  options: { cwd: string; timeoutMs: number; maxOutputBytes: number; okExitCodes?: number[] },
): { exitCode: number; stderr: string } {
  const command = ['git', ...args];
  if (run.startError !== undefined) {
    throw new RetrofitError('git-command-failed', `could not start git: ${run.startError}`, {
      command,
      hint: 'Install git (2.30 or newer) and make sure it is on PATH.',
    });
  }
  const stderr = run.stderr.toString('utf8');
  if (run.timedOut) {
    throw new RetrofitError('git-timeout', `git did not finish within ${options.timeoutMs} ms`, {
      command,
      stderr,
      input: options.cwd,
    });
  }
  if (run.outputLimited) {
    throw new RetrofitError(
      'git-command-failed',
      `git ${args[0] ?? ''} printed more than ${options.maxOutputBytes} bytes and was stopped`,
      {
        command,
        input: options.cwd,
        hint: 'The repository holds something far larger than source code (a huge file or history); retrofit does not read that much from one git command.',
      },
    );
  }
  const exitCode = run.code ?? -1;
  if (exitCode !== 0 && !(options.okExitCodes ?? []).includes(exitCode)) {
    throw new RetrofitError(
      'git-command-failed',
      `git ${args[0] ?? ''} failed (exit ${exitCode})`,
      {
        command,
        stderr,
        exitCode,
        input: options.cwd,
      },
    );
  }
  return { exitCode, stderr };
}

/**
 * Runs git with its output passed to `onData` as it comes; when `onData` returns true it has
 * read all it needs and git is stopped (a search that has found every word it was asked for
 * need not read the rest of the tree). Fails as `runGit` does, but for a stop it asked for.
 */
export async function runGitUntil(
  args: string[],
  options: Omit<GitRunOptions, 'input' | 'credentialHelpers'>,
  onData: (chunk: Buffer) => boolean,
): Promise<{ exitCode: number | null; stopped: boolean }> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxOutputBytes = options.maxOutputBytes ?? MAX_OUTPUT_BYTES;
  let stopped = false;
  const stream = openProcess(
    {
      file: 'git',
      args: gitArguments(args),
      cwd: options.cwd,
      env: gitEnvironment(options.env),
      timeoutMs,
      maxOutputBytes,
    },
    (chunk) => {
      if (stopped || !onData(chunk)) return;
      stopped = true;
      stream.kill();
    },
  );
  stream.end();
  const run = await stream.done;
  if (stopped) return { exitCode: run.code, stopped };
  const { exitCode } = howGitEnded(run, args, { ...options, timeoutMs, maxOutputBytes });
  return { exitCode, stopped };
}
