// Starting a process from Node forks the whole process first (libuv on Linux uses fork, not
// posix_spawn), and fork copies the page tables of everything the process has mapped: at
// 200 MiB resident (tree-sitter grammars, caches) each spawn blocks the event loop for about
// 20 ms, against 3 ms from a bare Node. retrofit starts git thousands of times in one run (a
// scan, the bench), so git is started from a small helper process instead: a second Node
// with nothing loaded, which spawns on request and sends the output back over its IPC
// channel. When the helper cannot be started or dies, processes are started directly.
import { spawn, type ChildProcess } from 'node:child_process';

export interface SpawnRequest {
  file: string;
  args: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  input: string | Buffer;
  timeoutMs: number;
}

export interface SpawnResult {
  /** Null when the process was killed by a signal. */
  code: number | null;
  stdout: Buffer;
  stderr: Buffer;
  /** Killed after `timeoutMs`. */
  timedOut: boolean;
  /** The process could not be started (e.g. the program is not on PATH). */
  startError?: string;
}

/** Runs one process to its end, collecting its output (the helper does the same). */
function runDirect(request: SpawnRequest): Promise<SpawnResult> {
  return new Promise((resolve) => {
    const child = spawn(request.file, request.args, {
      cwd: request.cwd,
      env: request.env,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let timedOut = false;
    let settled = false;
    const finish = (result: SpawnResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, request.timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', (error) =>
      finish({
        code: null,
        stdout: Buffer.alloc(0),
        stderr: Buffer.alloc(0),
        timedOut,
        startError: error.message,
      }),
    );
    child.on('close', (code) =>
      finish({ code, stdout: Buffer.concat(out), stderr: Buffer.concat(err), timedOut }),
    );
    child.stdin.on('error', () => {
      // The program may exit before reading its input (e.g. git on a bad ref).
    });
    child.stdin.end(request.input);
  });
}

/**
 * The helper's program, what `runDirect` does for each message, answered by id (plain
 * JavaScript for `node -e`: a function's own source would carry the transforms of whatever
 * loaded this module). It leaves when its parent does (the IPC channel closes).
 */
const HELPER_SOURCE = `
'use strict';
const { spawn } = require('node:child_process');
process.on('disconnect', () => process.exit(0));
process.on('message', ({ id, request }) => {
  let settled = false;
  const finish = (result) => {
    if (settled) return;
    settled = true;
    clearTimeout(timer);
    process.send({ id, result });
  };
  const out = [];
  const err = [];
  let timedOut = false;
  let child;
  try {
    child = spawn(request.file, request.args, {
      cwd: request.cwd,
      env: request.env,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
  } catch (error) {
    process.send({
      id,
      result: { code: null, stdout: Buffer.alloc(0), stderr: Buffer.alloc(0), timedOut, startError: String(error && error.message) },
    });
    return;
  }
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill('SIGKILL');
  }, request.timeoutMs);
  child.stdout.on('data', (chunk) => out.push(chunk));
  child.stderr.on('data', (chunk) => err.push(chunk));
  child.on('error', (error) =>
    finish({ code: null, stdout: Buffer.alloc(0), stderr: Buffer.alloc(0), timedOut, startError: error.message }),
  );
  child.on('close', (code) =>
    finish({ code, stdout: Buffer.concat(out), stderr: Buffer.concat(err), timedOut }),
  );
  child.stdin.on('error', () => {});
  child.stdin.end(request.input);
});
`;

type Pending = { resolve: (result: SpawnResult) => void; reject: (error: Error) => void };

class SpawnHelper {
  private readonly child: ChildProcess;
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  dead = false;

  get pid(): number | undefined {
    return this.child.pid;
  }

  constructor() {
    this.child = spawn(process.execPath, ['-e', HELPER_SOURCE], {
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
      serialization: 'advanced',
      env: { PATH: process.env.PATH ?? '' },
    });
    this.child.on('message', (message: { id: number; result: SpawnResult }) => {
      const waiting = this.pending.get(message.id);
      this.pending.delete(message.id);
      this.idleCheck();
      waiting?.resolve(message.result);
    });
    const fail = () => {
      if (this.dead) return;
      this.dead = true;
      const error = new Error('the process that starts git for retrofit has stopped');
      for (const waiting of this.pending.values()) waiting.reject(error);
      this.pending.clear();
    };
    this.child.on('error', fail);
    this.child.on('exit', fail);
    // The helper must never keep retrofit running: it holds the event loop only while a
    // request is out.
    this.child.unref();
    this.idleCheck();
  }

  run(request: SpawnRequest): Promise<SpawnResult> {
    return new Promise((resolve, reject) => {
      const id = this.nextId++;
      this.pending.set(id, { resolve, reject });
      this.child.channel?.ref();
      this.child.send({ id, request }, (error) => {
        if (!error) return;
        this.pending.delete(id);
        this.idleCheck();
        reject(error);
      });
    });
  }

  private idleCheck(): void {
    if (this.pending.size === 0) this.child.channel?.unref();
  }
}

let helper: SpawnHelper | null | undefined;

/**
 * Runs a program to its end, through the helper process when it is up. A request whose
 * helper stopped before answering is an error; later requests start processes directly.
 */
export async function runProcess(request: SpawnRequest): Promise<SpawnResult> {
  if (helper === undefined) {
    try {
      helper = new SpawnHelper();
    } catch {
      helper = null;
    }
  }
  if (helper === null || helper.dead) return runDirect(request);
  return helper.run(request);
}

/** The helper's process id, when it runs (for tests that stop it). */
export function spawnHelperPid(): number | undefined {
  return helper && !helper.dead ? helper.pid : undefined;
}
