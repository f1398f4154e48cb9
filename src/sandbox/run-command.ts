// Runs one project command (a test suite, an install) in a directory with a time limit and a cap
// on the output kept, optionally inside a bubblewrap sandbox: read-only system, only the worktree
// writable, private /tmp and HOME, no network, its own pid namespace.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CleanupScope } from '../cleanup.js';
import { RetrofitError } from '../errors.js';

export interface RunCommandOptions {
  /** The program and its arguments. No shell is involved unless argv is `['sh', '-c', ...]`. */
  argv: string[];
  /** Where the command runs; the only writable directory inside the sandbox. */
  cwd: string;
  timeoutMs: number;
  sandbox: boolean;
  /** Variables set over the scrubbed environment (see `commandEnvironment`). */
  env?: Record<string, string>;
  /** Pass registry and cloud credentials through; only for our own `npm install`, never for tests. */
  keepSecrets?: boolean;
  /**
   * The output that says the command is done even if its process lingers (a test runner's
   * final summary). Once seen, the command gets `settleGraceMs` more, then is stopped.
   */
  settlesOn?: RegExp;
  settleGraceMs?: number;
  /** Where to register the process group, so that Ctrl-C kills it too. */
  scope?: CleanupScope;
  /** Bytes kept from the end of stdout and of stderr each; default 200 KB. */
  maxOutputBytes?: number;
}

export interface CommandRun {
  /** null when the process was killed by a signal (including the timeout) or never started. */
  exitCode: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  /** Stopped after printing its `settlesOn` output because it did not exit by itself. */
  stoppedAfterSummary?: boolean;
  durationMs: number;
  sandboxed: boolean;
  /** True when the start of stdout or stderr was dropped to respect the cap. */
  outputTruncated: boolean;
  /** Why the program could not be started (not on PATH, not executable). */
  startError?: string;
}

const DEFAULT_MAX_OUTPUT = 200 * 1024;
/** How long to wait for the output pipes to close once the process has exited or been killed. */
const DRAIN_GRACE_MS = 2_000;
const SANDBOX_HOME = '/tmp/home';

/** Variables that commonly carry credentials; untrusted test code must not see them. */
const SECRET_NAME = /TOKEN|SECRET|PASSWORD|PASSWD|CREDENTIAL|API_?KEY|PRIVATE_?KEY|AUTH|SESSION/i;

export function sandboxUnavailableError(detail?: string): RetrofitError {
  return new RetrofitError(
    'sandbox-unavailable',
    'cannot run tests in a sandbox: bubblewrap (bwrap) is not available or not permitted here',
    {
      input: 'bwrap',
      stderr: detail,
      hint: 'Install bubblewrap (apt-get install bubblewrap, dnf install bubblewrap) or pass --no-sandbox to run the tests unconfined.',
    },
  );
}

/** The environment a command gets: ours minus credentials, plus CI markers, plus `extra`. */
export function commandEnvironment(options: {
  sandbox: boolean;
  keepSecrets?: boolean;
  extra?: Record<string, string>;
}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (options.keepSecrets || !SECRET_NAME.test(key)) env[key] = value;
  }
  // CI and NO_COLOR make test runners print plain, parseable, non-interactive output.
  Object.assign(env, { CI: 'true', NO_COLOR: '1', FORCE_COLOR: '0' });
  if (options.sandbox) Object.assign(env, { HOME: SANDBOX_HOME, TMPDIR: '/tmp' });
  return { ...env, ...options.extra };
}

/** bwrap arguments that confine `argv` to `dir`. Order matters: later mounts cover earlier ones. */
export function bwrapArgs(dir: string, argv: string[]): string[] {
  return [
    '--ro-bind',
    '/',
    '/',
    '--dev',
    '/dev',
    '--tmpfs',
    '/dev/shm',
    '--proc',
    '/proc',
    '--tmpfs',
    '/tmp',
    '--dir',
    SANDBOX_HOME,
    // After the /tmp tmpfs, so a worktree that lives under /tmp is still the real one.
    '--bind',
    dir,
    dir,
    '--unshare-net',
    '--unshare-pid',
    '--unshare-ipc',
    '--die-with-parent',
    // A new session stops the command from pushing input into our terminal (TIOCSTI).
    '--new-session',
    '--chdir',
    dir,
    '--',
    ...argv,
  ];
}

export async function runCommand(options: RunCommandOptions): Promise<CommandRun> {
  if (options.argv.length === 0) {
    throw new RetrofitError('usage', 'empty command', { hint: 'Give a program to run.' });
  }
  // bwrap binds by path; a symlinked temp directory would otherwise be bound at the wrong place.
  const cwd = fs.realpathSync(options.cwd);
  const [program, ...args] = options.sandbox
    ? ['bwrap', ...bwrapArgs(cwd, options.argv)]
    : options.argv;
  const maxBytes = options.maxOutputBytes ?? DEFAULT_MAX_OUTPUT;
  const started = performance.now();
  return new Promise((resolve, reject) => {
    // detached: the child leads its own process group, so the timeout can kill everything it started.
    const child = spawn(program!, args, {
      cwd,
      env: commandEnvironment({
        sandbox: options.sandbox,
        keepSecrets: options.keepSecrets,
        extra: options.env,
      }),
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    const untrack =
      child.pid !== undefined ? options.scope?.trackProcessGroup(child.pid) : undefined;
    const stdout = new TailBuffer(maxBytes);
    const stderr = new TailBuffer(maxBytes);
    let timedOut = false;
    let exitCode: number | null = null;
    let settled = false;
    let drainTimer: NodeJS.Timeout | undefined;
    const killGroup = () => {
      if (child.pid === undefined) return;
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // The group is already gone.
      }
    };
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup();
    }, options.timeoutMs);
    const finish = (startError?: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearTimeout(drainTimer);
      clearTimeout(settleTimer);
      untrack?.();
      resolve({
        exitCode,
        stdout: stdout.text(),
        stderr: startError ? `${stderr.text()}${startError}\n` : stderr.text(),
        timedOut,
        ...(stoppedAfterSummary ? { stoppedAfterSummary } : {}),
        durationMs: Math.round(performance.now() - started),
        sandboxed: options.sandbox,
        outputTruncated: stdout.truncated || stderr.truncated,
        ...(startError ? { startError } : {}),
      });
    };
    let stoppedAfterSummary = false;
    let settleTimer: NodeJS.Timeout | undefined;
    const watchSummary = () => {
      if (!options.settlesOn || settleTimer || !options.settlesOn.test(stdout.text())) return;
      settleTimer = setTimeout(() => {
        stoppedAfterSummary = exitCode === null;
        killGroup();
      }, options.settleGraceMs ?? 10_000);
    };
    child.stdout.on('data', (chunk: Buffer) => {
      stdout.push(chunk);
      watchSummary();
    });
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.on('error', (error: NodeJS.ErrnoException) => {
      if (options.sandbox && error.code === 'ENOENT') {
        settled = true;
        clearTimeout(timer);
        reject(sandboxUnavailableError(error.message));
        return;
      }
      finish(`cannot start ${options.argv[0]}: ${error.message}`);
    });
    child.on('exit', (code) => {
      exitCode = code;
      // Leftovers (a server the tests started, a background job) die with the command.
      killGroup();
      // A grandchild that escaped the group may still hold the pipes; do not wait for it forever.
      drainTimer = setTimeout(() => {
        child.stdout.destroy();
        child.stderr.destroy();
        finish();
      }, DRAIN_GRACE_MS);
    });
    child.on('close', () => finish());
  });
}

export interface SandboxProbe {
  available: boolean;
  /** What bwrap said when it failed. */
  detail?: string;
}

/**
 * Tries the real sandbox once (`bwrap <our flags> true`): bwrap can be installed and still be
 * refused by the kernel (user namespaces off, a container without privileges). Callers keep the
 * answer for the job; nothing is cached here.
 */
export async function probeSandbox(): Promise<SandboxProbe> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'retrofit-probe-'));
  try {
    const run = await runCommand({ argv: ['true'], cwd: dir, timeoutMs: 15_000, sandbox: true });
    return run.exitCode === 0 ? { available: true } : { available: false, detail: run.stderr };
  } catch (error) {
    if (error instanceof RetrofitError && error.code === 'sandbox-unavailable') {
      return { available: false, detail: String(error.data.stderr ?? '') };
    }
    throw error;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export async function sandboxAvailable(): Promise<boolean> {
  return (await probeSandbox()).available;
}

/** Keeps the last `limit` bytes of a stream: the end of a test run is where the verdicts are. */
class TailBuffer {
  private chunks: Buffer[] = [];
  private size = 0;
  truncated = false;

  constructor(private readonly limit: number) {}

  push(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.size += chunk.length;
    while (this.chunks.length > 1 && this.size - this.chunks[0]!.length >= this.limit) {
      this.size -= this.chunks.shift()!.length;
      this.truncated = true;
    }
  }

  text(): string {
    let buffer = Buffer.concat(this.chunks);
    if (buffer.length > this.limit) {
      buffer = buffer.subarray(buffer.length - this.limit);
      this.truncated = true;
    }
    // A cut can land inside a UTF-8 sequence; drop the broken first character.
    return buffer.toString('utf8').replace(/^\uFFFD+/, '');
  }
}
