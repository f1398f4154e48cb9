// Patch presence: is an upstream fix's change already in some source, whatever route it took
// there (a cherry-pick without trailers, a hand-made port, a vendored copy)? The question is
// asked of the fix's own new text, not of commit ids, so it must survive code that moved,
// was re-indented, or sits among lines the target added itself.
import { diffHunks, type Hunk } from '../port/engine/hunks.js';
import { looseLine, splitLines } from '../port/engine/lines.js';
import { classifyPath } from '../port/classify-path.js';

/** One file the fix changed: its text before and after upstream. */
export interface FixFile {
  path: string;
  base: string;
  result: string;
}

/** A file of the scanned source that may hold the fix's change. */
export interface CandidateFile {
  path: string;
  text: string;
}

export type HunkPresence =
  | { status: 'present'; path: string; line: number; matched: number; of: number }
  | { status: 'absent'; matched: number; of: number }
  /** Only lines too common to prove anything ("}", blank lines, lines the base already had). */
  | { status: 'uninformative' };

export interface FilePresence {
  path: string;
  hunks: HunkPresence[];
}

export interface PresenceVerdict {
  /** Every informative hunk of the fix's code is found; `partial` when only some are. */
  status: 'present' | 'partial' | 'absent' | 'undecidable';
  files: FilePresence[];
  /** Where the found hunks are, as `path:line`, for a person to check. */
  locations: string[];
  present: number;
  informative: number;
}

/**
 * A hunk counts as present when at least this share of its distinctive added lines appear, in
 * order and close together. Not all of them: maintainers adapt a backport (a renamed variable,
 * a reworded message), and one such line must not hide the rest of the fix.
 */
const PRESENT_SHARE = 0.8;
/** Lines shorter than this, once whitespace is collapsed, occur everywhere. */
const MIN_DISTINCTIVE = 8;

/** Which files of a fix the verdict rests on: its code, or everything when it has no code. */
export function filesThatProve(paths: string[]): string[] {
  const code = paths.filter((p) => classifyPath(p) === 'code');
  return code.length > 0 ? code : paths.filter((p) => classifyPath(p) === 'test');
}

/**
 * The lines of a hunk that prove the change when found: added by the fix, long enough to be
 * specific, and not already somewhere in the base (a line the base had proves nothing).
 */
export function distinctiveLines(hunk: Hunk, baseLines: Set<string>): string[] {
  const out: string[] = [];
  for (const line of hunk.lines) {
    if (line.op !== '+') continue;
    const loose = looseLine(line.text);
    if (loose.length < MIN_DISTINCTIVE || baseLines.has(loose)) continue;
    out.push(loose);
  }
  return out;
}

/**
 * Decides whether the change of each fix file is in the candidates: first the file at the same
 * path, then any other candidate (code moved to another file). Pure: texts in, verdict out.
 */
export function assessPresence(input: {
  files: FixFile[];
  /** Candidate files per fix path; the one with the same path should come first. */
  candidates: (path: string) => CandidateFile[];
}): PresenceVerdict {
  const files: FilePresence[] = [];
  const locations: string[] = [];
  let present = 0;
  let informative = 0;
  for (const file of input.files) {
    const baseLines = new Set(splitLines(file.base).map(looseLine));
    const resultLines = new Set(splitLines(file.result).map(looseLine));
    const candidates = input.candidates(file.path).map((c) => ({
      path: c.path,
      lines: splitLines(c.text).map(looseLine),
    }));
    const hunks: HunkPresence[] = [];
    for (const hunk of diffHunks(file.base, file.result)) {
      const wanted = distinctiveLines(hunk, baseLines);
      if (wanted.length === 0) {
        hunks.push({ status: 'uninformative' });
        continue;
      }
      informative++;
      const clues = {
        wanted,
        removed: specificLines(hunk, '-').filter((l) => !resultLines.has(l)),
        context: specificLines(hunk, ' '),
      };
      let verdict: HunkPresence = { status: 'absent', matched: 0, of: wanted.length };
      for (const candidate of candidates) {
        const found = judgeRun(candidate.lines, clues);
        if (!found) continue;
        if (found.present && (verdict.status !== 'present' || found.matched > verdict.matched)) {
          verdict = {
            status: 'present',
            path: candidate.path,
            line: found.line + 1,
            matched: found.matched,
            of: wanted.length,
          };
        } else if (verdict.status === 'absent' && found.matched > verdict.matched) {
          verdict = { status: 'absent', matched: found.matched, of: wanted.length };
        }
        if (verdict.status === 'present' && verdict.matched === wanted.length) break;
      }
      if (verdict.status === 'present') {
        present++;
        locations.push(`${verdict.path}:${verdict.line}`);
      }
      hunks.push(verdict);
    }
    files.push({ path: file.path, hunks });
  }
  const status =
    informative === 0
      ? 'undecidable'
      : present === informative
        ? 'present'
        : present > 0
          ? 'partial'
          : 'absent';
  return { status, files, locations, present, informative };
}

/** Context or removed lines of a hunk specific enough to recognise a place by. */
function specificLines(hunk: Hunk, op: ' ' | '-'): string[] {
  return hunk.lines
    .filter((l) => l.op === op)
    .map((l) => looseLine(l.text))
    .filter((l) => l.length >= MIN_DISTINCTIVE);
}

/** Characters of matched new text from which a run proves the change without an anchor. */
const STRONG_CHARS = 60;
/** How far around a run its context lines, or the removed lines, are looked for. */
const NEAR = 10;

/**
 * The best run of the hunk's new lines in one file, and whether it proves the change: enough of
 * the lines, and either anchored by the hunk's own context nearby or long enough to be specific
 * on its own ("continue" alone is everywhere). A run with the lines the fix removed still next
 * to it is the old code with a look-alike, not the fix.
 */
function judgeRun(
  lines: string[],
  clues: { wanted: string[]; removed: string[]; context: string[] },
): { line: number; matched: number; present: boolean } | undefined {
  const run = findInOrder(lines, clues.wanted);
  if (!run) return undefined;
  const enough = run.matched >= Math.ceil(clues.wanted.length * PRESENT_SHARE);
  // How many different lines of `set` sit within `reach` lines of the run.
  const near = (set: string[], reach: number) => {
    const wanted = new Set(set);
    const seen = new Set<string>();
    const from = Math.max(0, run.line - reach);
    const to = Math.min(lines.length, run.end + reach + 1);
    for (let p = from; p < to; p++) if (wanted.has(lines[p]!)) seen.add(lines[p]!);
    return seen.size;
  };
  // Half the hunk's own context around it: one generic line ("for (const value of values) {")
  // is found next to many unrelated changes.
  const context = new Set(clues.context).size;
  const anchored = context > 0 && near(clues.context, NEAR) >= Math.max(1, Math.ceil(context / 2));
  const strong = run.chars >= STRONG_CHARS;
  const stale = near(clues.removed, NEAR) > 0;
  return {
    line: run.line,
    matched: run.matched,
    present: enough && (anchored || strong) && !stale,
  };
}

/**
 * The densest in-order run of `wanted` lines in `lines`: starting at each occurrence of any
 * wanted line, take the following wanted lines in order within a window a few times the
 * hunk's size, so the target's own lines may sit in between but far-apart coincidences do not
 * add up. A wanted line missing from the run still counts when a line between its neighbours
 * is nearly the same (a backport that reworded a message or renamed a variable).
 */
function findInOrder(
  lines: string[],
  wanted: string[],
): { line: number; end: number; matched: number; chars: number } | undefined {
  const window = wanted.length * 4 + 20;
  const positions = new Map<string, number[]>();
  const wantedSet = new Set(wanted);
  lines.forEach((line, index) => {
    if (!wantedSet.has(line)) return;
    const list = positions.get(line) ?? [];
    list.push(index);
    positions.set(line, list);
  });
  if (positions.size === 0) return undefined;
  let best: { line: number; end: number; matched: number; chars: number } | undefined;
  for (let first = 0; first < wanted.length; first++) {
    for (const start of positions.get(wanted[first]!) ?? []) {
      const at: Array<number | undefined> = new Array<number | undefined>(wanted.length);
      at[first] = start;
      let last = start;
      for (let k = first + 1; k < wanted.length; k++) {
        const next = (positions.get(wanted[k]!) ?? []).find((p) => p > last && p - start <= window);
        if (next === undefined) continue;
        at[k] = next;
        last = next;
      }
      const matched = countWithNearMisses(lines, wanted, at, start, window);
      if (!best || matched > best.matched) {
        const chars = wanted.reduce((n, w, k) => n + (at[k] === undefined ? 0 : w.length), 0);
        best = { line: start, end: last, matched, chars };
      }
    }
  }
  return best;
}

/** Similarity (Dice on character bigrams) from which a line counts as the wanted one, adapted. */
const NEAR_MISS = 0.75;

function countWithNearMisses(
  lines: string[],
  wanted: string[],
  at: Array<number | undefined>,
  start: number,
  window: number,
): number {
  let matched = 0;
  for (let k = 0; k < wanted.length; k++) {
    if (at[k] !== undefined) {
      matched++;
      continue;
    }
    // Between the nearest matched neighbours (or the window's ends).
    let from = start;
    for (let j = k - 1; j >= 0; j--)
      if (at[j] !== undefined) {
        from = at[j]! + 1;
        break;
      }
    let to = Math.min(lines.length, start + window);
    for (let j = k + 1; j < wanted.length; j++)
      if (at[j] !== undefined) {
        to = at[j]!;
        break;
      }
    if (k < wanted.findIndex((_, j) => at[j] !== undefined)) continue; // before the run: no anchor
    for (let p = from; p < to; p++) {
      if (similarity(lines[p]!, wanted[k]!) >= NEAR_MISS) {
        matched++;
        break;
      }
    }
  }
  return matched;
}

function similarity(a: string, b: string): number {
  if (a === b) return 1;
  if (a.length < 2 || b.length < 2) return 0;
  const grams = new Map<string, number>();
  for (let i = 0; i < a.length - 1; i++) {
    const g = a.slice(i, i + 2);
    grams.set(g, (grams.get(g) ?? 0) + 1);
  }
  let common = 0;
  for (let i = 0; i < b.length - 1; i++) {
    const g = b.slice(i, i + 2);
    const n = grams.get(g) ?? 0;
    if (n > 0) {
      common++;
      grams.set(g, n - 1);
    }
  }
  return (2 * common) / (a.length - 1 + b.length - 1);
}
