import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../test/temp.js';
import { buildRepo } from './recipe.js';
import { runGit, runGitUntil } from './run-git.js';

describe('runGit', () => {
  it('stops a command whose output passes the cap, and says so', async () => {
    const built = await buildRepo(path.join(tempDir(), 'repo'), {
      steps: [{ commit: 'big file', files: { 'big.txt': 'x'.repeat(200_000) } }],
    });
    const whole = await runGit(['cat-file', '-p', 'HEAD:big.txt'], { cwd: built.dir });
    expect(whole.stdout).toHaveLength(200_000);
    await expect(
      runGit(['cat-file', '-p', 'HEAD:big.txt'], { cwd: built.dir, maxOutputBytes: 10_000 }),
    ).rejects.toThrow('git cat-file printed more than 10000 bytes and was stopped');
  });
});

describe('runGitUntil', () => {
  it('passes the output on as it comes and stops git once the reader has enough', async () => {
    const built = await buildRepo(path.join(tempDir(), 'repo'), {
      steps: [{ commit: 'big file', files: { 'big.txt': 'x'.repeat(8_000_000) } }],
    });
    let read = 0;
    const stopped = await runGitUntil(
      ['cat-file', '-p', 'HEAD:big.txt'],
      { cwd: built.dir },
      (chunk) => {
        read += chunk.length;
        return true;
      },
    );
    expect(stopped.stopped).toBe(true);
    expect(read).toBeGreaterThan(0);
    expect(read).toBeLessThan(8_000_000);
    let whole = 0;
    const all = await runGitUntil(
      ['cat-file', '-p', 'HEAD:big.txt'],
      { cwd: built.dir },
      (chunk) => {
        whole += chunk.length;
        return false;
      },
    );
    expect(all).toEqual({ exitCode: 0, stopped: false });
    expect(whole).toBe(8_000_000);
    // A failure it did not ask for is an error, as from runGit.
    await expect(
      runGitUntil(['cat-file', '-p', 'HEAD:absent.txt'], { cwd: built.dir }, () => false),
    ).rejects.toThrow('git cat-file failed (exit 128)');
  });
});
