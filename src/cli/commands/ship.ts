// `retrofit ship`: push, propose and package a backport commit that already exists.
import { shipExisting } from '../../app/ship-command.js';
import { requireOption, type CommandSpec } from '../command.js';
import { addShipOptions, readShipOptions } from '../ship-options.js';

const EXAMPLE =
  'retrofit ship --repo ./ws --commit retrofit/CVE-2024-37890/v7.x --push origin --pr github';

export const shipCommand: CommandSpec = {
  name: 'ship',
  summary: 'push a verified backport, open its pull/merge request, or export it as a quilt patch',
  examples: [
    EXAMPLE,
    'retrofit ship --repo . --commit 4f2a9c1 --onto debian/bookworm --quilt-dir ../pkg-1.0',
    'retrofit ship --repo . --commit HEAD --onto release-1.x --push origin --allow-unproven --json',
  ],
  configure(command) {
    command
      .option('--repo <dir>', 'the git repository')
      .option('--commit <ref>', 'the backport commit, or the branch holding it')
      .option('--onto <branch>', 'the branch it was made onto (default: from the ledger)')
      .option('--branch <name>', 'the branch name to push (default: the one --commit names)')
      .option('--allow-unproven', 'ship although no test run proves it (never a regressed one)');
    addShipOptions(command);
  },
  async run({ options, ctx }) {
    const report = await shipExisting(ctx, {
      ...readShipOptions(options),
      repo: requireOption(options, 'repo', EXAMPLE),
      commit: requireOption(options, 'commit', EXAMPLE),
      onto: typeof options.onto === 'string' ? options.onto : undefined,
      branch: typeof options.branch === 'string' ? options.branch : undefined,
      allowUnproven: options.allowUnproven === true,
    });
    const { push, request, quilt } = report.shipping;
    const lines = [
      `${report.advisory}: ${report.commit.slice(0, 12)} onto ${report.target.ref} (${report.verification})`,
    ];
    if (push) lines.push(`  pushed    ${push.branch} to ${push.remote} (${push.status})`);
    if (request) lines.push(`  ${request.kind.padEnd(9)} #${request.number} ${request.url}`);
    if (quilt) lines.push(`  quilt     ${quilt.patch} in ${quilt.dir}, version ${quilt.version}`);
    return { json: report, human: lines.join('\n'), exitCode: 0 };
  },
};
