// `retrofit advisories import`: OSV records from a file, folder or zip into the database.
import { importAdvisories, type ImportReport } from '../../app/import-advisories.js';
import { requireArg, type CommandSpec } from '../command.js';

const EXAMPLE = 'retrofit advisories import ./advisory-database/advisories';

export const advisoriesImportCommand: CommandSpec = {
  name: 'advisories import',
  summary: 'import OSV advisories from a .json/.yaml file, a folder of them, or an osv.dev .zip',
  examples: [
    EXAMPLE,
    'retrofit advisories import npm-all.zip   # from https://osv-vulnerabilities.storage.googleapis.com/npm/all.zip',
    'retrofit advisories import GHSA-3h5v-q93c-6h6q.json --json',
  ],
  configure(command) {
    command.argument('<path>', 'an OSV file, a folder walked recursively, or a zip archive');
  },
  async run({ args, ctx }) {
    const input = requireArg(args, 0, 'the path to import', EXAMPLE);
    const report = await importAdvisories(ctx, input);
    // Bad records go to stderr with the progress lines, so stdout stays the result.
    for (const problem of report.problems) ctx.progress(`skipped ${describeProblem(problem)}`);
    for (const warning of report.warnings) ctx.progress(`repaired ${describeProblem(warning)}`);
    const nothing = report.imported === 0 && report.skippedOlder === 0;
    return {
      json: report,
      human: formatImport(report),
      exitCode: nothing && report.problems.length > 0 ? 2 : 0,
    };
  },
};

function describeProblem(problem: ImportReport['problems'][number]): string {
  return `${problem.source}${problem.id ? ` (${problem.id})` : ''}: ${problem.message}`;
}

export function formatImport(report: ImportReport): string {
  const parts = [
    `imported ${report.imported} advisor${report.imported === 1 ? 'y' : 'ies'} from ${report.input}`,
  ];
  if (report.skippedOlder > 0)
    parts.push(`${report.skippedOlder} kept (the database has a newer version)`);
  if (report.problems.length > 0) {
    parts.push(`${report.problems.length} could not be read (listed above)`);
  }
  return parts.join('; ');
}
