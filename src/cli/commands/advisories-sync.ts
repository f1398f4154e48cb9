// `retrofit advisories sync`: OSV records from an osv.dev-compatible HTTP source, incrementally.
import { syncAdvisories, type SyncReport } from '../../app/sync-advisories.js';
import { requireOption, type CommandSpec } from '../command.js';

const OSV_DEV = 'https://osv-vulnerabilities.storage.googleapis.com';
const EXAMPLE = `retrofit advisories sync --from ${OSV_DEV}`;

export const advisoriesSyncCommand: CommandSpec = {
  name: 'advisories sync',
  summary: 'download OSV advisories from osv.dev or a mirror of its layout, only what changed',
  examples: [
    EXAMPLE,
    `retrofit advisories sync --from ${OSV_DEV} --ecosystem PyPI`,
    'retrofit advisories sync --from https://mirror.example.org/osv --json',
  ],
  configure(command) {
    command
      .option(
        '--from <url>',
        'base URL laid out like osv.dev: <url>/<ecosystem>/all.zip and modified_id.csv',
      )
      .option(
        '--ecosystem <name...>',
        'OSV ecosystems to sync (default: every ecosystem retrofit scans)',
      );
  },
  async run({ options, ctx }) {
    const from = requireOption(options, 'from', EXAMPLE);
    const ecosystems = Array.isArray(options.ecosystem) ? options.ecosystem.map(String) : undefined;
    const report = await syncAdvisories(ctx, { from, ecosystems });
    // Bad records go to stderr with the progress lines, so stdout stays the result.
    for (const problem of report.problems) ctx.progress(`skipped ${describe(problem)}`);
    for (const warning of report.warnings) ctx.progress(`repaired ${describe(warning)}`);
    for (const ecosystem of report.absent ?? [])
      ctx.progress(`${ecosystem}: no advisories at this source`);
    return { json: report, human: formatSync(report), exitCode: 0 };
  },
};

function describe(problem: SyncReport['problems'][number]): string {
  return `${problem.source}${problem.id ? ` (${problem.id})` : ''}: ${problem.message}`;
}

export function formatSync(report: SyncReport): string {
  const lines = report.ecosystems.map((e) => {
    const parts = [
      e.mode === 'up-to-date'
        ? `${e.ecosystem}: up to date`
        : `${e.ecosystem}: ${e.mode === 'full' ? 'full' : 'incremental'} sync, imported ${e.imported} advisor${e.imported === 1 ? 'y' : 'ies'}`,
    ];
    if (e.skippedOlder > 0) parts.push(`${e.skippedOlder} kept (the database has a newer version)`);
    if (e.withdrawn > 0) parts.push(`${e.withdrawn} withdrawn (stored, never matched)`);
    if (e.cursor) parts.push(`newest ${e.cursor}`);
    return parts.join('; ');
  });
  if (report.problems.length > 0) {
    lines.push(`${report.problems.length} could not be read (listed above)`);
  }
  return [`synced from ${report.source}`, ...lines].join('\n');
}
