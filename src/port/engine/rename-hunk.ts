// Identifier renames: the target has the hunk's lines, but one or two identifiers are spelled
// differently throughout them (a variable renamed on the old branch). The mapping is learned
// from the matched lines and applied to the added lines.
import type { Hunk } from './hunks.js';
import { codeLines, maskProse, type ProseSyntax } from './prose-mask.js';
import { SYNTAX_WORDS } from './unfamiliar-names.js';

export interface RenameMatch {
  start: number;
  /** Upstream identifier → the target's spelling. */
  renames: Map<string, string>;
  /** Words of the context's comments and strings the target spells otherwise (not applied). */
  reworded: number;
}

const TOKEN = /[A-Za-z_$][\w$]*|\d+(?:\.\d+)?|\S/g;
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
const MAX_RENAMES = 2;
/** Marks a token read in a comment or a string: prose must match as it is, never renamed. */
const PROSE = '\u0000';

/** The line's tokens; with `code` (the line masked by `maskProse`), those in prose marked. */
function tokens(line: string, code?: string): string[] {
  if (code === undefined) return line.match(TOKEN) ?? [];
  const out: string[] = [];
  for (const match of line.matchAll(TOKEN)) {
    const at = match.index;
    const word = match[0];
    out.push(code.slice(at, at + word.length) === word ? word : PROSE + word);
  }
  return out;
}

/** Tokens of the target's lines, each line split once however many hunks look at it. */
const tokenCache = new WeakMap<readonly string[], Array<string[] | undefined>>();
function lineTokens(
  target: readonly string[],
  index: number,
  prose: ProseSyntax | null | undefined,
): string[] {
  let lines = tokenCache.get(target);
  if (!lines) tokenCache.set(target, (lines = []));
  return (lines[index] ??= tokens(
    target[index]!,
    prose ? codeLines(target, prose)[index] : undefined,
  ));
}

/**
 * What a line's tokens must share with another's for the two to differ only in words: its
 * other tokens (punctuation and numbers), run together. Cheaper than the tokens, so most
 * target lines are ruled out before they are split.
 */
function shape(line: string): string {
  return line.replace(WORDS, '');
}
const WORDS = /[A-Za-z_$][\w$]*|\s+/g;

const shapeCache = new WeakMap<readonly string[], Array<string | undefined>>();
function lineShape(target: readonly string[], index: number): string {
  let lines = shapeCache.get(target);
  if (!lines) shapeCache.set(target, (lines = []));
  return (lines[index] ??= shape(target[index]!));
}

/**
 * The one place where the hunk's old lines match the target line for line once a consistent
 * renaming of at most two identifiers is applied (and, with the language's syntax, at most two
 * words of its comments and strings read otherwise). Null when there is none, `'ambiguous'`
 * when there are several.
 */
export function locateRenamed(
  target: string[],
  hunk: Hunk,
  from: number,
  prose?: ProseSyntax | null,
): RenameMatch | 'ambiguous' | null {
  const oldLines = hunk.lines.filter((l) => l.op !== '+').map((l) => l.text);
  const oldCode = prose ? codeLines(oldLines, prose) : null;
  const old = oldLines.map((text, k) => tokens(text, oldCode?.[k]));
  if (old.length < 2) return null;
  const shapes = oldLines.map(shape);
  const found: RenameMatch[] = [];
  for (let p = from; p + old.length <= target.length; p++) {
    if (shapes.some((want, k) => lineShape(target, p + k) !== want)) continue;
    const mapping = new Map<string, string>();
    const reverse = new Map<string, string>();
    // Words of comments and strings that differ, consistently: tolerated in the context (the
    // target's message or header spelled otherwise), never applied to the added lines.
    const worded = new Map<string, string>();
    const wordedBack = new Map<string, string>();
    let ok = true;
    for (let k = 0; k < old.length && ok; k++) {
      const theirs = old[k]!;
      const ours = lineTokens(target, p + k, prose);
      if (theirs.length !== ours.length) ok = false;
      for (let t = 0; ok && t < theirs.length; t++) {
        const a = theirs[t]!;
        const b = ours[t]!;
        if (a === b && !IDENTIFIER.test(a)) continue;
        if (a.startsWith(PROSE) || b.startsWith(PROSE)) {
          // Words only: a quote or a bracket that differs is code written otherwise.
          if (!a.startsWith(PROSE) || !b.startsWith(PROSE)) ok = false;
          else if (!IDENTIFIER.test(a.slice(1)) || !IDENTIFIER.test(b.slice(1))) ok = false;
          else if ((worded.get(a) ?? b) !== b || (wordedBack.get(b) ?? a) !== a) ok = false;
          else {
            worded.set(a, b);
            wordedBack.set(b, a);
          }
          continue;
        }
        // Punctuation and keywords are not renames.
        if (!IDENTIFIER.test(a) || !IDENTIFIER.test(b)) ok = false;
        else if (a !== b && (SYNTAX_WORDS.has(a) || SYNTAX_WORDS.has(b))) ok = false;
        // Identifiers kept as they are count too: one spelling maps to exactly one other.
        else if ((mapping.get(a) ?? b) !== b || (reverse.get(b) ?? a) !== a) ok = false;
        else {
          mapping.set(a, b);
          reverse.set(b, a);
        }
      }
    }
    const renames = new Map([...mapping].filter(([a, b]) => a !== b));
    // A new spelling that is also one of the old lines' own names is lines shifted against
    // each other (`tempfile → sys, time → tempfile`), not a rename.
    if (ok && [...renames.values()].some((b) => mapping.has(b))) ok = false;
    const reworded = [...worded].filter(([a, b]) => a !== b).length;
    if (
      ok &&
      renames.size + reworded > 0 &&
      renames.size <= MAX_RENAMES &&
      reworded <= MAX_RENAMES
    ) {
      found.push({ start: p, renames, reworded });
      if (found.length > 1) return 'ambiguous';
    }
  }
  return found[0] ?? null;
}

/**
 * Rewrites whole identifiers of an added line by the learned renames. With `code` (the line
 * with its comments and strings masked, as `maskProse` gives it), only the words in code: a
 * name in a string is data (a key, a message), and one in a comment is the upstream author's
 * prose; renaming either changes what the fix says or does.
 */
export function applyRenames(line: string, renames: Map<string, string>, code?: string): string {
  return line.replace(/[A-Za-z_$][\w$]*/g, (word, at: number) =>
    code !== undefined && code.slice(at, at + word.length) !== word
      ? word
      : (renames.get(word) ?? word),
  );
}

/**
 * The hunk's lines with the learned renames applied to its added lines, in code only when the
 * language's prose syntax is known: the new side of the hunk is read as one text, so a comment
 * or a string that the context opens is seen as one on the added lines too.
 */
export function renameAddedLines(
  lines: Hunk['lines'],
  renames: Map<string, string>,
  prose: ProseSyntax | null | undefined,
): Hunk['lines'] {
  const fresh = lines.filter((l) => l.op !== '-');
  const masked = prose ? maskProse(fresh.map((l) => l.text).join(''), prose) : null;
  const code = new Map<Hunk['lines'][number], string>();
  if (masked) {
    let at = 0;
    for (const line of fresh) {
      code.set(line, masked.slice(at, at + line.text.length));
      at += line.text.length;
    }
  }
  return lines.map((l) =>
    l.op === '+' ? { ...l, text: applyRenames(l.text, renames, code.get(l)) } : l,
  );
}
