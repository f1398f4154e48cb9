// `retrofit locate`: the upstream fix commits of an advisory in a repository, and the
// backports of them that already exist.
import { locateFix } from '../../app/locate.js';
import { requireArg, requireOption, type CommandSpec } from '../command.js';

export const locateCommand: CommandSpec = {
  name: 'locate',
  summary: 'find the upstream fix commits of an advisory and its existing backports',
  examples: [
    'retrofit locate GHSA-3h5v-q93c-6h6q --repo ./ws',
    'retrofit locate CVE-2024-37890 --repo ./ws --json',
    'retrofit locate GHSA-3h5v-q93c-6h6q --repo ./ws --branches v7.x,v6.x,v5.x',
  ],
  configure(command) {
    command.argument('<advisory>', 'advisory id or alias (GHSA, CVE, PYSEC, any OSV id)');
    command.option('--repo <dir>', 'the git repository to look in');
    command.option(
      '--branches <list>',
      'release branches to check for an existing backport (ancestry, patch id, patch presence), comma-separated',
    );
  },
  async run({ args, options, ctx }) {
    const advisory = requireArg(
      args,
      0,
      'the advisory id',
      'retrofit locate GHSA-3h5v-q93c-6h6q --repo ./ws',
    );
    const repo = requireOption(options, 'repo', 'retrofit locate GHSA-3h5v-q93c-6h6q --repo ./ws');
    const branches =
      typeof options.branches === 'string'
        ? options.branches
            .split(',')
            .map((b) => b.trim())
            .filter(Boolean)
        : undefined;
    const report = await locateFix(ctx, { advisory, repo, branches });
    const lines = [
      `${report.advisory}${report.aliases.length ? ` (${report.aliases.join(', ')})` : ''}`,
    ];
    if (report.upstream.length === 0)
      lines.push(
        '  no fix commit found here: none the advisory links to, no commit message naming it, and no likely commit between its releases',
      );
    for (const fix of report.upstream) {
      lines.push(
        `  upstream  ${fix.commit.slice(0, 12)}  ${fix.subject}`,
        `            ${fix.confidence}: ${fix.reason}`,
      );
    }
    for (const backport of report.backports) {
      lines.push(
        `  backport  ${backport.commit.slice(0, 12)}  on ${backport.branch}`,
        `            ${backport.evidence}`,
      );
    }
    for (const missing of report.missing)
      lines.push(
        `  missing   ${missing.sha.slice(0, 12)}  (named by the advisory, not in this clone)`,
      );
    return { json: report, human: lines.join('\n'), exitCode: report.upstream.length > 0 ? 0 : 1 };
  },
};
