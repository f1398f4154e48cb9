// One `git cat-file --batch-command` kept open for a job's many small questions: blobs by
// `<rev>:<path>`, and which files two commits differ in (their trees compared here, reading
// only the subtrees whose ids differ). Under load, every git process started costs several
// milliseconds before it does any work; a port asks for the changed files, then their three
// versions, then more blobs as hunks need them, and this answers all of it from one process.
import { RetrofitError } from '../errors.js';
import type { ChangedFile, GitRepo } from './repo.js';
import { gitArguments, gitEnvironment } from './run-git.js';
import { openProcess, type ProcessStream } from './spawner.js';

export interface GitObject {
  oid: string;
  type: string;
  content: Buffer;
}

/** What `info` tells of an object without reading it. */
export interface ObjectInfo {
  oid: string;
  type: string;
  size: number;
}

interface TreeEntry {
  mode: string;
  oid: string;
}

/** How long one reader may stay open: a port's whole run. */
const READER_TIMEOUT_MS = 600_000;

export class ObjectReader {
  private readonly process: ProcessStream;
  /** Answers still owed, in the order their questions were written. */
  private readonly waiting: Array<{
    resolve: (object: GitObject | ObjectInfo | null) => void;
    reject: (error: Error) => void;
    /** Asked with `info`: a header and no content. */
    info: boolean;
  }> = [];
  private chunks: Buffer[] = [];
  private buffered = 0;
  /** Bytes the answer being read needs before it can be parsed (0: a header first). */
  private needed = 0;
  private failure: Error | null = null;
  private closed = false;

  constructor(private readonly repo: GitRepo) {
    this.process = openProcess(
      {
        file: 'git',
        args: gitArguments(['cat-file', '--batch-command']),
        cwd: repo.dir,
        env: gitEnvironment(),
        timeoutMs: READER_TIMEOUT_MS,
      },
      (chunk) => this.receive(chunk),
    );
    void this.process.done.then(
      (result) => {
        const detail = result.timedOut
          ? `stopped after ${READER_TIMEOUT_MS / 1000} s`
          : (result.startError ?? (result.stderr.toString('utf8').trim() || `exit ${result.code}`));
        this.fail(
          new RetrofitError('git-command-failed', `git cat-file --batch-command ended: ${detail}`, {
            command: ['git', 'cat-file', '--batch-command'],
            input: repo.dir,
          }),
        );
      },
      (error: unknown) => this.fail(error instanceof Error ? error : new Error(String(error))),
    );
  }

  /** Each spec's object (null: missing, or ambiguous), asked at once and answered in order. */
  async read(specs: string[]): Promise<Array<GitObject | null>> {
    return (await this.ask('contents', specs)) as Array<GitObject | null>;
  }

  /** Each spec's type and size, the object not read (null: missing, or ambiguous). */
  async info(specs: string[]): Promise<Array<ObjectInfo | null>> {
    return (await this.ask('info', specs)) as Array<ObjectInfo | null>;
  }

  private async ask(
    command: 'contents' | 'info',
    specs: string[],
  ): Promise<Array<GitObject | ObjectInfo | null>> {
    if (specs.some((s) => s.includes('\n')))
      throw new Error('an object spec cannot hold a newline');
    if (this.closed) throw new Error('the object reader is closed');
    if (specs.length === 0) return [];
    const info = command === 'info';
    const answers = specs.map(
      () =>
        new Promise<GitObject | ObjectInfo | null>((resolve, reject) => {
          if (this.failure) reject(this.failure);
          else this.waiting.push({ resolve, reject, info });
        }),
    );
    if (!this.failure) this.process.write(specs.map((s) => `${command} ${s}\n`).join(''));
    return Promise.all(answers);
  }

  /** Blobs by `<tree-ish>:<path>`, null for a missing one or one that is not a blob. */
  async readBlobs(specs: string[]): Promise<Array<Buffer | null>> {
    return (await this.read(specs)).map((o) => (o?.type === 'blob' ? o.content : null));
  }

  /**
   * The files that differ between two tree-ishes, as `git diff-tree -r -M` lists them. The
   * trees are compared here; only when files were both added and deleted (a rename is
   * possible) or a path changed between file and folder does git's own diff answer.
   */
  async changedBetween(from: string, to: string): Promise<ChangedFile[]> {
    const changes: ChangedFile[] = [];
    // Pairs of trees whose ids differ, by folder prefix; one level asked at a time.
    let level: Array<{ prefix: string; from: string | null; to: string | null }> = [
      { prefix: '', from: `${from}^{tree}`, to: `${to}^{tree}` },
    ];
    while (level.length > 0) {
      const specs = level.flatMap((pair) => [pair.from, pair.to].filter((s) => s !== null));
      const objects = await this.read(specs);
      if (objects.some((o) => o === null || o.type !== 'tree'))
        throw new RetrofitError('git-command-failed', `${from} or ${to} names no tree here`, {
          input: `${from} ${to}`,
        });
      const trees = new Map(specs.map((spec, i) => [spec, parseTree(objects[i]!)]));
      const next: typeof level = [];
      for (const pair of level) {
        const before = pair.from ? trees.get(pair.from)! : new Map<string, TreeEntry>();
        const after = pair.to ? trees.get(pair.to)! : new Map<string, TreeEntry>();
        for (const name of new Set([...before.keys(), ...after.keys()])) {
          const [a, b] = [before.get(name), after.get(name)];
          if (a && b && a.oid === b.oid && a.mode === b.mode) continue;
          const path = pair.prefix + name;
          const [aTree, bTree] = [a?.mode === '40000', b?.mode === '40000'];
          if ((a && b && aTree !== bTree) || (a && b && !aTree && kind(a) !== kind(b)))
            return this.repo.changedBetween(from, to);
          if (aTree || bTree) {
            next.push({ prefix: `${path}/`, from: a ? a.oid : null, to: b ? b.oid : null });
          } else {
            changes.push({ status: !a ? 'A' : !b ? 'D' : 'M', path });
          }
        }
      }
      level = next;
    }
    if (changes.some((c) => c.status === 'A') && changes.some((c) => c.status === 'D'))
      return this.repo.changedBetween(from, to);
    // git lists paths in byte order (a folder sorts as its name and a slash).
    return changes.sort((x, y) => Buffer.compare(Buffer.from(x.path), Buffer.from(y.path)));
  }

  /**
   * The files (blobs, not links or submodules) under `folder` at `treeish`, with their ids, at
   * any depth; one level of folders asked at a time. Null when the folder is not there or holds
   * more than `limit` files.
   */
  async filesUnder(
    treeish: string,
    folder: string,
    limit: number,
  ): Promise<Array<{ path: string; oid: string }> | null> {
    const files: Array<{ path: string; oid: string }> = [];
    let level = [{ prefix: `${folder}/`, spec: `${treeish}:${folder}` }];
    while (level.length > 0) {
      const objects = await this.read(level.map((l) => l.spec));
      const next: typeof level = [];
      for (const [i, { prefix }] of level.entries()) {
        const tree = objects[i];
        if (!tree || tree.type !== 'tree') return null;
        for (const [name, entry] of parseTree(tree)) {
          if (entry.mode === '40000') next.push({ prefix: `${prefix}${name}/`, spec: entry.oid });
          else if (kind(entry) === 'file') files.push({ path: prefix + name, oid: entry.oid });
        }
        if (files.length > limit) return null;
      }
      level = next;
    }
    return files;
  }

  /** Ends the process (idempotent); answers still owed fail. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.process.end();
  }

  private receive(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    if (this.needed > 0 && this.buffered < this.needed) return;
    let data = this.chunks.length === 1 ? this.chunks[0]! : Buffer.concat(this.chunks);
    let at = 0;
    while (this.waiting.length > 0) {
      const eol = data.indexOf(10, at);
      if (eol < 0) break;
      const header = data.subarray(at, eol).toString('utf8');
      const match = /^([0-9a-f]{40,64}) (\w+) (\d+)$/.exec(header);
      if (!match) {
        // "<spec> missing" or "<spec> ambiguous".
        at = eol + 1;
        this.waiting.shift()!.resolve(null);
        continue;
      }
      const size = Number(match[3]);
      if (this.waiting[0]!.info) {
        at = eol + 1;
        this.waiting.shift()!.resolve({ oid: match[1]!, type: match[2]!, size });
        continue;
      }
      if (data.length < eol + 1 + size + 1) {
        this.needed = eol + 1 + size + 1 - at;
        break;
      }
      const content = Buffer.from(data.subarray(eol + 1, eol + 1 + size));
      at = eol + 1 + size + 1;
      this.needed = 0;
      this.waiting.shift()!.resolve({ oid: match[1]!, type: match[2]!, content });
    }
    data = data.subarray(at);
    this.chunks = data.length > 0 ? [data] : [];
    this.buffered = data.length;
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const waiting of this.waiting.splice(0)) waiting.reject(this.failure);
  }
}

/** A tree object's entries by name: `<mode> <name>\0<raw id>` each. */
function parseTree(tree: GitObject): Map<string, TreeEntry> {
  const entries = new Map<string, TreeEntry>();
  // Raw ids are as long as the tree's own: 20 bytes (SHA-1) or 32 (SHA-256).
  const idBytes = tree.oid.length / 2;
  const content = tree.content;
  let at = 0;
  while (at < content.length) {
    const space = content.indexOf(32, at);
    const nul = content.indexOf(0, space);
    const mode = content.toString('latin1', at, space);
    const name = content.toString('utf8', space + 1, nul);
    const oid = content.toString('hex', nul + 1, nul + 1 + idBytes);
    entries.set(name, { mode, oid });
    at = nul + 1 + idBytes;
  }
  return entries;
}

/** What an entry that is not a folder holds: a file, a link or a submodule. */
function kind(entry: TreeEntry): string {
  if (entry.mode === '120000') return 'link';
  if (entry.mode === '160000') return 'submodule';
  return 'file';
}
