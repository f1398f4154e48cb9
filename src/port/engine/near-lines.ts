// A test hunk whose context is in the target line for line but whose removed lines the old
// branch spells a little otherwise (an anchor `\A` more in a regular expression, a word of a
// message): the hunk replaces those lines, so the place is sure when every context line
// matches and each removed line is within a few characters of the target's. Only for tests:
// in code, the few characters are what the maintainers adapt the fix to.
import type { Hunk } from './hunks.js';
import { looseLine, looseLines } from './lines.js';

export interface NearMatch {
  start: number;
  /** Characters edited across the removed lines that differ. */
  edits: number;
}

/** At most this many characters apart, and at most this share of the line. */
const MAX_EDITS = 3;
const MAX_SHARE = 0.1;
/** Lines shorter than this say too little for a near match. */
const MIN_LENGTH = 20;

/** The one place where the hunk's lines match so; null when none or several. */
export function locateNearRemoved(target: string[], hunk: Hunk, from: number): NearMatch | null {
  const old = hunk.lines.filter((l) => l.op !== '+');
  const context = old.filter((l) => l.op === ' ' && looseLine(l.text) !== '').length;
  if (context < 2 || !old.some((l) => l.op === '-')) return null;
  const keys = old.map((l) => looseLine(l.text));
  const lines = looseLines(target);
  let found: NearMatch | null = null;
  for (let p = from; p + old.length <= lines.length; p++) {
    let edits = 0;
    // The context first: it must be there as it is, and it is cheap to compare.
    let ok = old.every((l, k) => l.op !== ' ' || keys[k] === lines[p + k]);
    for (let k = 0; k < old.length && ok; k++) {
      const theirs = keys[k]!;
      const ours = lines[p + k]!;
      if (old[k]!.op === ' ' || theirs === ours) continue;
      const budget = Math.min(MAX_EDITS, Math.floor(theirs.length * MAX_SHARE));
      const distance = theirs.length < MIN_LENGTH ? null : editDistance(theirs, ours, budget);
      if (distance === null) ok = false;
      else edits += distance;
    }
    if (!ok || edits === 0) continue;
    if (found) return null;
    found = { start: p, edits };
  }
  return found;
}

/**
 * Levenshtein distance between two strings when it is at most `limit`, else null. Written
 * here rather than taken from a library: it runs on a handful of lines that already passed
 * every other check, and stopping at a small limit (the band of the table within it) is what
 * keeps it cheap.
 */
export function editDistance(a: string, b: string, limit: number): number | null {
  if (Math.abs(a.length - b.length) > limit) return null;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = new Array<number>(b.length + 1).fill(limit + 1);
    current[0] = i;
    let best = current[0];
    const lo = Math.max(1, i - limit);
    const hi = Math.min(b.length, i + limit);
    for (let j = lo; j <= hi; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (current[j]! < best) best = current[j]!;
    }
    if (best > limit) return null;
    previous = current;
  }
  const distance = previous[b.length]!;
  return distance <= limit ? distance : null;
}
