// Ports the change of one file (upstream base → upstream result) onto the target's version
// of it, hunk by hunk. Pure: text in, text and per-hunk outcomes out.
import { diffHunks, type Hunk } from './hunks.js';
import { splitLines } from './lines.js';
import { rollUp } from './roll-up.js';
import { placeHunks, type HunkOutcome } from './place-hunks.js';
import { relocateBySymbol } from './relocate-symbol.js';
import type { CodeSymbol } from './symbols.js';
import type { ProseSyntax } from './prose-mask.js';

export type FilePortStatus = 'applied' | 'adapted' | 'already-present' | 'conflict';

export interface Outlines {
  base: CodeSymbol[];
  target: CodeSymbol[];
}

export interface FilePort {
  status: FilePortStatus;
  content: string;
  /** The content without conflict markers: only the hunks that were placed. */
  placedOnly: string;
  hunks: HunkOutcome[];
  confidence: number;
}

export function portFileText(input: {
  base: string;
  upstream: string;
  target: string;
  minConfidence: number;
  /**
   * Outlines of the base and the target, for relocation by enclosing symbol; as a function,
   * asked only when a hunk needs them (parsing is the costly part).
   */
  symbols?: Outlines | (() => Outlines | null);
  /** Hunks (by index) already placed in another file, with their outcomes there. */
  elsewhere?: Map<number, HunkOutcome>;
  /** A test file: places found with fuzz may be confirmed by their surroundings. */
  test?: boolean;
  /** The language's comments and strings (`proseSyntaxOf` the path), when known. */
  prose?: ProseSyntax | null;
}): FilePort {
  const { base, upstream, target } = input;
  let outlines: Outlines | null | undefined;
  const symbols = () =>
    typeof input.symbols === 'function'
      ? outlines === undefined
        ? (outlines = input.symbols())
        : outlines
      : (input.symbols ?? null);
  if (target === upstream)
    return {
      status: 'already-present',
      content: target,
      placedOnly: target,
      hunks: [],
      confidence: 1,
    };
  if (target === base)
    return { status: 'applied', content: upstream, placedOnly: upstream, hunks: [], confidence: 1 };
  const hunks = fileHunks(base, upstream);
  const elsewhere = input.elsewhere ?? new Map<number, HunkOutcome>();
  const here = hunks.filter((_, i) => !elsewhere.has(i));
  const placed = placeHunks(splitLines(target), here, {
    minConfidence: input.minConfidence,
    base: splitLines(base),
    test: input.test,
    prose: input.prose,
    relocate: input.symbols
      ? (lines, hunk, cursor) => {
          const known = symbols();
          return known
            ? relocateBySymbol({
                target: lines,
                hunk,
                cursor,
                base: known.base,
                symbols: known.target,
                minConfidence: input.minConfidence,
                prose: input.prose,
              })
            : null;
        }
      : undefined,
  });
  // Every hunk's outcome in the change's order, wherever it landed.
  const outcomes: HunkOutcome[] = [];
  let next = 0;
  for (let i = 0; i < hunks.length; i++) outcomes.push(elsewhere.get(i) ?? placed.hunks[next++]!);
  const status: FilePortStatus = rollUp(outcomes.map((h) => h.status));
  return {
    status,
    content: placed.lines.join(''),
    placedOnly: placed.placedOnly.join(''),
    hunks: outcomes,
    confidence: outcomes.reduce((min, o) => Math.min(min, o.confidence), 1),
  };
}

/**
 * The hunks `portFileText` places, in the same order (its outcomes' indexes). A port asks for
 * the same file's hunks several times (the names check, the placement, the search for where a
 * hunk went): the last few are kept, keyed by the texts (never modified by their users).
 */
export function fileHunks(base: string, upstream: string): Hunk[] {
  const known = recentHunks.get(base);
  if (known && known.upstream === upstream) return known.hunks;
  const hunks = diffHunks(base, upstream);
  if (recentHunks.size >= RECENT_HUNKS) recentHunks.delete(recentHunks.keys().next().value!);
  recentHunks.set(base, { upstream, hunks });
  return hunks;
}

const RECENT_HUNKS = 32;
const recentHunks = new Map<string, { upstream: string; hunks: Hunk[] }>();
