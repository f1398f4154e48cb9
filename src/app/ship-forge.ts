// Opening the pull request (GitHub) or merge request (GitLab) that proposes a pushed backport.
// GitHub goes through Octokit. GitLab is one POST to one REST v4 endpoint, so it is plain
// fetch: @gitbeaker/rest would add a large client (and its dependency tree) for a single call
// that fetch already makes with a JSON body and one header.
import { Octokit } from '@octokit/rest';
import { RetrofitError } from '../errors.js';

export type ForgeKind = 'github' | 'gitlab';

export const FORGE_KINDS: ForgeKind[] = ['github', 'gitlab'];

export interface Forge {
  kind: ForgeKind;
  /** REST API root: https://api.github.com, https://gitlab.example/api/v4, ... */
  apiUrl: string;
  /** owner/name on GitHub; the full project path (groups too) on GitLab. */
  project: string;
  token: string;
}

export interface OpenedRequest {
  kind: 'pull-request' | 'merge-request';
  number: number;
  url: string;
}

const DEFAULTS: Record<ForgeKind, { api: string; apiEnv: string; tokenEnv: string }> = {
  github: { api: 'https://api.github.com', apiEnv: 'GITHUB_API_URL', tokenEnv: 'GITHUB_TOKEN' },
  gitlab: { api: 'https://gitlab.com/api/v4', apiEnv: 'CI_API_V4_URL', tokenEnv: 'GITLAB_TOKEN' },
};

/**
 * Settles which forge, project and token, or throws a usage error. Called before anything is
 * pushed, so a missing token never leaves a pushed branch without its request.
 */
export function resolveForge(input: {
  kind: string;
  env: NodeJS.ProcessEnv;
  apiUrl?: string;
  project?: string;
  /** The push URL, to read the project from when --forge-project is not given. */
  remoteUrl: string;
}): Forge {
  if (!FORGE_KINDS.includes(input.kind as ForgeKind)) {
    throw new RetrofitError('usage', `--pr ${input.kind} is not a forge retrofit knows`, {
      input: input.kind,
      hint: 'Use --pr github or --pr gitlab.',
    });
  }
  const kind = input.kind as ForgeKind;
  const defaults = DEFAULTS[kind];
  const token = input.env[defaults.tokenEnv];
  if (!token) {
    throw new RetrofitError(
      'usage',
      `--pr ${kind} needs a token in ${defaults.tokenEnv}; nothing was pushed`,
      {
        input: defaults.tokenEnv,
        hint: `Export ${defaults.tokenEnv} with a token that may open ${kind === 'github' ? 'pull' : 'merge'} requests, or leave out --pr.`,
      },
    );
  }
  const apiUrl = (input.apiUrl || input.env[defaults.apiEnv] || defaults.api).replace(/\/+$/, '');
  if (!/^https?:\/\//.test(apiUrl)) {
    throw new RetrofitError('usage', `--forge-url ${apiUrl} is not an http(s) URL`, {
      input: apiUrl,
      hint: `For example: --forge-url ${defaults.api}`,
    });
  }
  const project = input.project || projectFromRemote(input.remoteUrl);
  if (!project || (kind === 'github' && !/^[^/\s]+\/[^/\s]+$/.test(project))) {
    throw new RetrofitError(
      'usage',
      `cannot tell the ${kind} project from the remote URL ${input.remoteUrl}`,
      {
        input: input.remoteUrl,
        hint: 'Name it with --forge-project OWNER/NAME.',
      },
    );
  }
  return { kind, apiUrl, project, token };
}

/** `git@host:o/r.git`, `ssh://git@host/o/r.git`, `https://host/o/r` → `o/r`; null for a path. */
export function projectFromRemote(url: string): string | null {
  const scp = /^[^/@:\s]+@[^/:\s]+:(.+?)(?:\.git)?\/?$/.exec(url);
  if (scp) return scp[1]!;
  const web = /^(?:https?|ssh|git):\/\/[^/]+\/(.+?)(?:\.git)?\/?$/.exec(url);
  return web ? web[1]! : null;
}

export async function openRequest(
  forge: Forge,
  request: { title: string; body: string; head: string; base: string },
): Promise<OpenedRequest> {
  return forge.kind === 'github' ? openGitHub(forge, request) : openGitLab(forge, request);
}

async function openGitHub(
  forge: Forge,
  request: { title: string; body: string; head: string; base: string },
): Promise<OpenedRequest> {
  const [owner, repo] = forge.project.split('/') as [string, string];
  const octokit = new Octokit({ auth: forge.token, baseUrl: forge.apiUrl, userAgent: 'retrofit' });
  try {
    const { data } = await octokit.rest.pulls.create({
      owner,
      repo,
      title: request.title,
      body: request.body,
      head: request.head,
      base: request.base,
    });
    return { kind: 'pull-request', number: data.number, url: data.html_url };
  } catch (error) {
    const status = (error as { status?: number }).status;
    throw forgeError(forge, status, error instanceof Error ? error.message : String(error));
  }
}

async function openGitLab(
  forge: Forge,
  request: { title: string; body: string; head: string; base: string },
): Promise<OpenedRequest> {
  const url = `${forge.apiUrl}/projects/${encodeURIComponent(forge.project)}/merge_requests`;
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'private-token': forge.token,
        'user-agent': 'retrofit',
      },
      body: JSON.stringify({
        source_branch: request.head,
        target_branch: request.base,
        title: request.title,
        description: request.body,
      }),
      signal: AbortSignal.timeout(60_000),
    });
  } catch (error) {
    throw forgeError(forge, undefined, error instanceof Error ? error.message : String(error));
  }
  const text = await response.text();
  if (!response.ok) throw forgeError(forge, response.status, text.slice(0, 500));
  const data = JSON.parse(text) as { iid?: number; web_url?: string };
  if (typeof data.iid !== 'number' || typeof data.web_url !== 'string') {
    throw forgeError(forge, response.status, `unexpected answer: ${text.slice(0, 200)}`);
  }
  return { kind: 'merge-request', number: data.iid, url: data.web_url };
}

function forgeError(forge: Forge, status: number | undefined, detail: string): RetrofitError {
  const what = forge.kind === 'github' ? 'pull request' : 'merge request';
  return new RetrofitError(
    'forge-request-failed',
    `${forge.kind} refused to open the ${what} on ${forge.project}${status ? ` (HTTP ${status})` : ''}`,
    {
      input: forge.apiUrl,
      stderr: detail,
      hint:
        status === 401 || status === 403
          ? `Check that the token may open ${what}s on ${forge.project}.`
          : 'The branch was pushed; open the request by hand or run `retrofit ship` again.',
    },
  );
}
