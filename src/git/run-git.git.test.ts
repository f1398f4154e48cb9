import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../test/temp.js';
import { buildRepo } from './recipe.js';
import { runGit } from './run-git.js';

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
