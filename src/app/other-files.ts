// Where a change's code went when it is not in the file upstream changed: the whole file
// under another path (moved beyond git's rename detection), or single functions moved to other
// files of the same language (found by name with `git grep`, placed by their symbol).
import { classifyPath } from '../port/classify-path.js';
import type { HunkOutcome } from '../port/engine/place-hunks.js';
import type { Hunk } from '../port/engine/hunks.js';
import { enclosingSymbol, relocateBySymbol } from '../port/engine/relocate-symbol.js';
import { proseSyntaxOf } from '../port/engine/prose-mask.js';
import { looseLine, splitLines } from '../port/engine/lines.js';
import { languageOfPath, pathGlobsOf, type CodeSymbol } from '../port/engine/symbols.js';
import { outlinerFor } from './symbol-outlines.js';
import type { GitRepo } from '../git/repo.js';

/**
 * Most of the hunk's distinctive old lines (twelve characters or more, whitespace aside) are
 * not among `target`'s lines (loose): its code is gone from there rather than drifted.
 */
export function leftFile(hunk: Hunk, target: Set<string>): boolean {
  const old = distinctiveOldLines(hunk);
  if (old.length === 0) return true;
  return old.filter((l) => target.has(l)).length * 4 <= old.length;
}

/**
 * The target's version of a file it has under another path (moved beyond git's rename
 * detection): same base name, and clearly the most similar by shared lines. Null when there
 * is no such file or two are about as similar.
 */
export async function findMovedFile(
  target: string,
  path: string,
  base: Buffer,
  read: {
    /** Blobs by `<tree-ish>:<path>`, all at once (the port's open object reader). */
    blobs: (specs: string[]) => Promise<Array<Buffer | null>>;
    /** The target's paths (listed once per port, however many files it lacks). */
    files: () => Promise<string[]>;
  },
): Promise<{ path: string; content: Buffer; similarity: number } | null> {
  const name = path.split('/').pop()!;
  const candidates = (await read.files()).filter(
    // (A path with a line break cannot be asked of `cat-file --batch-command`: not a likely home.)
    (p) => p !== path && p.split('/').pop() === name && !p.includes('\n'),
  );
  if (candidates.length === 0 || candidates.length > 20) return null;
  const lines = (b: Buffer) =>
    new Set(
      b
        .toString('utf8')
        .split('\n')
        .map((l) => l.trim())
        .filter((l) => l.length > 2),
    );
  const want = lines(base);
  const scored = [];
  const contents = await read.blobs(candidates.map((candidate) => `${target}:${candidate}`));
  for (const [i, candidate] of candidates.entries()) {
    const content = contents[i];
    if (!content || content.includes(0)) continue;
    const have = lines(content);
    let shared = 0;
    for (const line of want) if (have.has(line)) shared++;
    const similarity = shared / Math.max(1, want.size + have.size - shared);
    scored.push({ path: candidate, content, similarity });
  }
  scored.sort((a, b) => b.similarity - a.similarity);
  const [best, next] = scored;
  if (!best || best.similarity < 0.5 || (next && best.similarity - next.similarity < 0.1))
    return null;
  return best;
}

/** Old lines shorter than this (whitespace aside) say too little of where code went. */
const MIN_CLUE_LENGTH = 12;

/** The hunk's old lines (loose) long enough to tell where its code is. */
function distinctiveOldLines(hunk: Hunk): string[] {
  return hunk.lines
    .filter((l) => l.op !== '+')
    .map((l) => looseLine(l.text))
    .filter((l) => l.length >= MIN_CLUE_LENGTH);
}

/**
 * Of the target files the search for the hunks' functions read, the one that holds the code a
 * file the target lacks had around the change, under another name (`bl.js` for
 * `BufferList.js`) or inside a larger file (a module upstream split out of it): most of the
 * hunks' distinctive old lines, at least half of them and twice as many as any other file. Its
 * place for each hunk is then found as in any file, and must be as sure.
 */
export function fileHoldingHunks(
  hunks: Hunk[],
  candidates: Map<string, string | null>,
): { path: string; content: string } | null {
  const clues = new Set(hunks.flatMap(distinctiveOldLines));
  if (clues.size < 2) return null;
  const counts = [...candidates]
    .flatMap(([path, text]) => {
      if (text === null) return [];
      const lines = new Set(splitLines(text).map(looseLine));
      return [{ path, content: text, held: [...clues].filter((c) => lines.has(c)).length }];
    })
    .sort((a, b) => b.held - a.held);
  const [best, next] = counts;
  if (!best || best.held * 2 < clues.size || (next && next.held * 2 > best.held)) return null;
  return best;
}

/** Target files (not in the change) that took hunks of the change's files, as ported. */
export type Relocations = Map<string, { content: string; hunks: HunkOutcome[] }>;

/** At most this many other files are searched for a moved symbol (a common name is no clue). */
const MAX_SYMBOL_FILES = 8;

/**
 * Places hunks the file's own target version could not take in the function or class that
 * encloses them upstream, when the target has that symbol in another file of the same language
 * and role (found with `git grep` for its name): only when exactly one such file takes the hunk.
 */
export async function placeInOtherFiles(
  repo: GitRepo,
  input: { target: string; minConfidence: number },
  file: {
    path: string;
    hunks: Hunk[];
    indexes: number[];
    base: CodeSymbol[];
    others: { changed: Set<string>; relocated: Relocations };
  },
): Promise<{
  outcomes: Map<number, HunkOutcome>;
  files: Relocations;
  /** The candidate files read, as the target has them. */
  read: Map<string, string | null>;
}> {
  const outcomes = new Map<number, HunkOutcome>();
  // Starts from what other files' hunks did to these files; the caller keeps it or not.
  const { changed, relocated: earlier } = file.others;
  const files: Relocations = new Map();
  const language = languageOfPath(file.path);
  const texts = new Map<string, string | null>();
  const textOf = (p: string) => (files.get(p) ?? earlier.get(p))?.content ?? texts.get(p) ?? null;
  // The enclosing symbols of the hunks, and the other files of the language naming each: one
  // search for all of them, then one read of every candidate file.
  const wanted = file.indexes.flatMap((index) => {
    const symbol = enclosingSymbol(file.base, file.hunks[index]!);
    return symbol ? [{ index, symbol }] : [];
  });
  if (wanted.length === 0 || !language) return { outcomes, files, read: texts };
  const named = await repo.grepWordFiles(
    input.target,
    [...new Set(wanted.map((w) => w.symbol.name))],
    pathGlobsOf(language),
  );
  const candidatesOf = (name: string) => {
    const found = (named.get(name) ?? []).filter(
      (p) =>
        p !== file.path &&
        !changed.has(p) &&
        languageOfPath(p) === language &&
        classifyPath(p) === classifyPath(file.path),
    );
    // A name many files hold is no clue to where the symbol went.
    return found.length > MAX_SYMBOL_FILES ? [] : found;
  };
  const toRead = [...new Set(wanted.flatMap((w) => candidatesOf(w.symbol.name)))];
  const blobs = await repo.readBlobs(toRead.map((p) => `${input.target}:${p}`));
  toRead.forEach((p, i) => {
    const blob = blobs[i];
    texts.set(p, blob && !blob.includes(0) ? blob.toString('utf8') : null);
  });
  for (const { index, symbol } of wanted) {
    const hunk = file.hunks[index]!;
    const found = candidatesOf(symbol.name);
    if (found.length === 0) continue;
    const outline = await outlinerFor(found);
    const placed = [];
    for (const candidate of found) {
      const text = textOf(candidate);
      const symbols = text === null ? null : outline(candidate, text);
      if (text === null || !symbols) continue;
      const lines = splitLines(text);
      const relocated = relocateBySymbol({
        target: lines,
        hunk,
        cursor: 0,
        base: file.base,
        symbols,
        minConfidence: input.minConfidence,
        where: candidate,
        prose: proseSyntaxOf(file.path),
      });
      if (relocated) placed.push({ candidate, lines, relocated });
    }
    // Two files that both take the hunk: no way to tell which is meant.
    if (placed.length !== 1) continue;
    const { candidate, lines, relocated } = placed[0]!;
    const content = [
      ...lines.slice(0, relocated.start),
      ...relocated.lines,
      ...lines.slice(relocated.end),
    ].join('');
    const before = (files.get(candidate) ?? earlier.get(candidate))?.hunks ?? [];
    files.set(candidate, { content, hunks: [...before, relocated.outcome] });
    outcomes.set(index, relocated.outcome);
  }
  return { outcomes, files, read: texts };
}
