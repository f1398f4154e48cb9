// `retrofit vex`: write an OpenVEX document for the backports in the ledger.
import { exportVex } from '../../app/vex.js';
import type { CommandSpec } from '../command.js';

export const vexCommand: CommandSpec = {
  name: 'vex',
  summary: 'write an OpenVEX document marking backported products as fixed',
  examples: [
    'retrofit vex',
    'retrofit vex --out dist/ws.openvex.json --advisory GHSA-3h5v-q93c-6h6q',
  ],
  configure(command) {
    command
      .option('--out <file>', 'where to write the document', '.retrofit/retrofit.openvex.json')
      .option('--advisory <id>', 'only this advisory (any of its ids)')
      .option('--author <name>', 'the document author', 'retrofit');
  },
  async run({ options, ctx }) {
    const report = await exportVex(ctx, {
      out: String(options.out),
      advisory: typeof options.advisory === 'string' ? options.advisory : undefined,
      author: String(options.author),
    });
    return {
      json: { path: report.path, statements: report.statements },
      human: `wrote ${report.path} (${report.statements} statement${report.statements === 1 ? '' : 's'})`,
      exitCode: 0,
    };
  },
};
