import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../test/temp.js';
import { ObjectReader } from './object-reader.js';
import { buildRepo } from './recipe.js';
import { GitRepo } from './repo.js';
import { runGit } from './run-git.js';

async function history() {
  const built = await buildRepo(path.join(tempDir(), 'repo'), {
    steps: [
      {
        commit: 'base',
        id: 'base',
        files: {
          'README.md': 'hello\n',
          'lib/a.js': 'a\n',
          'lib/deep/b.js': 'b\n',
          'lib/deep/c.js': 'c\n',
          'lib.js': 'top\n',
          'tools/run.sh': 'echo run\n',
          'old/gone.js': 'gone\n',
        },
      },
      {
        commit: 'edits',
        id: 'edits',
        files: {
          'lib/deep/b.js': 'b2\n',
          'lib/new/d.js': 'd\n',
          'lib/new/e/f.js': 'f\n',
          'lib-extra.js': 'extra\n',
        },
      },
      { commit: 'deletes', id: 'deletes', files: { 'old/gone.js': null } },
      {
        commit: 'rename',
        id: 'rename',
        files: { 'lib/a.js': null, 'lib/moved-a.js': 'a\n' },
      },
    ],
  });
  // A mode change only: same content, executable now.
  const git = (args: string[]) => runGit(args, { cwd: built.dir });
  await git(['update-index', '--chmod=+x', 'tools/run.sh']);
  await git(['commit', '--quiet', '-m', 'mode']);
  const mode = (await git(['rev-parse', 'HEAD'])).stdout.trim();
  return { dir: built.dir, commits: { ...built.commits, mode } };
}

describe('ObjectReader', () => {
  it('lists changed files as git diff-tree does, renames included', async () => {
    const built = await history();
    const repo = await GitRepo.open(built.dir);
    const reader = new ObjectReader(repo);
    try {
      const { base, edits, deletes, rename, mode } = built.commits as Record<string, string>;
      const pairs: Array<[string, string]> = [
        [base!, edits!],
        [edits!, deletes!],
        [deletes!, rename!],
        [rename!, mode!],
        [base!, mode!],
        [mode!, base!],
        [edits!, edits!],
      ];
      for (const [from, to] of pairs)
        expect(await reader.changedBetween(from, to)).toEqual(await repo.changedBetween(from, to));
      // The tree comparison itself, where no rename is possible: new folders listed file by
      // file, in git's order (`lib-extra.js` before `lib/…`, `lib.js` after them).
      expect(await reader.changedBetween(base!, edits!)).toEqual([
        { status: 'A', path: 'lib-extra.js' },
        { status: 'M', path: 'lib/deep/b.js' },
        { status: 'A', path: 'lib/new/d.js' },
        { status: 'A', path: 'lib/new/e/f.js' },
      ]);
      expect(await reader.changedBetween(rename!, mode!)).toEqual([
        { status: 'M', path: 'tools/run.sh' },
      ]);
      // A rename found by git's similarity search.
      expect(await reader.changedBetween(deletes!, rename!)).toEqual([
        { status: 'R', oldPath: 'lib/a.js', path: 'lib/moved-a.js' },
      ]);
    } finally {
      reader.close();
    }
  });

  it('reads many blobs from one process, in order, big ones whole, missing ones as null', async () => {
    const dir = path.join(tempDir(), 'blobs');
    // 3 MB: many chunks on the way back.
    const big = Array.from({ length: 60_000 }, (_, i) => `line ${i} ${'x'.repeat(40)}`).join('\n');
    const built = await buildRepo(dir, {
      steps: [{ commit: 'one', id: 'one', files: { 'big.txt': big, 'small.txt': 'small\n' } }],
    });
    const repo = await GitRepo.open(built.dir);
    const reader = new ObjectReader(repo);
    try {
      const one = built.commits.one!;
      const [first, second] = await Promise.all([
        reader.readBlobs([`${one}:small.txt`, `${one}:absent.txt`, `${one}:big.txt`]),
        reader.readBlobs([`${one}:big.txt`, 'no-such-ref:small.txt', `${one}:small.txt`]),
      ]);
      expect(first.map((b) => b?.toString())).toEqual(['small\n', undefined, big]);
      expect(second.map((b) => b?.toString())).toEqual([big, undefined, 'small\n']);
      // A tree is not a blob.
      expect(await reader.readBlobs([`${one}^{tree}`])).toEqual([null]);
    } finally {
      reader.close();
    }
    await expect(reader.readBlobs([`HEAD:small.txt`])).rejects.toThrow(/closed/);
  });

  it('tells sizes without reading, between reads, paths with spaces too', async () => {
    const built = await buildRepo(path.join(tempDir(), 'repo'), {
      steps: [{ commit: 'one', files: { 'a b.txt': 'spaced\n', 'big.txt': 'x'.repeat(70_000) } }],
    });
    const reader = new ObjectReader(await GitRepo.open(built.dir));
    try {
      const [sizes, blobs] = await Promise.all([
        reader.info(['HEAD:big.txt', 'HEAD:absent.txt', 'HEAD:a b.txt']),
        reader.readBlobs(['HEAD:a b.txt', 'HEAD:big.txt']),
      ]);
      expect(sizes.map((i) => i && { type: i.type, size: i.size })).toEqual([
        { type: 'blob', size: 70_000 },
        null,
        { type: 'blob', size: 7 },
      ]);
      expect(blobs.map((b) => b?.length)).toEqual([7, 70_000]);
    } finally {
      reader.close();
    }
  });

  it('names the commits it cannot read', async () => {
    const dir = path.join(tempDir(), 'broken');
    const built = await buildRepo(dir, {
      steps: [{ commit: 'one', id: 'one', files: { 'a.txt': 'a\n' } }],
    });
    const repo = await GitRepo.open(built.dir);
    const reader = new ObjectReader(repo);
    await expect(reader.changedBetween('no-such-branch', 'HEAD')).rejects.toThrow(
      /no-such-branch or HEAD names no tree here/,
    );
    reader.close();
    // The repository is gone before git starts: git's own words.
    fs.rmSync(path.join(built.dir, '.git'), { recursive: true, force: true });
    const orphan = new ObjectReader(repo);
    await expect(orphan.changedBetween('HEAD', 'HEAD~0')).rejects.toThrow(
      /git cat-file --batch-command ended: fatal: not a git repository/,
    );
    orphan.close();
  });
  it('lists the files under a folder at any depth, and gives up past a limit', async () => {
    const built = await history();
    const repo = await GitRepo.open(built.dir);
    const reader = new ObjectReader(repo);
    try {
      const { edits } = built.commits as Record<string, string>;
      const listed = await reader.filesUnder(edits!, 'lib', 10);
      expect(listed?.map((f) => f.path).sort()).toEqual([
        'lib/a.js',
        'lib/deep/b.js',
        'lib/deep/c.js',
        'lib/new/d.js',
        'lib/new/e/f.js',
      ]);
      const [blob] = await reader.readBlobs([listed!.find((f) => f.path === 'lib/deep/b.js')!.oid]);
      expect(blob?.toString()).toBe('b2\n');
      expect(await reader.filesUnder(edits!, 'lib', 4)).toBeNull();
      expect(await reader.filesUnder(edits!, 'nowhere', 10)).toBeNull();
      expect(await reader.filesUnder(edits!, 'lib.js', 10)).toBeNull();
    } finally {
      reader.close();
    }
  });
});
