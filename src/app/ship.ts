// Shipping a backport that exists as a commit: push its branch, open the pull/merge request
// with the evidence, export a Debian quilt patch. `retrofit run` and `retrofit ship` both call
// `planShipping` before anything is written (so a missing token or a bad directory stops the
// job first) and `shipCommit` once the commit is verified.
import path from 'node:path';
import type { OsvRecord } from '../advisories/osv.js';
import { RetrofitError } from '../errors.js';
import { readUserIdentity } from '../git/identity.js';
import { pushBranch, remotePushUrl, type PushResult } from '../git/push.js';
import type { GitRepo } from '../git/repo.js';
import { fixReferences } from '../locate/fix-references.js';
import { formatIdentity, parseIdentity, type ShipEvidence } from '../ship/evidence.js';
import { buildPullRequest } from '../ship/pull-request.js';
import type { AppContext } from './context.js';
import { openRequest, resolveForge, type Forge, type OpenedRequest } from './ship-forge.js';
import {
  planQuilt,
  prepareQuilt,
  writeQuilt,
  type QuiltExport,
  type QuiltTarget,
} from './ship-quilt.js';

/** What the user asked to ship, as given on the command line. */
export interface ShipRequest {
  /** A configured remote to push the backport branch to. */
  push?: string;
  /** Open a pull request (github) or merge request (gitlab) for the pushed branch. */
  pr?: string;
  forgeUrl?: string;
  forgeProject?: string;
  /** An unpacked Debian source package to add the quilt patch and changelog entry to. */
  quiltDir?: string;
  debianVersion?: string;
  debianDistribution?: string;
}

export interface ShipPlan {
  push?: { remote: string; url: string };
  forge?: Forge;
  quilt?: QuiltTarget;
}

export interface ShipOutcome {
  push?: PushResult;
  request?: OpenedRequest;
  quilt?: QuiltExport;
}

export function wantsShipping(request: ShipRequest | undefined): boolean {
  return Boolean(request && (request.push || request.pr || request.quiltDir));
}

/** Who the user is: `--author` when given, else git's user.name and user.email. */
export async function userIdentity(
  repo: GitRepo,
  author: string | undefined,
): Promise<{ name: string; email: string } | null> {
  if (author !== undefined) {
    const parsed = parseIdentity(author);
    if (!parsed) {
      throw new RetrofitError('usage', `--author ${author} is not of the form 'Name <email>'`, {
        input: author,
        hint: "For example: --author 'Ada Lovelace <ada@example.org>'",
      });
    }
    return parsed;
  }
  return readUserIdentity(repo);
}

/**
 * The `Signed-off-by` value: `--signoff 'Name <email>'` as given, or the user's identity for a
 * bare `--signoff`; undefined without the flag.
 */
export async function resolveSignoff(
  repo: GitRepo,
  input: { signoff?: boolean | string; author?: string },
): Promise<string | undefined> {
  if (input.signoff === undefined || input.signoff === false) return undefined;
  if (typeof input.signoff === 'string') {
    const parsed = parseIdentity(input.signoff);
    if (!parsed) {
      throw new RetrofitError(
        'usage',
        `--signoff ${input.signoff} is not of the form 'Name <email>'`,
        {
          input: input.signoff,
          hint: "Pass --signoff alone to sign off as git's user.name and user.email.",
        },
      );
    }
    return formatIdentity(parsed);
  }
  const identity = await userIdentity(repo, input.author);
  if (!identity) {
    throw new RetrofitError('usage', '--signoff needs a name and an email', {
      hint: "Pass --author 'Name <email>', or set git's user.name and user.email.",
    });
  }
  return formatIdentity(identity);
}

/** Checks every ship option against the repository and the environment; writes nothing. */
export async function planShipping(
  ctx: AppContext,
  input: { repo: GitRepo; request: ShipRequest; targets: number; author?: string },
): Promise<ShipPlan> {
  const { repo, request } = input;
  const plan: ShipPlan = {};
  if (request.pr && !request.push) {
    throw new RetrofitError('usage', `--pr ${request.pr} needs --push REMOTE`, {
      hint: 'The request proposes a branch on the forge; push it there first, e.g. --push origin.',
    });
  }
  if (request.push) {
    plan.push = { remote: request.push, url: await remotePushUrl(repo, request.push) };
  }
  if (request.pr) {
    plan.forge = resolveForge({
      kind: request.pr,
      env: ctx.env,
      apiUrl: request.forgeUrl,
      project: request.forgeProject,
      remoteUrl: plan.push!.url,
    });
  }
  if (request.quiltDir) {
    if (input.targets > 1) {
      throw new RetrofitError('usage', '--quilt-dir takes one target branch', {
        hint: 'A source package is one release; run once per branch with its own --quilt-dir.',
      });
    }
    plan.quilt = planQuilt({
      dir: path.resolve(ctx.cwd, request.quiltDir),
      maintainer: await maintainer(ctx, repo, input.author),
      version: request.debianVersion,
      distribution: request.debianDistribution,
    });
  }
  return plan;
}

/** dch's order: --author, then DEBFULLNAME/DEBEMAIL, then git's identity. */
async function maintainer(
  ctx: AppContext,
  repo: GitRepo,
  author: string | undefined,
): Promise<string | null> {
  if (author === undefined && ctx.env.DEBFULLNAME && ctx.env.DEBEMAIL) {
    return formatIdentity({ name: ctx.env.DEBFULLNAME, email: ctx.env.DEBEMAIL });
  }
  const identity = await userIdentity(repo, author);
  return identity ? formatIdentity(identity) : null;
}

/** Links the advisory gives: the upstream commits' web pages, and its own pages for `Bug:`. */
export function advisoryLinks(
  record: OsvRecord | null,
  upstream: string[],
): { upstreamUrls: string[]; bugUrls: string[] } {
  if (!record) return { upstreamUrls: [], bugUrls: [] };
  const fixes = fixReferences(record);
  const upstreamUrls = upstream.flatMap((sha) => {
    const ref = fixes.find((f) => f.url && sha.startsWith(f.sha));
    return ref?.url ? [ref.url] : [];
  });
  const pages = (record.references ?? [])
    .filter((r) => r.type === 'ADVISORY' || r.type === 'REPORT')
    .map((r) => r.url);
  return {
    upstreamUrls: upstreamUrls.length === upstream.length ? upstreamUrls : [],
    bugUrls: pages.length > 0 ? pages : [`https://osv.dev/vulnerability/${record.id}`],
  };
}

/**
 * Ships one verified commit as planned. The quilt files are computed first (a patch that
 * cannot be made stops before the push), then the push, the request, and the files last.
 */
export async function shipCommit(
  ctx: AppContext,
  input: {
    repo: GitRepo;
    plan: ShipPlan;
    evidence: ShipEvidence;
    links: { upstreamUrls: string[]; bugUrls: string[] };
    now: Date;
  },
): Promise<ShipOutcome> {
  const { repo, plan, evidence } = input;
  const outcome: ShipOutcome = {};
  const quilt = plan.quilt
    ? await prepareQuilt({
        repo,
        target: plan.quilt,
        evidence,
        upstreamUrls: input.links.upstreamUrls,
        bugUrls: input.links.bugUrls,
        now: input.now,
      })
    : undefined;
  if (plan.push) {
    ctx.progress(`ship: pushing ${evidence.branch} to ${plan.push.remote}`);
    outcome.push = await pushBranch({
      repo,
      remote: plan.push.remote,
      commit: evidence.commit,
      branch: evidence.branch,
      scope: ctx.scope,
    });
  }
  if (plan.forge) {
    ctx.progress(`ship: opening a ${plan.forge.kind} request on ${plan.forge.project}`);
    const text = buildPullRequest(evidence);
    outcome.request = await openRequest(plan.forge, {
      ...text,
      head: evidence.branch,
      base: evidence.target.ref,
    });
  }
  if (quilt) {
    outcome.quilt = writeQuilt(quilt);
    ctx.progress(`ship: wrote ${outcome.quilt.patch} in ${outcome.quilt.dir}`);
  }
  return outcome;
}
