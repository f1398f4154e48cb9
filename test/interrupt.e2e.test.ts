// Ctrl-C in the middle of a backport: the process stops and its temporary worktrees go.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildRepo } from '../src/git/recipe.js';
import { runCli } from './cli.js';
import { tempDir } from './temp.js';

const bin = new URL('../bin/retrofit.js', import.meta.url).pathname;

describe('interrupting retrofit run (the built CLI, in a child process)', () => {
  it('removes its temporary worktrees on SIGINT and exits 130', async () => {
    const root = tempDir();
    const built = await buildRepo(path.join(root, 'repo'), {
      steps: [
        {
          commit: 'base',
          files: { 'package.json': '{"name":"p","version":"1.0.0"}\n', 'a.js': 'a\n' },
        },
        { branch: 'v1' },
        { checkout: 'main' },
        { commit: 'fix', id: 'fix', files: { 'a.js': 'b\n' } },
      ],
    });
    const advisory = path.join(root, 'adv.json');
    fs.writeFileSync(
      advisory,
      JSON.stringify({
        id: 'GHSA-aaaa-bbbb-cccc',
        modified: '2026-01-01T00:00:00Z',
        affected: [
          {
            package: { ecosystem: 'npm', name: 'p' },
            ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '2.0.0' }] }],
          },
        ],
        references: [{ type: 'FIX', url: `https://github.com/o/p/commit/${built.commits.fix}` }],
      }),
    );
    const db = path.join(root, 'db.sqlite');
    expect((await runCli(['advisories', 'import', advisory, '--db', db])).code).toBe(0);
    const tmp = tempDir();
    const marker = String(process.pid) + String(Date.now() % 100000);
    const child = spawn(
      process.execPath,
      [
        bin,
        'run',
        'GHSA-aaaa-bbbb-cccc',
        '--repo',
        built.dir,
        '--onto',
        'v1',
        '--no-sandbox',
        '--test-command',
        'sleep 30',
        '--db',
        db,
      ],
      { env: { ...process.env, TMPDIR: tmp }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    // Wait until the tests are running inside a worktree, then interrupt.
    const deadline = Date.now() + 20_000;
    while (!stderr.includes('verify: running') && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 100));
    expect(fs.readdirSync(tmp).some((d) => d.startsWith('retrofit-wt-'))).toBe(true);
    child.kill('SIGINT');
    const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    expect(code).toBe(130);
    expect(stderr).toContain('interrupted');
    expect(fs.readdirSync(tmp).filter((d) => d.startsWith('retrofit-'))).toEqual([]);
    // The test command it was running went with it.
    await new Promise((r) => setTimeout(r, 300));
    expect(processAlive(marker)).toBe(false);
  });
});

/** Whether a process whose command line contains `sleep 30.<marker>` still runs. */
function processAlive(marker: string): boolean {
  for (const pid of fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      if (fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(`30.${marker}`)) return true;
    } catch {
      // Gone while we looked.
    }
  }
  return false;
}
