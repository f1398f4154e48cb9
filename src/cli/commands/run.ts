// `retrofit run`: locate → port → verify → ship → record, one result per target branch.
import { runBackport, type BranchResult } from '../../app/run.js';
import { RetrofitError } from '../../errors.js';
import { DEFAULT_MIN_CONFIDENCE } from '../../app/port-engine.js';
import { parseConfidence, requireArg, requireOption, type CommandSpec } from '../command.js';
import { addShipOptions, readShipOptions } from '../ship-options.js';

const EXAMPLE = 'retrofit run GHSA-3h5v-q93c-6h6q --repo ./ws --onto v7.x,v6.x';

export const runCommand: CommandSpec = {
  name: 'run',
  summary: 'backport the fix of an advisory onto release branches, verified and recorded',
  examples: [
    EXAMPLE,
    'retrofit run x_DEMO-2026-0001 --repo . --onto release-1.x --no-sandbox --json',
    'retrofit run CVE-2024-37890 --repo . --onto v7.x --signoff --push origin --pr github',
    'retrofit run CVE-2024-37890 --repo . --onto debian/bookworm --quilt-dir ../ws-1.0',
  ],
  configure(command) {
    command
      .argument('<advisory>', 'advisory id or alias')
      .option('--repo <dir>', 'the git repository holding the fix and the target branches')
      .option('--onto <branches>', 'comma-separated target branches or tags')
      .option(
        '--test-command <cmd>',
        'the test command (default: detected, e.g. npm test or pytest)',
      )
      .option('--timeout <seconds>', 'time limit for one test run', '600')
      .option('--online', 'let the dependency install reach the package registry (never the tests)')
      .option(
        '--no-sandbox',
        'run the tests without bubblewrap (not recommended: the code is untrusted)',
      )
      .option(
        '--min-confidence <n>',
        `hunks placed less surely than this (0 to 1) become conflicts (default ${DEFAULT_MIN_CONFIDENCE})`,
      )
      .option('--allow-unproven', 'ship a clean port even when no test proves the fix')
      .option(
        '--with-prerequisites',
        'when the fix conflicts because the target lacks code it builds on, port the upstream commits that wrote that code first',
      )
      .option('--signoff [identity]', "add Signed-off-by (default: --author, else git's user)");
    addShipOptions(command);
  },
  async run({ args, options, ctx }) {
    const advisory = requireArg(args, 0, 'the advisory id', EXAMPLE);
    const repo = requireOption(options, 'repo', EXAMPLE);
    const onto = requireOption(options, 'onto', EXAMPLE)
      .split(',')
      .map((b) => b.trim())
      .filter(Boolean);
    const ship = readShipOptions(options);
    const timeout = Number(options.timeout);
    if (!Number.isFinite(timeout) || timeout <= 0) {
      throw new RetrofitError(
        'usage',
        `--timeout ${String(options.timeout)} is not a number of seconds`,
        { input: String(options.timeout) },
      );
    }
    const report = await runBackport(ctx, {
      advisory,
      repo,
      onto,
      sandbox: options.sandbox !== false,
      online: options.online === true,
      testCommand:
        typeof options.testCommand === 'string'
          ? options.testCommand.split(/\s+/).filter(Boolean)
          : undefined,
      timeoutMs: timeout * 1000,
      allowUnproven: options.allowUnproven === true,
      withPrerequisites: options.withPrerequisites === true,
      minConfidence: parseConfidence(options.minConfidence),
      signoff: options.signoff as boolean | string | undefined,
      ...(ship.author !== undefined ? { author: ship.author } : {}),
      ship,
    });
    const ok = report.results.every(
      (r) => (r.shipped && !r.shipError) || r.status === 'already-fixed',
    );
    return {
      json: report,
      human: formatResults(report.advisory, report.results),
      exitCode: ok ? 0 : 1,
    };
  },
};

export function formatResults(advisory: string, results: BranchResult[]): string {
  const width = Math.max(...results.map((r) => r.branch.length), 6);
  const lines = [`${advisory}:`];
  for (const result of results) {
    lines.push(`  ${result.branch.padEnd(width)}  ${result.status.padEnd(13)} ${result.message}`);
    if (result.portedFrom)
      lines.push(
        `  ${''.padEnd(width)}    ported from the backport ${result.portedFrom.commit.slice(0, 12)} on ${result.portedFrom.branch}`,
      );
    if (result.shipped)
      for (const p of result.prerequisites ?? [])
        lines.push(
          `  ${''.padEnd(width)}    prerequisite: ${p.commit.slice(0, 12)} ${p.subject}${p.names ? ` (brings in ${p.names.join(', ')})` : ''}`,
        );
    for (const test of result.verification?.fixedTests ?? [])
      lines.push(`  ${''.padEnd(width)}    fixed test: ${test}`);
    for (const test of result.verification?.regressedTests ?? [])
      lines.push(`  ${''.padEnd(width)}    REGRESSED: ${test}`);
    if (result.verification?.presence)
      lines.push(
        `  ${''.padEnd(width)}    fix present in the result: ${result.verification.presence.status}${result.verification.presence.locations.length ? ` (${result.verification.presence.locations.join(', ')})` : ''}`,
      );
    for (const note of result.verification?.notes ?? [])
      lines.push(`  ${''.padEnd(width)}    note: ${note}`);
  }
  return lines.join('\n');
}
