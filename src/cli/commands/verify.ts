// `retrofit verify`: run the tests before and after a ported commit, sandboxed, and say whether
// the port is proven (a test failed before and passes after, nothing regressed).
import type { RunSummary } from '../../app/verify.js';
import { verifyRefs } from '../../app/verify-command.js';
import { RetrofitError } from '../../errors.js';
import { requireOption, type CommandSpec } from '../command.js';

const EXAMPLE = 'retrofit verify --repo ./ws --onto release-1.x --candidate retrofit/CVE-2024-0001';

export const verifyCommand: CommandSpec = {
  name: 'verify',
  summary: 'prove a ported commit: its tests fail before the port and pass after, sandboxed',
  examples: [
    EXAMPLE,
    'retrofit verify --repo . --onto v2.3.x --candidate HEAD --test-command "make check" --timeout 900',
    'retrofit verify --repo . --onto v2.3.x --candidate 4f2a9c1 --online --json',
  ],
  configure(command) {
    command
      .option('--repo <dir>', 'the git repository')
      .option('--onto <ref>', 'the branch, tag or commit the port was made onto')
      .option('--candidate <commit>', 'the ported commit (a descendant of --onto)')
      .option('--upstream <sha>', 'the upstream fix, to check that its tests came along')
      .option('--test-command <cmd>', 'how to run the tests (default: detected from the project)')
      .option('--no-sandbox', 'run the tests without bubblewrap (network and filesystem open)')
      .option('--online', 'run npm install / pip install from the registry before the tests')
      .option('--only-fix-tests', "run only the port's test files, not the full suite after them")
      .option('--timeout <seconds>', 'time limit for each test run', '600');
  },
  async run({ options, ctx }) {
    const report = await verifyRefs(ctx, {
      repo: requireOption(options, 'repo', EXAMPLE),
      onto: requireOption(options, 'onto', EXAMPLE),
      candidate: requireOption(options, 'candidate', EXAMPLE),
      upstream: typeof options.upstream === 'string' ? options.upstream : undefined,
      testCommand: typeof options.testCommand === 'string' ? options.testCommand : undefined,
      sandbox: options.sandbox !== false,
      online: options.online === true,
      onlyFixTests: options.onlyFixTests === true,
      timeoutMs: parseTimeout(options.timeout),
    });
    const lines = [
      `${report.status}: ${report.candidate.slice(0, 12)} onto ${report.target.slice(0, 12)}`,
      ...(report.ran.fixTests ? [`  fix tests ${report.ran.fixTests.join(' ')}`] : []),
      `  command   ${report.ran.fullSuite?.join(' ') ?? 'full suite not run (--only-fix-tests)'} (${report.sandboxed ? 'sandboxed' : 'NOT sandboxed'})`,
      `  before    ${describeRun(report.before)}`,
      `  after     ${describeRun(report.after)}`,
    ];
    const section = (title: string, names: string[]) => {
      if (names.length > 0) lines.push(title, ...names.map((name) => `  ${name}`));
    };
    section('fixed (failed before, pass after):', report.fixedTests);
    section('regressions (passed before, fail or missing after):', report.regressedTests);
    section('failing before and after (not caused by the port):', report.preExistingFailures);
    section('notes:', report.notes);
    return {
      json: report,
      human: lines.join('\n'),
      exitCode: report.status === 'verified' ? 0 : 1,
    };
  },
};

function describeRun(run: RunSummary): string {
  const { pass, fail, skip } = run.counts;
  const end = run.timedOut ? 'timed out' : `exit ${run.exitCode ?? 'signal'}`;
  return `${pass} passed, ${fail} failed, ${skip} skipped (${end}, ${(run.durationMs / 1000).toFixed(1)} s)`;
}

function parseTimeout(value: unknown): number {
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds <= 0) {
    throw new RetrofitError(
      'usage',
      `--timeout must be a positive number of seconds, not ${String(value)}`,
      {
        input: String(value),
        hint: `For example: ${EXAMPLE} --timeout 900`,
      },
    );
  }
  return seconds * 1000;
}
