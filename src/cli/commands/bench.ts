// `retrofit bench`: score the port engine on a corpus of maintainers' backports, with git
// cherry-pick and GNU patch on the same cases (see the bench README for the contract).
import { runBench } from '../../app/bench.js';
import { formatSummary } from '../../bench/score.js';
import { RetrofitError } from '../../errors.js';
import { requireArg, requireOption, type CommandSpec } from '../command.js';

const EXAMPLE = 'retrofit bench cases.jsonl --mirrors ./mirrors --repos quick-repos.txt --jobs 2';

export const benchCommand: CommandSpec = {
  name: 'bench',
  summary:
    'score the port engine against maintainers\u2019 backports, beside cherry-pick and patch',
  examples: [EXAMPLE, 'retrofit bench cases.jsonl --mirrors ./mirrors --json > bench.json'],
  configure(command) {
    command
      .argument('<manifest>', 'the cases, one JSON object per line')
      .option('--mirrors <dir>', 'folder holding OWNER+NAME/repo snapshots')
      .option('--repos <file>', 'only cases of the repositories listed in this file')
      .option('--jobs <n>', 'cases run at once', '2')
      .option('--limit <n>', 'only the first N cases')
      .option(
        '--methods <list>',
        'comma-separated methods (default: retrofit,cherry-pick,patch-fuzz3)',
      )
      .option('--cases', 'with --json: include every case\u2019s scores')
      .option(
        '--chain',
        'also score retrofit+chain: a case may start from earlier backports of the same fix on other branches',
      );
  },
  async run({ args, options, ctx }) {
    const number = (name: string) => {
      const value = options[name];
      if (value === undefined) return undefined;
      const n = Number(value);
      if (!Number.isInteger(n) || n <= 0)
        throw new RetrofitError(
          'usage',
          `--${name} ${String(value)} is not a positive whole number`,
          { input: String(value) },
        );
      return n;
    };
    const report = await runBench(ctx, {
      manifest: requireArg(args, 0, 'the manifest', EXAMPLE),
      mirrors: requireOption(options, 'mirrors', EXAMPLE),
      repos: typeof options.repos === 'string' ? options.repos : undefined,
      jobs: number('jobs') ?? 2,
      limit: number('limit'),
      chain: options.chain === true,
      methods:
        typeof options.methods === 'string'
          ? options.methods.split(',').filter(Boolean)
          : undefined,
    });
    const methods = Object.keys(report.methods);
    const skipped = Object.entries(report.skipped);
    const json = {
      cases: report.cases,
      methods: report.methods,
      security: report.security,
      byLabel: report.byLabel,
      byRepo: report.byRepo,
      skipped: report.skipped,
      elapsedMs: report.elapsedMs,
      ...(options.cases === true ? { results: report.results } : {}),
    };
    const human = [
      formatSummary(report, methods),
      `${report.cases} cases in ${(report.elapsedMs / 1000).toFixed(0)} s` +
        (skipped.length
          ? `; skipped (no mirror): ${skipped.map(([r, n]) => `${r} ${n}`).join(', ')}`
          : ''),
    ].join('\n');
    return { json, human, exitCode: 0 };
  },
};
