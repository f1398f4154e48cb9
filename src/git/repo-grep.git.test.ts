import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../test/temp.js';
import { classifyPath, NOT_CODE_PATHSPECS } from '../port/classify-path.js';
import { buildRepo } from './recipe.js';
import { GitRepo } from './repo.js';

describe('GitRepo.grepWordFiles', () => {
  it('lists the files holding each word, whole words only, at a commit', async () => {
    const built = await buildRepo(path.join(tempDir(), 'repo'), {
      steps: [
        {
          commit: 'one',
          id: 'one',
          files: {
            'lib/a.js': 'function parseQuery() {}\nparseQueryString();\n',
            'lib/b.js': 'const x = parseQuery();\n',
            'lib/c.py': 'def parseQuery(): pass\n',
            'docs/notes.md': 'parseQuery is documented\n',
          },
        },
        { commit: 'two', files: { 'lib/b.js': 'const x = 1;\n' } },
      ],
    });
    const repo = await GitRepo.open(built.dir);
    const found = await repo.grepWordFiles(built.commits.one!, ['parseQuery', 'absentName']);
    expect(found.get('parseQuery')?.sort()).toEqual([
      'docs/notes.md',
      'lib/a.js',
      'lib/b.js',
      'lib/c.py',
    ]);
    expect(found.get('absentName')).toEqual([]);
    // Only the files the globs name, and only what that commit holds.
    const js = await repo.grepWordFiles('HEAD', ['parseQuery', 'parseQueryString'], ['*.js']);
    expect(js.get('parseQuery')).toEqual(['lib/a.js']);
    expect(js.get('parseQueryString')).toEqual(['lib/a.js']);
  });
});

describe('GitRepo.wordsPresent', () => {
  const many = Array.from({ length: 200 }, (_, i) => `type T${i} = string; // type\n`).join('');

  async function twoCommits() {
    return buildRepo(path.join(tempDir(), 'repo'), {
      steps: [
        {
          commit: 'one',
          id: 'one',
          files: {
            'a.ts': `${many}export function readHeader() {}\n`,
            'b.ts': 'const typed = 1;\ntype Id = string;\nreadHeader();\n',
            'c.py': 'def late_name():\n    pass\n',
          },
        },
        {
          commit: 'two',
          id: 'two',
          files: { 'a.ts': `${many}export function parseHeader() {}\n`, 'b.ts': null },
        },
      ],
    });
  }

  it('says which words a commit holds anywhere, however often each occurs', async () => {
    const built = await twoCommits();
    const repo = await GitRepo.open(built.dir);
    const [one, two] = [built.commits.one!, built.commits.two!];
    const words = ['type', 'readHeader', 'parseHeader', 'late_name', 'typ', 'absentName'];
    const atOne = await repo.wordsPresent(one, words);
    expect([...atOne.present].sort()).toEqual(['late_name', 'readHeader', 'type']);
    expect(atOne.undecided.size).toBe(0);
    const atTwo = await repo.wordsPresent(two, words);
    expect([...atTwo.present].sort()).toEqual(['late_name', 'parseHeader', 'type']);
    // Only the globs' files are searched.
    const ts = await repo.wordsPresent(one, words, ['*.ts']);
    expect([...ts.present].sort()).toEqual(['readHeader', 'type']);
  });

  it('looks again in the files whose matching lines reached the limit, or leaves words open', async () => {
    const built = await twoCommits();
    const repo = await GitRepo.open(built.dir);
    const one = built.commits.one!;
    // a.ts shows only its first line of 200 with "type": readHeader, at its end, needs a
    // second look there.
    const words = ['type', 'readHeader', 'absentName'];
    const again = await repo.wordsPresent(one, words, [], { linesPerFile: 1 });
    expect([...again.present].sort()).toEqual(['readHeader', 'type']);
    expect(again.undecided.size).toBe(0);
    const open = await repo.wordsPresent(one, words, ['a.ts'], {
      linesPerFile: 1,
      maxRecheckedFiles: 0,
    });
    expect([...open.present]).toEqual(['type']);
    expect([...open.undecided].sort()).toEqual(['absentName', 'readHeader']);
  });
});

describe('NOT_CODE_PATHSPECS', () => {
  it('leave out of a git search what classifyPath calls tests, and docs and example folders', async () => {
    const paths = [
      'lib/parser.js',
      'src/latest.js',
      'src/contest.py',
      'src/testdata.go',
      'pkg/Attest/Main.java',
      'test/parser.js',
      'tests/unit/test_parser.py',
      'packages/core/__tests__/parse.ts',
      'src/spec/helper.rb',
      'Testing/helpers.c',
      'lib/parser.test.ts',
      'lib/parser.spec.js',
      'lib/parser-test.js',
      'pkg/url/url_test.go',
      'test_utils.py',
      'src/Test/Helper.java',
      'docs/conf.py',
      'examples/server.js',
      'lib/doc/gen.rb',
    ];
    const built = await buildRepo(path.join(tempDir(), 'repo'), {
      steps: [{ commit: 'all', files: Object.fromEntries(paths.map((p) => [p, 'needle\n'])) }],
    });
    const repo = await GitRepo.open(built.dir);
    const found = await repo.grepWordFiles('HEAD', ['needle'], NOT_CODE_PATHSPECS);
    const kept = paths.filter((p) => classifyPath(p) === 'code');
    expect(found.get('needle')?.sort()).toEqual(kept.sort());
    expect(kept.sort()).toEqual([
      'lib/parser.js',
      'pkg/Attest/Main.java',
      'src/contest.py',
      'src/latest.js',
      'src/testdata.go',
    ]);
  });
});
