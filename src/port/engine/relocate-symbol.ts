// Relocation by enclosing symbol: when a hunk's context is not where it was, find the function
// or class that encloses the hunk in the upstream base, the symbol of the same name and kind in
// the target, and place the hunk inside that symbol's body only, by the ordinary strategies
// (so the ordinary confidence rules apply). Restricting the search to the symbol settles
// context that appears in several places, and takes a symbol moved far away, or to another
// file, into account. Pure: outlines in, placement out.
import type { Hunk } from './hunks.js';
import type { ProseSyntax } from './prose-mask.js';
import { placeHunks, type HunkOutcome } from './place-hunks.js';
import type { CodeSymbol } from './symbols.js';

const CONTEXT = 3;

export interface Relocated {
  /** The target lines [start, end) are replaced by `lines`. */
  start: number;
  end: number;
  lines: string[];
  outcome: HunkOutcome;
}

/** The innermost symbol of the base that holds every line the hunk changes. */
export function enclosingSymbol(symbols: CodeSymbol[], hunk: Hunk): CodeSymbol | null {
  let first = Infinity;
  let last = -Infinity;
  let old = hunk.oldStart;
  for (const line of hunk.lines) {
    if (line.op === '-') {
      first = Math.min(first, old);
      last = Math.max(last, old);
    } else if (line.op === '+') {
      // An insertion sits between the line before it and the line after it.
      first = Math.min(first, old - 1);
      last = Math.max(last, old);
    }
    if (line.op !== '+') old++;
  }
  if (first === Infinity) return null;
  let best: CodeSymbol | null = null;
  for (const symbol of symbols) {
    if (symbol.start <= first && last < symbol.end) {
      if (!best || symbol.end - symbol.start < best.end - best.start) best = symbol;
    }
  }
  return best;
}

/**
 * The target's symbol that is the base's `wanted`: the one of the same kind and qualified name,
 * else the one of the same kind and name; null when there is none or more than one.
 */
export function counterpart(symbols: CodeSymbol[], wanted: CodeSymbol): CodeSymbol | null {
  const sameKind = symbols.filter((s) => s.kind === wanted.kind);
  const qualified = sameKind.filter((s) => s.qualified === wanted.qualified);
  if (qualified.length === 1) return qualified[0]!;
  if (qualified.length > 1) return null;
  const named = sameKind.filter((s) => s.name === wanted.name);
  return named.length === 1 ? named[0]! : null;
}

/**
 * Places `hunk` inside the target's counterpart of its enclosing base symbol, at or after
 * `cursor`. `where` names the file when the symbol was found in another file than the hunk's.
 */
export function relocateBySymbol(input: {
  target: string[];
  hunk: Hunk;
  cursor: number;
  base: CodeSymbol[];
  symbols: CodeSymbol[];
  minConfidence: number;
  where?: string;
  prose?: ProseSyntax | null;
}): Relocated | null {
  const { target, hunk, cursor } = input;
  const enclosing = enclosingSymbol(input.base, hunk);
  if (!enclosing) return null;
  const found = counterpart(input.symbols, enclosing);
  if (!found) return null;
  // The hunk's context (three lines) may reach just past the symbol: a blank line, a brace.
  const start = Math.max(cursor, found.start - CONTEXT);
  const end = Math.min(found.end + CONTEXT, target.length);
  if (start >= end) return null;
  // The hunk's position relative to the symbol's first line is the best guess inside it.
  const shifted: Hunk = {
    oldStart: Math.max(0, hunk.oldStart - enclosing.start - (start - found.start)),
    lines: hunk.lines,
  };
  const placed = placeHunks(target.slice(start, end), [shifted], {
    minConfidence: input.minConfidence,
    prose: input.prose,
  });
  const inner = placed.hunks[0];
  if (!inner || inner.status === 'conflict') return null;
  const place = `${enclosing.kind} ${found.qualified} (lines ${found.start + 1}–${found.end}${input.where ? ` of ${input.where}` : ''})`;
  const line = start + inner.line;
  const outcome: HunkOutcome =
    inner.status === 'already-present'
      ? { ...inner, line, explanation: `inside ${place}: ${inner.explanation}` }
      : {
          status: 'adapted',
          strategy: 'symbol',
          line,
          confidence: inner.confidence,
          explanation: `relocated inside ${place}: ${inner.explanation}`,
        };
  return { start, end, lines: placed.lines, outcome };
}
