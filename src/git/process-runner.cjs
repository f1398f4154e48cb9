// Starts one program and reports how it ended: its output collected (or passed on as it
// comes, for a conversation), killed at its deadline or when its output passes the cap.
// Plain CommonJS because two kinds of caller load it: the spawner (through `createRequire`)
// and the spawn helper, a bare `node` that must start fast and load nothing else.
'use strict';
const { spawn } = require('node:child_process');

/**
 * @param {{ file: string, args: string[], cwd: string, env: object, input?: string | Buffer,
 *   timeoutMs: number, maxOutputBytes?: number }} request
 * @param {(chunk: Buffer) => void} [onData] output as it comes; the input stays open
 * @returns {{ stdin?: import('node:stream').Writable, kill?: () => void, done: Promise<object> }}
 */
function startProcess(request, onData) {
  const empty = Buffer.alloc(0);
  let child;
  try {
    child = spawn(request.file, request.args, {
      cwd: request.cwd,
      env: request.env,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
  } catch (error) {
    const startError = error instanceof Error ? error.message : String(error);
    return {
      done: Promise.resolve({
        code: null,
        stdout: empty,
        stderr: empty,
        timedOut: false,
        startError,
      }),
    };
  }
  const done = new Promise((resolve) => {
    const out = [];
    const err = [];
    let size = 0;
    let timedOut = false;
    let outputLimited = false;
    let settled = false;
    const finish = (result) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, request.timeoutMs);
    const limit = request.maxOutputBytes ?? Infinity;
    const count = (chunk) => {
      size += chunk.length;
      if (size > limit && !outputLimited) {
        outputLimited = true;
        child.kill('SIGKILL');
      }
      return !outputLimited;
    };
    child.stdout.on('data', (chunk) => {
      if (!count(chunk)) return;
      if (onData) onData(chunk);
      else out.push(chunk);
    });
    child.stderr.on('data', (chunk) => {
      if (count(chunk)) err.push(chunk);
    });
    child.on('error', (error) =>
      finish({ code: null, stdout: empty, stderr: empty, timedOut, startError: error.message }),
    );
    child.on('close', (code) =>
      finish({
        code,
        stdout: Buffer.concat(out),
        stderr: Buffer.concat(err),
        timedOut,
        ...(outputLimited ? { outputLimited } : {}),
      }),
    );
  });
  child.stdin.on('error', () => {
    // The program may exit before reading its input (e.g. git on a bad ref).
  });
  if (!onData) child.stdin.end(request.input ?? '');
  // A caller that has read all it needs stops the program (its result says killed: code null).
  return { stdin: child.stdin, kill: () => child.kill('SIGKILL'), done };
}

module.exports = { startProcess };
