// Similarity-scored alignment of a hunk's old lines with the target, for code whose context
// drifted inside the hunk (a line edited or inserted between the changed lines). Every line the
// hunk removes must be found; context lines may be missing or edited, and the target may have
// extra lines in between. Only aligned lines change; the target's own lines stay.
import type { Hunk } from './hunks.js';
import { looseLine, looseLines } from './lines.js';

export interface Alignment {
  /** Target index where the aligned span starts, and one past its end. */
  start: number;
  end: number;
  /** For each old line of the hunk (in order), the target line it aligns with, or -1. */
  pairs: number[];
  confidence: number;
  /**
   * Context lines aligned / context lines in the hunk; the target's own lines inside the span
   * that are not blank.
   */
  contextAligned: number;
  contextTotal: number;
  extraTarget: number;
}

const MATCH_REMOVED = 3;
const MATCH_CONTEXT = 2;
/** Blank lines pair up (so the rewrite keeps them in order) but are no evidence of a place. */
const MATCH_BLANK = 0;
const GAP = -1;
const NONE = -1e9;

const blank = (text: string) => looseLine(text) === '';

/**
 * Local alignment (Smith–Waterman) of the hunk's old lines with the target between `from` and
 * `to`; lines are equal when equal ignoring whitespace. Returns null when the removed lines
 * cannot all be aligned, and `ambiguous` when another place aligns as well.
 */
export function alignHunk(
  target: string[],
  hunk: Hunk,
  from: number,
  to: number,
): Alignment | 'ambiguous' | null {
  const old = hunk.lines.filter((l) => l.op !== '+');
  const removed = old.filter((l) => l.op === '-').length;
  const best = bestAlignment(target, old, from, to, new Set());
  if (!best) return null;
  const aligned = best.pairs.filter((p, i) => p >= 0 && !blank(old[i]!.text)).length;
  // An alignment must rest on enough lines to be believable.
  if (aligned < 2 || best.pairs.some((p, i) => p < 0 && old[i]!.op === '-')) return null;
  const masked = new Set<number>();
  for (let j = best.start; j < best.end; j++) masked.add(j);
  const rival = bestAlignment(target, old, from, to, masked);
  if (
    rival &&
    rival.score >= best.score &&
    rival.pairs.every((p, i) => p >= 0 || old[i]!.op !== '-')
  )
    return 'ambiguous';
  // A blank line is no evidence of a place (it would align anywhere) but the hunk's blank
  // context lines still count when missing: the rewrite keeps the target's layout there, which
  // may not be the one upstream's added lines were written for. A blank line the target has in
  // between is formatting, not drift.
  const contextTotal = old.length - removed;
  const contextAligned = best.pairs.filter((p, i) => p >= 0 && old[i]!.op === ' ').length;
  const paired = new Set(best.pairs);
  let extraTarget = 0;
  for (let j = best.start; j < best.end; j++)
    if (!paired.has(j) && !blank(target[j]!)) extraTarget++;
  const ratio = contextTotal === 0 ? (removed >= 2 ? 1 : 0.5) : contextAligned / contextTotal;
  const confidence = Math.max(
    0,
    0.55 + 0.35 * ratio - 0.05 * Math.min(extraTarget, 3) - (removed === 0 ? 0.1 : 0),
  );
  return {
    start: best.start,
    end: best.end,
    pairs: best.pairs,
    confidence,
    contextAligned,
    contextTotal,
    extraTarget,
  };
}

interface Scored {
  score: number;
  start: number;
  end: number;
  pairs: number[];
}

function bestAlignment(
  target: string[],
  old: Hunk['lines'],
  from: number,
  to: number,
  masked: Set<number>,
): Scored | null {
  const m = old.length;
  const n = Math.max(0, to - from);
  if (m === 0 || n === 0) return null;
  const keys = old.map((l) => looseLine(l.text));
  const targetKeys = looseLines(target);
  const width = n + 1;
  const score = new Float64Array((m + 1) * width);
  const move = new Uint8Array((m + 1) * width); // 0 stop, 1 diagonal, 2 skip old line, 3 skip target line
  let best = { score: 0, i: 0, j: 0 };
  for (let i = 1; i <= m; i++) {
    const line = old[i - 1]!;
    const skipOld = line.op === '-' ? NONE : GAP;
    for (let j = 1; j <= n; j++) {
      const t = from + j - 1;
      const equal = !masked.has(t) && targetKeys[t] === keys[i - 1];
      const gain =
        keys[i - 1] === '' ? MATCH_BLANK : line.op === '-' ? MATCH_REMOVED : MATCH_CONTEXT;
      const diag = equal ? score[(i - 1) * width + j - 1]! + gain : NONE;
      const up = score[(i - 1) * width + j]! + skipOld;
      const left = score[i * width + j - 1]! + GAP;
      let value = 0;
      let how = 0;
      if (diag > value) {
        value = diag;
        how = 1;
      }
      if (up > value) {
        value = up;
        how = 2;
      }
      if (left > value) {
        value = left;
        how = 3;
      }
      score[i * width + j] = value;
      move[i * width + j] = how;
      if (value > best.score) best = { score: value, i, j };
    }
  }
  if (best.score <= 0) return null;
  const pairs = new Array<number>(m).fill(-1);
  let i = best.i;
  let j = best.j;
  let start = from + j;
  while (i > 0 && j > 0 && move[i * width + j] !== 0) {
    const how = move[i * width + j];
    if (how === 1) {
      pairs[i - 1] = from + j - 1;
      start = from + j - 1;
      i--;
      j--;
    } else if (how === 2) i--;
    else j--;
  }
  // Trim target lines skipped before the first aligned line out of the span.
  const first = pairs.find((p) => p >= 0) ?? start;
  return { score: best.score, start: first, end: from + best.j, pairs };
}
