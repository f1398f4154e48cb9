// `retrofit run`: locate → port → verify → ship → record for one advisory onto each target
// branch. One result per branch; a failure on one branch never stops the others. Input
// errors (unknown advisory, missing branch, no fix commit) stop everything before anything
// is written.
import type { OsvRecord } from '../advisories/osv.js';
import { RetrofitError } from '../errors.js';
import { GitRepo } from '../git/repo.js';
import { commitWorktree, publishBranch, RETROFIT_IDENTITY, type Identity } from '../git/scratch.js';
import { classifyPath } from '../port/classify-path.js';
import { backportBranchName, buildBackportMessage } from '../ship/commit-message.js';
import { aliasGroup } from '../store/advisories.js';
import { appendLedger } from '../store/ledger.js';
import type { Store } from '../store/open-store.js';
import { findBackportEvidence, type Evidence } from './backport-evidence.js';
import { findPatchPresence } from './patch-presence.js';
import type { BackportRecord } from './backport-record.js';
import { withStore, type AppContext } from './context.js';
import { locateInRepo, requireAdvisory } from './locate.js';
import { packageAtCommit } from './package-at-commit.js';
import { portOnto, type PortOutcome } from './port.js';
import { findPrerequisites, type Prerequisite, type PrerequisiteSearch } from './prerequisites.js';
import {
  advisoryLinks,
  planShipping,
  resolveSignoff,
  shipCommit,
  userIdentity,
  wantsShipping,
  type ShipOutcome,
  type ShipPlan,
  type ShipRequest,
} from './ship.js';
import { ensureSandbox, verifyCandidate } from './verify.js';

export type BranchStatus =
  'verified' | 'unproven' | 'already-fixed' | 'conflict' | 'regressed' | 'failed';

export interface BranchResult {
  branch: string;
  status: BranchStatus;
  /** True when a backport branch was created. */
  shipped: boolean;
  /** The backport commit, when one was made. */
  commit?: string;
  /** The new branch holding it. */
  backportBranch?: string;
  targetCommit?: string;
  files: Array<{ path: string; status: string; kind: string }>;
  evidence: Evidence[];
  verification?: BackportRecord['verification'];
  ledgerSeq?: number;
  message: string;
  /** What shipping did beyond the local branch: push, pull/merge request, quilt patch. */
  shipping?: ShipOutcome;
  /** Why shipping stopped part-way, when it did (the local branch is kept). */
  shipError?: string;
  /**
   * Upstream commits the fix builds on that the target lacks: ported first (with
   * `--with-prerequisites`), or, on a conflict, the ones it would need.
   */
  prerequisites?: Prerequisite[];
  /** On a conflict: every upstream commit that wrote the code the failing hunks stand on. */
  prerequisiteCandidates?: Prerequisite[];
  /** Chain porting: the backport on a newer release line this port started from. */
  portedFrom?: ChainSource;
}

export interface RunReport {
  advisory: string;
  aliases: string[];
  upstream: string[];
  results: BranchResult[];
}

export interface RunOptions {
  advisory: string;
  repo: string;
  onto: string[];
  /** Run the tests under bubblewrap (default). 'auto' uses it when it works, else says so. */
  sandbox: boolean | 'auto';
  online?: boolean;
  testCommand?: string[];
  timeoutMs?: number;
  /** Hunks placed with less confidence become conflicts (default: the engine's). */
  minConfidence?: number;
  /** Ship a clean port that no test proves. Off by default: unproven means not shipped. */
  allowUnproven?: boolean;
  /** On a conflict, port the upstream commits the fix builds on first, each as a commit. */
  withPrerequisites?: boolean;
  identity?: Identity;
  /** `Name <email>`: the backport commit's author and committer, and the sign-off identity. */
  author?: string;
  /** Add a Signed-off-by trailer: true for the user's identity, or the `Name <email>` to use. */
  signoff?: boolean | string;
  /** Push, open a pull/merge request, export a quilt patch (checked before any work). */
  ship?: ShipRequest;
  /** Clock for ledger times; tests and the demo fix it. */
  now?: () => Date;
}

export async function runBackport(ctx: AppContext, options: RunOptions): Promise<RunReport> {
  const repo = await GitRepo.open(options.repo);
  if (options.onto.length === 0) {
    throw new RetrofitError('usage', 'no target branch given', {
      hint: 'Pass --onto BRANCH[,BRANCH…]',
    });
  }
  const targets: Array<{ ref: string; commit: string }> = [];
  for (const ref of options.onto) {
    targets.push({ ref, commit: await repo.resolveCommit(ref) });
    await refuseDirtyCheckout(repo, ref);
  }
  const sandbox =
    options.sandbox === 'auto' ? await ensureSandbox('auto') : await ensureSandbox(options.sandbox);
  const signedOffBy = await resolveSignoff(repo, options);
  const author = options.author !== undefined ? await userIdentity(repo, options.author) : null;
  const identity = options.identity ?? (author ? { ...author } : RETROFIT_IDENTITY);
  const plan = wantsShipping(options.ship)
    ? await planShipping(ctx, {
        repo,
        request: options.ship!,
        targets: targets.length,
        author: options.author,
      })
    : undefined;
  return withStore(ctx, async (store) => {
    const record = await requireAdvisory(store, options.advisory);
    const located = await locateInRepo(repo, record);
    // Commits ranked from release tags alone are candidates for a person, not a fix to ship.
    const upstream = located.upstream.filter((u) => u.confidence !== 'low').map((u) => u.commit);
    const guesses = located.upstream.filter((u) => u.confidence === 'low');
    if (upstream.length === 0 && guesses.length > 0) {
      throw new RetrofitError(
        'no-fix-commit',
        `advisory ${record.id} names no fix commit; the likeliest commits between its releases are ${guesses.map((g) => `${g.commit.slice(0, 12)} (${g.subject})`).join(', ')}`,
        {
          input: options.advisory,
          hint: 'Check them with `retrofit locate`, then port the right one with `retrofit port`.',
        },
      );
    }
    if (upstream.length === 0) {
      throw new RetrofitError(
        'no-fix-commit',
        `advisory ${record.id} names no fix commit that exists in ${repo.dir}`,
        {
          input: options.advisory,
          hint:
            located.missing.length > 0
              ? `The advisory names ${located.missing.map((m) => m.sha.slice(0, 12)).join(', ')}; fetch the upstream history into this clone.`
              : 'The advisory has no commit references; pass the fix to `retrofit port` by hand.',
        },
      );
    }
    const aliases = (await aliasGroup(store, record.id)).filter((id) => id !== record.id);
    const results: BranchResult[] = [];
    // Newest release line first, so each older one can start from a newer one's backport
    // (chain porting), as maintainers do.
    const ordered = await newestFirst(repo, targets, upstream[0]!);
    const chain: ChainSource[] = located.backports
      .filter((b) => !b.viaPresence)
      .map((b) => ({ branch: b.branch, commit: b.commit }));
    for (const target of ordered) {
      ctx.progress(`${target.ref}: backporting ${upstream.map((u) => u.slice(0, 12)).join(', ')}`);
      try {
        results.push(
          await backportOne({
            ctx,
            store,
            repo,
            record,
            aliases,
            upstream,
            target,
            options,
            sandbox,
            identity,
            signedOffBy,
            plan,
            chain,
          }),
        );
      } catch (error) {
        // One branch failing (a git error, a crash in a test runner) must not stop the rest.
        results.push({
          branch: target.ref,
          status: 'failed',
          shipped: false,
          targetCommit: target.commit,
          files: [],
          evidence: [],
          message: error instanceof Error ? error.message : String(error),
        });
      }
      const last = results[results.length - 1]!;
      for (const source of chainSourcesOf(last)) chain.unshift(source);
      ctx.progress(
        `${target.ref}: ${last.status}${last.backportBranch ? ` → ${last.backportBranch}` : ''}`,
      );
    }
    return { advisory: record.id, aliases, upstream, results };
  });
}

/**
 * A target branch checked out with uncommitted changes is refused: the backport would start
 * from the committed branch, not from what the user sees, and they would not notice.
 */
async function refuseDirtyCheckout(repo: GitRepo, ref: string): Promise<void> {
  for (const dir of await repo.worktreesOf(ref)) {
    if (await (await GitRepo.open(dir)).hasUncommittedChanges()) {
      throw new RetrofitError(
        'dirty-worktree',
        `${ref} is checked out in ${dir} with uncommitted changes`,
        {
          input: dir,
          hint: 'Commit or stash them first, so the backport starts from the code you see.',
        },
      );
    }
  }
}

async function backportOne(input: {
  ctx: AppContext;
  store: Store;
  repo: GitRepo;
  record: OsvRecord;
  aliases: string[];
  upstream: string[];
  target: { ref: string; commit: string };
  options: RunOptions;
  sandbox: boolean;
  identity: Identity;
  signedOffBy?: string;
  plan?: ShipPlan;
  /** Backports on newer release lines to start from when the upstream fix conflicts. */
  chain: ChainSource[];
}): Promise<BranchResult> {
  const { ctx, store, repo, record, aliases, upstream, target, options } = input;
  const now = options.now ?? (() => new Date());
  const startedAt = now().toISOString();
  const base = { branch: target.ref, targetCommit: target.commit };
  const evidence = await findBackportEvidence({
    store,
    repo,
    ref: target.commit,
    advisory: record,
  });
  if (evidence.length > 0) {
    return {
      ...base,
      status: 'already-fixed',
      shipped: false,
      files: [],
      evidence,
      message: evidence[0]!.summary,
    };
  }
  const pkg = await packageAtCommit(repo, target.commit);
  let chainedFrom: ChainSource | undefined;
  const fixMessage = async (files: PortOutcome['files']) => {
    const upstreamInfo = await repo.commitInfo(upstream[upstream.length - 1]!);
    const adaptations = files.flatMap((f) =>
      f.hunks.flatMap((h, i) =>
        h.status === 'adapted' ? [`${f.path} hunk ${i + 1}: ${h.explanation}`] : [],
      ),
    );
    return buildBackportMessage({
      upstreamMessage: [upstreamInfo.subject, upstreamInfo.body].filter(Boolean).join('\n\n'),
      upstream,
      advisories: [record.id, ...aliases],
      adaptations,
      signedOffBy: input.signedOffBy,
      ...(chainedFrom ? { portedFrom: chainedFrom } : {}),
    });
  };
  let attempt = await portOnto({
    repo,
    upstream,
    onto: target.commit,
    scope: ctx.scope,
    minConfidence: options.minConfidence,
  });
  let prerequisites: PrerequisiteSearch | undefined;
  if (!attempt.scratch && attempt.outcome.status === 'conflict') {
    ctx.progress(`${target.ref}: conflict; looking for prerequisite commits upstream`);
    prerequisites = await findPrerequisites({
      repo,
      upstream,
      target: target.commit,
      conflicts: attempt.outcome.files,
      scope: ctx.scope,
      minConfidence: options.minConfidence,
    });
    const needed = prerequisites.needed;
    if (options.withPrerequisites && needed && needed.length > 0) {
      const fix = upstream[upstream.length - 1]!;
      attempt = await portOnto({
        repo,
        upstream: [...needed.map((p) => p.commit), ...upstream],
        onto: target.commit,
        scope: ctx.scope,
        minConfidence: options.minConfidence,
        commitEach: {
          identity: input.identity,
          message: async (sha, stepFiles) => {
            if (upstream.includes(sha)) return fixMessage(stepFiles);
            const info = await repo.commitInfo(sha);
            return buildBackportMessage({
              upstreamMessage: [info.subject, info.body].filter(Boolean).join('\n\n'),
              upstream: [sha],
              advisories: [],
              prerequisiteFor: fix,
              signedOffBy: input.signedOffBy,
            });
          },
        },
      });
    }
  }
  if (!attempt.scratch && attempt.outcome.status === 'conflict') {
    for (const source of input.chain) {
      if (await repo.isAncestor(source.commit, target.commit)) continue;
      ctx.progress(
        `${target.ref}: trying the backport on ${source.branch} (${source.commit.slice(0, 12)})`,
      );
      const chained = await portOnto({
        repo,
        upstream: [source.commit],
        onto: target.commit,
        scope: ctx.scope,
        minConfidence: options.minConfidence,
      });
      if (chained.scratch) {
        attempt = chained;
        chainedFrom = source;
        break;
      }
    }
  }
  const files = attempt.outcome.files.map((f) => ({ ...f, kind: classifyPath(f.path) }));
  const record$ = (
    fields: Partial<BackportRecord> & Pick<BackportRecord, 'outcome'>,
  ): BackportRecord => ({
    advisory: record.id,
    aliases,
    upstream,
    repository: repo.dir,
    target: { ref: target.ref, commit: target.commit },
    ...(pkg ? { package: pkg } : {}),
    files: files.map(({ path, status }) => ({ path, status })),
    startedAt,
    finishedAt: now().toISOString(),
    ...fields,
  });
  if (!attempt.scratch) {
    if (attempt.outcome.status === 'already-present') {
      return {
        ...base,
        status: 'already-fixed',
        shipped: false,
        files,
        evidence: [
          { kind: 'patch-presence', summary: 'every change of the fix is already in the target' },
        ],
        message: 'the target already has every change of the fix',
      };
    }
    const conflicted = files.filter((f) => f.status === 'conflict').map((f) => f.path);
    const needed = prerequisites?.needed ?? null;
    const hint =
      needed && needed.length > 0
        ? `; it ports after ${needed.length} prerequisite commit(s) upstream: ${needed.map((p) => `${p.commit.slice(0, 12)} ${p.subject}`).join('; ')} (rerun with --with-prerequisites)`
        : prerequisites && prerequisites.candidates.length > 0
          ? `; the conflicting code was written upstream by ${prerequisites.candidates.map((p) => p.commit.slice(0, 12)).join(', ')}, but porting them does not resolve it`
          : '';
    const message = `conflict in ${conflicted.join(', ')}; nothing was written${hint}`;
    const entry = await appendLedger(store, {
      kind: 'backport',
      advisoryId: record.id,
      payload: record$({ outcome: 'conflict', message }),
      createdAt: now().toISOString(),
    });
    return {
      ...base,
      status: 'conflict',
      shipped: false,
      files,
      evidence: [],
      message,
      ledgerSeq: entry.seq,
      ...(prerequisites
        ? {
            prerequisites: prerequisites.needed ?? [],
            prerequisiteCandidates: prerequisites.candidates,
          }
        : {}),
    };
  }
  const scratch = attempt.scratch;
  try {
    const commit =
      attempt.commits?.at(-1) ??
      (await commitWorktree(scratch, await fixMessage(attempt.outcome.files), input.identity));
    const shippedPrerequisites = attempt.commits ? (prerequisites?.needed ?? []) : [];
    const upstreamInfo = await repo.commitInfo(upstream[upstream.length - 1]!);
    const adaptations = attempt.outcome.files.flatMap((f) =>
      f.hunks.flatMap((h, i) =>
        h.status === 'adapted' ? [`${f.path} hunk ${i + 1}: ${h.explanation}`] : [],
      ),
    );
    const report = await verifyCandidate(ctx, {
      repo: scratch.git,
      target: target.commit,
      candidate: commit,
      testPaths: files.filter((f) => f.kind === 'test').map((f) => f.path),
      testCommand: options.testCommand,
      sandbox: input.sandbox,
      timeoutMs: options.timeoutMs,
      online: options.online,
    });
    const verification: NonNullable<BackportRecord['verification']> = {
      status: report.status,
      command: report.command,
      sandboxed: report.sandboxed,
      fixedTests: report.fixedTests,
      regressedTests: report.regressedTests,
      preExistingFailures: report.preExistingFailures,
      notes: report.notes,
      presence: await presenceInResult(scratch.git, upstream[upstream.length - 1]!, commit),
    };
    const ship =
      report.status === 'verified' ||
      (report.status === 'unproven' && options.allowUnproven === true);
    let backportBranch: string | undefined;
    if (ship) {
      backportBranch = backportBranchName(record.id, target.ref);
      await publishBranch({ repo, scratch, commit, branch: backportBranch });
    }
    let shipping: ShipOutcome | undefined;
    let shipError: string | undefined;
    if (ship && input.plan) {
      try {
        const upstreamSubjects = await Promise.all(
          upstream.map(async (sha) => ({ sha, subject: (await repo.commitInfo(sha)).subject })),
        );
        shipping = await shipCommit(ctx, {
          repo,
          plan: input.plan,
          evidence: {
            advisories: [record.id, ...aliases],
            upstream: upstreamSubjects,
            upstreamMessage: {
              subject: upstreamInfo.subject,
              body: upstreamInfo.body,
              author: `${upstreamInfo.authorName} <${upstreamInfo.authorEmail}>`,
              date: upstreamInfo.authorDate,
            },
            target: { ref: target.ref, commit: target.commit },
            commit,
            branch: backportBranch!,
            adaptations,
            verification: { ...verification },
          },
          links: advisoryLinks(record, upstream),
          now: now(),
        });
      } catch (error) {
        shipError = error instanceof Error ? error.message : String(error);
      }
    }
    const outcome: BackportRecord['outcome'] = ship
      ? 'shipped'
      : report.status === 'verified'
        ? 'failed'
        : report.status;
    const summary = shipError
      ? `${report.status}; branch ${backportBranch} created, but shipping stopped: ${shipError}`
      : ship
        ? `${report.status}; shipped as ${backportBranch}${describeShipping(shipping)}`
        : report.status === 'unproven'
          ? 'no test failed before and passed after the port; not shipped (use --allow-unproven to ship anyway)'
          : `${report.status}; not shipped`;
    const entry = await appendLedger(store, {
      kind: 'backport',
      advisoryId: record.id,
      payload: record$({
        outcome,
        resultCommit: commit,
        branch: backportBranch,
        verification,
        ...(shipping ? { shipping } : {}),
        ...(shippedPrerequisites.length > 0
          ? { prerequisites: shippedPrerequisites.map((p) => p.commit) }
          : {}),
        ...(chainedFrom ? { portedFrom: chainedFrom } : {}),
        message: summary,
      }),
      createdAt: now().toISOString(),
    });
    return {
      ...base,
      status: report.status,
      shipped: ship,
      commit,
      backportBranch,
      files,
      evidence: [],
      verification,
      ledgerSeq: entry.seq,
      message: summary,
      ...(shipping ? { shipping } : {}),
      ...(shipError ? { shipError } : {}),
      ...(shippedPrerequisites.length > 0 ? { prerequisites: shippedPrerequisites } : {}),
      ...(chainedFrom ? { portedFrom: chainedFrom } : {}),
    };
  } finally {
    scratch.dispose();
  }
}

function describeShipping(shipping: ShipOutcome | undefined): string {
  if (!shipping) return '';
  const parts: string[] = [];
  if (shipping.push) parts.push(`pushed to ${shipping.push.remote}`);
  if (shipping.request) parts.push(`${shipping.request.kind} ${shipping.request.url}`);
  if (shipping.quilt) parts.push(`${shipping.quilt.patch} (${shipping.quilt.version})`);
  return parts.length > 0 ? `; ${parts.join('; ')}` : '';
}

/** A backport already made on another release line, to port from instead of upstream. */
export interface ChainSource {
  branch: string;
  commit: string;
}

/** The backports a branch's result offers to older branches: its own commit, or the one found. */
function chainSourcesOf(result: BranchResult): ChainSource[] {
  if (result.commit && result.shipped) return [{ branch: result.branch, commit: result.commit }];
  if (result.status !== 'already-fixed') return [];
  return result.evidence
    .filter((e) => (e.kind === 'ledger' || e.kind === 'trailer') && e.commit)
    .map((e) => ({ branch: result.branch, commit: e.commit! }));
}

/**
 * Targets ordered newest release line first: the later a branch parted from the fix's history,
 * the closer its code is to the fix. Ties keep the order given.
 */
async function newestFirst(
  repo: GitRepo,
  targets: Array<{ ref: string; commit: string }>,
  fix: string,
): Promise<Array<{ ref: string; commit: string }>> {
  const dated = [];
  for (const [index, target] of targets.entries()) {
    const base = await repo.mergeBase(target.commit, fix);
    const date = base ? Date.parse((await repo.commitInfo(base)).authorDate) : 0;
    dated.push({ target, date, index });
  }
  return dated.sort((a, b) => b.date - a.date || a.index - b.index).map((d) => d.target);
}

/**
 * Whether the upstream fix's own lines are in the port's result: a second, independent check
 * of the port, shown beside the tests (an adapted port may rightly show only part of them).
 */
async function presenceInResult(
  repo: GitRepo,
  fix: string,
  result: string,
): Promise<{ status: string; locations: string[] }> {
  const presence = await findPatchPresence({ repo, ref: result, fix });
  return { status: presence.status, locations: presence.locations };
}
