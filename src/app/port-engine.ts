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
import { enclosingSymbol } from '../port/engine/relocate-symbol.js';
import { looseLines, splitLines } from '../port/engine/lines.js';
import { languageOfPath } from '../port/engine/symbols.js';
import { proseSyntaxOf } from '../port/engine/prose-mask.js';
import { mentionsName } from '../port/engine/unfamiliar-names.js';
import { BlobCache, preReadSpecs, versionSpecs } from './change-versions.js';
import {
  findMissingNames,
  findUnimportedNames,
  flagMissingNames,
  unfamiliarNameCandidates,
} from './missing-names.js';
import { findNewerSyntax, flagNewerSyntax } from './newer-syntax.js';
import {
  fileHoldingHunks,
  findMovedFile,
  leftFile,
  placeInOtherFiles,
  type Relocations,
} from './other-files.js';
import { outlinerFor } from './symbol-outlines.js';
import { cherryPickTree, type ChangeOnto, type TreeMerge } from '../git/merge-tree.js';
import { ObjectReader } from '../git/object-reader.js';
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
    | 'missing-names'
    | 'newer-syntax';
  /**
   * Names the file's added code uses that the target has nowhere, while upstream had them
   * before the fix: a missing prerequisite, or an API the old line spells differently.
   */
  missing?: string[];
  /**
   * Syntax the file's added code uses that the target's version never does, from a language
   * version the old line may not run on (`?.`, `&.`, f-strings): maintainers rewrite it.
   */
  newerSyntax?: string[];
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
  // The merge's first process is asked for first: both methods the bench compares start there.
  const merge = cherryPickTree(repo, input);
  // A port that fails before awaiting it must not leave its failure unhandled.
  merge.catch(() => undefined);
  // One process answers the port's questions about files and blobs; it ends with the port.
  const reader = new ObjectReader(repo);
  try {
    return await portChange(repo, reader, input, merge);
  } finally {
    reader.close();
  }
}

async function portChange(
  repo: GitRepo,
  reader: ObjectReader,
  input: ChangeOnto & { minConfidence?: number },
  merged: Promise<TreeMerge>,
): Promise<EngineResult> {
  const minConfidence = input.minConfidence ?? DEFAULT_MIN_CONFIDENCE;
  // Independent questions to git, asked at once: the merge, and the changed files with their
  // three versions (read while the merge runs).
  const blobs = new BlobCache(reader);
  const changesRead = reader.changedBetween(input.parent, input.upstream).then(async (changes) => {
    if (changes.length <= MAX_PREREAD_FILES) await blobs.read(preReadSpecs(input, changes));
    return changes;
  });
  // The names the fix's code uses that the target's files do not: found while the merge runs
  // (the main thread waits for git then), searched for only if the port turns out sure.
  const candidates = changesRead.then((changes) => unfamiliarNameCandidates(blobs, input, changes));
  // A conflicted port never awaits it: its failure must not go unhandled then.
  candidates.catch(() => undefined);
  const [merge, changes] = await Promise.all([merged, changesRead]);
  const conflicted = new Set(merge.conflicted);
  const touched = (change: (typeof changes)[number]) =>
    conflicted.has(change.path) || (change.oldPath !== undefined && conflicted.has(change.oldPath));
  // The versions of the files git could not merge that were not read while it ran, at once.
  if (conflicted.size > 0) await blobs.read(versionSpecs(input, changes.filter(touched)));
  const overrides = new Map<string, Buffer | null>();
  const placedOnly = new Map<string, Buffer>();
  const files: EngineFile[] = [];
  // Paths the change itself touches: never a destination for another file's hunks.
  const changed = new Set(changes.flatMap((c) => (c.oldPath ? [c.path, c.oldPath] : [c.path])));
  const relocated: Relocations = new Map();
  let listed: Promise<string[]> | undefined;
  const targetFiles = () => (listed ??= repo.listFiles(input.target));
  for (const change of changes) {
    const kind = classifyPath(change.path);
    if (!touched(change)) {
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
      const [kept = null] = await blobs.read([`${input.target}:${change.oldPath ?? change.path}`]);
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
      repo,
      blobs,
      { ...input, minConfidence },
      change.path,
      change.oldPath,
      { changed, relocated, targetFiles },
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
  flagNewerSyntax(await findNewerSyntax(blobs, input, changes), files, minConfidence);
  // Only a port that is otherwise sure needs the names checked: a conflict is one already.
  if (files.every((f) => f.status !== 'conflict')) {
    const missing = await findMissingNames(repo, reader, input, await candidates);
    for (const [path, names] of await findUnimportedNames(blobs, input, changes))
      missing.set(path, [...new Set([...(missing.get(path) ?? []), ...names])].sort());
    flagMissingNames(missing, files, minConfidence);
  }
  const status = rollUp(files.map((f) => f.status));
  const confidence = weakest(files);
  return { status, confidence, tree: merge.tree, overrides, placedOnly, files };
}

/** A file the target has under another path (`home`), the whole change ported there. */
function portedElsewhere(
  path: string,
  home: string,
  ported: ReturnType<typeof portFileText>,
  confidence: number,
) {
  const status = ported.status === 'applied' ? ('adapted' as const) : ported.status;
  return {
    content: null,
    moved: { path: home, content: Buffer.from(ported.content, 'utf8') },
    status,
    report: {
      path: home,
      oldPath: path,
      status,
      strategy: 'hunks' as const,
      confidence,
      hunks: ported.hunks,
    },
  };
}

/** Up to this many changed files have their three versions read before the merge ends. */
const MAX_PREREAD_FILES = 200;

async function portConflictedFile(
  repo: GitRepo,
  blobs: BlobCache,
  input: { parent: string; upstream: string; target: string; minConfidence: number },
  path: string,
  oldPath: string | undefined,
  others: { changed: Set<string>; relocated: Relocations; targetFiles: () => Promise<string[]> },
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
  const [base = null, upstream = null, target = null] = await blobs.read([
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
    const moved = await findMovedFile(input.target, path, base, {
      blobs: (specs) => blobs.read(specs),
      files: others.targetFiles,
    });
    if (moved) {
      const ported = portFileText({
        base: base.toString('utf8'),
        upstream: upstream.toString('utf8'),
        target: moved.content.toString('utf8'),
        minConfidence: input.minConfidence,
        prose: proseSyntaxOf(path),
      });
      // Less sure the less the moved file resembles the original.
      const confidence = Math.min(ported.confidence, 0.6 + 0.4 * moved.similarity);
      if (ported.status !== 'conflict' && confidence >= input.minConfidence)
        return portedElsewhere(path, moved.path, ported, confidence);
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
      // Or the file lives on whole, or inside a larger one, under another name: among the
      // files that search read, one holding most of the hunks' lines.
      const holder = fileHoldingHunks(hunks, elsewhere.read);
      const ported =
        holder &&
        portFileText({
          ...texts,
          target: holder.content,
          minConfidence: input.minConfidence,
          test: classifyPath(path) === 'test',
          prose: proseSyntaxOf(path),
        });
      if (holder && ported && ported.status !== 'conflict')
        return portedElsewhere(path, holder.path, ported, ported.confidence);
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
  const test = classifyPath(path) === 'test';
  const prose = proseSyntaxOf(path);
  let ported = portFileText({ ...texts, minConfidence: input.minConfidence, symbols, test, prose });
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
        return symbol !== null && !mentionsName(texts.target, symbol.name);
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
        test,
        prose,
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
