// The three versions of every file a change touches (upstream's parent, upstream, target),
// read once through one `git cat-file --batch-command` and kept for every later question about them.
import { classifyPath } from '../port/classify-path.js';
import { fileHunks } from '../port/engine/port-file.js';
import type { Hunk } from '../port/engine/hunks.js';
import type { ChangeOnto } from '../git/merge-tree.js';

export interface ChangedPath {
  path: string;
  /** The parent's (and target's) path when the change renames the file. */
  oldPath?: string;
}

/** `<rev>:<path>` of the parent's, upstream's and target's version of each change, in turn. */
export function versionSpecs(input: ChangeOnto, changes: ChangedPath[]): string[] {
  return changes.flatMap((c) => [
    `${input.parent}:${c.oldPath ?? c.path}`,
    `${input.upstream}:${c.path}`,
    `${input.target}:${c.oldPath ?? c.path}`,
  ]);
}

/**
 * What a port reads of the changed files while git merges: the three versions of code (the
 * checks of a sure port read them), the target's of the rest (the names check reads what they
 * mention). A file git cannot merge has the versions it lacks read when it is ported.
 */
export function preReadSpecs(input: ChangeOnto, changes: ChangedPath[]): string[] {
  return changes.flatMap((c) =>
    classifyPath(c.path) === 'code'
      ? versionSpecs(input, [c])
      : [`${input.target}:${c.oldPath ?? c.path}`],
  );
}

/** What reads blobs by `<rev>:<path>` (a repository, or an open object reader). */
export interface BlobSource {
  readBlobs(specs: string[]): Promise<Array<Buffer | null>>;
}

/** Blobs by `<rev>:<path>`: what was read once is not asked of git again. */
export class BlobCache {
  private readonly blobs = new Map<string, Buffer | null>();

  constructor(private readonly source: BlobSource) {}

  /** Each spec's blob (null: absent), one `cat-file --batch-command` for those not read before. */
  async read(specs: string[]): Promise<Array<Buffer | null>> {
    const missing = [...new Set(specs.filter((spec) => !this.blobs.has(spec)))];
    if (missing.length > 0)
      (await this.source.readBlobs(missing)).forEach((blob, i) =>
        this.blobs.set(missing[i]!, blob),
      );
    return specs.map((spec) => this.blobs.get(spec) ?? null);
  }
}

/**
 * A check of each changed code file that the three versions hold as text, by path (upstream's):
 * what `check` finds in it, for the files where it finds something.
 */
export async function checkChangedCode(
  blobs: BlobCache,
  input: ChangeOnto,
  changes: ChangedPath[],
  check: (
    path: string,
    hunks: Hunk[],
    texts: { base: string; upstream: string; target: string },
  ) => string[],
): Promise<Map<string, string[]>> {
  const found = new Map<string, string[]>();
  const code = changes.filter((c) => classifyPath(c.path) === 'code');
  if (code.length === 0) return found;
  const versions = await blobs.read(versionSpecs(input, code));
  const text = (b: Buffer | null | undefined) => (b && !b.includes(0) ? b.toString('utf8') : null);
  code.forEach((change, i) => {
    const base = text(versions[3 * i]);
    const upstream = text(versions[3 * i + 1]);
    const target = text(versions[3 * i + 2]);
    if (base === null || upstream === null || target === null) return;
    const what = check(change.path, fileHunks(base, upstream), { base, upstream, target });
    if (what.length > 0) found.set(change.path, what);
  });
  return found;
}
