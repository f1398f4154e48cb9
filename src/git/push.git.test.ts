import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../test/temp.js';
import { CleanupScope } from '../cleanup.js';
import { pushBranch, redactUrl } from './push.js';
import { buildRepo } from './recipe.js';
import { GitRepo } from './repo.js';
import { runGit } from './run-git.js';

/** A recipe repository with a real bare repository on disk as its `origin`. */
async function withRemote() {
  const root = tempDir();
  const built = await buildRepo(path.join(root, 'work'), {
    steps: [
      { commit: 'one', id: 'one', files: { 'a.txt': '1\n' } },
      { commit: 'two', id: 'two', files: { 'a.txt': '2\n' } },
    ],
  });
  const remoteDir = path.join(root, 'origin.git');
  await runGit(['init', '--quiet', '--bare', '--template=', remoteDir], { cwd: root });
  const repo = await GitRepo.open(built.dir);
  await repo.run(['remote', 'add', 'origin', remoteDir]);
  return { root, repo, remoteDir, commits: built.commits };
}

async function remoteRefs(remoteDir: string): Promise<string> {
  return (await runGit(['for-each-ref', '--format=%(refname) %(objectname)'], { cwd: remoteDir }))
    .stdout;
}

describe('pushBranch to a local bare repository', () => {
  it('creates the branch on the remote at the commit, and touches nothing local', async () => {
    const { repo, remoteDir, commits } = await withRemote();
    const scope = new CleanupScope();
    const localRefs = (await repo.run(['for-each-ref'])).stdout;
    const result = await pushBranch({
      repo,
      remote: 'origin',
      commit: commits.two!,
      branch: 'retrofit/CVE-2026-0001/v1.x',
      scope,
    });
    expect(result).toEqual({
      remote: 'origin',
      url: remoteDir,
      branch: 'retrofit/CVE-2026-0001/v1.x',
      commit: commits.two,
      status: 'created',
    });
    expect(await remoteRefs(remoteDir)).toBe(
      `refs/heads/retrofit/CVE-2026-0001/v1.x ${commits.two}\n`,
    );
    expect((await repo.run(['for-each-ref'])).stdout).toBe(localRefs);
    expect(scope.size).toBe(0);

    // Again: already there at that commit, nothing to do.
    const again = await pushBranch({
      repo,
      remote: 'origin',
      commit: commits.two!,
      branch: 'retrofit/CVE-2026-0001/v1.x',
      scope,
    });
    expect(again.status).toBe('up-to-date');
  });

  it('never moves a remote branch that points elsewhere, even forward', async () => {
    const { repo, remoteDir, commits } = await withRemote();
    const scope = new CleanupScope();
    await pushBranch({ repo, remote: 'origin', commit: commits.one!, branch: 'b', scope });
    await expect(
      pushBranch({ repo, remote: 'origin', commit: commits.two!, branch: 'b', scope }),
    ).rejects.toMatchObject({ code: 'branch-exists' });
    expect(await remoteRefs(remoteDir)).toBe(`refs/heads/b ${commits.one}\n`);
  });

  it('refuses an unknown remote as a usage error', async () => {
    const { repo, commits } = await withRemote();
    await expect(
      pushBranch({
        repo,
        remote: 'upstream',
        commit: commits.two!,
        branch: 'b',
        scope: new CleanupScope(),
      }),
    ).rejects.toMatchObject({
      code: 'usage',
      message: expect.stringMatching(/upstream is not a remote/),
    });
  });

  it("ignores the repository's own receivepack and hooks: they could run any program", async () => {
    const { root, repo, remoteDir, commits } = await withRemote();
    const marker = path.join(root, 'ran');
    const evil = path.join(root, 'evil.sh');
    fs.writeFileSync(evil, `#!/bin/sh\ntouch ${marker}\nexec git-receive-pack "$@"\n`, {
      mode: 0o755,
    });
    await repo.run(['config', 'remote.origin.receivepack', evil]);
    await repo.run(['config', 'core.sshCommand', evil]);
    fs.mkdirSync(path.join(repo.dir, '.git', 'hooks'), { recursive: true });
    fs.writeFileSync(
      path.join(repo.dir, '.git', 'hooks', 'pre-push'),
      `#!/bin/sh\ntouch ${marker}\n`,
      {
        mode: 0o755,
      },
    );
    // A plain `git push origin`, even with our safety flags, does run it: the test can fail.
    await runGit(['push', '--quiet', 'origin', `${commits.one}:refs/heads/control`], {
      cwd: repo.dir,
    });
    expect(fs.existsSync(marker)).toBe(true);
    fs.rmSync(marker);

    await pushBranch({
      repo,
      remote: 'origin',
      commit: commits.two!,
      branch: 'b',
      scope: new CleanupScope(),
    });
    expect(fs.existsSync(marker)).toBe(false);
    expect(await remoteRefs(remoteDir)).toContain(`refs/heads/b ${commits.two}`);
  });
});

describe('redactUrl', () => {
  it('drops credentials from URLs that end up in reports', () => {
    expect(redactUrl('https://x-access-token:ghp_secret@github.com/o/r.git')).toBe(
      'https://github.com/o/r.git',
    );
    expect(redactUrl('git@github.com:o/r.git')).toBe('git@github.com:o/r.git');
  });
});
