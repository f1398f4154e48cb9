// The port engine: one upstream change (parent → upstream) onto a target, file by file.
// First the three-way merge git cherry-pick does (at the object level, no checkout); every
// file it cannot merge goes to the hunk engine, which places each hunk by the most certain
// strategy that works and turns the rest into conflicts. Documentation and changelog
// conflicts never block the code: the target keeps its own text there, and it is reported.
import { classifyPath, type PathRole } from '../port/classify-path.js';
import { rollUp, weakest } from '../port/engine/roll-up.js';
import {
  fileHunks,
  portFileText,
  type FilePortStatus,
  type Outlines,
} from '../port/engine/port-file.js';
import type { HunkOutcome } from '../port/engine/place-hunks.js';
import type { Hunk } from '../port/engine/hunks.js';
import { enclosingSymbol, relocateBySymbol } from '../port/engine/relocate-symbol.js';
import { looseLine, looseLines, splitLines } from '../port/engine/lines.js';
import { languageOfPath, pathGlobsOf, type CodeSymbol } from '../port/engine/symbols.js';
import { unfamiliarNames } from '../port/engine/unfamiliar-names.js';
import { outlinerFor } from './symbol-outlines.js';
import { cherryPickTree, type ChangeOnto } from '../git/merge-tree.js';
import type { GitRepo } from '../git/repo.js';

export type EngineFileStatus = FilePortStatus | 'skipped';

export interface EngineFile {
  path: string;
  oldPath?: string;
  kind: PathRole;
  status: EngineFileStatus;
  strategy: 'three-way' | 'hunks' | 'none';
  confidence: number;
  hunks: HunkOutcome[];
  /** For conflicts and skipped files: why, for machines. */
  reason?:
    | 'missing-file'
    | 'binary'
    | 'exists-in-target'
    | 'deleted-in-target'
    | 'hunk-conflict'
    | 'docs-conflict'
    | 'missing-names';
  /**
   * Names the file's added code uses that the target has nowhere, while upstream had them
   * before the fix: a missing prerequisite, or an API the old line spells differently.
   */
  missing?: string[];
}

export interface EngineResult {
  status: 'applied' | 'adapted' | 'already-present' | 'conflict';
  confidence: number;
  /** The three-way merge's tree: the result for every path not in `overrides`. */
  tree: string;
  /** Paths whose result the hunk engine decided (null: absent). */
  overrides: Map<string, Buffer | null>;
  /**
   * Files of `overrides` that hold conflict markers, as they are without them: the hunks that
   * were placed and nothing else (what `patch` leaves beside its rejects).
   */
  placedOnly: Map<string, Buffer>;
  files: EngineFile[];
}

/**
 * Below this a hunk is a conflict. At 0.9 only placements that keep every line of the hunk's
 * context are trusted (exact, shifted, whitespace-only, consistent identifier renames);
 * outer-context fuzz (0.6–0.8) and
 * alignment (0.55–0.9) need a lower setting. On the public corpus 0.9 keeps src within a point
 * of 0.7 and cuts the silent-wrong ports by a third (BENCHMARKS.md has the sweep).
 */
export const DEFAULT_MIN_CONFIDENCE = 0.9;

export async function runPortEngine(
  repo: GitRepo,
  input: ChangeOnto & { minConfidence?: number },
): Promise<EngineResult> {
  const minConfidence = input.minConfidence ?? DEFAULT_MIN_CONFIDENCE;
  // Independent questions to git, asked at once: the merge, and the changed files with their
  // three versions (read while the merge runs).
  const [merge, { changes, blobs }] = await Promise.all([
    cherryPickTree(repo, input),
    repo.changedBetween(input.parent, input.upstream).then(async (changes) => ({
      changes,
      blobs: await readVersions(repo, input, changes),
    })),
  ]);
  const conflicted = new Set(merge.conflicted);
  const overrides = new Map<string, Buffer | null>();
  const placedOnly = new Map<string, Buffer>();
  const files: EngineFile[] = [];
  // Paths the change itself touches: never a destination for another file's hunks.
  const changed = new Set(changes.flatMap((c) => (c.oldPath ? [c.path, c.oldPath] : [c.path])));
  const relocated: Relocations = new Map();
  const cachedRepo = withBlobCache(repo, blobs);
  for (const change of changes) {
    const kind = classifyPath(change.path);
    const touched =
      conflicted.has(change.path) ||
      (change.oldPath !== undefined && conflicted.has(change.oldPath));
    if (!touched) {
      files.push({
        path: change.path,
        oldPath: change.oldPath,
        kind,
        status: 'applied',
        strategy: 'three-way',
        confidence: 1,
        hunks: [],
      });
      continue;
    }
    if (kind === 'docs' || kind === 'changelog') {
      // The target keeps its own documentation; maintainers write branch-specific notes, and
      // a changelog conflict must never block the code port.
      const [kept = null] = await cachedRepo.readBlobs([
        `${input.target}:${change.oldPath ?? change.path}`,
      ]);
      overrides.set(change.path, kept);
      files.push({
        path: change.path,
        oldPath: change.oldPath,
        kind,
        status: 'skipped',
        strategy: 'none',
        confidence: 1,
        hunks: [],
        reason: 'docs-conflict',
      });
      continue;
    }
    const file = await portConflictedFile(
      cachedRepo,
      { ...input, minConfidence },
      change.path,
      change.oldPath,
      { changed, relocated },
    );
    overrides.set(change.path, file.content);
    if (file.placedOnly) placedOnly.set(change.path, file.placedOnly);
    if (file.moved) overrides.set(file.moved.path, file.moved.content);
    files.push({ ...file.report, kind });
    for (const [other, placed] of file.elsewhere ?? []) relocated.set(other, placed);
  }
  // Other target files that received hunks with a symbol that moved there.
  for (const [other, placed] of relocated) {
    overrides.set(other, Buffer.from(placed.content, 'utf8'));
    files.push({
      path: other,
      kind: classifyPath(other),
      status: rollUp(placed.hunks.map((h) => h.status)),
      strategy: 'hunks',
      confidence: weakest(placed.hunks),
      hunks: placed.hunks,
    });
  }
  // Conflicts git reports on paths the change does not name (renames on the target side).
  for (const path of conflicted) {
    if (!files.some((f) => f.path === path || f.oldPath === path)) {
      files.push({
        path,
        kind: classifyPath(path),
        status: 'conflict',
        strategy: 'three-way',
        confidence: 0,
        hunks: [],
        reason: 'hunk-conflict',
      });
    }
  }
  // Only a port that is otherwise sure needs the names checked: a conflict is one already.
  if (files.every((f) => f.status !== 'conflict'))
    flagMissingNames(await findMissingNames(cachedRepo, input, changes), files, minConfidence);
  const status = rollUp(files.map((f) => f.status));
  const confidence = weakest(files);
  return { status, confidence, tree: merge.tree, overrides, placedOnly, files };
}

/** Up to this many changed files have their three versions read before the merge ends. */
const MAX_PREREAD_FILES = 200;

/** `<rev>:<path>` of the parent's, upstream's and target's version of each change, in turn. */
function versionSpecs(input: ChangeOnto, changes: Array<{ path: string; oldPath?: string }>) {
  return changes.flatMap((c) => [
    `${input.parent}:${c.oldPath ?? c.path}`,
    `${input.upstream}:${c.path}`,
    `${input.target}:${c.oldPath ?? c.path}`,
  ]);
}

/** The parent's, upstream's and target's version of every changed file, by `<rev>:<path>`. */
async function readVersions(
  repo: GitRepo,
  input: ChangeOnto,
  changes: Array<{ path: string; oldPath?: string }>,
): Promise<Map<string, Buffer | null>> {
  const blobs = new Map<string, Buffer | null>();
  if (changes.length > MAX_PREREAD_FILES) return blobs;
  const specs = versionSpecs(input, changes);
  (await repo.readBlobs(specs)).forEach((blob, i) => blobs.set(specs[i]!, blob));
  return blobs;
}

/** Globs of the files whose code can define what code at `path` uses. */
function codeGlobsOf(path: string): string[] {
  const language = languageOfPath(path);
  if (language === 'javascript' || language === 'typescript' || language === 'tsx')
    return [...pathGlobsOf('javascript'), ...pathGlobsOf('typescript'), ...pathGlobsOf('tsx')];
  if (language) return pathGlobsOf(language);
  const dot = path.lastIndexOf('.');
  return dot > path.lastIndexOf('/') ? [`*${path.slice(dot)}`] : [];
}

/** Below the default minimum: a port that uses names the target lacks is not sure. */
const MISSING_NAMES_CONFIDENCE = 0.5;

/**
 * The names each changed code file's added lines use that the target has nowhere, while
 * upstream had them before the fix (a helper, a constant, a newer API): the text may merge,
 * yet the code cannot work as it is. By path.
 */
async function findMissingNames(
  repo: GitRepo,
  input: ChangeOnto,
  changes: Array<{ path: string; oldPath?: string }>,
): Promise<Map<string, string[]>> {
  const found = new Map<string, string[]>();
  const code = changes.filter((c) => classifyPath(c.path) === 'code');
  if (code.length === 0) return found;
  const versions = await repo.readBlobs(versionSpecs(input, changes));
  const text = (b: Buffer | null | undefined) => (b && !b.includes(0) ? b.toString('utf8') : null);
  const known = changes.flatMap((_, i) => text(versions[3 * i + 2]) ?? []);
  const candidates = new Map<string, string[]>();
  changes.forEach((change, i) => {
    const [base, upstream] = [text(versions[3 * i]), text(versions[3 * i + 1])];
    if (!code.includes(change) || base === null || upstream === null) return;
    const names = unfamiliarNames(change.path, fileHunks(base, upstream), known);
    if (names.length > 0) candidates.set(change.path, names);
  });
  if (candidates.size === 0) return found;
  const asked = [...new Set([...candidates.values()].flat())];
  // Code names the code of the same languages: lockfiles and data need no searching.
  const globs = [...new Set([...candidates.keys()].flatMap(codeGlobsOf))];
  const inTarget = await repo.wordsPresent(input.target, asked, globs, MAX_SEARCH_PASSES);
  // A name the search could not decide is not reported.
  const absent = asked.filter((n) => !inTarget.present.has(n) && !inTarget.undecided.has(n));
  if (absent.length === 0) return found;
  // Names the target lacks that upstream also lacked came with the fix: only the others count.
  const before = await repo.wordsPresent(input.parent, absent, globs, MAX_SEARCH_PASSES);
  for (const [path, names] of candidates) {
    const lacking = names.filter((name) => absent.includes(name) && before.present.has(name));
    if (lacking.length > 0) found.set(path, lacking);
  }
  return found;
}

/** Searches for names stop after this many passes: the check costs a few tree searches. */
const MAX_SEARCH_PASSES = 3;

/** Marks ported code files that use missing names: confidence 0.5, a conflict by default. */
function flagMissingNames(
  missing: Map<string, string[]>,
  files: EngineFile[],
  minConfidence: number,
): void {
  for (const file of files) {
    const lacking = missing.get(file.path) ?? (file.oldPath && missing.get(file.oldPath));
    if (!lacking || file.kind !== 'code') continue;
    if (file.status !== 'applied' && file.status !== 'adapted') continue;
    file.missing = lacking;
    file.confidence = Math.min(file.confidence, MISSING_NAMES_CONFIDENCE);
    if (file.confidence < minConfidence) {
      file.status = 'conflict';
      file.reason = 'missing-names';
    }
  }
}

/**
 * Most of the hunk's distinctive old lines (twelve characters or more, whitespace aside) are
 * not among `target`'s lines (loose): its code is gone from there rather than drifted.
 */
function leftFile(hunk: Hunk, target: Set<string>): boolean {
  const old = hunk.lines
    .filter((l) => l.op !== '+')
    .map((l) => looseLine(l.text))
    .filter((l) => l.length >= 12);
  if (old.length === 0) return true;
  return old.filter((l) => target.has(l)).length * 4 <= old.length;
}

/** `name` occurs in `text` as a whole identifier. */
function mentions(text: string, name: string): boolean {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?<![\\w$])${escaped}(?![\\w$])`).test(text);
}

/** `repo` whose `readBlobs` answers from `blobs` when it can. */
function withBlobCache(repo: GitRepo, blobs: Map<string, Buffer | null>): GitRepo {
  return Object.assign(Object.create(repo) as GitRepo, {
    readBlobs: async (wanted: string[]) => {
      const missing = wanted.filter((spec) => !blobs.has(spec));
      (await repo.readBlobs(missing)).forEach((blob, i) => blobs.set(missing[i]!, blob));
      return wanted.map((spec) => blobs.get(spec) ?? null);
    },
  });
}

async function portConflictedFile(
  repo: GitRepo,
  input: { parent: string; upstream: string; target: string; minConfidence: number },
  path: string,
  oldPath: string | undefined,
  others: { changed: Set<string>; relocated: Relocations },
): Promise<{
  content: Buffer | null;
  /** The content without its conflict markers, when it has some. */
  placedOnly?: Buffer;
  /** When the target has the file under another path: that path and its ported content. */
  moved?: { path: string; content: Buffer };
  /** Other target files that received some of the hunks (relocated with their symbol). */
  elsewhere?: Relocations;
  status: EngineFileStatus;
  report: Omit<EngineFile, 'kind'>;
}> {
  const [base = null, upstream = null, target = null] = await repo.readBlobs([
    `${input.parent}:${oldPath ?? path}`,
    `${input.upstream}:${path}`,
    `${input.target}:${oldPath ?? path}`,
  ]);
  const conflict = (reason: EngineFile['reason'], content: Buffer | null = target) => ({
    content,
    status: 'conflict' as const,
    report: {
      path,
      oldPath,
      status: 'conflict' as const,
      strategy: 'none' as const,
      confidence: 0,
      hunks: [],
      reason,
    },
  });
  if (target === null && base !== null && upstream !== null && !base.includes(0)) {
    const moved = await findMovedFile(repo, input.target, path, base);
    if (moved) {
      const ported = portFileText({
        base: base.toString('utf8'),
        upstream: upstream.toString('utf8'),
        target: moved.content.toString('utf8'),
        minConfidence: input.minConfidence,
      });
      // Less sure the less the moved file resembles the original.
      const confidence = Math.min(ported.confidence, 0.6 + 0.4 * moved.similarity);
      if (ported.status !== 'conflict' && confidence >= input.minConfidence) {
        return {
          content: null,
          moved: { path: moved.path, content: Buffer.from(ported.content, 'utf8') },
          status: ported.status === 'applied' ? 'adapted' : ported.status,
          report: {
            path: moved.path,
            oldPath: path,
            status: ported.status === 'applied' ? 'adapted' : ported.status,
            strategy: 'hunks',
            confidence,
            hunks: ported.hunks,
          },
        };
      }
    }
  }
  if (target === null && base !== null && upstream !== null && languageOfPath(path)) {
    // The file is gone from the target: its functions may live on in other files.
    const texts = { base: base.toString('utf8'), upstream: upstream.toString('utf8') };
    const baseSymbols = (await outlinerFor([path]))(oldPath ?? path, texts.base);
    const hunks = fileHunks(texts.base, texts.upstream);
    if (baseSymbols && hunks.length > 0) {
      const elsewhere = await placeInOtherFiles(repo, input, {
        path: oldPath ?? path,
        hunks,
        indexes: hunks.map((_, i) => i),
        base: baseSymbols,
        others,
      });
      const outcomes = hunks.map((_, i) => elsewhere.outcomes.get(i));
      if (outcomes.every((o) => o !== undefined)) {
        const status = rollUp(outcomes.map((o) => o.status));
        return {
          content: null,
          elsewhere: elsewhere.files,
          status,
          report: {
            path,
            oldPath,
            status,
            strategy: 'hunks',
            confidence: weakest(outcomes),
            hunks: outcomes,
          },
        };
      }
    }
  }
  if (target === null) return conflict(base === null ? 'exists-in-target' : 'missing-file');
  if (upstream === null) {
    // Upstream deletes the file; the target changed it. Deleting would lose the target's work.
    return conflict('deleted-in-target');
  }
  if (base === null) {
    return target.equals(upstream)
      ? {
          content: target,
          status: 'already-present',
          report: { path, status: 'already-present', strategy: 'none', confidence: 1, hunks: [] },
        }
      : conflict('exists-in-target');
  }
  if ([base, upstream, target].some((b) => b.includes(0))) return conflict('binary');
  const texts = {
    base: base.toString('utf8'),
    upstream: upstream.toString('utf8'),
    target: target.toString('utf8'),
  };
  const outline = languageOfPath(path) ? await outlinerFor([path]) : null;
  let outlines: Outlines | null | undefined;
  const baseSymbolsOf = () => outline?.(oldPath ?? path, texts.base) ?? null;
  const symbols = () => {
    if (outlines !== undefined) return outlines;
    const baseSymbols = baseSymbolsOf();
    const targetSymbols = outline?.(oldPath ?? path, texts.target);
    outlines = baseSymbols && targetSymbols ? { base: baseSymbols, target: targetSymbols } : null;
    return outlines;
  };
  let hunks: ReturnType<typeof fileHunks> | undefined;
  const hunksOf = () => (hunks ??= fileHunks(texts.base, texts.upstream));
  let ported = portFileText({ ...texts, minConfidence: input.minConfidence, symbols });
  let elsewhere: Awaited<ReturnType<typeof placeInOtherFiles>> | undefined;
  // Only a hunk whose context is nowhere in the file may have left it with its symbol.
  const missing = ported.hunks.flatMap((h, i) =>
    h.status === 'conflict' && h.reason === 'context-not-found' ? [i] : [],
  );
  // Only a hunk whose lines left this file can have left with its function: most hunks
  // without a place are code that drifted here, and need no parsing at all.
  const targetLines = missing.length > 0 ? new Set(looseLines(splitLines(texts.target))) : null;
  const left = missing.filter((i) => leftFile(hunksOf()[i]!, targetLines!));
  const baseOutline = left.length > 0 ? baseSymbolsOf() : null;
  // A hunk whose function this file still mentions belongs here; one whose function's name is
  // nowhere in the file may have moved with it (and the target file need not be parsed).
  const gone = baseOutline
    ? left.filter((i) => {
        const symbol = enclosingSymbol(baseOutline, hunksOf()[i]!);
        return symbol !== null && !mentions(texts.target, symbol.name);
      })
    : [];
  const baseSymbols = gone.length > 0 ? baseOutline : undefined;
  if (baseSymbols) {
    const conflicted = gone;
    elsewhere = await placeInOtherFiles(repo, input, {
      path: oldPath ?? path,
      hunks: hunksOf(),
      indexes: conflicted,
      base: baseSymbols,
      others,
    });
    if (elsewhere.outcomes.size > 0)
      ported = portFileText({
        ...texts,
        minConfidence: input.minConfidence,
        symbols,
        elsewhere: elsewhere.outcomes,
      });
  }
  return {
    content: Buffer.from(ported.content, 'utf8'),
    ...(ported.placedOnly !== ported.content
      ? { placedOnly: Buffer.from(ported.placedOnly, 'utf8') }
      : {}),
    elsewhere: elsewhere?.files,
    status: ported.status,
    report: {
      path,
      oldPath,
      status: ported.status,
      strategy: 'hunks',
      confidence: ported.status === 'conflict' ? 0 : ported.confidence,
      hunks: ported.hunks,
      ...(ported.status === 'conflict' ? { reason: 'hunk-conflict' as const } : {}),
    },
  };
}

/**
 * The target's version of a file it has under another path (moved beyond git's rename
 * detection): same base name, and clearly the most similar by shared lines. Null when there
 * is no such file or two are about as similar.
 */
async function findMovedFile(
  repo: GitRepo,
  target: string,
  path: string,
  base: Buffer,
): Promise<{ path: string; content: Buffer; similarity: number } | null> {
  const name = path.split('/').pop()!;
  const listed = await repo.run(['ls-tree', '-r', '-z', '--name-only', target]);
  const candidates = listed.stdout
    .split('\0')
    .filter((p) => p && p !== path && p.split('/').pop() === name);
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
  for (const candidate of candidates) {
    const content = await repo.readBlob(target, candidate);
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

/** Target files (not in the change) that took hunks of the change's files, as ported. */
type Relocations = Map<string, { content: string; hunks: HunkOutcome[] }>;

/** At most this many other files are searched for a moved symbol (a common name is no clue). */
const MAX_SYMBOL_FILES = 8;

/**
 * Places hunks the file's own target version could not take in the function or class that
 * encloses them upstream, when the target has that symbol in another file of the same language
 * (found with `git grep` for its name): only when exactly one such file takes the hunk.
 */
async function placeInOtherFiles(
  repo: GitRepo,
  input: { target: string; minConfidence: number },
  file: {
    path: string;
    hunks: ReturnType<typeof fileHunks>;
    indexes: number[];
    base: CodeSymbol[];
    others: { changed: Set<string>; relocated: Relocations };
  },
): Promise<{ outcomes: Map<number, HunkOutcome>; files: Relocations }> {
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
  if (wanted.length === 0 || !language) return { outcomes, files };
  const named = await repo.grepWordFiles(
    input.target,
    [...new Set(wanted.map((w) => w.symbol.name))],
    pathGlobsOf(language),
  );
  const candidatesOf = (name: string) => {
    const found = (named.get(name) ?? []).filter(
      (p) => p !== file.path && !changed.has(p) && languageOfPath(p) === language,
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
  return { outcomes, files };
}
