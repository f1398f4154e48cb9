// The three versions of every file a change touches (upstream's parent, upstream, target),
// read once through one `git cat-file --batch` and kept for every later question about them.
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

/** What reads blobs by `<rev>:<path>` (a repository, or an open object reader). */
export interface BlobSource {
  readBlobs(specs: string[]): Promise<Array<Buffer | null>>;
}

/** Blobs by `<rev>:<path>`: what was read once is not asked of git again. */
export class BlobCache {
  private readonly blobs = new Map<string, Buffer | null>();

  constructor(private readonly source: BlobSource) {}

  /** Each spec's blob (null: absent), one `cat-file --batch` for those not read before. */
  async read(specs: string[]): Promise<Array<Buffer | null>> {
    const missing = [...new Set(specs.filter((spec) => !this.blobs.has(spec)))];
    if (missing.length > 0)
      (await this.source.readBlobs(missing)).forEach((blob, i) =>
        this.blobs.set(missing[i]!, blob),
      );
    return specs.map((spec) => this.blobs.get(spec) ?? null);
  }
}
