import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../test/temp.js';
import { runCommand, sandboxAvailable } from './run-command.js';

// Probed once for the file, as callers are meant to do: the sandbox tests need a working bwrap.
const bwrap = await sandboxAvailable();

/** A node one-liner that exits 0 when it can connect to the port and 3 when it cannot. */
function connectScript(port: number): string[] {
  return [
    'node',
    '-e',
    `require('net').connect(${port}, '127.0.0.1').on('connect', () => process.exit(0)).on('error', () => process.exit(3))`,
  ];
}

/** Whether any process on the machine has exactly this argument in its command line. */
function processWithArg(arg: string): boolean {
  for (const pid of fs.readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      if (cmdline.includes(arg)) return true;
    } catch {
      // The process ended while we looked.
    }
  }
  return false;
}

describe('runCommand without the sandbox', () => {
  it('stops a command that printed its summary but does not exit', async () => {
    const run = await runCommand({
      argv: ['sh', '-c', 'echo "  3 passing (4ms)"; sleep 30'],
      cwd: tempDir(),
      timeoutMs: 20_000,
      sandbox: false,
      settlesOn: /\d+ passing \(/,
      settleGraceMs: 200,
    });
    expect(run).toMatchObject({ timedOut: false, stoppedAfterSummary: true });
    expect(run.durationMs).toBeLessThan(5_000);
    expect(run.stdout).toContain('3 passing');
  });

  it('runs an argv without a shell and reports exit code and output', async () => {
    const dir = tempDir();
    const run = await runCommand({
      argv: ['node', '-e', 'console.log("out $HOME"); console.error("err"); process.exit(4)'],
      cwd: dir,
      timeoutMs: 10_000,
      sandbox: false,
    });
    expect(run).toMatchObject({ exitCode: 4, timedOut: false, sandboxed: false });
    // No shell: `$HOME` reaches node as the literal text.
    expect(run.stdout).toBe('out $HOME\n');
    expect(run.stderr).toBe('err\n');
  });

  it('kills the whole process group at the time limit', async () => {
    const dir = tempDir();
    const marker = `31${process.pid}`;
    const run = await runCommand({
      argv: ['sh', '-c', `sleep ${marker} & sleep ${marker}`],
      cwd: dir,
      timeoutMs: 500,
      sandbox: false,
    });
    expect(run.timedOut).toBe(true);
    expect(run.exitCode).toBeNull();
    expect(run.durationMs).toBeLessThan(5_000);
    expect(processWithArg(marker)).toBe(false);
  });

  it('keeps only the end of a long output', async () => {
    const dir = tempDir();
    const run = await runCommand({
      argv: ['node', '-e', 'for (let i = 0; i < 20000; i++) console.log("line " + i)'],
      cwd: dir,
      timeoutMs: 10_000,
      sandbox: false,
      maxOutputBytes: 1000,
    });
    expect(run.outputTruncated).toBe(true);
    expect(Buffer.byteLength(run.stdout)).toBeLessThanOrEqual(1000);
    expect(run.stdout.endsWith('line 19999\n')).toBe(true);
  });

  it('reports a program that is not installed as a start error, not a throw', async () => {
    const run = await runCommand({
      argv: ['retrofit-no-such-program'],
      cwd: tempDir(),
      timeoutMs: 10_000,
      sandbox: false,
    });
    expect(run.exitCode).toBeNull();
    expect(run.startError).toMatch(/ENOENT/);
  });

  it('hides credentials from the command', async () => {
    const run = await runCommand({
      argv: ['sh', '-c', 'echo "[$GITHUB_TOKEN][$CI]"'],
      cwd: tempDir(),
      timeoutMs: 10_000,
      sandbox: false,
      env: {},
    });
    expect(run.stdout).toBe('[][true]\n');
  });
});

describe.skipIf(!bwrap)('runCommand in the bubblewrap sandbox', () => {
  const server = net.createServer((socket) => socket.end());
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('cannot reach a TCP server on 127.0.0.1 that the same command reaches unconfined', async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as net.AddressInfo;
    const dir = tempDir();
    const open = await runCommand({
      argv: connectScript(port),
      cwd: dir,
      timeoutMs: 10_000,
      sandbox: false,
    });
    const boxed = await runCommand({
      argv: connectScript(port),
      cwd: dir,
      timeoutMs: 10_000,
      sandbox: true,
    });
    expect(open.exitCode).toBe(0);
    expect(boxed).toMatchObject({ exitCode: 3, sandboxed: true });
  });

  it('writes in the worktree but nowhere else', async () => {
    const worktree = tempDir();
    // /var/tmp is on the read-only root inside the sandbox (unlike /tmp, which is private).
    const outside = fs.mkdtempSync('/var/tmp/retrofit-test-');
    const hostTmp = tempDir();
    try {
      const run = await runCommand({
        argv: [
          'sh',
          '-c',
          [
            'echo ok > inside.txt',
            `echo leak > ${hostTmp}/leak.txt`,
            `echo bad > ${outside}/escape.txt; echo "outside=$?"`,
            'echo home > "$HOME/h.txt"; echo "home=$?"',
          ].join('; '),
        ],
        cwd: worktree,
        timeoutMs: 10_000,
        sandbox: true,
      });
      expect(run.stdout).toMatch(/outside=[1-9]/);
      expect(run.stdout).toContain('home=0');
      expect(run.stderr).toMatch(/Read-only file system/);
      expect(fs.readFileSync(path.join(worktree, 'inside.txt'), 'utf8')).toBe('ok\n');
      expect(fs.existsSync(path.join(outside, 'escape.txt'))).toBe(false);
      // The sandbox's /tmp is its own: a write there never reaches the host's /tmp.
      expect(fs.existsSync(path.join(hostTmp, 'leak.txt'))).toBe(false);
    } finally {
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });

  it('kills a hanging command and everything it started at the time limit', async () => {
    const marker = `32${process.pid}`;
    const run = await runCommand({
      argv: ['sh', '-c', `sleep ${marker} & sleep ${marker}`],
      cwd: tempDir(),
      timeoutMs: 500,
      sandbox: true,
    });
    expect(run).toMatchObject({ timedOut: true, exitCode: null, sandboxed: true });
    // The pid namespace dies with bwrap; give the kernel a moment to reap it.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(processWithArg(marker)).toBe(false);
  });
});
