// `retrofit scan`: which known vulnerabilities affect a lockfile, a folder, or a repository's
// own package at a ref, as a table grouped by package.
import { scanPath, scanRepoRef, type Finding, type ScanReport } from '../../app/scan.js';
import { RetrofitError } from '../../errors.js';
import type { CommandSpec } from '../command.js';

/** Results that need no action; the human table hides them unless asked. */
const SUPPRESSED: ReadonlySet<Finding['status']> = new Set(['fixed', 'not-affected']);

export const scanCommand: CommandSpec = {
  name: 'scan',
  summary: 'find the known vulnerabilities affecting lockfiles, a folder, or a repository at a ref',
  examples: [
    'retrofit scan package-lock.json',
    'retrofit scan .                          # every package-lock.json and requirements*.txt',
    'retrofit scan --repo ./ws --ref 7.x      # the package ws publishes, as of branch 7.x',
    'retrofit scan --repo ./curl --ref curl-8_4_0 --repo-url https://github.com/curl/curl',
    'retrofit scan --repo . --json',
  ],
  configure(command) {
    command
      .argument('[path]', 'a lockfile, requirements file or manifest, or a folder to search')
      .option('--repo <dir>', 'scan the package this git repository publishes, instead of a path')
      .option('--ref <ref>', 'with --repo: the branch, tag or commit to scan (default: HEAD)')
      .option(
        '--repo-url <url>',
        "with --repo: the repository's public URL, for advisories with GIT ranges (default: its remotes)",
      )
      .option('--show-suppressed', 'also list fixed and not-affected results');
  },
  async run({ args, options, ctx }) {
    const target = args[0];
    const repo = typeof options.repo === 'string' ? options.repo : undefined;
    if ((target === undefined) === (repo === undefined)) {
      throw new RetrofitError(
        'usage',
        'scan takes either a path or --repo, not both and not neither',
        {
          hint: 'For example: retrofit scan package-lock.json, or retrofit scan --repo . --ref v1.2.0',
        },
      );
    }
    if (typeof options.repoUrl === 'string' && repo === undefined) {
      throw new RetrofitError('usage', '--repo-url needs --repo', {
        hint: `For example: retrofit scan --repo . --repo-url ${options.repoUrl}`,
      });
    }
    if (typeof options.ref === 'string' && repo === undefined) {
      throw new RetrofitError('usage', '--ref needs --repo', {
        hint: `For example: retrofit scan --repo . --ref ${options.ref}`,
      });
    }
    const report = repo
      ? await scanRepoRef(ctx, {
          repo,
          ref: typeof options.ref === 'string' ? options.ref : 'HEAD',
          repoUrl: typeof options.repoUrl === 'string' ? options.repoUrl : undefined,
        })
      : await scanPath(ctx, target!);
    for (const problem of report.problems)
      ctx.progress(`warning: ${problem.source}: ${problem.message}`);
    return {
      json: report,
      human: formatScan(report, { showSuppressed: options.showSuppressed === true }),
      exitCode: report.summary.affected > 0 ? 1 : 0,
    };
  },
};

export function formatScan(report: ScanReport, options: { showSuppressed: boolean }): string {
  const commit = report.commit ? ` (${report.commit.slice(0, 12)})` : '';
  const lines = [`scan of ${report.target}${commit}`];
  const shown = report.findings.filter((f) => options.showSuppressed || !SUPPRESSED.has(f.status));
  const rows = shown.map((f) => ({
    finding: f,
    cells: [f.status, advisoryLabel(f), f.severity ?? '-', f.version],
  }));
  const widths = [0, 1, 2].map((i) => Math.max(0, ...rows.map((r) => r.cells[i]!.length)));
  let group = '';
  for (const { finding, cells } of rows) {
    const key = `${finding.ecosystem} ${finding.package}`;
    if (key !== group) {
      group = key;
      lines.push('', `${finding.package} (${finding.ecosystem})  ${finding.source}`);
    }
    lines.push(`  ${cells.map((cell, i) => (i < 3 ? cell.padEnd(widths[i]!) : cell)).join('  ')}`);
    for (const evidence of finding.evidence) lines.push(`    evidence: ${evidence.summary}`);
  }
  if (shown.length > 0) lines.push('');
  lines.push(summaryLine(report, shown.length));
  return lines.join('\n');
}

function advisoryLabel(finding: Finding): string {
  return finding.aliases.length > 0
    ? `${finding.advisory} (${finding.aliases.join(', ')})`
    : finding.advisory;
}

function summaryLine(report: ScanReport, shown: number): string {
  const { summary } = report;
  const packages = `${summary.packages} package${summary.packages === 1 ? '' : 's'}`;
  const parts = [
    `${summary.affected} affected`,
    `${summary.fixedByBackport} fixed by backport`,
    `${summary.fixed} fixed`,
    `${summary.notAffected} not affected`,
  ];
  const hidden = report.findings.length - shown;
  const note = hidden > 0 ? ` (${hidden} hidden; --show-suppressed lists them)` : '';
  const problems =
    report.problems.length > 0
      ? `; ${report.problems.length} problem${report.problems.length === 1 ? '' : 's'} (see above)`
      : '';
  return `${parts.join(', ')} in ${packages}${note}${problems}`;
}
