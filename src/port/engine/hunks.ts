// The hunks of a change between two versions of a file (the upstream base and result), with
// three lines of context, computed on terminator-preserving lines.
import { diffArrays } from 'diff';
import { splitLines } from './lines.js';

export type HunkLine = { op: ' ' | '-' | '+'; text: string };

export interface Hunk {
  /** Index of the hunk's first old line in the base. */
  oldStart: number;
  lines: HunkLine[];
}

export function oldLinesOf(hunk: Hunk): string[] {
  return hunk.lines.filter((l) => l.op !== '+').map((l) => l.text);
}

export function newLinesOf(hunk: Hunk): string[] {
  return hunk.lines.filter((l) => l.op !== '-').map((l) => l.text);
}

export function diffHunks(base: string, result: string, context = 3): Hunk[] {
  const a = splitLines(base);
  const b = splitLines(result);
  // A flat list of line operations, then cut into hunks around the changes.
  const ops: HunkLine[] = [];
  for (const part of diffArrays(a, b)) {
    const op = part.added ? '+' : part.removed ? '-' : ' ';
    for (const text of part.value) ops.push({ op, text });
  }
  const hunks: Hunk[] = [];
  let oldIndex = 0;
  let i = 0;
  while (i < ops.length) {
    if (ops[i]!.op === ' ') {
      oldIndex++;
      i++;
      continue;
    }
    // Start: up to `context` lines back. End: extend while changes are within 2*context.
    const start = Math.max(0, backToContext(ops, i, context));
    let end = i;
    let lastChange = i;
    while (end < ops.length) {
      if (ops[end]!.op !== ' ') lastChange = end;
      else if (end - lastChange > 2 * context) break;
      end++;
    }
    const stop = Math.min(ops.length, lastChange + context + 1);
    const lines = ops.slice(start, stop);
    const leading = i - start;
    hunks.push({ oldStart: oldIndex - leading, lines });
    for (let k = i; k < stop; k++) if (ops[k]!.op !== '+') oldIndex++;
    i = stop;
  }
  return hunks;
}

function backToContext(ops: HunkLine[], index: number, context: number): number {
  let start = index;
  let taken = 0;
  while (start > 0 && taken < context && ops[start - 1]!.op === ' ') {
    start--;
    taken++;
  }
  return start;
}
