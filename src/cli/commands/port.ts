// `retrofit port`: try a fix (commits, or a patch file) on a target and report each file's and
// each hunk's outcome, writing nothing.
import { previewPort } from '../../app/port-command.js';
import { DEFAULT_MIN_CONFIDENCE, type EngineFile } from '../../app/port-engine.js';
import { previewPatchPort } from '../../app/port-patch.js';
import { RetrofitError } from '../../errors.js';
import { parseConfidence, requireOption, type CommandSpec } from '../command.js';

const EXAMPLE = 'retrofit port e55e5106 --repo ./ws --onto 7.5.9';

export const portCommand: CommandSpec = {
  name: 'port',
  summary:
    'try upstream commits or a patch file on a target and report per file and hunk (writes nothing)',
  examples: [
    EXAMPLE,
    'retrofit port abc123,def456 --repo . --onto release-1.x --json',
    'retrofit port --patch fix.patch --repo . --onto v1.x',
  ],
  configure(command) {
    command
      .argument('[commits]', 'upstream commit(s), comma-separated, in order')
      .option(
        '--patch <file>',
        'a patch file (git format-patch, git diff or diff -u) instead of commits',
      )
      .option('--repo <dir>', 'the git repository')
      .option('--onto <ref>', 'the target branch, tag or commit')
      .option(
        '--min-confidence <n>',
        `hunks placed less surely than this (0 to 1) become conflicts (default ${DEFAULT_MIN_CONFIDENCE})`,
      );
  },
  async run({ args, options, ctx }) {
    const repo = requireOption(options, 'repo', EXAMPLE);
    const onto = requireOption(options, 'onto', EXAMPLE);
    const minConfidence = parseConfidence(options.minConfidence);
    const patch = typeof options.patch === 'string' ? options.patch : undefined;
    if ((patch === undefined) === (args[0] === undefined)) {
      throw new RetrofitError('usage', 'give either commits or --patch FILE', {
        hint: `For example: ${EXAMPLE}`,
      });
    }
    const report = patch
      ? await previewPatchPort(ctx, { patch, repo, onto, minConfidence })
      : await previewPort(ctx, {
          repo,
          onto,
          commits: args[0]!.split(',').filter(Boolean),
          minConfidence,
        });
    const lines = [`${report.onto}: ${report.status} (confidence ${report.confidence.toFixed(2)})`];
    for (const file of report.files) lines.push(...describeFile(file));
    return {
      json: report,
      human: lines.join('\n'),
      exitCode: report.status === 'conflict' ? 1 : 0,
    };
  },
};

function describeFile(file: EngineFile): string[] {
  const lines = [
    `  ${file.status.padEnd(15)} ${file.kind.padEnd(9)} ${file.path}${file.oldPath ? ` (was ${file.oldPath})` : ''}${file.reason ? `  [${file.reason}]` : ''}`,
  ];
  if (file.missing)
    lines.push(
      `      uses ${file.missing.join(', ')}: upstream had ${file.missing.length > 1 ? 'them' : 'it'} before the fix, the target has ${file.missing.length > 1 ? 'them' : 'it'} nowhere (a missing prerequisite, or an API the old line spells differently)`,
    );
  if (file.newerSyntax)
    lines.push(
      `      uses ${file.newerSyntax.join(', ')}, which the target's file never does: the old line may not run it`,
    );
  for (const [i, hunk] of file.hunks.entries()) {
    if (hunk.status !== 'applied') {
      const where =
        hunk.status === 'conflict' && hunk.targetLine ? ` (target line ${hunk.targetLine})` : '';
      lines.push(`      hunk ${i + 1}: ${hunk.status}: ${hunk.explanation}${where}`);
    }
  }
  return lines;
}
