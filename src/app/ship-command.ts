// `retrofit ship`: ship a backport commit that already exists (made by `retrofit run`, or by a
// person who resolved a conflict) from its provenance trailers and its ledger record. The same
// checks and the same shipping as `retrofit run`; the evidence comes from the ledger.
import path from 'node:path';
import { RetrofitError } from '../errors.js';
import { GitRepo } from '../git/repo.js';
import { backportBranchName, readAdaptations, readProvenance } from '../ship/commit-message.js';
import type { ShipEvidence } from '../ship/evidence.js';
import { findAdvisory } from '../store/advisories.js';
import { appendLedger, listLedger } from '../store/ledger.js';
import type { BackportRecord } from './backport-record.js';
import { withStore, type AppContext } from './context.js';
import {
  advisoryLinks,
  planShipping,
  shipCommit,
  wantsShipping,
  type ShipOutcome,
  type ShipRequest,
} from './ship.js';

export interface ShipInput extends ShipRequest {
  repo: string;
  /** The backport commit or the branch holding it. */
  commit: string;
  /** The branch it was made onto (the pull request's base); default: from the ledger. */
  onto?: string;
  /** The branch name on the remote; default: the local branch named by `commit`, else retrofit's. */
  branch?: string;
  author?: string;
  /** Ship although no verification of this commit is on record (never a regressed one). */
  allowUnproven?: boolean;
  now?: () => Date;
}

export interface ShipReport {
  advisory: string;
  aliases: string[];
  commit: string;
  branch: string;
  target: { ref: string; commit: string };
  verification: string;
  shipping: ShipOutcome;
  ledgerSeq: number;
}

export async function shipExisting(ctx: AppContext, input: ShipInput): Promise<ShipReport> {
  const repo = await GitRepo.open(path.resolve(ctx.cwd, input.repo));
  if (!wantsShipping(input)) {
    throw new RetrofitError('usage', 'nothing to ship to', {
      hint: 'Pass --push REMOTE (with --pr github|gitlab to open a request) and/or --quilt-dir DIR.',
    });
  }
  const commit = await repo.resolveCommit(input.commit);
  const info = await repo.commitInfo(commit);
  const message = [info.subject, info.body].filter(Boolean).join('\n\n');
  const provenance = readProvenance(message);
  const now = input.now ?? (() => new Date());
  return withStore(ctx, async (store) => {
    const record = (await listLedger(store, { kind: 'backport' }))
      .map((entry) => entry.payload as BackportRecord)
      .filter((r) => r.resultCommit === commit)
      .pop();
    const advisories = record ? [record.advisory, ...record.aliases] : provenance.advisories;
    const upstream = record?.upstream ?? provenance.upstream;
    if (advisories.length === 0 || upstream.length === 0) {
      throw new RetrofitError(
        'usage',
        `${input.commit} is not a backport retrofit knows: no ledger record and no Fixes:/Backport-of: trailers`,
        {
          input: input.commit,
          hint: 'Make the backport with `retrofit run`, or add the trailers (Fixes: <advisory>, Backport-of: <sha>).',
        },
      );
    }
    const targetRef = input.onto ?? record?.target.ref;
    if (!targetRef) {
      throw new RetrofitError('usage', `missing --onto for ${input.commit}`, {
        hint: 'Name the branch the backport was made onto, e.g. --onto release-1.x.',
      });
    }
    const targetTip = await repo.resolveCommit(targetRef);
    if (!(await repo.isAncestor(targetTip, commit))) {
      throw new RetrofitError('usage', `${input.commit} does not descend from ${targetRef}`, {
        input: input.commit,
        hint: 'Pass the branch the backport was made onto as --onto.',
      });
    }
    const targetCommit = record?.target.commit ?? info.parents[0] ?? targetTip;
    const verification = record?.verification;
    if (verification?.status === 'regressed') {
      throw new RetrofitError(
        'usage',
        `${input.commit} broke tests that passed before (${verification.regressedTests.join(', ')}); retrofit does not ship it`,
        { input: input.commit },
      );
    }
    if (verification?.status !== 'verified' && !input.allowUnproven) {
      throw new RetrofitError(
        'usage',
        verification
          ? `${input.commit} is ${verification.status}: no test failed before and passed after it`
          : `no verification of ${input.commit} is on record`,
        {
          input: input.commit,
          hint: 'Verify it first (retrofit verify), or pass --allow-unproven to ship it anyway.',
        },
      );
    }
    const branch =
      input.branch ??
      ((await repo.branchExists(input.commit)) ? input.commit : undefined) ??
      record?.branch ??
      backportBranchName(advisories[0]!, targetRef);
    const plan = await planShipping(ctx, {
      repo,
      request: input,
      targets: 1,
      author: input.author,
    });
    const last = await repo.tryResolveCommit(upstream[upstream.length - 1]!);
    const upstreamInfo = last ? await repo.commitInfo(last) : null;
    const evidence: ShipEvidence = {
      advisories,
      upstream: await Promise.all(
        upstream.map(async (sha) => {
          const found = await repo.tryResolveCommit(sha);
          return found ? { sha, subject: (await repo.commitInfo(found)).subject } : { sha };
        }),
      ),
      upstreamMessage: upstreamInfo
        ? {
            subject: upstreamInfo.subject,
            body: upstreamInfo.body,
            author: `${upstreamInfo.authorName} <${upstreamInfo.authorEmail}>`,
            date: upstreamInfo.authorDate,
          }
        : { subject: info.subject, body: info.body },
      target: { ref: targetRef, commit: targetCommit },
      commit,
      branch,
      adaptations: readAdaptations(message),
      ...(verification ? { verification } : {}),
    };
    const advisory = await findAdvisory(store, advisories[0]!);
    const shipping = await shipCommit(ctx, {
      repo,
      plan,
      evidence,
      links: advisoryLinks(advisory, upstream),
      now: now(),
    });
    const entry = await appendLedger(store, {
      kind: 'ship',
      advisoryId: advisories[0]!,
      payload: {
        advisory: advisories[0],
        commit,
        branch,
        target: evidence.target,
        verification: verification?.status ?? 'not on record',
        shipping,
      },
      createdAt: now().toISOString(),
    });
    return {
      advisory: advisories[0]!,
      aliases: advisories.slice(1),
      commit,
      branch,
      target: evidence.target,
      verification: verification?.status ?? 'not on record',
      shipping,
      ledgerSeq: entry.seq,
    };
  });
}
