// Starting a process from Node forks the whole process first (libuv on Linux uses fork, not
// posix_spawn), and fork copies the page tables of everything the process has mapped: at
// 200 MiB resident (tree-sitter grammars, caches) each spawn blocks the event loop for about
// 20 ms, against 3 ms from a bare Node. retrofit starts git thousands of times in one run (a
// scan, the bench), so git is started from a small helper process instead: a second Node
// with nothing loaded, which spawns on request and sends the output back over its IPC
// channel. When the helper cannot be started or dies, processes are started directly.
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

export interface SpawnRequest {
  file: string;
  args: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  input: string | Buffer;
  timeoutMs: number;
  /** Output (both streams) past which the process is killed; default none. */
  maxOutputBytes?: number;
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
  /** Killed because its output passed `maxOutputBytes` (what came before is kept). */
  outputLimited?: boolean;
}

/**
 * A process started for a conversation: its output arrives as it is written (to the
 * `onData` given when it was opened) and it reads what is written to it.
 */
export interface ProcessStream {
  write(data: string | Buffer): void;
  /** Closes its input: a program that reads to the end then finishes. */
  end(): void;
  /** Stops the program now (its output so far has been passed on; `done` says code null). */
  kill(): void;
  /** How it ended (`stdout` is empty: it went to `onData`). */
  readonly done: Promise<SpawnResult>;
}

export type StreamRequest = Omit<SpawnRequest, 'input'>;

/** The runner the helper uses too (one copy, in plain JavaScript: see process-runner.cjs). */
const { startProcess } = createRequire(import.meta.url)('./process-runner.cjs') as {
  startProcess(
    request: SpawnRequest,
    onData?: (chunk: Buffer) => void,
  ): { stdin?: NodeJS.WritableStream; kill?: () => void; done: Promise<SpawnResult> };
};

/** The helper's program, next to this module in the sources and in the build. */
const HELPER = fileURLToPath(new URL('./spawn-helper.cjs', import.meta.url));

type Pending = {
  resolve: (result: SpawnResult) => void;
  reject: (error: Error) => void;
  onData?: (chunk: Buffer) => void;
};

type HelperMessage = { id: number; result: SpawnResult } | { id: number; chunk: Buffer };

class SpawnHelper {
  private readonly child: ChildProcess;
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  dead = false;

  get pid(): number | undefined {
    return this.child.pid;
  }

  constructor() {
    this.child = spawn(process.execPath, [HELPER], {
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
      serialization: 'advanced',
      env: { PATH: process.env.PATH ?? '' },
    });
    this.child.on('message', (message: HelperMessage) => {
      if ('chunk' in message) {
        this.pending.get(message.id)?.onData?.(message.chunk);
        return;
      }
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
    return this.request({ request }).done;
  }

  open(request: StreamRequest, onData: (chunk: Buffer) => void): ProcessStream {
    const { id, done } = this.request({ request: { ...request, input: '', stream: true } }, onData);
    // Writes after the helper stopped go nowhere: `done` has failed by then.
    const send = (message: object) => {
      if (!this.dead) this.child.send({ id, ...message }, () => undefined);
    };
    return {
      write: (data) => send({ write: data }),
      end: () => send({ end: true }),
      kill: () => send({ kill: true }),
      done,
    };
  }

  private request(
    message: { request: SpawnRequest & { stream?: boolean } },
    onData?: (chunk: Buffer) => void,
  ): { id: number; done: Promise<SpawnResult> } {
    const id = this.nextId++;
    const done = new Promise<SpawnResult>((resolve, reject) => {
      this.pending.set(id, { resolve, reject, onData });
      this.child.channel?.ref();
      this.child.send({ id, ...message }, (error) => {
        if (!error) return;
        this.pending.delete(id);
        this.idleCheck();
        reject(error);
      });
    });
    return { id, done };
  }

  private idleCheck(): void {
    if (this.pending.size === 0) this.child.channel?.unref();
  }
}

let helper: SpawnHelper | null | undefined;

function currentHelper(): SpawnHelper | null {
  if (helper === undefined) {
    try {
      helper = new SpawnHelper();
    } catch {
      helper = null;
    }
  }
  return helper === null || helper.dead ? null : helper;
}

/**
 * Runs a program to its end, through the helper process when it is up. A request whose
 * helper stopped before answering is an error; later requests start processes directly.
 */
export async function runProcess(request: SpawnRequest): Promise<SpawnResult> {
  return currentHelper()?.run(request) ?? startProcess(request).done;
}

/**
 * Starts a program to talk to (`git cat-file --batch-command`): what it writes goes to `onData` as it
 * comes. Through the helper when it is up, like `runProcess`.
 */
export function openProcess(
  request: StreamRequest,
  onData: (chunk: Buffer) => void,
): ProcessStream {
  const through = currentHelper();
  if (through) return through.open(request, onData);
  const { stdin, kill, done } = startProcess({ ...request, input: '' }, onData);
  return {
    write: (data) => stdin?.write(data),
    end: () => stdin?.end(),
    kill: () => kill?.(),
    done,
  };
}

/** The helper's process id, when it runs (for tests that stop it). */
export function spawnHelperPid(): number | undefined {
  return helper && !helper.dead ? helper.pid : undefined;
}
