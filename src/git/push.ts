// Pushing a backport to a remote, the one write retrofit makes outside this machine. The push
// runs from a scratch bare repository that borrows the user's objects: the user's
// repository-local config (receivepack, sshCommand, gitProxy, hooks) is only read for the
// remote's URL, never obeyed. The refspec is explicit and never forced: a remote branch of that
// name at another commit is an error, not an overwrite.
import type { CleanupScope } from '../cleanup.js';
import { RetrofitError } from '../errors.js';
import { createIsolatedRepo } from './isolated-repo.js';
import type { GitRepo } from './repo.js';

export interface PushResult {
  remote: string;
  /** The push URL, with any credentials in it removed. */
  url: string;
  branch: string;
  commit: string;
  /** `created`: a new branch on the remote; `up-to-date`: it was already there at that commit. */
  status: 'created' | 'up-to-date';
}

/**
 * Transports a push may use. Anything else (remote helpers named by `<helper>::<url>`, `ext::`)
 * could run a program the repository's config chose.
 */
const PROTOCOLS = [
  'protocol.allow=never',
  'protocol.file.allow=always',
  'protocol.git.allow=always',
  'protocol.ssh.allow=always',
  'protocol.http.allow=always',
  'protocol.https.allow=always',
];

/** The push URL of a configured remote, or a usage error naming it. */
export async function remotePushUrl(repo: GitRepo, remote: string): Promise<string> {
  const check = remote.startsWith('-')
    ? null
    : await repo.run(['remote', 'get-url', '--push', remote], { okExitCodes: [2, 128] });
  if (!check || check.exitCode !== 0 || !check.stdout.trim()) {
    throw new RetrofitError('usage', `${remote} is not a remote of ${repo.dir}`, {
      input: remote,
      hint: 'List the remotes with `git remote -v`, or add one with `git remote add NAME URL`.',
    });
  }
  return check.stdout.trim().split('\n')[0]!;
}

export async function pushBranch(input: {
  repo: GitRepo;
  remote: string;
  commit: string;
  branch: string;
  scope: CleanupScope;
}): Promise<PushResult> {
  const { repo, remote, commit, branch } = input;
  const format = await repo.run(['check-ref-format', '--branch', branch], { okExitCodes: [128] });
  if (format.exitCode !== 0) {
    throw new RetrofitError('usage', `${branch} is not a valid branch name`, { input: branch });
  }
  const url = await remotePushUrl(repo, remote);
  const shown = redactUrl(url);
  const ref = `refs/heads/${branch}`;
  const isolated = await createIsolatedRepo({
    objectsDir: repo.objectsDir,
    refs: {},
    scope: input.scope,
  });
  const base = { remote, url: shown, branch, commit };
  try {
    const git = (args: string[], okExitCodes: number[] = []) =>
      isolated.repo.run([...PROTOCOLS.flatMap((c) => ['-c', c]), ...args], {
        timeoutMs: 300_000,
        okExitCodes,
        credentialHelpers: true,
      });
    const listed = await git(['ls-remote', '--refs', '--', url, ref], [128]);
    if (listed.exitCode !== 0) {
      throw new RetrofitError('push-failed', `cannot reach remote ${remote} (${shown})`, {
        input: remote,
        stderr: listed.stderr,
        hint: 'Check the URL with `git remote -v` and that you can `git ls-remote` it.',
      });
    }
    const existing = listed.stdout.split('\n').find((line) => line.endsWith(`\t${ref}`));
    if (existing) {
      const at = existing.split('\t')[0]!;
      if (at === commit) return { ...base, status: 'up-to-date' };
      throw new RetrofitError(
        'branch-exists',
        `${remote} already has a branch ${branch} at ${at.slice(0, 12)}; retrofit never overwrites a remote branch`,
        {
          input: branch,
          hint: `Compare it with ${commit.slice(0, 12)} and delete the remote branch if it is stale (git push ${remote} --delete ${branch}).`,
        },
      );
    }
    // --no-verify: no pre-push hook (hooks are off anyway); no '+' in the refspec: never forced.
    const pushed = await git(
      ['push', '--porcelain', '--no-verify', '--recurse-submodules=no', url, `${commit}:${ref}`],
      [1, 128],
    );
    if (pushed.exitCode !== 0) {
      throw new RetrofitError('push-failed', `the push of ${branch} to ${remote} was refused`, {
        input: remote,
        stderr: `${pushed.stdout}\n${pushed.stderr}`.trim(),
        hint: 'Read the remote’s answer above; a protected branch name or missing rights are common causes.',
      });
    }
    return { ...base, status: 'created' };
  } finally {
    isolated.dispose();
  }
}

/** `https://user:token@host/x` → `https://host/x`: URLs end up in reports and ledgers. */
export function redactUrl(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/@]*@/i, '$1');
}
