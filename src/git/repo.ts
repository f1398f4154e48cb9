// A handle on one repository: the read-only questions the pipeline asks of git.
// Handles are created per job and passed in; nothing here is module-level state.
import path from 'node:path';
import { RetrofitError } from '../errors.js';
import { CommitGraph } from './commit-graph.js';
import { ObjectReader } from './object-reader.js';
import { runGit, runGitUntil, type GitResult, type GitRunOptions } from './run-git.js';

export interface ChangedFile {
  status: 'A' | 'M' | 'D' | 'R' | 'C' | 'T';
  path: string;
  /** For renames and copies: the path before. */
  oldPath?: string;
}

export interface CommitInfo {
  sha: string;
  parents: string[];
  subject: string;
  body: string;
  authorName: string;
  authorEmail: string;
  authorDate: string;
}

export class GitRepo {
  private constructor(
    /** The directory git commands run in (work tree, or the git dir of a bare repository). */
    readonly dir: string,
    /** Absolute path of the object store, for scratch worktrees that borrow it. */
    readonly objectsDir: string,
    readonly bare: boolean,
  ) {}

  /** Opens a repository, or throws `not-a-repository` naming the path. */
  static async open(dir: string): Promise<GitRepo> {
    const absolute = path.resolve(dir);
    let result: GitResult;
    try {
      result = await runGit(['rev-parse', '--is-bare-repository', '--git-path', 'objects'], {
        cwd: absolute,
      });
    } catch (error) {
      throw new RetrofitError('not-a-repository', `${dir} is not a git repository`, {
        input: dir,
        hint: 'Pass --repo with the path of a git clone (a work tree or a bare repository).',
        cause: error instanceof RetrofitError ? error.data.stderr : String(error),
      });
    }
    const [bareLine, objects] = result.stdout.trim().split('\n');
    const bare = bareLine === 'true';
    // A work tree nested in another repository answers for the outer one; insist on a root.
    if (!bare) {
      const top = (await runGit(['rev-parse', '--show-toplevel'], { cwd: absolute })).stdout.trim();
      if (path.resolve(top) !== absolute && !absolute.startsWith(path.resolve(top) + path.sep)) {
        throw new RetrofitError('not-a-repository', `${dir} is not a git repository`, {
          input: dir,
        });
      }
    }
    return new GitRepo(absolute, path.resolve(absolute, objects ?? '.git/objects'), bare);
  }

  run(args: string[], options: Omit<GitRunOptions, 'cwd'> = {}): Promise<GitResult> {
    return runGit(args, { ...options, cwd: this.dir });
  }

  /** The full sha of a commit-ish, or null when it does not name a commit here. */
  async tryResolveCommit(ref: string): Promise<string | null> {
    if (ref.startsWith('-')) return null;
    const result = await this.run(
      ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`],
      {
        okExitCodes: [1, 128],
      },
    );
    return result.exitCode === 0 ? result.stdout.trim() : null;
  }

  async resolveCommit(ref: string): Promise<string> {
    const sha = await this.tryResolveCommit(ref);
    if (!sha) {
      throw new RetrofitError(
        'ref-not-found',
        `${ref} is not a branch, tag or commit in ${this.dir}`,
        {
          input: ref,
          hint: 'List the branches with `git branch -a` and the tags with `git tag`.',
        },
      );
    }
    return sha;
  }

  /** A file's content at a commit, or null when the commit has no such file. */
  async readFile(commit: string, file: string): Promise<string | null> {
    const result = await this.run(['cat-file', 'blob', `${commit}:${file}`], {
      okExitCodes: [128],
    });
    return result.exitCode === 0 ? result.stdout : null;
  }

  /** A file's bytes at a tree-ish, or null when it has no such file (or it is not a blob). */
  async readBlob(treeish: string, file: string): Promise<Buffer | null> {
    const result = await this.run(['cat-file', 'blob', `${treeish}:${file}`], {
      okExitCodes: [128],
    });
    return result.exitCode === 0 ? result.stdoutBuffer : null;
  }

  /**
   * Several blobs in one process (`cat-file --batch`): `<tree-ish>:<path>` each, answered in
   * order, null for a missing one or one that is not a blob.
   */
  async readBlobs(specs: string[]): Promise<Array<Buffer | null>> {
    if (specs.length === 0) return [];
    const reader = new ObjectReader(this);
    try {
      return await reader.readBlobs(specs);
    } finally {
      reader.close();
    }
  }

  /** Paths changed between two tree-ishes, without rename detection. */
  async changedPaths(from: string, to: string): Promise<string[]> {
    const out = (await this.run(['diff-tree', '-r', '-z', '--no-renames', '--name-only', from, to]))
      .stdout;
    return out.split('\0').filter(Boolean);
  }

  /**
   * Paths at a tree-ish whose text contains any of the fixed strings (`git grep -F`); binary
   * files are skipped. Capped, since a needle that is everywhere tells nothing anyway.
   */
  async grepFiles(treeish: string, needles: string[], limit = 50): Promise<string[]> {
    if (needles.length === 0) return [];
    const args = ['grep', '-I', '-l', '-z', '-F', '--no-color'];
    for (const needle of needles) args.push('-e', needle);
    args.push(treeish, '--');
    const result = await this.run(args, { okExitCodes: [1] });
    const prefix = `${treeish}:`;
    return result.stdout
      .split('\0')
      .filter(Boolean)
      .map((p) => (p.startsWith(prefix) ? p.slice(prefix.length) : p))
      .slice(0, limit);
  }

  /**
   * The files at `treeish` holding each of `words` as a whole word (`git grep -w -o`, one
   * process for all of them), optionally only paths matching `pathspecs` (globs such as
   * `*.js`).
   */
  async grepWordFiles(
    treeish: string,
    words: string[],
    pathspecs: string[] = [],
  ): Promise<Map<string, string[]>> {
    const found = new Map<string, Set<string>>(words.map((w) => [w, new Set()]));
    if (words.length === 0) return new Map();
    await this.grepWords(treeish, words, pathspecs, null, ({ file, word }) => {
      found.get(word)?.add(file);
      return false;
    });
    return new Map([...found].map(([w, files]) => [w, [...files]]));
  }

  /**
   * Which of `words` occur as whole words at `treeish` (in the files `pathspecs` name, when
   * given), in one `git grep`. Each file shows its first `linesPerFile` matching lines (`-m`),
   * so a common word costs no more than a rare one; words not seen are then searched once
   * more, without the limit, in the files that reached it. Words still open because more than
   * `maxRecheckedFiles` files reached the limit are `undecided`.
   */
  async wordsPresent(
    treeish: string,
    words: string[],
    pathspecs: string[] = [],
    options: { linesPerFile?: number; maxRecheckedFiles?: number } = {},
  ): Promise<{ present: Set<string>; undecided: Set<string> }> {
    const { linesPerFile = 20, maxRecheckedFiles = 200 } = options;
    const asked = [...new Set(words)];
    const present = new Set<string>();
    const undecided = new Set<string>();
    if (asked.length === 0) return { present, undecided };
    // Matching lines per file: a file that reached the limit may hide other words.
    const lines = new Map<string, Set<string>>();
    // Found all: the rest of the tree need not be read.
    const enough = (match: { file: string; line: string; word: string }) => {
      present.add(match.word);
      const seen = lines.get(match.file) ?? new Set<string>();
      seen.add(match.line);
      lines.set(match.file, seen);
      return present.size === asked.length;
    };
    await this.grepWords(treeish, asked, pathspecs, linesPerFile, enough);
    const unseen = asked.filter((w) => !present.has(w));
    const full = [...lines].filter(([, seen]) => seen.size >= linesPerFile).map(([file]) => file);
    if (unseen.length === 0 || full.length === 0) return { present, undecided };
    if (full.length > maxRecheckedFiles) return { present, undecided: new Set(unseen) };
    const literal = full.map((f) => `:(literal)${f}`);
    await this.grepWords(treeish, unseen, literal, null, (match) => {
      present.add(match.word);
      return unseen.every((w) => present.has(w));
    });
    return { present, undecided };
  }

  /**
   * Whole-word matches of `words` at `treeish` (`git grep -z -n -o -w -F`, at most
   * `linesPerFile` matching lines per file when given), each passed to `onMatch` (path, line
   * number and word) as git prints it, until `onMatch` says it has seen enough.
   */
  private async grepWords(
    treeish: string,
    words: string[],
    pathspecs: string[],
    linesPerFile: number | null,
    onMatch: (match: { file: string; line: string; word: string }) => boolean,
  ): Promise<void> {
    const args = ['grep', '-I', '-z', '-n', '-o', '-w', '-F', '--no-color'];
    if (linesPerFile !== null) args.push('-m', String(linesPerFile));
    for (const word of words) args.push('-e', word);
    args.push(treeish, '--', ...pathspecs);
    // `<tree-ish>:<path>\0<line>\0<match>\n` per match; a chunk may end inside one.
    const prefix = `${treeish}:`;
    let partial: Buffer = Buffer.alloc(0);
    await runGitUntil(args, { cwd: this.dir, okExitCodes: [1] }, (chunk) => {
      const data = partial.length > 0 ? Buffer.concat([partial, chunk]) : chunk;
      const end = data.lastIndexOf(0x0a);
      partial = data.subarray(end + 1);
      if (end < 0) return false;
      for (const entry of data.subarray(0, end).toString('utf8').split('\n')) {
        const [name, line, word] = entry.split('\0');
        if (name === undefined || line === undefined || word === undefined) continue;
        const file = name.startsWith(prefix) ? name.slice(prefix.length) : name;
        if (onMatch({ file, line, word })) return true;
      }
      return false;
    });
  }

  /**
   * The files (blobs, not links or submodules) at `to` that `from` lacks or holds with other
   * content, with their ids (`git diff-tree -r`, no rename detection), optionally only paths
   * matching `pathspecs`.
   */
  async filesNotIn(
    from: string,
    to: string,
    pathspecs: string[] = [],
  ): Promise<Array<{ path: string; oid: string }>> {
    const args = ['diff-tree', '-r', '-z', '--raw', '--no-renames', from, to, '--', ...pathspecs];
    const out = (await this.run(args)).stdout;
    // `:<old mode> <new mode> <old id> <new id> <status>\0<path>\0` per file.
    const fields = out.split('\0');
    const files: Array<{ path: string; oid: string }> = [];
    for (let i = 0; i + 1 < fields.length; i += 2) {
      const [, mode, , oid] = fields[i]!.slice(1).split(' ');
      if (mode === '100644' || mode === '100755') files.push({ path: fields[i + 1]!, oid: oid! });
    }
    return files;
  }

  /** Lists the paths at a commit (recursively), optionally only those under `prefix`. */
  async listFiles(commit: string): Promise<string[]> {
    const result = await this.run(['ls-tree', '-r', '-z', '--name-only', commit]);
    return result.stdout.split('\0').filter(Boolean);
  }

  /**
   * Resolves many commit-ishes (full or abbreviated shas, tags) in one process: each to its
   * full commit sha, or null when it names no commit here (or is ambiguous).
   */
  async resolveCommits(specs: string[]): Promise<Map<string, string | null>> {
    const result = new Map<string, string | null>();
    const asked = [...new Set(specs)].filter((s) => s.length > 0 && !/[\s]/.test(s));
    for (const spec of specs) result.set(spec, null);
    if (asked.length === 0) return result;
    const out = (
      await this.run(['cat-file', '--batch-check=%(objectname) %(objecttype)'], {
        input: asked.map((spec) => `${spec}^{commit}`).join('\n') + '\n',
      })
    ).stdout.split('\n');
    asked.forEach((spec, i) => {
      const match = /^([0-9a-f]{40,64}) commit$/.exec(out[i] ?? '');
      result.set(spec, match ? match[1]! : null);
    });
    return result;
  }

  /** The history of the given commits (full shas), read once, for ancestry questions. */
  async commitGraph(tips: string[]): Promise<CommitGraph> {
    if (tips.length === 0) return new CommitGraph(new Map());
    const out = await this.run(['rev-list', '--parents', '--stdin'], {
      input: [...new Set(tips)].join('\n') + '\n',
      timeoutMs: 300_000,
    });
    return CommitGraph.parse(out.stdout);
  }

  /** The URLs of the repository's remotes (`remote.<name>.url`), in config order. */
  async remoteUrls(): Promise<string[]> {
    const result = await this.run(['config', '--get-regexp', '^remote\\..*\\.url$'], {
      okExitCodes: [1],
    });
    return result.stdout
      .split('\n')
      .map((line) => line.slice(line.indexOf(' ') + 1).trim())
      .filter(Boolean);
  }

  async isAncestor(ancestor: string, descendant: string): Promise<boolean> {
    const result = await this.run(['merge-base', '--is-ancestor', ancestor, descendant], {
      okExitCodes: [1],
    });
    return result.exitCode === 0;
  }

  async commitInfo(ref: string): Promise<CommitInfo> {
    const sha = await this.resolveCommit(ref);
    const format = ['%H', '%P', '%an', '%ae', '%aI', '%s', '%b'].join('%x00');
    const out = (await this.run(['show', '-s', `--format=${format}`, sha])).stdout;
    const [hash, parents, authorName, authorEmail, authorDate, subject, ...body] = out.split('\0');
    return {
      sha: hash ?? sha,
      parents: (parents ?? '').split(' ').filter(Boolean),
      authorName: authorName ?? '',
      authorEmail: authorEmail ?? '',
      authorDate: authorDate ?? '',
      subject: subject ?? '',
      body: body.join('\0').trimEnd(),
    };
  }

  /** Files a commit changes against its first parent (merges: the mainline diff). */
  async changedFiles(commit: string): Promise<ChangedFile[]> {
    const info = await this.commitInfo(commit);
    const base = info.parents[0];
    if (base) return this.changedBetween(base, info.sha);
    return this.parseNameStatus([
      'diff-tree',
      '-r',
      '-z',
      '--root',
      '--no-ext-diff',
      '--no-textconv',
      '--name-status',
      info.sha,
    ]);
  }

  /** Files changed between two tree-ishes, with rename detection. */
  async changedBetween(from: string, to: string): Promise<ChangedFile[]> {
    return this.parseNameStatus([
      'diff-tree',
      '-r',
      '-z',
      '-M',
      '--no-ext-diff',
      '--no-textconv',
      '--name-status',
      from,
      to,
    ]);
  }

  private async parseNameStatus(args: string[]): Promise<ChangedFile[]> {
    const fields = (await this.run(args)).stdout.split('\0').filter(Boolean);
    const files: ChangedFile[] = [];
    for (let i = 0; i < fields.length;) {
      const status = (fields[i++] ?? 'M')[0] as ChangedFile['status'];
      if (status === 'R' || status === 'C') {
        const oldPath = fields[i++] ?? '';
        files.push({ status, oldPath, path: fields[i++] ?? '' });
      } else {
        files.push({ status, path: fields[i++] ?? '' });
      }
    }
    return files;
  }

  /** Branch names (local, then remote-tracking) whose tips contain the commit. */
  async branchesContaining(commit: string): Promise<string[]> {
    const out = (
      await this.run([
        'for-each-ref',
        '--format=%(refname)',
        '--contains',
        commit,
        'refs/heads',
        'refs/remotes',
      ])
    ).stdout;
    const names = out
      .split('\n')
      .filter((ref) => ref && !ref.endsWith('/HEAD'))
      .map((ref) => ref.replace(/^refs\/heads\//, '').replace(/^refs\/remotes\//, ''));
    return [...new Set(names)];
  }

  /** Whether a local branch of that name exists. */
  async branchExists(name: string): Promise<boolean> {
    const result = await this.run(['show-ref', '--verify', '--quiet', `refs/heads/${name}`], {
      okExitCodes: [1],
    });
    return result.exitCode === 0;
  }

  /**
   * The default branch: origin's HEAD when there is one, else the checked-out branch (or a
   * bare repository's HEAD), else main/master when they exist.
   */
  async defaultBranch(): Promise<string | null> {
    for (const ref of ['refs/remotes/origin/HEAD', 'HEAD']) {
      const result = await this.run(['symbolic-ref', '--quiet', ref], { okExitCodes: [1, 128] });
      const target = result.stdout.trim();
      if (result.exitCode === 0 && target) {
        return target.replace(/^refs\/heads\//, '').replace(/^refs\/remotes\//, '');
      }
    }
    for (const name of ['main', 'master']) if (await this.branchExists(name)) return name;
    return null;
  }

  /** Commits reachable from `ref` whose message contains any of the fixed strings. */
  async commitsMentioning(
    ref: string,
    needles: string[],
  ): Promise<Array<{ sha: string; message: string }>> {
    if (needles.length === 0) return [];
    const args = ['log', '--format=%H%x00%B%x01', '--fixed-strings', '-i'];
    for (const needle of needles) args.push(`--grep=${needle}`);
    args.push(ref, '--');
    const out = (await this.run(args, { timeoutMs: 300_000 })).stdout;
    return out
      .split('\x01')
      .map((chunk) => chunk.replace(/^\n/, ''))
      .filter(Boolean)
      .map((chunk) => {
        const [sha, ...message] = chunk.split('\0');
        return { sha: sha ?? '', message: message.join('\0') };
      });
  }

  /**
   * Commits on any branch, remote-tracking branch or tag whose message matches any of the
   * patterns (`-i`; extended regexes, or fixed strings with `fixed`).
   */
  async searchCommits(input: {
    patterns: string[];
    fixed?: boolean;
    limit?: number;
  }): Promise<Array<{ sha: string; subject: string; body: string }>> {
    if (input.patterns.length === 0) return [];
    const args = ['log', '--branches', '--remotes', '--tags', '--format=%H%x00%s%x00%b%x01', '-i'];
    args.push(input.fixed ? '--fixed-strings' : '--extended-regexp');
    args.push(`--max-count=${input.limit ?? 200}`);
    for (const pattern of input.patterns) args.push(`--grep=${pattern}`);
    args.push('--');
    const out = (await this.run(args, { timeoutMs: 300_000 })).stdout;
    return out
      .split('\x01')
      .map((chunk) => chunk.replace(/^\n/, ''))
      .filter(Boolean)
      .map((chunk) => {
        const [sha, subject, ...body] = chunk.split('\0');
        return { sha: sha ?? '', subject: subject ?? '', body: body.join('\0').trimEnd() };
      });
  }

  /** Commits in `to` but not in `from`, newest first, each with the paths it changes. */
  async commitsBetween(
    from: string,
    to: string,
    limit = 500,
  ): Promise<Array<{ sha: string; subject: string; body: string; files: string[] }>> {
    const args = ['log', '--no-merges', '--no-renames', '--name-only', `--max-count=${limit}`];
    args.push('--format=%x01%H%x00%s%x00%b%x00', `${from}..${to}`, '--');
    const out = (await this.run(args, { timeoutMs: 300_000 })).stdout;
    return out
      .split('\x01')
      .filter(Boolean)
      .map((chunk) => {
        const [sha, subject, body, files] = chunk.split('\0');
        return {
          sha: sha ?? '',
          subject: subject ?? '',
          body: (body ?? '').trimEnd(),
          files: (files ?? '').split('\n').filter(Boolean),
        };
      });
  }

  /** A commit's patch against its first parent, as text, cut at `maxBytes`. */
  async patchText(commit: string, maxBytes = 200_000): Promise<string> {
    const out = (
      await this.run(['show', '--format=', '--no-color', '--no-ext-diff', '--first-parent', commit])
    ).stdout;
    return out.slice(0, maxBytes);
  }

  /**
   * A branch's tip by the name people use for a release line: the ref itself, else the only
   * remote-tracking branch of that name (`v7.x` in a clone that has just `origin/v7.x`).
   */
  async resolveBranchTip(name: string): Promise<{ ref: string; commit: string } | null> {
    const direct = await this.tryResolveCommit(name);
    if (direct) return { ref: name, commit: direct };
    const refs = (
      await this.run(['for-each-ref', '--format=%(refname:short)', `refs/remotes/*/${name}`])
    ).stdout
      .split('\n')
      .filter(Boolean);
    if (refs.length !== 1) return null;
    const commit = await this.tryResolveCommit(refs[0]!);
    return commit ? { ref: refs[0]!, commit } : null;
  }

  /** The best common ancestor of two commits, or null when they share none. */
  async mergeBase(a: string, b: string): Promise<string | null> {
    const result = await this.run(['merge-base', a, b], { okExitCodes: [1] });
    return result.exitCode === 0 ? result.stdout.trim() : null;
  }

  /** `git patch-id --stable` of a commit's change against its first parent. */
  async patchId(commit: string): Promise<string | null> {
    const diff = await this.run([
      'diff-tree',
      '-p',
      '--no-color',
      '--no-ext-diff',
      '-m',
      '--first-parent',
      commit,
    ]);
    const ids = await this.run(['patch-id', '--stable'], { input: diff.stdout });
    return ids.stdout.split(' ')[0]?.trim() || null;
  }

  /** Patch ids of the commits in `from..to` that touch `paths`, as patch id → commit. */
  async patchIdsBetween(from: string, to: string, paths: string[]): Promise<Map<string, string>> {
    const log = await this.run(
      [
        'log',
        '-p',
        '--no-merges',
        '--no-color',
        '--no-ext-diff',
        '--max-count=1000',
        '--format=commit %H',
        `${from}..${to}`,
        '--',
        ...paths,
      ],
      { timeoutMs: 300_000 },
    );
    const ids = await this.run(['patch-id', '--stable'], { input: log.stdout });
    const out = new Map<string, string>();
    for (const line of ids.stdout.split('\n')) {
      const [id, sha] = line.split(' ');
      if (id && sha && !out.has(id)) out.set(id, sha);
    }
    return out;
  }

  /**
   * Which commit last changed each line of `file` at `commit`, for the given 1-based inclusive
   * line ranges (`git blame --porcelain`). Returns commit → number of lines.
   */
  async blameLines(
    commit: string,
    file: string,
    ranges: Array<[number, number]>,
  ): Promise<Map<string, number>> {
    const counts = new Map<string, number>();
    if (ranges.length === 0) return counts;
    const args = ['blame', '--porcelain', '--no-progress'];
    for (const [from, to] of ranges) args.push('-L', `${from},${to}`);
    args.push(commit, '--', file);
    const out = (await this.run(args, { timeoutMs: 300_000 })).stdout;
    for (const line of out.split('\n')) {
      const header = /^([0-9a-f]{40}) \d+ \d+/.exec(line);
      if (header) counts.set(header[1]!, (counts.get(header[1]!) ?? 0) + 1);
    }
    return counts;
  }

  /**
   * The commit that first brought `word` (as a whole identifier) into the code on the way
   * from `since` to `until`: the oldest commit in `since..until` whose diff changes how often
   * it occurs (`git log -S` with a word-boundary regex), in the files `pathspecs` name. Null
   * when no commit of the range touches it.
   */
  async introducingCommit(
    since: string,
    until: string,
    word: string,
    pathspecs: string[] = [],
  ): Promise<string | null> {
    if (!/^[\w$]+$/.test(word)) throw new Error(`not an identifier: ${word}`);
    const escaped = word.replace(/\$/g, '\\$');
    const edge = '[^A-Za-z0-9_$]';
    const result = await this.run(
      [
        'log',
        '--format=%H',
        '--reverse',
        '--no-ext-diff',
        '--no-textconv',
        '--pickaxe-regex',
        `-S(^|${edge})${escaped}(${edge}|$)`,
        until,
        `^${since}`,
        '--',
        ...pathspecs,
      ],
      { timeoutMs: 300_000 },
    );
    return result.stdout.split('\n').find(Boolean) ?? null;
  }

  /**
   * The commits, parents before children: a commit's ancestors within the set are a strict
   * subset of its descendants' ones, so ordering by how many it has is topological.
   */
  async topoOrder(commits: string[]): Promise<string[]> {
    const ancestors = new Map<string, number>();
    for (const c of commits) {
      let n = 0;
      for (const other of commits) if (other !== c && (await this.isAncestor(other, c))) n++;
      ancestors.set(c, n);
    }
    return [...commits].sort((a, b) => ancestors.get(a)! - ancestors.get(b)!);
  }

  /** Committer times (seconds since the epoch) of the commits that exist. */
  async committerTimes(commits: string[]): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    if (commits.length === 0) return out;
    const result = await this.run(
      ['show', '-s', '--no-walk=unsorted', '--format=%H %ct', ...commits],
      {
        okExitCodes: [128],
      },
    );
    for (const line of result.stdout.split('\n')) {
      const [sha, time] = line.split(' ');
      if (sha && time) out.set(sha, Number(time));
    }
    return out;
  }

  /** Every tag name. */
  async tags(): Promise<string[]> {
    return (await this.run(['tag', '--list'])).stdout.split('\n').filter(Boolean);
  }

  /** Work trees of this repository that have `branch` checked out. */
  async worktreesOf(branch: string): Promise<string[]> {
    const out = (await this.run(['worktree', 'list', '--porcelain'])).stdout;
    const paths: string[] = [];
    for (const block of out.split('\n\n')) {
      const worktree = /^worktree (.+)$/m.exec(block)?.[1];
      const head = /^branch (.+)$/m.exec(block)?.[1];
      if (worktree && head === `refs/heads/${branch}` && !/^bare$/m.test(block))
        paths.push(worktree);
    }
    return paths;
  }

  /** Uncommitted changes to tracked files in this work tree (untracked files are ignored). */
  async hasUncommittedChanges(): Promise<boolean> {
    if (this.bare) return false;
    const out = (await this.run(['status', '--porcelain', '--untracked-files=no'])).stdout;
    return out.trim().length > 0;
  }
}
