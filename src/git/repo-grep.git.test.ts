import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../test/temp.js';
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
  it('says which words a commit holds anywhere, however often each occurs', async () => {
    const many = Array.from({ length: 200 }, (_, i) => `type T${i} = string; // type\n`).join('');
    const built = await buildRepo(path.join(tempDir(), 'repo'), {
      steps: [
        {
          commit: 'one',
          files: {
            'a.ts': `${many}export function readHeader() {}\n`,
            'b.ts': 'const typed = 1;\ntype Id = string;\nreadHeader();\n',
            'c.py': 'def late_name():\n    pass\n',
          },
        },
      ],
    });
    const repo = await GitRepo.open(built.dir);
    const present = await repo.wordsPresent('HEAD', [
      'type',
      'readHeader',
      'late_name',
      'typ',
      'absentName',
    ]);
    expect([...present.present].sort()).toEqual(['late_name', 'readHeader', 'type']);
    expect(present.undecided.size).toBe(0);
    // Each pass takes the first matching line of each file; one pass leaves the rest open.
    const once = await repo.wordsPresent('HEAD', ['type', 'readHeader', 'absentName'], [], 1);
    expect([...once.present]).toEqual(['type']);
    expect([...once.undecided].sort()).toEqual(['absentName', 'readHeader']);
  });
});
