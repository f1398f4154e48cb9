// `retrofit demo`: the whole pipeline on a sample project, summarised for a person.
import { runDemo, type DemoReport, type DemoScan } from '../../app/demo.js';
import type { CommandSpec } from '../command.js';

export const demoCommand: CommandSpec = {
  name: 'demo',
  summary: 'scan, backport, verify, rescan and export VEX on a sample project built on the spot',
  examples: ['retrofit demo', 'retrofit demo --json', 'retrofit demo --dir /tmp/retrofit-demo'],
  configure(command) {
    command
      .option(
        '--dir <folder>',
        'where to build the sample project (default: a new temporary folder, kept)',
      )
      .option('--no-sandbox', 'run the sample tests without bubblewrap');
  },
  async run({ options, ctx }) {
    const report = await runDemo(ctx, {
      folder: typeof options.dir === 'string' ? options.dir : undefined,
      // The sample project is ours, so without bubblewrap the demo still runs, and says so.
      sandbox: options.sandbox === false ? false : 'auto',
    });
    const ok =
      report.before.affected > 0 &&
      report.after.affected === 0 &&
      report.backports.every((b) => b.shipped);
    return { json: report, human: formatDemo(report), exitCode: ok ? 0 : 1 };
  },
};

function scanLine(scan: DemoScan): string {
  const finding = scan.findings[0];
  const what = finding ? `${finding.package} ${finding.version}` : 'no package';
  const statuses = scan.findings.map((f) => f.status).join(', ') || 'no findings';
  return `${scan.ref} (${what}): ${statuses}`;
}

export function formatDemo(report: DemoReport): string {
  const lines = [
    'retrofit demo: tinyserve, a small library with a 2.x main line and an old 1.x release branch',
    '',
    `  advisory  ${report.advisory}  path traversal in resolvePath, fixed on main`,
    `  before    ${scanLine(report.before)}`,
  ];
  for (const b of report.backports) {
    lines.push(
      `  backport  ${b.branch}: ${b.status}${b.verification?.sandboxed === false ? ' (tests NOT sandboxed)' : ''}`,
    );
    for (const test of b.verification?.fixedTests ?? [])
      lines.push(`            regression test failed before, passes after: ${test}`);
    if (b.backportBranch)
      lines.push(`            new branch ${b.backportBranch} at ${b.commit?.slice(0, 12)}`);
    if (!b.shipped) lines.push(`            ${b.message}`);
  }
  const evidence = report.after.findings.flatMap((f) => f.evidence.map((e) => e.kind));
  lines.push(
    `  after     ${scanLine(report.after)}${evidence.length ? ` (evidence: ${[...new Set(evidence)].join(', ')})` : ''}`,
    `  vex       ${report.vex}`,
    '',
    `Look around: git -C ${report.project} log --oneline --graph --all`,
  );
  return lines.join('\n');
}
