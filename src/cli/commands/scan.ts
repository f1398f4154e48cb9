// `retrofit scan`: which known vulnerabilities affect a lockfile, a folder, or a repository's
// own package at a ref, with VEX documents applied, as a table grouped by package or as a
// JSON, SARIF or CycloneDX VEX document.
import { scanPath, scanRepoRef, type Finding, type ScanReport } from '../../app/scan.js';
import {
  renderScanDocument,
  writeOutputFile,
  type ScanDocumentFormat,
} from '../../app/scan-output.js';
import { applyVex, readVexFiles } from '../../app/scan-vex.js';
import { RetrofitError } from '../../errors.js';
import type { CommandSpec } from '../command.js';

const FORMATS = ['table', 'json', 'sarif', 'cyclonedx'] as const;
type ScanFormat = (typeof FORMATS)[number];

export const scanCommand: CommandSpec = {
  name: 'scan',
  summary: 'find the known vulnerabilities affecting lockfiles, a folder, or a repository at a ref',
  examples: [
    'retrofit scan package-lock.json',
    'retrofit scan .                          # every lockfile and SBOM below this folder',
    'retrofit scan --repo ./ws --ref 7.x      # the package ws publishes, as of branch 7.x',
    'retrofit scan . --vex vendor.openvex.json --vex product.csaf.json',
    'retrofit scan . --format sarif --output retrofit.sarif',
    'retrofit scan --repo ./curl --ref curl-8_4_0 --repo-url https://github.com/curl/curl',
    'retrofit scan --repo . --json',
  ],
  configure(command) {
    command
      .argument(
        '[path]',
        'a lockfile, SBOM or manifest, or a folder to search for lockfiles and SBOMs',
      )
      .option('--repo <dir>', 'scan the package this git repository publishes, instead of a path')
      .option('--ref <ref>', 'with --repo: the branch, tag or commit to scan (default: HEAD)')
      .option(
        '--repo-url <url>',
        "with --repo: the repository's public URL, for advisories with GIT ranges (default: its remotes)",
      )
      .option(
        '--vex <file>',
        'an OpenVEX, CycloneDX or CSAF VEX document whose statements apply (repeatable)',
        (value: string, previous: string[] = []) => [...previous, value],
      )
      .option('--format <format>', `output format: ${FORMATS.join(', ')} (default: table)`)
      .option('--output <file>', 'write the output to this file (atomically) instead of stdout')
      .option(
        '--show-suppressed',
        'also list the results that need no action, with their evidence',
      );
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
    const format = scanFormat(options);
    // Every VEX document is read before the scan: a bad one is an error, not a silent no-op.
    const vexFiles = Array.isArray(options.vex) ? (options.vex as string[]) : [];
    const vex = vexFiles.length > 0 ? await readVexFiles(ctx, vexFiles) : undefined;
    const scanned = repo
      ? await scanRepoRef(ctx, {
          repo,
          ref: typeof options.ref === 'string' ? options.ref : 'HEAD',
          repoUrl: typeof options.repoUrl === 'string' ? options.repoUrl : undefined,
        })
      : await scanPath(ctx, target!);
    const report = vex ? await applyVex(scanned, vex) : scanned;
    for (const problem of report.problems)
      ctx.progress(`warning: ${problem.source}: ${problem.message}`);
    const exitCode = report.summary.affected > 0 ? 1 : 0;
    const text =
      format === 'table'
        ? `${formatScan(report, { showSuppressed: options.showSuppressed === true })}\n`
        : await renderScanDocument(report, format);
    if (typeof options.output === 'string') {
      const written = writeOutputFile(ctx, options.output, text);
      return {
        json: { output: written, format, summary: report.summary },
        human: `wrote the ${format} report to ${options.output}\n${summaryLine(report, report.findings.length)}`,
        exitCode,
      };
    }
    return { json: report, human: text, exitCode };
  },
};

/** `--format`, with `--json` as its short form for `json`. */
function scanFormat(options: Record<string, unknown>): ScanFormat {
  const asked = options.format;
  if (asked === undefined) return options.json === true ? 'json' : 'table';
  if (typeof asked !== 'string' || !(FORMATS as readonly string[]).includes(asked)) {
    throw new RetrofitError(
      'usage',
      `--format ${String(asked)} is not one of ${FORMATS.join(', ')}`,
      {
        input: String(asked),
        hint: 'For example: retrofit scan . --format sarif --output retrofit.sarif',
      },
    );
  }
  if (options.json === true && asked !== 'json') {
    throw new RetrofitError('usage', `--json and --format ${asked} ask for two formats`, {
      hint: `Drop --json, or use --format json.`,
    });
  }
  return asked as ScanDocumentFormat | 'table';
}

export function formatScan(report: ScanReport, options: { showSuppressed: boolean }): string {
  const commit = report.commit ? ` (${report.commit.slice(0, 12)})` : '';
  const lines = [`scan of ${report.target}${commit}`];
  const shown = report.findings.filter((f) => options.showSuppressed || f.status === 'affected');
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
  if (report.vex) {
    const documents = report.vex.documents.map((d) => `${d.file} (${d.format})`).join(', ');
    lines.push(
      `vex: ${documents}; ${report.vex.applied} finding${report.vex.applied === 1 ? '' : 's'} decided`,
    );
  }
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
  const note = hidden > 0 ? ` (${hidden} suppressed, --show-suppressed to list)` : '';
  const problems =
    report.problems.length > 0
      ? `; ${report.problems.length} problem${report.problems.length === 1 ? '' : 's'} (see above)`
      : '';
  return `${parts.join(', ')} in ${packages}${note}${problems}`;
}
