// A second opinion on a place found with outer context ignored: do the lines around it in the
// target follow the lines around the hunk in the base? The hunk's own context is only three
// lines on each side, and fuzz drops some of them; a dozen lines further out, compared in
// order (a longest common subsequence, as a three-way merge aligns), tell a place that is the
// same spot in drifted code from a look-alike elsewhere in the file.
import { diffArrays } from 'diff';
import type { Hunk } from './hunks.js';
import { looseLines } from './lines.js';

/** How far out from the hunk the base is read, and how much more room the target gets. */
const REACH = 12;
const SLACK = 12;
/** A line counts as evidence only when it says something: not a brace, a blank, an `end`. */
const DISTINCTIVE = /[A-Za-z0-9_$]{3}/;

export interface Surroundings {
  /** Distinctive lines around the hunk in the base that the target has around the place. */
  agreeing: number;
  /** Of those, how many are above the hunk and how many below it. */
  above: number;
  below: number;
}

/**
 * Whether the target lines around `start` (where the hunk's old lines from `keepFrom` to
 * `keepTo`, by index among its old lines, were matched) correspond to the base lines around
 * the hunk. Null when the correspondence puts the hunk's own lines elsewhere.
 */
export function surroundingsAgree(
  base: readonly string[],
  target: readonly string[],
  hunk: Hunk,
  keep: { from: number; to: number },
  start: number,
): Surroundings | null {
  const oldCount = hunk.lines.filter((l) => l.op !== '+').length;
  const pairs = Array.from({ length: oldCount }, (_, i) =>
    i >= keep.from && i < keep.to ? start + i - keep.from : -1,
  );
  return pairedSurroundingsAgree(base, target, hunk, pairs);
}

/**
 * The same for a hunk whose old lines were paired with target lines one by one (an alignment:
 * `pairs[i]` is the target line of old line `i`, or -1), with target lines of its own between.
 */
export function pairedSurroundingsAgree(
  base: readonly string[],
  target: readonly string[],
  hunk: Hunk,
  pairs: readonly number[],
): Surroundings | null {
  const oldCount = pairs.length;
  let first = -1;
  let last = -1;
  for (let i = 0; i < oldCount; i++) {
    if (pairs[i]! < 0) continue;
    if (first < 0) first = i;
    last = i;
  }
  if (first < 0) return null;
  const baseFrom = Math.max(0, hunk.oldStart - REACH);
  const baseTo = Math.min(base.length, hunk.oldStart + oldCount + REACH);
  // Where the hunk's first and last old lines would be in the target, had all of them matched.
  const targetFrom = Math.max(0, pairs[first]! - first - REACH - SLACK);
  const targetTo = Math.min(target.length, pairs[last]! + (oldCount - last) + REACH + SLACK);
  const a = looseLines(base).slice(baseFrom, baseTo);
  const b = looseLines(target).slice(targetFrom, targetTo);
  let i = baseFrom;
  let j = targetFrom;
  let above = 0;
  let below = 0;
  let keptPaired = 0;
  for (const part of diffArrays(a, b)) {
    const n = part.value.length;
    if (part.added) {
      j += n;
      continue;
    }
    if (part.removed) {
      i += n;
      continue;
    }
    for (let k = 0; k < n; k++, i++, j++) {
      const index = i - hunk.oldStart; // among the hunk's old lines, when inside it
      if (index >= 0 && index < oldCount && pairs[index]! >= 0) {
        // One of the matched lines: it must pair with the line it was matched to.
        if (j !== pairs[index]) return null;
        keptPaired++;
      } else if (index < 0 && DISTINCTIVE.test(base[i]!)) {
        above++;
      } else if (index >= oldCount && DISTINCTIVE.test(base[i]!)) {
        below++;
      }
    }
  }
  return keptPaired > 0 ? { agreeing: above + below, above, below } : null;
}
