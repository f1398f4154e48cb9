import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../../test/temp.js';
import { buildRepo } from '../../git/recipe.js';
import { runGit } from '../../git/run-git.js';
import { parsePatch } from './parse-patch.js';

const fixture = (name: string) =>
  fs.readFileSync(new URL(`../../../test/fixtures/patches/${name}`, import.meta.url), 'utf8');

describe('parsePatch on real patches', () => {
  it("reads ws's security fix as git format-patch wrote it", () => {
    const patch = parsePatch(fixture('ws-e55e5106.patch'), 'ws-e55e5106.patch');
    expect(patch.subject).toBe(
      '[security] Fix crash when the Upgrade header cannot be read (#2231)',
    );
    expect(patch.files.map((f) => [f.oldPath, f.status])).toEqual([
      ['lib/websocket-server.js', 'modified'],
      ['lib/websocket.js', 'modified'],
      ['test/websocket-server.test.js', 'modified'],
      ['test/websocket.test.js', 'modified'],
    ]);
    const hunk = patch.files[0]!.hunks[0]!;
    expect(hunk.lines.some((l) => l.op === '+' && l.text.endsWith('\n'))).toBe(true);
  });

  it('reads what git writes for renames, copies, modes, binaries, CRLF and a missing final newline', async () => {
    const built = await buildRepo(path.join(tempDir(), 'repo'), {
      steps: [
        {
          commit: 'base',
          files: {
            'old/name.js': 'a\nb\nc\nd\ne\nf\ng\n',
            'crlf.txt': 'one\r\ntwo\r\nthree\r\n',
            'tail.txt': 'x\ny',
            'img.bin': 'GIF89a\0\x01',
            'gone.txt': 'bye\n',
            'run.sh': 'echo hi\n',
          },
        },
        {
          commit: 'change',
          files: {
            'old/name.js': null,
            'new/name.js': 'a\nb\nc\nD\ne\nf\ng\n',
            'crlf.txt': 'one\r\nTWO\r\nthree\r\n',
            'tail.txt': 'x\nz',
            'img.bin': 'GIF89a\0\x02',
            'gone.txt': null,
            'added.txt': 'new\n',
          },
        },
      ],
    });
    await runGit(['update-index', '--chmod=+x', 'run.sh'], { cwd: built.dir });
    await runGit(['-c', 'user.name=a', '-c', 'user.email=a@example.org', 'commit', '-qm', 'mode'], {
      cwd: built.dir,
    });
    const text = (await runGit(['diff', '-M', 'HEAD~2', 'HEAD'], { cwd: built.dir })).stdout;
    const files = parsePatch(text, 'git-diff.patch').files;
    const by = (p: string) => files.find((f) => f.newPath === p || f.oldPath === p)!;
    expect(by('new/name.js')).toMatchObject({ oldPath: 'old/name.js', status: 'renamed' });
    expect(by('new/name.js').hunks[0]!.lines).toContainEqual({ op: '+', text: 'D\n' });
    expect(by('crlf.txt').hunks[0]!.lines).toContainEqual({ op: '+', text: 'TWO\r\n' });
    expect(by('tail.txt').hunks[0]!.lines).toEqual([
      { op: ' ', text: 'x\n' },
      { op: '-', text: 'y' },
      { op: '+', text: 'z' },
    ]);
    expect(by('img.bin')).toMatchObject({ binary: true, hunks: [] });
    expect(by('gone.txt')).toMatchObject({ status: 'deleted', newPath: null });
    expect(by('added.txt')).toMatchObject({ status: 'added', oldPath: null });
    expect(by('run.sh')).toMatchObject({ oldMode: '100644', newMode: '100755', hunks: [] });
  });

  it('reads a plain unified diff (diff -u)', () => {
    const text = [
      '--- lib/a.js\t2024-01-01 00:00:00',
      '+++ lib/a.js\t2024-01-02 00:00:00',
      '@@ -1,2 +1,2 @@',
      ' keep',
      '-old',
      '+new',
      '',
    ].join('\n');
    expect(parsePatch(text, 'plain.diff').files).toEqual([
      {
        oldPath: 'lib/a.js',
        newPath: 'lib/a.js',
        status: 'modified',
        binary: false,
        hunks: [
          {
            oldStart: 0,
            lines: [
              { op: ' ', text: 'keep\n' },
              { op: '-', text: 'old\n' },
              { op: '+', text: 'new\n' },
            ],
          },
        ],
      },
    ]);
  });
});

describe('parsePatch on malformed patches', () => {
  it.each([
    [
      'a short hunk',
      '--- a/x\n+++ b/x\n@@ -1,3 +1,3 @@\n a\n-b\n+c\n',
      /bad\.patch:6: the hunk ends early/,
    ],
    [
      'a stray line inside a hunk',
      '--- a/x\n+++ b/x\n@@ -1,2 +1,2 @@\n a\n*b\n',
      /bad\.patch:5: unexpected line in a hunk/,
    ],
    [
      'a hunk without a file',
      '@@ -1 +1 @@\n-a\n+b\n',
      /bad\.patch:1: a hunk before any file header/,
    ],
    ['no change at all', 'Just some text\n', /bad\.patch:1: no file changes found/],
  ])('names the line of %s', (_name, text, message) => {
    expect(() => parsePatch(text, 'bad.patch')).toThrow(message);
    try {
      parsePatch(text, 'bad.patch');
    } catch (error) {
      expect(error).toMatchObject({ code: 'invalid-patch' });
    }
  });
});
