// Places the hunks of an upstream change in a target file that has drifted, from the most to
// the least certain strategy, and says for each hunk what it did and how sure it is. A hunk
// that cannot be placed with enough confidence becomes a conflict, never a guess.
import { alignHunk, type Alignment } from './align-hunk.js';
import { locateBeforeSibling, locateBlockEnd } from './block-end.js';
import { newLinesOf, type Hunk } from './hunks.js';
import { locateMergedRemoved } from './merge-lines.js';
import { locateNearRemoved } from './near-lines.js';
import { locateRenamed, renameAddedLines } from './rename-hunk.js';
import type { ProseSyntax } from './prose-mask.js';
import { dominantEol, indentOf, looseLine, looseLines, withEol } from './lines.js';
import { pairedSurroundingsAgree, surroundingsAgree } from './surroundings.js';

export type HunkStrategy =
  | 'exact'
  | 'shifted'
  | 'whitespace'
  | 'renamed'
  | 'fuzz'
  | 'aligned'
  | 'block-end'
  | 'before-sibling'
  | 'near'
  | 'merged'
  | 'removed-once'
  | 'at-end'
  | 'after-lead'
  | 'symbol'
  | 'already-present';

/**
 * A last strategy before a conflict (relocation by enclosing symbol): the target lines
 * [start, end), at or after `cursor`, replaced by `lines`, with the hunk's outcome.
 */
export type Relocate = (
  target: string[],
  hunk: Hunk,
  cursor: number,
) => { start: number; end: number; lines: string[]; outcome: HunkOutcome } | null;

export type HunkOutcome =
  | {
      status: 'applied' | 'adapted';
      strategy: HunkStrategy;
      line: number;
      confidence: number;
      explanation: string;
    }
  | { status: 'already-present'; line: number; confidence: number; explanation: string }
  | {
      status: 'conflict';
      reason: ConflictReason;
      confidence: number;
      explanation: string;
      /**
       * The target's line (1-based) where the hunk would go: the place proposed for it, or,
       * with none, where it was expected. `retrofit port` writes nothing, so the user resolves
       * the hunk in the target as it is.
       */
      targetLine?: number;
    };

export type ConflictReason =
  'context-not-found' | 'ambiguous-location' | 'below-confidence' | 'overlapping-hunks';

export interface PlacedFile {
  lines: string[];
  /**
   * The same without the conflict markers: the hunks that were placed and nothing else, as
   * `patch` leaves a file whose other hunks it rejects.
   */
  placedOnly: string[];
  hunks: HunkOutcome[];
  /** The weakest hunk's confidence (1 when there are no hunks). */
  confidence: number;
}

interface Match {
  start: number;
  /** How many hunk lines were dropped from each end (fuzz). */
  trimStart: number;
  trimEnd: number;
  loose: boolean;
  confidence: number;
  strategy: HunkStrategy;
  /** Other places in the target fit as well (the nearest was taken). */
  ambiguous: boolean;
  /** For fuzz: distinctive lines around the place that follow the base's, when enough do. */
  around?: number;
}

const FUZZ_CONFIDENCE = [1, 0.8, 0.7, 0.6];
/** Every line matched once one or two identifiers are consistently renamed, at one place only. */
const RENAMED_CONFIDENCE = 0.9;
/**
 * Fuzz in a test file whose place the wider surroundings confirm: at least this many
 * distinctive lines around it in the target follow the base's lines around the hunk, in
 * order. Only for tests: lines next to a change that the target edited are where the old
 * line's code may need the fix adapted (on the public corpus, confirming code hunks this way
 * ported 12 more cases right and 14 more wrong while claiming success); a test hunk is
 * checked by running it, and its regression test must fail before the port and pass after.
 */
const AROUND_CONFIDENCE = 0.9;
const MIN_AROUND = 3;
/**
 * Whole blocks added at the end of a block found by its opening line (once in the target) and
 * its closing line, or before a sibling block found by its opening line: sure enough for a
 * test, which running it checks; in code, where the lines next to the place may be what the
 * target changed and the fix may need adapting to, below the default.
 */
const BLOCK_CONFIDENCE = 0.9;
/** Test hunks whose removed lines the target spells a few characters otherwise. */
const NEAR_CONFIDENCE = 0.9;
const BLOCK_CODE_CONFIDENCE = 0.8;
/**
 * A hunk that only adds lines, aligned with the target line for line (no line of the target's
 * own in between) except for one context line the target lacks: the added lines go where they
 * went relative to every other line around them, and no other place takes them.
 */
const INSERTION_CONFIDENCE = 0.9;
/** An insertion placed so rests on at least this many context lines. */
const MIN_INSERTION_CONTEXT = 4;
/**
 * The hunk's lines in the target line for line (two context lines as they are, the others
 * edited a little), and the lines the target edited merged word by word with upstream's edit,
 * without overlap: the target's edits are kept, not guessed away (as a near match replaces
 * them), so this holds for code as well as tests.
 */
const MERGED_CONFIDENCE = 0.9;

/**
 * A hunk that changes one run of lines (removes them, or replaces them with its added lines),
 * a distinctive line among them, where that run is once in the target (whitespace aside):
 * removing it has no place to choose, however the context around it drifted. Lines that
 * replace it also need a line next to the run, on one side, as the hunk has it (where the added
 * lines go relative to the rest). On the public corpus the replacements made wrong ports where the
 * maintainers adapted more than the fix's own lines (an import the old branch lacked, braces
 * the old branch left out), as fuzz does; the missing-import check catches the first.
 */
const ONCE_REMOVED_CONFIDENCE = 0.9;
/** The run needs a line this long (whitespace aside) to say where it is. */
const MIN_REMOVED_CLUE = 12;
/** A test added at the end follows a line this long (whitespace aside), the target's last. */
const MIN_END_CLUE = 12;

export function placeHunks(
  target: string[],
  hunks: Hunk[],
  options: {
    minConfidence: number;
    relocate?: Relocate;
    /** The base's lines (the hunks' old side): what lies beyond a hunk's context. */
    base?: string[];
    /**
     * A test file: the base's surroundings confirm places found with fuzz or by alignment, and
     * whole blocks placed by their block are trusted (running the test checks them).
     */
    test?: boolean;
    /**
     * The language's comments and strings: renames are learned from code and applied to code
     * only, and blocks are read by the indentation of code.
     */
    prose?: ProseSyntax | null;
  },
): PlacedFile {
  const eol = dominantEol(target);
  const out: string[] = [];
  const outcomes: HunkOutcome[] = [];
  /** Lines of `out` that only a conflict holds: its markers and its upstream side. */
  const conflictOnly = new Set<number>();
  let cursor = 0; // next target line not yet copied
  let delta = 0; // where the target has drifted relative to the base, so far
  for (const [index, hunk] of hunks.entries()) {
    /** The hunk's old lines are the target's from `start` on, line for line: `body` replaces them. */
    /** The target's lines [start, end) become `lines`; the hunk's old lines began at `start`. */
    const replaceSpan = (start: number, end: number, lines: string[]) => {
      out.push(...target.slice(cursor, start), ...lines);
      cursor = end;
      delta = start - hunk.oldStart;
    };
    /** The target's lines [start, end) become `lines`, the hunk adapted so. */
    const adapt = (
      start: number,
      end: number,
      lines: string[],
      how: { strategy: HunkStrategy; confidence: number; explanation: string },
    ) => {
      replaceSpan(start, end, lines);
      outcomes.push({ status: 'adapted', line: start + 1, ...how });
    };
    const replaceWindow = (start: number, body: Hunk['lines']) => {
      const end = start + body.filter((l) => l.op !== '+').length;
      replaceSpan(start, end, rewrite(body, target.slice(start, end), eol));
    };
    const expected = Math.max(0, hunk.oldStart + delta);
    const match = locate(target, hunk, expected, cursor, options.test ? options.base : undefined);
    const sure = !('conflict' in match) && match.confidence >= options.minConfidence;
    // Where the context fits in several places, the enclosing symbol says which one is meant.
    const settled = sure && match.ambiguous ? options.relocate?.(target, hunk, cursor) : null;
    // (When the symbol holds the nearest place anyway, the ordinary outcome stands.)
    if (
      settled &&
      settled.outcome.status !== 'conflict' &&
      !('conflict' in match) &&
      settled.outcome.line - 1 !== match.start
    ) {
      out.push(...target.slice(cursor, settled.start), ...settled.lines);
      cursor = settled.end;
      delta = settled.outcome.line - 1 - hunk.oldStart;
      outcomes.push(settled.outcome);
      continue;
    }
    if (!sure) {
      const present = findPresent(target, hunk, expected, cursor);
      if (present !== null) {
        outcomes.push({
          status: 'already-present',
          line: present + 1,
          confidence: 1,
          explanation: 'the target already has this change',
        });
        continue;
      }
      const block = options.base
        ? locateBlock(target, options.base, hunk, cursor, options.prose)
        : null;
      const blockConfidence = options.test ? BLOCK_CONFIDENCE : BLOCK_CODE_CONFIDENCE;
      if (block && blockConfidence >= options.minConfidence) {
        out.push(...target.slice(cursor, block.at), ...blockLines(block, hunk, eol));
        cursor = block.at;
        delta = block.at - (hunk.oldStart + hunk.lines.findIndex((l) => l.op === '+'));
        outcomes.push({
          status: 'adapted',
          strategy: block.strategy,
          line: block.at + 1,
          confidence: blockConfidence,
          explanation: block.explanation,
        });
        continue;
      }
      const atEnd = options.test ? locateAtEnd(target, hunk, cursor, eol) : null;
      if (atEnd && BLOCK_CONFIDENCE >= options.minConfidence) {
        adapt(atEnd.start, target.length, atEnd.lines, {
          strategy: 'at-end',
          confidence: BLOCK_CONFIDENCE,
          explanation: `added at the end of the file, after the lines the hunk follows (the target ends there; upstream's next lines are not in it: a test, running it checks the place)`,
        });
        continue;
      }
      const after = options.test ? locateAfterLead(target, options.base, hunk, cursor, eol) : null;
      if (after !== null && BLOCK_CONFIDENCE >= options.minConfidence) {
        adapt(after.start, after.start, after.lines, {
          strategy: 'after-lead',
          confidence: BLOCK_CONFIDENCE,
          explanation: `added after the lines the hunk follows (once in the target, at line ${after.start}); upstream's next lines are not in it: a test, running it checks the place`,
        });
        continue;
      }
      const nearly = options.test ? locateNearRemoved(target, hunk, cursor) : null;
      if (nearly && NEAR_CONFIDENCE >= options.minConfidence) {
        replaceWindow(nearly.start, hunk.lines);
        outcomes.push({
          status: 'adapted',
          strategy: 'near',
          line: nearly.start + 1,
          confidence: NEAR_CONFIDENCE,
          explanation: `every context line matched; the lines it replaces differ from the target's by ${nearly.edits} character(s) (a test: running it checks the change)`,
        });
        continue;
      }
      const renaming = locateRenamed(target, hunk, cursor, options.prose);
      const renamed = renaming === 'ambiguous' ? null : renaming;
      if (renamed && RENAMED_CONFIDENCE >= options.minConfidence) {
        replaceWindow(renamed.start, renameAddedLines(hunk.lines, renamed.renames, options.prose));
        const pairs = [...renamed.renames].map(([a, b]) => `${a} → ${b}`).join(', ');
        outcomes.push({
          status: 'adapted',
          strategy: 'renamed',
          line: renamed.start + 1,
          confidence: RENAMED_CONFIDENCE,
          explanation: [
            pairs && `the target spells ${pairs}; added lines renamed to match`,
            renamed.reworded > 0 &&
              `${renamed.reworded} word(s) of the context's comments or strings differ in the target (kept as upstream wrote them in the added lines)`,
          ]
            .filter(Boolean)
            .join('; '),
        });
        continue;
      }
      const merged = locateMergedRemoved(target, hunk, cursor, eol);
      if (merged && MERGED_CONFIDENCE >= options.minConfidence) {
        adapt(merged.start, merged.end, merged.lines, {
          strategy: 'merged',
          confidence: MERGED_CONFIDENCE,
          explanation: `the hunk's lines are the target's line for line; the target had edited ${merged.edited} of them (${merged.differing} that the fix changes), merged word by word with upstream's change`,
        });
        continue;
      }
      const once = locateOnceRemoved(target, hunk, cursor, eol);
      if (once && ONCE_REMOVED_CONFIDENCE >= options.minConfidence) {
        adapt(once.start, once.end, once.lines, {
          strategy: 'removed-once',
          confidence: ONCE_REMOVED_CONFIDENCE,
          explanation: `the ${once.end - once.start} line(s) the hunk ${once.lines.length > 0 ? 'replaces' : 'removes'} are once in the target (whitespace aside); its context drifted${once.lines.length > 0 ? ' but for a line next to them' : ''}`,
        });
        continue;
      }
      // Last resort before a conflict: align the hunk, tolerating drift inside it.
      const aligned = alignHunk(target, hunk, cursor, target.length);
      const alignment = aligned === 'ambiguous' ? null : aligned;
      const far = alignment && Math.abs(alignment.start - expected) > 200 ? 0.1 : 0;
      // In a test, the lines further out confirm an alignment as they confirm fuzz, when the
      // alignment rests on at least half the hunk's own context (an insertion placed by a line
      // or two of it is where a look-alike block starts, not where the hunk was).
      const alignAround =
        alignment &&
        options.test &&
        options.base &&
        alignment.confidence - far < AROUND_CONFIDENCE &&
        alignment.contextAligned * 2 >= alignment.contextTotal
          ? pairedSurroundingsAgree(options.base, target, hunk, alignment.pairs)
          : null;
      const inserting = alignment !== null && far === 0 && insertionInPlace(hunk, alignment);
      const alignConfidence = !alignment
        ? 0
        : alignAround && alignAround.agreeing >= MIN_AROUND
          ? AROUND_CONFIDENCE
          : inserting
            ? INSERTION_CONFIDENCE
            : alignment.confidence - far;
      if (alignment && alignConfidence >= options.minConfidence) {
        adapt(alignment.start, alignment.end, rewriteAligned(hunk, target, alignment, eol), {
          strategy: 'aligned',
          confidence: alignConfidence,
          explanation: `aligned ${alignment.contextAligned} of ${alignment.contextTotal} context lines${inserting ? ' in place, the target lacking one; the added lines keep their place between the rest' : ' and every removed line'}${alignment.extraTarget ? `, keeping ${alignment.extraTarget} line(s) of the target's own in between` : ''}${alignConfidence === AROUND_CONFIDENCE && alignAround ? `; ${alignAround.agreeing} lines around it follow the base's (a test: running it checks the place)` : ''}`,
        });
        continue;
      }
      // Inside the enclosing symbol the same matchers see only part of the file, and find
      // nothing the whole file does not hold: that helps only where the file holds several
      // candidate places (or its one place lost confidence for being far from where it was),
      // never where it holds one place that is not sure enough, or none.
      const several =
        ('conflict' in match ? match.conflict === 'ambiguous-location' : match.ambiguous) ||
        renaming === 'ambiguous' ||
        aligned === 'ambiguous' ||
        far > 0;
      const relocated = several ? options.relocate?.(target, hunk, cursor) : null;
      if (relocated && relocated.outcome.status !== 'conflict') {
        out.push(...target.slice(cursor, relocated.start), ...relocated.lines);
        cursor = relocated.end;
        delta = relocated.outcome.line - 1 - hunk.oldStart;
        outcomes.push(relocated.outcome);
        continue;
      }
      const conflict: HunkOutcome =
        'conflict' in match
          ? {
              status: 'conflict',
              reason: match.conflict,
              confidence: 0,
              explanation: match.explanation,
            }
          : {
              status: 'conflict',
              reason: 'below-confidence',
              confidence: match.confidence,
              explanation: `best place (line ${match.start + 1}, ${match.strategy}) is only ${match.confidence.toFixed(2)} sure`,
            };
      outcomes.push(conflict);
      // A place that is not sure enough is still shown: the target's lines there against
      // what the hunk would make of them, for the reader to take or leave.
      // A block's place is the surer of two proposals: fuzz may have fitted a brace anywhere.
      const proposal = block
        ? {
            start: block.at,
            end: block.at,
            lines: blockLines(block, hunk, eol),
            how: block.explanation,
            confidence: blockConfidence,
          }
        : !('conflict' in match)
          ? proposeAt(target, hunk, match, eol)
          : alignment
            ? {
                start: alignment.start,
                end: alignment.end,
                lines: rewriteAligned(hunk, target, alignment, eol),
                how: `aligned ${alignment.contextAligned} of ${alignment.contextTotal} context lines`,
                confidence: alignConfidence,
              }
            : null;
      if (proposal && proposal.start >= cursor) {
        out.push(...target.slice(cursor, proposal.start));
        const sure = `${proposal.how}, ${proposal.confidence.toFixed(2)} sure`;
        const open = `<<<<<<< target (upstream hunk ${index + 1} would go here: ${sure})${eol}`;
        conflict.targetLine = proposal.start + 1;
        conflictOnly.add(out.length);
        out.push(open, ...target.slice(proposal.start, proposal.end));
        const theirs = [
          `=======${eol}`,
          ...proposal.lines,
          `>>>>>>> upstream hunk ${index + 1}, as retrofit would place it${eol}`,
        ];
        for (let k = 0; k < theirs.length; k++) conflictOnly.add(out.length + k);
        out.push(...theirs);
        cursor = proposal.end;
        continue;
      }
      const near = 'conflict' in match ? expected : match.start;
      const at = Math.min(Math.max(near, cursor), target.length);
      out.push(...target.slice(cursor, at));
      const markers = conflictMarkers(hunk, index, eol);
      conflict.targetLine = at + 1;
      for (let k = 0; k < markers.length; k++) conflictOnly.add(out.length + k);
      out.push(...markers);
      cursor = at;
      continue;
    }
    const applied = applyAt(target, hunk, match, eol);
    out.push(...target.slice(cursor, match.start), ...applied.lines);
    cursor = applied.end;
    const baseStart =
      hunk.oldStart + hunk.lines.slice(0, match.trimStart).filter((l) => l.op !== '+').length;
    delta = match.start - baseStart;
    const exact = match.strategy === 'exact';
    outcomes.push({
      status: exact || match.strategy === 'shifted' ? 'applied' : 'adapted',
      strategy: match.strategy,
      line: match.start + 1,
      confidence: match.confidence,
      explanation: explain(match, baseStart),
    });
  }
  out.push(...target.slice(cursor));
  const confidence = outcomes.reduce((min, o) => Math.min(min, o.confidence), 1);
  const placedOnly = conflictOnly.size === 0 ? out : out.filter((_, i) => !conflictOnly.has(i));
  return { lines: out, placedOnly, hunks: outcomes, confidence };
}

/** See `ONCE_REMOVED_CONFIDENCE`: the run's place (at or after `cursor`) and what replaces it. */
function locateOnceRemoved(
  target: string[],
  hunk: Hunk,
  cursor: number,
  eol: '\n' | '\r\n',
): { start: number; end: number; lines: string[] } | null {
  const ops = hunk.lines.map((l) => l.op).join('');
  const run = /^( *)(-+)(\+*)( *)$/.exec(ops);
  if (!run) return null;
  const first = run[1]!.length;
  const removedEnd = first + run[2]!.length;
  const removed = hunk.lines.slice(first, removedEnd).map((l) => l.text);
  const added = hunk.lines.slice(removedEnd, removedEnd + run[3]!.length).map((l) => l.text);
  if (!removed.some((l) => looseLine(l).length >= MIN_REMOVED_CLUE)) return null;
  const places = findAll(target, removed, 0, true);
  if (places.length !== 1 || places[0]! < cursor) return null;
  const start = places[0]!;
  const end = start + removed.length;
  if (added.length > 0) {
    // Added lines go where the removed ones were: a neighbour on one side must agree.
    const agrees = (line: Hunk['lines'][number] | undefined, at: number) =>
      line !== undefined &&
      at >= 0 &&
      at < target.length &&
      looseLine(line.text) !== '' &&
      looseLine(line.text) === looseLine(target[at]!);
    if (
      !agrees(hunk.lines[first - 1], start - 1) &&
      !agrees(hunk.lines[removedEnd + added.length], end)
    )
      return null;
  }
  // The target's run, re-indented as it is there, with its line endings.
  const body = hunk.lines.slice(first, removedEnd + added.length);
  return { start, end, lines: rewrite(body, target.slice(start, end), eol) };
}

/**
 * A hunk that only adds lines, between context lines, where upstream's next lines (the first
 * of its trailing context that is not blank) are nowhere in the target: its leading context,
 * and its added lines with the target's line ends. Null for any other hunk.
 */
function insertionBeforeMissing(
  target: string[],
  hunk: Hunk,
  eol: '\n' | '\r\n',
): { lead: Hunk['lines']; added: string[] } | null {
  const run = /^( +)(\++)( +)$/.exec(hunk.lines.map((l) => l.op).join(''));
  if (!run) return null;
  const trail = hunk.lines.slice(run[1]!.length + run[2]!.length);
  const next = trail.find((l) => looseLine(l.text) !== '');
  if (!next || looseLines(target).includes(looseLine(next.text))) return null;
  return {
    lead: hunk.lines.slice(0, run[1]!.length),
    added: hunk.lines.filter((l) => l.op === '+').map((l) => withEol(l.text, eol)),
  };
}

/**
 * A test hunk that adds lines after lines the target ends with (its last lines that are not
 * blank are the hunk's leading context), before upstream's next lines, which the target does
 * not have: the new lines go at the target's end, with the blank lines the hunk puts before
 * them.
 */
function locateAtEnd(
  target: string[],
  hunk: Hunk,
  cursor: number,
  eol: '\n' | '\r\n',
): { start: number; lines: string[] } | null {
  const insertion = insertionBeforeMissing(target, hunk, eol);
  if (!insertion) return null;
  const lead = insertion.lead;
  const lastSaid = lead.map((l) => looseLine(l.text) !== '').lastIndexOf(true);
  if (lastSaid < 0 || looseLine(lead[lastSaid]!.text).length < MIN_END_CLUE) return null;
  let end = target.length;
  while (end > 0 && looseLine(target[end - 1]!) === '') end--;
  if (end === 0 || end <= cursor || !target[target.length - 1]!.endsWith('\n')) return null;
  // The leading context's non-blank lines are the target's last lines, in a row.
  const said = lead.filter((l) => looseLine(l.text) !== '');
  if (said.length > end) return null;
  for (let k = 0; k < said.length; k++)
    if (looseLine(said[said.length - 1 - k]!.text) !== looseLine(target[end - 1 - k]!)) return null;
  const blanks = lead.slice(lastSaid + 1).map((l) => withEol(l.text, eol));
  const added = [...insertion.added];
  // The blank lines that parted the new lines from upstream's next ones part them from nothing
  // here: the file keeps its own ending.
  while (added.length > 0 && looseLine(added[added.length - 1]!) === '') added.pop();
  return { start: end, lines: [...blanks, ...added, ...target.slice(end)] };
}

/**
 * A test added after lines the target has once, before upstream's next lines, which the target
 * lacks (a test upstream has and the old branch never got): the new lines go right after the
 * hunk's leading context, blank lines and all, as at the end of a file (`locateAtEnd`).
 */
function locateAfterLead(
  target: string[],
  base: string[] | undefined,
  hunk: Hunk,
  cursor: number,
  eol: '\n' | '\r\n',
): { start: number; lines: string[] } | null {
  const insertion = insertionBeforeMissing(target, hunk, eol);
  if (!insertion) return null;
  const lead = insertion.lead.map((l) => looseLine(l.text));
  if (!lead.some((l) => l.length >= MIN_END_CLUE)) return null;
  const loose = looseLines(target);
  // The leading context, blank lines included, once in the target (from its first line that
  // says something), not before the hunks already placed; where it is there several times,
  // with the base's lines before it, a few more at a time, until it is there once.
  const firstSaid = lead.findIndex((l) => l !== '');
  for (let more = 0; more <= MAX_LEAD_EXTENSION; more++) {
    if (more > 0 && (!base || hunk.oldStart - more < 0)) return null;
    const before = more > 0 ? base!.slice(hunk.oldStart - more, hunk.oldStart).map(looseLine) : [];
    const wanted = [...before, ...lead.slice(more > 0 ? 0 : firstSaid)];
    const found: number[] = [];
    for (let at = 0; at + wanted.length <= loose.length && found.length < 2; at++)
      if (wanted.every((l, k) => loose[at + k] === l)) found.push(at);
    if (found.length === 0) return null;
    if (found.length > 1) continue;
    if (found[0]! < cursor) return null;
    return { start: found[0]! + wanted.length, lines: insertion.added };
  }
  return null;
}

/** Base lines before a hunk that may be read to tell which of several places it follows. */
const MAX_LEAD_EXTENSION = 12;

/** See `INSERTION_CONFIDENCE`. */
function insertionInPlace(hunk: Hunk, alignment: Alignment): boolean {
  return (
    !hunk.lines.some((l) => l.op === '-') &&
    alignment.extraTarget === 0 &&
    alignment.contextTotal - alignment.contextAligned === 1 &&
    alignment.contextAligned >= MIN_INSERTION_CONTEXT
  );
}

/** A hunk of whole blocks placed by the block it ends or the block it goes before. */
function locateBlock(
  target: string[],
  base: string[],
  hunk: Hunk,
  cursor: number,
  prose: ProseSyntax | null | undefined,
) {
  const end = locateBlockEnd(target, base, hunk, cursor, prose);
  if (end)
    return {
      ...end,
      strategy: 'block-end' as const,
      explanation: `added at the end of the block \`${looseLine(target[end.opener]!)}\` (target line ${end.opener + 1}), as upstream adds it at the end of that block`,
    };
  const before = locateBeforeSibling(target, base, hunk, cursor, prose);
  if (before)
    return {
      ...before,
      strategy: 'before-sibling' as const,
      explanation: `added before \`${looseLine(target[before.sibling]!)}\` (target line ${before.sibling + 1}), the block upstream adds it before`,
    };
  return null;
}

/** The added lines of a hunk placed by a block, in the target's indentation. */
function blockLines(block: { from: string; to: string }, hunk: Hunk, eol: '\n' | '\r\n'): string[] {
  const shift = (s: string) =>
    looseLine(s) !== '' && s.startsWith(block.from) ? block.to + s.slice(block.from.length) : s;
  return hunk.lines.filter((l) => l.op === '+').map((l) => withEol(shift(l.text), eol));
}

/** The hunk applied at a located place: the target lines [start, end) become `lines`. */
function applyAt(target: string[], hunk: Hunk, match: Match, eol: '\n' | '\r\n') {
  const body = hunk.lines.slice(match.trimStart, hunk.lines.length - match.trimEnd);
  const end = match.start + body.filter((l) => l.op !== '+').length;
  return { start: match.start, end, lines: rewrite(body, target.slice(match.start, end), eol) };
}

/** A located place that is not sure enough, as a proposal: the rewrite and how it was found. */
function proposeAt(target: string[], hunk: Hunk, match: Match, eol: '\n' | '\r\n') {
  const how =
    match.strategy === 'fuzz'
      ? `${Math.max(match.trimStart, match.trimEnd)} line(s) of outer context ignored`
      : match.ambiguous
        ? 'its context fits in several places; the nearest'
        : 'context matched';
  return { ...applyAt(target, hunk, match, eol), how, confidence: match.confidence };
}

function explain(match: Match, baseStart: number): string {
  const moved =
    match.start === baseStart
      ? 'at the same line'
      : `moved ${match.start - baseStart > 0 ? '+' : ''}${match.start - baseStart} lines`;
  switch (match.strategy) {
    case 'exact':
    case 'shifted':
      return `context matched exactly, ${moved}`;
    case 'whitespace':
      return `context matched ignoring whitespace, ${moved}; added lines re-indented to the target`;
    default:
      return `matched with ${Math.max(match.trimStart, match.trimEnd)} line(s) of outer context ignored, ${moved}${match.around ? `; ${match.around} lines around it follow the base's (a test: running it checks the place)` : ''}`;
  }
}

/** Finds where the hunk's old lines are in the target, preferring exact, unique, near. */
function locate(
  target: string[],
  hunk: Hunk,
  expected: number,
  cursor: number,
  base?: string[],
): Match | { conflict: 'context-not-found' | 'ambiguous-location'; explanation: string } {
  const maxFuzz = Math.min(3, Math.max(contextRun(hunk, 'start'), contextRun(hunk, 'end')));
  for (const loose of [false, true]) {
    for (let fuzz = 0; fuzz <= (loose ? maxFuzz : 0); fuzz++) {
      const trimStart = Math.min(fuzz, contextRun(hunk, 'start'));
      const trimEnd = Math.min(fuzz, contextRun(hunk, 'end'));
      const body = hunk.lines.slice(trimStart, hunk.lines.length - trimEnd);
      const old = body.filter((l) => l.op !== '+').map((l) => l.text);
      // A hunk reduced to nothing but context (or to nothing) can no longer be placed safely.
      if (old.length === 0 || body.every((l) => l.op === ' ')) continue;
      const starts = findAll(target, old, cursor, loose);
      if (starts.length === 0) continue;
      const near = expected + trimStart;
      starts.sort((a, b) => Math.abs(a - near) - Math.abs(b - near));
      if (starts.length > 1 && Math.abs(starts[0]! - near) === Math.abs(starts[1]! - near)) {
        return {
          conflict: 'ambiguous-location',
          explanation: `the hunk's context appears at lines ${starts[0]! + 1} and ${starts[1]! + 1}`,
        };
      }
      const start = starts[0]!;
      const strategy: HunkStrategy = loose
        ? fuzz > 0
          ? 'fuzz'
          : 'whitespace'
        : start === near
          ? 'exact'
          : 'shifted';
      // Several places that fit make the nearest one less certain, fuzz more so.
      const ambiguity = starts.length > 1 ? 0.1 : 0;
      const confidence =
        (loose ? (fuzz > 0 ? FUZZ_CONFIDENCE[fuzz]! : 0.9) : start === near ? 1 : 0.95) - ambiguity;
      const match = {
        start,
        trimStart,
        trimEnd,
        loose,
        confidence,
        strategy,
        ambiguous: starts.length > 1,
      };
      if (strategy !== 'fuzz' || !base) return match;
      // Outer context was dropped: the lines further out say whether this is the same spot.
      const keep = { from: trimStart, to: trimStart + old.length };
      const around = surroundingsAgree(base, target, hunk, keep, start);
      if (!around || around.agreeing < MIN_AROUND) return match;
      return {
        ...match,
        confidence: Math.max(confidence, AROUND_CONFIDENCE),
        around: around.agreeing,
      };
    }
  }
  return {
    conflict: 'context-not-found',
    explanation:
      "the hunk's lines are not in the target, even ignoring whitespace and outer context",
  };
}

function contextRun(hunk: Hunk, side: 'start' | 'end'): number {
  const lines = side === 'start' ? hunk.lines : [...hunk.lines].reverse();
  let n = 0;
  while (n < lines.length && lines[n]!.op === ' ') n++;
  return n;
}

function findAll(target: string[], needle: string[], from: number, loose: boolean): number[] {
  const want = loose ? needle.map(looseLine) : needle;
  const lines = loose ? looseLines(target) : target;
  const starts: number[] = [];
  for (let p = from; p + want.length <= lines.length; p++) {
    let ok = true;
    for (let k = 0; k < want.length; k++) {
      if (lines[p + k] !== want[k]) {
        ok = false;
        break;
      }
    }
    if (ok) starts.push(p);
  }
  return starts;
}

/** The hunk's new lines are already in the target (exactly, or ignoring whitespace). */
function findPresent(
  target: string[],
  hunk: Hunk,
  expected: number,
  cursor: number,
): number | null {
  // Short or trivial new text ("}", a blank line) is found anywhere; it proves nothing.
  const fresh = newLinesOf(hunk);
  const distinctive = hunk.lines.some((l) => l.op === '+' && looseLine(l.text).length >= 8);
  if (fresh.length < 3 && !distinctive) return null;
  for (const loose of [false, true]) {
    const starts = findAll(target, fresh, cursor, loose);
    if (starts.length > 0)
      return starts.sort((a, b) => Math.abs(a - expected) - Math.abs(b - expected))[0]!;
  }
  return null;
}

/**
 * The hunk applied to the matched window: context lines keep the target's own text, removed
 * lines go, added lines come in with the target's indentation and line endings.
 */
function rewrite(body: Hunk['lines'], window: string[], eol: '\n' | '\r\n'): string[] {
  const shift = indentShift(body, window);
  const out: string[] = [];
  let w = 0;
  for (const line of body) {
    if (line.op === ' ') out.push(window[w++]!);
    else if (line.op === '-') w++;
    else out.push(withEol(shift(line.text), eol));
  }
  return out;
}

/** Learns how the target's indentation differs from the base's on the matched lines. */
function indentShift(body: Hunk['lines'], window: string[]): (line: string) => string {
  let w = 0;
  for (const line of body) {
    if (line.op === '+') continue;
    const targetLine = window[w++]!;
    if (looseLine(line.text) === '') continue;
    const from = indentOf(line.text);
    const to = indentOf(targetLine);
    if (from === to) return (s) => s;
    return (s) => (looseLine(s) !== '' && s.startsWith(from) ? to + s.slice(from.length) : s);
  }
  return (s) => s;
}

/** The hunk applied along an alignment: removed lines go, context and extra lines stay. */
function rewriteAligned(
  hunk: Hunk,
  target: string[],
  alignment: Alignment,
  eol: '\n' | '\r\n',
): string[] {
  const old = hunk.lines.filter((l) => l.op !== '+');
  const window = old.map((_, i) =>
    alignment.pairs[i]! >= 0 ? target[alignment.pairs[i]!]! : _.text,
  );
  const shift = indentShift(old, window);
  const out: string[] = [];
  let next = alignment.start;
  let index = 0;
  for (const line of hunk.lines) {
    if (line.op === '+') {
      out.push(withEol(shift(line.text), eol));
      continue;
    }
    const at = alignment.pairs[index++]!;
    if (at < 0) continue;
    out.push(...target.slice(next, at));
    if (line.op === ' ') out.push(target[at]!);
    next = at + 1;
  }
  out.push(...target.slice(next, alignment.end));
  return out;
}

function conflictMarkers(hunk: Hunk, index: number, eol: '\n' | '\r\n'): string[] {
  const newLines = newLinesOf(hunk).map((l) => withEol(l.endsWith('\n') ? l : `${l}\n`, eol));
  return [
    `<<<<<<< target (retrofit could not place upstream hunk ${index + 1})${eol}`,
    `=======${eol}`,
    ...newLines,
    `>>>>>>> upstream${eol}`,
  ];
}
