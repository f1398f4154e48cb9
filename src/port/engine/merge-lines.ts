// A hunk whose lines are in the target line for line but whose removed lines the target
// changed on its own (`#  define` written `#define`, a variable named otherwise in the lines
// the fix edits and around them): the target's edits and upstream's are merged word by word, a
// three-way merge (diff3) of the hunk's old lines, the target's lines and the hunk's new lines.
// The result keeps the target's own edits and makes upstream's; where the two edit the same
// words, there is no merge and the hunk stays a conflict. Each line the target edited must
// keep most of its words, and two context lines must be there as they are.
import { diff3Merge, diffComm } from 'node-diff3';
import type { Hunk } from './hunks.js';
import { indentOf, looseLine, looseLines, withEol } from './lines.js';

export interface MergedPlace {
  start: number;
  /** Target lines [start, end) replaced by `lines` (terminators in the target's style). */
  end: number;
  lines: string[];
  /** The hunk's old lines the target spells otherwise, and how many of them it removes. */
  edited: number;
  differing: number;
}

/**
 * Words, runs of other symbols, runs of blanks, one token each; a line's end is a token of its
 * own, so the merge sees lines. Symbols run together (`===`, `]);`): a coarser token makes two
 * nearby edits meet, and a conflict, sooner than it lets a merge splice them.
 */
const TOKEN = /[A-Za-z0-9_$]+|[ \t]+|[^A-Za-z0-9_$\s]+|\s/g;
const EOL = '\n';

function tokens(lines: string[]): string[] {
  const out: string[] = [];
  for (const line of lines) {
    const body = line.replace(/\r?\n$/, '');
    out.push(...(body.match(TOKEN) ?? []));
    if (body.length !== line.length) out.push(EOL);
  }
  return out;
}

/**
 * A differing line must keep at least this share of the base line's words and symbols, and
 * this many of them: a short line kept in part (`line 8` and `old 8`) says nothing.
 */
const MIN_KEPT = 0.5;
const MIN_KEPT_TOKENS = 3;
/** Context lines (not blank) that must be the target's as they are: the place's anchor. */
const MIN_EXACT_CONTEXT = 2;

function similar(base: string, target: string): boolean {
  const theirs = tokens([base]).filter((t) => t.trim() !== '');
  const ours = tokens([target]).filter((t) => t.trim() !== '');
  const kept = diffComm(theirs, ours).reduce((n, part) => n + (part.common?.length ?? 0), 0);
  return kept >= MIN_KEPT_TOKENS && kept >= MIN_KEPT * Math.max(theirs.length, ours.length);
}

/**
 * The one place where the hunk's old lines are the target's, line for line, as they are or
 * edited a little, and some removed line edited; with the merge of upstream's change into it,
 * when clean. Null when there is no such place, several, or the merge conflicts.
 */
export function locateMergedRemoved(
  target: string[],
  hunk: Hunk,
  from: number,
  eol: '\n' | '\r\n',
): MergedPlace | null {
  const old = hunk.lines.filter((l) => l.op !== '+');
  const keys = old.map((l) => looseLine(l.text));
  const context = old.filter((l, k) => l.op === ' ' && keys[k] !== '').length;
  if (context < 2 || !old.some((l) => l.op === '-')) return null;
  const lines = looseLines(target);
  let found: number | null = null;
  for (let p = from; p + old.length <= lines.length; p++) {
    // Cheap checks first: line for line, blank where blank, two context lines as they are.
    let exact = 0;
    let fits = true;
    for (let k = 0; k < old.length && fits; k++) {
      if (keys[k] === lines[p + k]) {
        if (old[k]!.op === ' ' && keys[k] !== '') exact++;
      } else if (keys[k] === '' || lines[p + k] === '') fits = false;
    }
    if (!fits || exact < MIN_EXACT_CONTEXT) continue;
    if (old.every((l, k) => l.op !== '-' || keys[k] === lines[p + k])) continue;
    if (!old.every((l, k) => keys[k] === lines[p + k] || similar(l.text, target[p + k]!))) continue;
    if (found !== null) return null;
    found = p;
  }
  if (found === null) return null;
  const start = found;
  const window = target.slice(start, start + old.length);
  // Indentation is the whitespace strategy's to adapt; the merge would leave upstream's new
  // lines in upstream's indentation.
  let edited = 0;
  let differing = 0;
  for (const [k, line] of old.entries()) {
    if (keys[k] === '') continue;
    if (indentOf(line.text) !== indentOf(window[k]!)) return null;
    if (keys[k] === lines[start + k]) continue;
    edited++;
    if (line.op === '-') differing++;
  }
  const merged = diff3Merge(
    tokens(window),
    tokens(old.map((l) => l.text)),
    tokens(hunk.lines.filter((l) => l.op !== '-').map((l) => l.text)),
  );
  if (merged.some((region) => region.conflict)) return null;
  const out: string[] = [];
  let line = '';
  for (const region of merged)
    for (const token of region.ok ?? []) {
      if (token !== EOL) line += token;
      else {
        out.push(withEol(`${line}\n`, eol));
        line = '';
      }
    }
  if (line !== '') out.push(line);
  return { start, end: start + old.length, lines: out, edited, differing };
}
