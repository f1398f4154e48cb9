import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { openProcess, runProcess, spawnHelperPid } from './spawner.js';

const request = (
  file: string,
  args: string[],
  extra: { input?: string; timeoutMs?: number; maxOutputBytes?: number } = {},
) => ({
  file,
  args,
  cwd: process.cwd(),
  env: process.env,
  input: extra.input ?? '',
  timeoutMs: extra.timeoutMs ?? 10_000,
  maxOutputBytes: extra.maxOutputBytes,
});

/** A program that would print forever, capped at 1 MB: stopped, what came before kept. */
async function capped(): Promise<void> {
  const endless = await runProcess(request('cat', ['/dev/zero'], { maxOutputBytes: 1_000_000 }));
  expect(endless.outputLimited).toBe(true);
  expect(endless.code).toBeNull();
  expect(endless.stdout.length).toBeGreaterThan(0);
  expect(endless.stdout.length).toBeLessThanOrEqual(1_000_000);
}

/** A conversation with `cat`: each line comes back before the next is sent. */
async function converse(): Promise<{ replies: string[]; code: number | null }> {
  let received = '';
  let wake: () => void = () => undefined;
  const stream = openProcess(
    { file: 'cat', args: [], cwd: process.cwd(), env: process.env, timeoutMs: 10_000 },
    (chunk) => {
      received += chunk.toString();
      wake();
    },
  );
  const replies: string[] = [];
  for (const line of ['first\n', 'second\n']) {
    const before = received.length;
    stream.write(line);
    while (received.length < before + line.length)
      await new Promise<void>((resolve) => (wake = resolve));
    replies.push(received.slice(before));
  }
  stream.end();
  const done = await stream.done;
  return { replies, code: done.code };
}

/** A program that would print forever, stopped by its reader after the first chunk. */
async function stopEarly(): Promise<void> {
  let chunks = 0;
  const stream = openProcess(
    { file: 'cat', args: ['/dev/zero'], cwd: process.cwd(), env: process.env, timeoutMs: 10_000 },
    () => {
      if (++chunks === 1) stream.kill();
    },
  );
  const done = await stream.done;
  expect(done.code).toBeNull();
  expect(done.timedOut).toBe(false);
  expect(chunks).toBeGreaterThan(0);
}

describe('runProcess (through the helper process)', () => {
  it('returns what the program wrote and how it exited, and feeds it its input', async () => {
    const echoed = await runProcess(
      request('sh', ['-c', 'cat; echo oops >&2; exit 3'], { input: 'hello\n' }),
    );
    expect(echoed).toMatchObject({ code: 3, timedOut: false });
    expect(echoed.stdout.toString()).toBe('hello\n');
    expect(echoed.stderr.toString()).toBe('oops\n');
    expect(spawnHelperPid()).toBeGreaterThan(0);
    // Megabytes of output come back whole.
    const big = await runProcess(request('head', ['-c', '5000000', '/dev/zero']));
    expect(big.stdout.length).toBe(5_000_000);
  });

  it('kills a program that outlives its timeout, and says when one cannot start', async () => {
    const started = Date.now();
    const slow = await runProcess(request('sleep', ['20'], { timeoutMs: 200 }));
    expect(slow.timedOut).toBe(true);
    expect(Date.now() - started).toBeLessThan(5_000);
    const missing = await runProcess(request('retrofit-no-such-program', []));
    expect(missing.startError).toMatch(/ENOENT/);
  });

  it('stops a program whose output passes the cap', async () => {
    await capped();
    const small = await runProcess(request('echo', ['fits'], { maxOutputBytes: 1_000 }));
    expect(small).toMatchObject({ code: 0 });
    expect(small.outputLimited).toBeUndefined();
  });

  it('holds a conversation with a program that stays up until its input ends', async () => {
    expect(await converse()).toEqual({ replies: ['first\n', 'second\n'], code: 0 });
    expect(spawnHelperPid()).toBeGreaterThan(0);
  });

  it('stops a program its reader has heard enough from', async () => {
    await stopEarly();
    expect(spawnHelperPid()).toBeGreaterThan(0);
  });

  it('fails the requests a stopped helper owed, then starts processes itself', async () => {
    await runProcess(request('true', []));
    const pid = spawnHelperPid()!;
    const owed = runProcess(request('sleep', ['5']));
    process.kill(pid, 'SIGKILL');
    await expect(owed).rejects.toThrow(/stopped/);
    expect(spawnHelperPid()).toBeUndefined();
    const after = await runProcess(request('sh', ['-c', 'echo direct']));
    expect(after.stdout.toString()).toBe('direct\n');
    expect(await converse()).toEqual({ replies: ['first\n', 'second\n'], code: 0 });
    await capped();
    await stopEarly();
  });

  it('never keeps a finished program running', () => {
    // A fresh Node that runs git through the helper must exit on its own, promptly.
    const spawner = new URL('../../dist/git/spawner.js', import.meta.url).href;
    const script = `const { runProcess } = await import(${JSON.stringify(spawner)});
const run = await runProcess({ file: 'git', args: ['--version'], cwd: '/', env: process.env, input: '', timeoutMs: 10000 });
console.log(run.stdout.toString().trim());`;
    const started = Date.now();
    const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      encoding: 'utf8',
      timeout: 15_000,
    });
    expect(child.status).toBe(0);
    expect(child.stdout).toMatch(/^git version /);
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});
