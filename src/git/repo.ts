// A handle on one repository: the read-only questions the pipeline asks of git.
// Handles are created per job and passed in; nothing here is module-level state.
import path from 'node:path';
import { RetrofitError } from '../errors.js';
import { CommitGraph } from './commit-graph.js';
import { runGit, type GitResult, type GitRunOptions } from './run-git.js';

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
    if (specs.some((s) => s.includes('\n'))) throw new Error('a blob spec cannot hold a newline');
    const out = (await this.run(['cat-file', '--batch'], { input: specs.join('\n') + '\n' }))
      .stdoutBuffer;
    const blobs: Array<Buffer | null> = [];
    let at = 0;
    for (let k = 0; k < specs.length; k++) {
      const eol = out.indexOf(10, at);
      const header = out.subarray(at, eol).toString('utf8');
      at = eol + 1;
      const match = / (\w+) (\d+)$/.exec(header);
      if (!match) {
        blobs.push(null); // "<spec> missing" or "ambiguous"
        continue;
      }
      const size = Number(match[2]);
      blobs.push(match[1] === 'blob' ? out.subarray(at, at + size) : null);
      at += size + 1;
    }
    return blobs;
  }

  /** Paths changed between two tree-ishes, without rename detection. */
  async changedPaths(from: string, to: string): Promise<string[]> {
    const out = (await this.run(['diff-tree', '-r', '-z', '--no-renames', '--name-only', from, to]))
      .stdout;
    return out.split('\0').filter(Boolean);
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
