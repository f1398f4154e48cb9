// One spelling per repository URL, so that a GIT range's `repo` and a clone's remote compare
// equal however each is written: https or ssh, with or without `.git`, any case of host.

/**
 * `https://github.com/Owner/Repo.git`, `git@github.com:Owner/Repo`, `ssh://git@github.com/Owner/Repo/`
 * and `git://github.com/Owner/Repo` all become `github.com/owner/repo`. Paths are compared
 * without case because the big forges (GitHub, GitLab, Bitbucket) ignore it; a self-hosted
 * server that does not would at worst join two repositories that differ only in case.
 */
export function normalizeRepoUrl(url: string): string {
  let rest = url.trim();
  // scp-like syntax: user@host:path (no scheme, a colon before any slash).
  const scp = /^(?:[^@/]+@)?([^:/]+):(?!\/)(.*)$/.exec(rest);
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(rest) && scp) rest = `${scp[1]}/${scp[2]}`;
  rest = rest
    .replace(/^[a-z][a-z0-9+.-]*:\/\//i, '')
    .replace(/^[^@/]*@/, '')
    .replace(/[?#].*$/, '');
  const slash = rest.indexOf('/');
  const host = (slash < 0 ? rest : rest.slice(0, slash))
    .replace(/:\d+$/, '')
    .replace(/^www\./i, '');
  const path = slash < 0 ? '' : rest.slice(slash);
  const cleaned = path
    .replace(/\/+$/, '')
    .replace(/\.git$/i, '')
    .replace(/\/+$/, '');
  return `${host}${cleaned}`.toLowerCase();
}
