// Hunks that add whole blocks (a test, a function, a class) among others, where the context
// that placed them on upstream's branch is gone from the old one.
//
// A hunk that appends to the end of a block: upstream adds a test as the last one of a
// `describe` (or a method as the last of a class), right before the line that closes it. On an
// old branch the tests before it differ (the context before the insertion is not there) and the
// block may be followed by other code or by nothing (the context after it is not there either),
// so neither the hunk's context nor fuzz finds the place, and lines such as `});` or `end`,
// compared without their indentation, fit almost anywhere. The block itself is the anchor: its
// opening line, found once in the target, and its closing line, found by indentation.
import type { Hunk } from './hunks.js';
import { indentOf, looseLine, looseLines } from './lines.js';
import { codeLines, type ProseSyntax } from './prose-mask.js';

/** A line that only closes something: `}`, `});`, `]`, `end`. */
const CLOSER = /^(?:[}\])]+[);,]*|end[;]?)$/;

export interface BlockEnd {
  /** Target index of the block's closing line: the added lines go right before it. */
  at: number;
  /** The block's opening line in the target (index), for the explanation. */
  opener: number;
  /** How the added lines' indentation changes (the target's opener against the base's). */
  from: string;
  to: string;
}

/**
 * Where in the target to put a hunk that only adds lines right before the line closing the
 * block they end, in the base. The block's opening line (the nearest line above the closer at
 * its indentation) must appear exactly once in the target, its closer there must be the same
 * closing line, and the line before that closer must be the base's line before it. Null when
 * the hunk has another shape or the target does not confirm each step.
 */
export function locateBlockEnd(
  target: readonly string[],
  base: readonly string[],
  hunk: Hunk,
  cursor: number,
  prose?: ProseSyntax | null,
): BlockEnd | null {
  const run = insertion(hunk);
  if (!run) return null;
  const { lines, firstAdded, lastAdded } = run;
  const closerIndex = hunk.oldStart + firstAdded; // in the base
  const closer = base[closerIndex];
  const before = base[closerIndex - 1];
  if (closer === undefined || before === undefined || !CLOSER.test(looseLine(closer))) return null;
  // The added lines end the block: they sit deeper than its closer.
  const depth = indentOf(closer);
  const added = lines.slice(firstAdded, lastAdded + 1).filter((l) => looseLine(l.text) !== '');
  if (added.length === 0 || added.some((l) => indentOf(l.text).length <= depth.length)) return null;
  // Indentation is read in code only: a heredoc's or a block comment's lines start anywhere.
  const openerIndex = openerOf(codeLines(base, prose), closerIndex);
  if (openerIndex === null) return null;
  const opener = looseLine(base[openerIndex]!);
  // The opening line must say which block it is: `{` or `do` alone could be any block.
  if (!/[A-Za-z0-9_$]{3}/.test(opener)) return null;
  const targetLoose = looseLines(target);
  let found = -1;
  for (let t = 0; t < target.length; t++) {
    if (targetLoose[t] !== opener) continue;
    if (found >= 0) return null;
    found = t;
  }
  if (found < 0) return null;
  const targetCode = codeLines(target, prose);
  if (looseLine(targetCode[found]!) === '') return null;
  const at = closerAfter(targetCode, found);
  if (at === null || at < cursor) return null;
  if (looseLine(target[at]!) !== looseLine(closer)) return null;
  let prev = at - 1;
  while (prev > found && looseLine(target[prev]!) === '') prev--;
  if (looseLine(target[prev]!) !== looseLine(before) || looseLine(before) === '') return null;
  if (prev + 1 < cursor) return null; // an earlier hunk's lines
  return {
    at: prev + 1,
    opener: found,
    from: indentOf(base[openerIndex]!),
    to: indentOf(target[found]!),
  };
}

export interface BeforeSibling {
  /** Target index where the added lines go: before the sibling and the blank lines above it. */
  at: number;
  /** The sibling block's first line in the target. */
  sibling: number;
  from: string;
  to: string;
}

/**
 * Where in the target to put a hunk that only adds whole blocks right before another block at
 * their indentation (a test inserted before the next test, a class before the next class):
 * the line that opens that next block must appear exactly once in the target, with the blank
 * lines the base has above it, after the end of a block at that depth. The blocks in between
 * do not matter: the added ones begin at the sibling's indentation and nothing in them is
 * shallower, so they are whole, and they open no block around code that follows them.
 */
export function locateBeforeSibling(
  target: readonly string[],
  base: readonly string[],
  hunk: Hunk,
  cursor: number,
  prose?: ProseSyntax | null,
): BeforeSibling | null {
  const run = insertion(hunk);
  if (!run) return null;
  const { lines, firstAdded, lastAdded } = run;
  const insert = hunk.oldStart + firstAdded; // base index the lines go before
  // The sibling: the first line after the insertion that is not blank, within the context.
  let sibling = insert;
  while (sibling < base.length && looseLine(base[sibling]!) === '') sibling++;
  const trailing = lines.length - lastAdded - 1;
  if (sibling >= base.length || sibling - insert >= trailing) return null;
  const anchor = looseLine(base[sibling]!);
  if (CLOSER.test(anchor) || !/[A-Za-z0-9_$]{3}/.test(anchor) || anchor.length < 8) return null;
  const depth = indentOf(base[sibling]!);
  const added = lines.slice(firstAdded, lastAdded + 1).filter((l) => looseLine(l.text) !== '');
  if (added.length < 2) return null;
  const first = added[0]!.text;
  if (indentOf(first) !== depth || CLOSER.test(looseLine(first))) return null;
  if (added.some((l) => indentOf(l.text).length < depth.length)) return null;
  // The sibling's line once in the target (the comparison is cheap; reading code is not).
  const targetLoose = looseLines(target);
  let found = -1;
  for (let t = 0; t < target.length; t++) {
    if (targetLoose[t] !== anchor) continue;
    if (found >= 0) return null;
    found = t;
  }
  const blanks = sibling - insert;
  const at = found - blanks;
  if (found < 0 || at < cursor) return null;
  for (let t = at; t < found; t++) if (targetLoose[t] !== '') return null;
  // Read as code: the sibling is code on both sides, and above the insertion a block at that
  // depth ends (or goes on), not the parent's opening line.
  const baseCode = codeLines(base, prose);
  const targetCode = codeLines(target, prose);
  if (looseLine(baseCode[sibling]!) === '' || looseLine(targetCode[found]!) === '') return null;
  const above = previousCode(baseCode, insert - 1);
  if (above === null || indentOf(baseCode[above]!).length < depth.length) return null;
  const to = indentOf(target[found]!);
  const targetAbove = previousCode(targetCode, at - 1);
  if (targetAbove === null || indentOf(targetCode[targetAbove]!).length < to.length) return null;
  return { at, sibling: found, from: depth, to };
}

/**
 * The hunk's one run of added lines (indexes in `hunk.lines`), with context on both sides and
 * nothing else changed; null for any other shape.
 */
function insertion(hunk: Hunk) {
  const lines = hunk.lines;
  const firstAdded = lines.findIndex((l) => l.op !== ' ');
  let lastAdded = firstAdded;
  while (lastAdded + 1 < lines.length && lines[lastAdded + 1]!.op === '+') lastAdded++;
  if (firstAdded < 1 || lastAdded + 1 >= lines.length) return null;
  if (lines.slice(lastAdded + 1).some((l) => l.op !== ' ')) return null;
  return { lines, firstAdded, lastAdded };
}

function previousCode(code: readonly string[], from: number): number | null {
  for (let i = from; i >= 0; i--) if (looseLine(code[i]!) !== '') return i;
  return null;
}

/** The nearest line above `closer` at its indentation: the line that opened the block. */
function openerOf(lines: readonly string[], closer: number): number | null {
  const depth = indentOf(lines[closer]!);
  for (let i = closer - 1; i >= 0; i--) {
    const text = lines[i]!;
    if (looseLine(text) === '') continue;
    const indent = indentOf(text);
    if (indent.length > depth.length) continue;
    if (indent !== depth || CLOSER.test(looseLine(text))) return null;
    return i;
  }
  return null;
}

/** The first line after `opener` back at its indentation (or shallower): the block's closer. */
function closerAfter(lines: readonly string[], opener: number): number | null {
  const depth = indentOf(lines[opener]!);
  for (let i = opener + 1; i < lines.length; i++) {
    const text = lines[i]!;
    if (looseLine(text) === '') continue;
    const indent = indentOf(text);
    if (indent.length > depth.length) continue;
    return indent === depth && CLOSER.test(looseLine(text)) ? i : null;
  }
  return null;
}
