// `retrofit port`: try a fix on a target and report each file's outcome, writing nothing.
import { previewPort } from '../../app/port-command.js';
import { DEFAULT_MIN_CONFIDENCE } from '../../app/port-engine.js';
import { parseConfidence, requireArg, requireOption, type CommandSpec } from '../command.js';

const EXAMPLE = 'retrofit port e55e5106 --repo ./ws --onto 7.5.9';

export const portCommand: CommandSpec = {
  name: 'port',
  summary: 'try upstream commits on a target branch and report per file (writes nothing)',
  examples: [EXAMPLE, 'retrofit port abc123,def456 --repo . --onto release-1.x --json'],
  configure(command) {
    command
      .argument('<commits>', 'upstream commit(s), comma-separated, in order')
      .option('--repo <dir>', 'the git repository')
      .option('--onto <ref>', 'the target branch, tag or commit')
      .option(
        '--min-confidence <n>',
        `hunks placed less surely than this (0 to 1) become conflicts (default ${DEFAULT_MIN_CONFIDENCE})`,
      );
  },
  async run({ args, options, ctx }) {
    const commits = requireArg(args, 0, 'the upstream commit', EXAMPLE).split(',').filter(Boolean);
    const report = await previewPort(ctx, {
      repo: requireOption(options, 'repo', EXAMPLE),
      onto: requireOption(options, 'onto', EXAMPLE),
      commits,
      minConfidence: parseConfidence(options.minConfidence),
    });
    const lines = [`${report.onto}: ${report.status}`];
    for (const file of report.files)
      lines.push(`  ${file.status.padEnd(15)} ${file.kind.padEnd(9)} ${file.path}`);
    return {
      json: report,
      human: lines.join('\n'),
      exitCode: report.status === 'conflict' ? 1 : 0,
    };
  },
};
