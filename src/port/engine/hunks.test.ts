import { describe, expect, it } from 'vitest';
import { diffHunks, newLinesOf, oldLinesOf } from './hunks.js';
import { splitLines } from './lines.js';
import { rollUp } from './roll-up.js';

const numbered = (n: number) => Array.from({ length: n }, (_, i) => `line ${i + 1}\n`).join('');

describe('diffHunks', () => {
  it('cuts far-apart changes into separate hunks with three lines of context', () => {
    const base = numbered(30);
    const result = base
      .replace('line 5\n', 'line five\n')
      .replace('line 25\n', 'line 25\nline 25b\n');
    const hunks = diffHunks(base, result);
    expect(hunks).toHaveLength(2);
    expect(hunks[0]!.oldStart).toBe(1);
    expect(oldLinesOf(hunks[0]!)).toEqual([
      'line 2\n',
      'line 3\n',
      'line 4\n',
      'line 5\n',
      'line 6\n',
      'line 7\n',
      'line 8\n',
    ]);
    expect(newLinesOf(hunks[0]!)[3]).toBe('line five\n');
    expect(hunks[1]!.oldStart).toBe(22);
  });

  it('merges changes closer than twice the context into one hunk', () => {
    const base = numbered(20);
    const result = base.replace('line 5\n', 'x\n').replace('line 10\n', 'y\n');
    expect(diffHunks(base, result)).toHaveLength(1);
  });

  it('keeps line terminators, including CRLF and a missing final newline', () => {
    expect(splitLines('a\r\nb\nc')).toEqual(['a\r\n', 'b\n', 'c']);
    const hunks = diffHunks('a\r\nb\r\n', 'a\r\nb\r\nc');
    expect(hunks[0]!.lines.at(-1)).toEqual({ op: '+', text: 'c' });
  });
});

describe('rollUp', () => {
  it.each([
    [['applied', 'adapted'], 'adapted'],
    [['applied', 'conflict', 'adapted'], 'conflict'],
    [['already-present', 'skipped'], 'already-present'],
    [['already-present', 'applied'], 'applied'],
    [['skipped', 'conflict'], 'conflict'],
  ])('%j → %s', (statuses, expected) => {
    expect(rollUp(statuses)).toBe(expected);
  });
});
