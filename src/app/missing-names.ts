// The whole-port check after placement: names a fix's added code uses that the target has
// nowhere, while upstream had them before the fix (a helper, a constant, a newer API). The
// text may merge cleanly, yet the code cannot work as it is: such a port is not sure.
import { classifyPath, NOT_CODE_PATHSPECS } from '../port/classify-path.js';
import { fileHunks } from '../port/engine/port-file.js';
import { languageOfPath, pathGlobsOf } from '../port/engine/symbols.js';
import { declaredInAdded, unfamiliarNames } from '../port/engine/unfamiliar-names.js';
import { unimportedNames } from '../port/engine/unimported-names.js';
import type { ChangeOnto } from '../git/merge-tree.js';
import type { GitRepo } from '../git/repo.js';
import type { ObjectReader } from '../git/object-reader.js';
import {
  checkChangedCode,
  versionSpecs,
  type BlobCache,
  type ChangedPath,
} from './change-versions.js';
import type { EngineFile } from './port-engine.js';

/** Below the default minimum: a port that uses names the target lacks is not sure. */
export const MISSING_NAMES_CONFIDENCE = 0.5;

/** Globs of the files whose code can define what code at `path` uses. */
export function codeGlobsOf(path: string): string[] {
  const language = languageOfPath(path);
  if (language === 'javascript' || language === 'typescript' || language === 'tsx')
    return [...pathGlobsOf('javascript'), ...pathGlobsOf('typescript'), ...pathGlobsOf('tsx')];
  if (language) return pathGlobsOf(language);
  const dot = path.lastIndexOf('.');
  return dot > path.lastIndexOf('/') ? [`*${path.slice(dot)}`] : [];
}

/**
 * Markup, data and styles: what they name is not code that must be defined somewhere. Shell
 * scripts too: their words are programs and flags, which a word search cannot tell apart.
 */
const DATA =
  /\.(html?|xhtml|xml|svg|json5?|ya?ml|toml|ini|cfg|conf|properties|css|scss|sass|less|csv|tsv|lock|graphql|gql|snap|sh|bash|zsh|fish|bat|cmd|ps1)$/i;

/** Names to look for, by the path of the changed code file whose added lines use them. */
export type NameCandidates = Map<string, string[]>;

/**
 * The names each changed code file's added lines use that the target's versions of the
 * changed files never mention (no git search yet: the texts are read once, and this can run
 * while the merge does).
 */
export async function unfamiliarNameCandidates(
  blobs: BlobCache,
  input: ChangeOnto,
  changes: ChangedPath[],
): Promise<NameCandidates> {
  const candidates: NameCandidates = new Map();
  const code = changes.filter((c) => classifyPath(c.path) === 'code' && !DATA.test(c.path));
  if (code.length === 0) return candidates;
  // The code's three versions; of the other files, the target's only (what they mention).
  const [versions, targets] = await Promise.all([
    blobs.read(versionSpecs(input, code)),
    blobs.read(changes.map((c) => `${input.target}:${c.oldPath ?? c.path}`)),
  ]);
  const text = (b: Buffer | null | undefined) => (b && !b.includes(0) ? b.toString('utf8') : null);
  const known = targets.flatMap((b) => text(b) ?? []);
  // What the change's code declares anywhere (a file it adds: added lines throughout).
  const files = new Map<
    ChangedPath,
    { added: boolean; upstream: string; hunks: ReturnType<typeof fileHunks> }
  >();
  code.forEach((change, i) => {
    const [base, upstream] = [text(versions[3 * i]), text(versions[3 * i + 1])];
    const added = versions[3 * i] === null;
    if (upstream !== null && (added || base !== null))
      files.set(change, { added, upstream, hunks: fileHunks(base ?? '', upstream) });
  });
  const declared = new Set(
    [...files].flatMap(([change, file]) => [...declaredInAdded(change.path, file.hunks)]),
  );
  for (const [change, file] of files) {
    if (file.added) continue;
    const names = unfamiliarNames(change.path, file.hunks, known, declared, file.upstream);
    if (names.length > 0) candidates.set(change.path, names);
  }
  return candidates;
}

/**
 * The names each changed code file's added lines use that upstream's file imported and the
 * target's file never mentions (see `unimportedNames`): missing whatever the rest of the target
 * holds, so no search is needed. By path (upstream's).
 */
export function findUnimportedNames(
  blobs: BlobCache,
  input: ChangeOnto,
  changes: ChangedPath[],
): Promise<Map<string, string[]>> {
  return checkChangedCode(blobs, input, changes, unimportedNames);
}

/**
 * Of the candidates, the names the target has nowhere while upstream had them before the fix.
 * By path (upstream's).
 */
export async function findMissingNames(
  repo: GitRepo,
  reader: ObjectReader,
  input: ChangeOnto,
  candidates: NameCandidates,
  limits: { differingBytes?: number } = {},
): Promise<Map<string, string[]>> {
  const found = new Map<string, string[]>();
  if (candidates.size === 0) return found;
  const asked = [...new Set([...candidates.values()].flat())];
  // Code names the code of the same languages: lockfiles and data need no searching, nor
  // tests and examples (code never calls into them).
  const globs = [...new Set([...candidates.keys()].flatMap(codeGlobsOf)), ...NOT_CODE_PATHSPECS];
  // Most names are near the code that uses them: the target's files in the changed files'
  // own folders are read first, through the port's open object reader (no process started).
  const near = await namesNearby(reader, input.target, candidates, asked);
  const rest = asked.filter((n) => !near.has(n));
  if (rest.length === 0) return found;
  const searched = performance.now();
  const absent = await namesAbsent(repo, input.target, rest, globs);
  if (absent.length === 0) return found;
  // Searching upstream's whole tree would cost about what the target's search just did.
  const budget = limits.differingBytes ?? (performance.now() - searched) * READ_BYTES_PER_MS;
  // Names the target lacks that upstream also lacked came with the fix: only the others
  // count. A name upstream had that the target lacks is in a file where the two differ (a
  // file they share holds the same words): those files are read here when that costs less
  // than a search. Otherwise (two branches far apart, or a small tree) upstream is read near
  // the changed files, and searched whole for the names not found there.
  const before =
    (budget >= MIN_READ_BUDGET &&
      (await namesInFilesNotIn(repo, reader, input, { candidates, globs }, absent, budget))) ||
    (await namesUpstreamHad(repo, reader, input.parent, candidates, absent, globs));
  for (const [path, names] of candidates) {
    const missing = names.filter((name) => absent.includes(name) && before.has(name));
    if (missing.length > 0) found.set(path, missing);
  }
  return found;
}

/** Of `names`, those upstream had: near the changed files, or anywhere in its code. */
async function namesUpstreamHad(
  repo: GitRepo,
  reader: ObjectReader,
  parent: string,
  candidates: NameCandidates,
  names: string[],
  globs: string[],
): Promise<Set<string>> {
  const before = await namesNearby(reader, parent, candidates, names);
  const further = names.filter((n) => !before.has(n));
  if (further.length > 0)
    for (const name of (await repo.wordsPresent(parent, further, globs)).present) before.add(name);
  return before;
}

/** Of `names`, those nowhere in the code at `treeish` (a name the search cannot decide is not). */
async function namesAbsent(
  repo: GitRepo,
  treeish: string,
  names: string[],
  globs: string[],
): Promise<string[]> {
  if (names.length === 0) return [];
  const { present, undecided } = await repo.wordsPresent(treeish, names, globs);
  return names.filter((n) => !present.has(n) && !undecided.has(n));
}

/**
 * What the object reader reads and scans in a millisecond, about (a blob through the reader
 * costs more than the same blob read by `git grep` in its own process).
 */
const READ_BYTES_PER_MS = 70_000;
/** Below this, asking which files differ costs more than it can save. */
const MIN_READ_BUDGET = 2_000_000;
/** Code files upstream and the target may differ in, past which they are not read. */
const MAX_DIFFERING_FILES = 1500;

/**
 * Which of `names` occur in the code files upstream's parent holds and the target lacks or
 * holds otherwise (code of the candidates' languages, tests and documentation left out, as
 * the whole-tree search leaves them out). Null when they are too many or too large to read.
 */
async function namesInFilesNotIn(
  repo: GitRepo,
  reader: ObjectReader,
  input: ChangeOnto,
  { candidates, globs }: { candidates: NameCandidates; globs: string[] },
  names: string[],
  maxBytes: number,
): Promise<Set<string> | null> {
  const code = codeFileFilter(candidates);
  // The languages' globs only: git's exclusions cost more there than the filter here. Files
  // without an extension have none: the search reads the whole tree for them.
  const extensions = globs.filter((glob) => !glob.startsWith(':'));
  if (extensions.length === 0) return null;
  const files = (await repo.filesNotIn(input.target, input.parent, extensions)).filter((f) =>
    code(f.path),
  );
  if (files.length > MAX_DIFFERING_FILES) return null;
  // Their sizes first (no content read): past the limit none is read.
  const sizes = await reader.info(files.map((f) => f.oid));
  const bytes = sizes.reduce((sum, info) => sum + (info?.size ?? 0), 0);
  return bytes > maxBytes ? null : wordsInBlobs(reader, files, names, Infinity);
}

/** A folder with more files than this is left to `git grep` (reading it here costs more). */
const MAX_NEARBY_FILES = 400;
const MAX_NEARBY_BYTES = 8 * 2 ** 20;

/**
 * Which of `names` occur as whole words (as `git grep -w` reads them: letters, digits and
 * `_`) in the code files under the folders of the changed files at `treeish`: files of the
 * same languages, tests and documentation left out as the whole-tree search leaves them out.
 * A name not found here may still be elsewhere: the caller searches further.
 */
async function namesNearby(
  reader: ObjectReader,
  treeish: string,
  candidates: NameCandidates,
  names: string[],
): Promise<Set<string>> {
  const present = new Set<string>();
  const code = codeFileFilter(candidates);
  const folders = [...new Set([...candidates.keys()].map((p) => p.slice(0, p.lastIndexOf('/'))))];
  // A file at the top has the whole tree for its folder: that is the search's own job.
  if (folders.some((folder) => folder === '')) return present;
  const files = new Map<string, string>();
  for (const folder of folders) {
    const listed = await reader.filesUnder(treeish, folder, MAX_NEARBY_FILES);
    if (!listed) return present;
    for (const file of listed) {
      if (code(file.path)) files.set(file.path, file.oid);
      if (files.size > MAX_NEARBY_FILES) return present;
    }
  }
  const oids = [...files].map(([path, oid]) => ({ path, oid }));
  // Past the byte limit: what was read is what was found (the caller searches further).
  return (await wordsInBlobs(reader, oids, names, MAX_NEARBY_BYTES, present)) ?? present;
}

/**
 * Whether a path is code that could define what the candidates' code uses: a file of the same
 * languages, not a test or documentation (as `NOT_CODE_PATHSPECS` leaves them out of a search).
 */
function codeFileFilter(candidates: NameCandidates): (path: string) => boolean {
  const extensions = [
    ...new Set([...candidates.keys()].flatMap(codeGlobsOf).map((glob) => glob.replace(/^\*/, ''))),
  ];
  return (path) => {
    if (!extensions.some((ext) => path.endsWith(ext))) return false;
    const role = classifyPath(path);
    return role !== 'test' && role !== 'docs';
  };
}

/**
 * Which of `names` occur as whole words (as `git grep -w` reads them: letters, digits and
 * `_`) in the blobs, added to `present`; null when they hold more than `maxBytes`
 * (what was found so far is in `present` then).
 */
async function wordsInBlobs(
  reader: ObjectReader,
  files: Array<{ path: string; oid: string }>,
  names: string[],
  maxBytes: number,
  present = new Set<string>(),
): Promise<Set<string> | null> {
  if (files.length === 0 || names.length === 0) return present;
  const escaped = names.map((n) => n.replace(/\$/g, '\\$&'));
  const word = new RegExp(`(?<![A-Za-z0-9_])(?:${escaped.join('|')})(?![A-Za-z0-9_])`, 'g');
  let bytes = 0;
  // A few hundred at a time: past the limit the rest is not read.
  for (let at = 0; at < files.length; at += BLOBS_AT_ONCE) {
    const batch = files.slice(at, at + BLOBS_AT_ONCE);
    for (const object of await reader.read(batch.map((f) => f.oid))) {
      if (!object || object.content.includes(0)) continue;
      bytes += object.content.length;
      if (bytes > maxBytes) return null;
      for (const match of object.content.toString('utf8').matchAll(word)) present.add(match[0]);
      if (present.size === names.length) return present;
    }
  }
  return present;
}

const BLOBS_AT_ONCE = 300;

/** Marks ported code files that use missing names: confidence 0.5, a conflict by default. */
export function flagMissingNames(
  missing: Map<string, string[]>,
  files: EngineFile[],
  minConfidence: number,
): void {
  flagPortedCode(missing, files, minConfidence, {
    confidence: MISSING_NAMES_CONFIDENCE,
    reason: 'missing-names',
    mark: (file, names) => (file.missing = names),
  });
}

/**
 * Lowers the confidence of the ported code files a check found something in (by upstream's
 * path, or the file's old one), recording what it found; below the minimum, a conflict.
 */
export function flagPortedCode(
  found: Map<string, string[]>,
  files: EngineFile[],
  minConfidence: number,
  flag: {
    confidence: number;
    reason: NonNullable<EngineFile['reason']>;
    mark: (file: EngineFile, found: string[]) => void;
  },
): void {
  for (const file of files) {
    const what = found.get(file.path) ?? (file.oldPath && found.get(file.oldPath));
    if (!what || file.kind !== 'code') continue;
    if (file.status !== 'applied' && file.status !== 'adapted') continue;
    flag.mark(file, what);
    file.confidence = Math.min(file.confidence, flag.confidence);
    if (file.confidence < minConfidence) {
      file.status = 'conflict';
      file.reason = flag.reason;
    }
  }
}
