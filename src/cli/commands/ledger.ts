// `retrofit ledger`: the audit trail of backports, and a check of its hash chain.
import { readLedger } from '../../app/ledger.js';
import type { CommandSpec } from '../command.js';

export const ledgerCommand: CommandSpec = {
  name: 'ledger',
  summary: 'list the recorded backport attempts and check the hash chain',
  examples: ['retrofit ledger', 'retrofit ledger --advisory CVE-2024-37890 --json'],
  configure(command) {
    command.option('--advisory <id>', 'only records for this advisory (any of its ids)');
  },
  async run({ options, ctx }) {
    const report = await readLedger(ctx, {
      advisory: typeof options.advisory === 'string' ? options.advisory : undefined,
    });
    const lines = report.entries.map((e) => {
      const p = e.payload as { outcome?: string; target?: { ref?: string }; branch?: string };
      return `#${e.seq}  ${e.createdAt}  ${e.advisoryId ?? '-'}  ${p.target?.ref ?? ''}  ${p.outcome ?? e.kind}${p.branch ? `  → ${p.branch}` : ''}`;
    });
    if (lines.length === 0) lines.push('the ledger is empty');
    lines.push(
      report.broken
        ? `HASH CHAIN BROKEN at #${report.broken.seq}: ${report.broken.reason}`
        : 'hash chain intact',
    );
    return { json: report, human: lines.join('\n'), exitCode: report.broken ? 1 : 0 };
  },
};
