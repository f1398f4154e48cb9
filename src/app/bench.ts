// `retrofit bench`: the port engine scored against maintainers' own backports, with git
// cherry-pick and GNU patch run on the same cases in the same run. Each case gets an
// isolated repository whose only refs are the upstream commit and the target.
import fs from 'node:fs';
import path from 'node:path';
import { parseManifest, parseRepoList, type BenchCase } from '../bench/corpus.js';
import {
  scoreCase,
  summarize,
  type BenchSummary,
  type CaseResult,
  type CaseScore,
} from '../bench/score.js';
import { RetrofitError } from '../errors.js';
import { createIsolatedRepo } from '../git/isolated-repo.js';
import { GitRepo } from '../git/repo.js';
import type { AppContext } from './context.js';
import { benchMethod, benchMethods } from './bench-methods.js';

export interface BenchOptions {
  manifest: string;
  mirrors: string;
  repos?: string;
  jobs: number;
  limit?: number;
  methods?: string[];
  /**
   * Also score `retrofit+chain`: a case may start from backports of the same upstream commit
   * made on other release branches before this one, as maintainers do.
   */
  chain?: boolean;
}

export interface BenchReport extends BenchSummary {
  /** Cases whose repository has no mirror, by repository. */
  skipped: Record<string, number>;
  elapsedMs: number;
  results: Array<{ id: string; repo: string; scores: Record<string, CaseScore> }>;
}

export async function runBench(ctx: AppContext, options: BenchOptions): Promise<BenchReport> {
  const started = Date.now();
  const manifest = readInput(ctx, options.manifest, 'manifest');
  let cases = parseManifest(manifest.text, manifest.path);
  if (options.repos) {
    const wanted = new Set(parseRepoList(readInput(ctx, options.repos, 'repository list').text));
    cases = cases.filter((c) => wanted.has(c.repo));
  }
  if (options.limit) cases = cases.slice(0, options.limit);
  const methods = options.methods ?? [
    ...Object.keys(benchMethods),
    ...(options.chain ? ['retrofit+chain'] : []),
  ];
  for (const method of methods) {
    if (!benchMethod(method)) {
      throw new RetrofitError('usage', `unknown method ${method}`, {
        input: method,
        hint: `Methods: ${Object.keys(benchMethods).join(', ')}`,
      });
    }
  }
  const mirrors = path.resolve(ctx.cwd, options.mirrors);
  if (!fs.existsSync(mirrors)) {
    throw new RetrofitError('input-not-found', `no mirror folder ${mirrors}`, {
      input: options.mirrors,
      hint: 'Point --mirrors at the folder holding OWNER+NAME/repo snapshots of the repositories.',
    });
  }
  const mirrorRepos = new Map<string, GitRepo | null>();
  const skipped: Record<string, number> = {};
  const runnable: BenchCase[] = [];
  for (const benchCase of cases) {
    if (!mirrorRepos.has(benchCase.repo))
      mirrorRepos.set(benchCase.repo, await openMirror(mirrors, benchCase.repo));
    if (mirrorRepos.get(benchCase.repo)) runnable.push(benchCase);
    else skipped[benchCase.repo] = (skipped[benchCase.repo] ?? 0) + 1;
  }
  // Backports of the same upstream commit elsewhere in the corpus: chain sources when earlier.
  const siblings = (c: BenchCase) =>
    options.chain
      ? runnable.filter((o) => o.repo === c.repo && o.upstream === c.upstream && o.id !== c.id)
      : [];
  const results: CaseResult[] = [];
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < runnable.length) {
      const order = next++;
      const benchCase = runnable[order]!;
      results.push(
        await runCase(
          ctx,
          mirrorRepos.get(benchCase.repo)!,
          benchCase,
          methods,
          siblings(benchCase),
          order,
        ),
      );
      if (++done % 25 === 0 || done === runnable.length)
        ctx.progress(`bench: ${done}/${runnable.length} cases`);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.jobs) }, worker));
  const order = new Map(runnable.map((c, i) => [c.id, i]));
  results.sort((a, b) => order.get(a.case.id)! - order.get(b.case.id)!);
  return {
    ...summarize(results, methods),
    skipped,
    elapsedMs: Date.now() - started,
    results: results.map((r) => ({ id: r.case.id, repo: r.case.repo, scores: r.scores })),
  };
}

function readInput(ctx: AppContext, file: string, what: string): { path: string; text: string } {
  const full = path.resolve(ctx.cwd, file);
  if (!fs.existsSync(full)) {
    throw new RetrofitError('input-not-found', `no ${what} at ${file}`, {
      input: file,
      hint: `Check the path of the ${what}.`,
    });
  }
  return { path: full, text: fs.readFileSync(full, 'utf8') };
}

/** `DIR/OWNER+NAME/repo` (a git directory, or a clone holding `.git`). */
async function openMirror(mirrors: string, repo: string): Promise<GitRepo | null> {
  const base = path.join(mirrors, repo.replace('/', '+'), 'repo');
  for (const candidate of [base, path.join(base, '.git')]) {
    if (fs.existsSync(path.join(candidate, 'objects'))) return GitRepo.open(candidate);
  }
  return null;
}

async function runCase(
  ctx: AppContext,
  mirror: GitRepo,
  benchCase: BenchCase,
  methods: string[],
  siblings: BenchCase[],
  order: number,
): Promise<CaseResult> {
  const scores: Record<string, CaseScore> = {};
  const fail = (error: unknown): CaseScore => ({
    exact: false,
    code: false,
    src: false,
    silentWrong: false,
    abstained: true,
    ms: 0,
    error: error instanceof Error ? error.message : String(error),
  });
  let setup: Awaited<ReturnType<typeof prepare>>;
  try {
    setup = await prepare(
      ctx,
      mirror,
      benchCase,
      methods.includes('retrofit+chain') ? siblings : null,
    );
  } catch (error) {
    for (const method of methods) scores[method] = fail(error);
    return { case: benchCase, scores };
  }
  try {
    // Each method goes first on as many cases as the others: the first to read a case's
    // objects warms the disk cache for the rest.
    const shift = order % methods.length;
    for (const method of [...methods.slice(shift), ...methods.slice(0, shift)]) {
      const started = performance.now();
      try {
        const output = await benchMethod(method)!({
          repo: setup.isolated.repo,
          parent: setup.parent,
          upstreamParents: setup.upstreamParents,
          upstream: benchCase.upstream,
          target: setup.target,
          scope: ctx.scope,
          chain: setup.chain,
        });
        const ms = performance.now() - started;
        try {
          const files = [];
          for (const file of setup.paths) {
            const actual = await output.read(file);
            const expected = await mirror.readBlob(benchCase.backport, file);
            files.push({
              path: file,
              equal:
                actual === null || expected === null
                  ? actual === expected
                  : actual.equals(expected),
            });
          }
          scores[method] = scoreCase(files, output.reportedClean, ms);
        } finally {
          output.dispose();
        }
      } catch (error) {
        scores[method] = fail(error);
      }
    }
  } finally {
    setup.isolated.dispose();
  }
  return { case: benchCase, scores };
}

async function prepare(
  ctx: AppContext,
  mirror: GitRepo,
  benchCase: BenchCase,
  siblings: BenchCase[] | null,
) {
  const upstream = await mirror.commitInfo(benchCase.upstream);
  const backport = await mirror.commitInfo(benchCase.backport);
  const parent = upstream.parents[0];
  const target = backport.parents[0];
  if (!parent || !target) throw new Error('upstream or backport has no parent');
  const paths = [
    ...new Set([
      ...(await mirror.changedPaths(parent, upstream.sha)),
      ...(await mirror.changedPaths(target, backport.sha)),
    ]),
  ];
  const chain = siblings ? await chainSources(mirror, benchCase, siblings, target) : [];
  // The answer is not an input: the case repository has refs for the upstream and the target
  // only (and, for chain porting, backports committed before this one).
  const isolated = await createIsolatedRepo({
    objectsDir: mirror.objectsDir,
    refs: {
      upstream: upstream.sha,
      target,
      ...Object.fromEntries(chain.map((sha, i) => [`chain${i}`, sha])),
    },
    scope: ctx.scope,
  });
  return { isolated, parent, target, paths, upstreamParents: upstream.parents, chain };
}

/**
 * Backports of the case's upstream commit on other branches, committed before the case's own
 * backport: corpus cases with the same upstream, and commits whose message says they are a
 * cherry-pick of it. Newest first; none is the answer or already in the target.
 */
async function chainSources(
  mirror: GitRepo,
  benchCase: BenchCase,
  siblings: BenchCase[],
  target: string,
): Promise<string[]> {
  const own = await mirror.committerTimes([benchCase.backport]);
  const deadline = own.get(benchCase.backport) ?? 0;
  const picked = await mirror.searchCommits({
    patterns: [benchCase.upstream.slice(0, 12)],
    fixed: true,
  });
  const candidates = [
    ...new Set([...siblings.map((s) => s.backport), ...picked.map((p) => p.sha)]),
  ].filter((sha) => sha !== benchCase.backport && sha !== benchCase.upstream);
  const times = await mirror.committerTimes(candidates);
  const out: Array<{ sha: string; time: number }> = [];
  for (const sha of candidates) {
    const time = times.get(sha);
    if (time === undefined || time >= deadline) continue;
    if (await mirror.isAncestor(sha, target)) continue;
    out.push({ sha, time });
  }
  return out.sort((a, b) => b.time - a.time).map((c) => c.sha);
}
