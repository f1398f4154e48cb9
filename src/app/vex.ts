// `retrofit vex`: an OpenVEX document from the ledger — `fixed` for every product a shipped
// backport covers — written atomically (a temporary file renamed into place).
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { RetrofitError } from '../errors.js';
import { buildOpenVex, type VexStatementInput } from '../export/openvex.js';
import { aliasGroup } from '../store/advisories.js';
import { listLedger } from '../store/ledger.js';
import type { BackportRecord } from './backport-record.js';
import { withStore, type AppContext } from './context.js';

export interface VexReport {
  path: string;
  statements: number;
  document: unknown;
}

/** purl type per OSV ecosystem, for the ecosystems retrofit reads. */
const PURL_TYPES: Record<string, string> = {
  npm: 'npm',
  PyPI: 'pypi',
  Go: 'golang',
  Maven: 'maven',
  'crates.io': 'cargo',
};

export function productId(record: BackportRecord): string {
  if (record.package) {
    const type = PURL_TYPES[record.package.ecosystem] ?? 'generic';
    const name = record.package.name.startsWith('@')
      ? `%40${record.package.name.slice(1)}`
      : encodeURIComponent(record.package.name);
    return `pkg:${type}/${name}@${encodeURIComponent(record.package.version)}`;
  }
  return `pkg:generic/${encodeURIComponent(path.basename(record.repository))}@${record.resultCommit ?? record.target.commit}`;
}

export async function exportVex(
  ctx: AppContext,
  options: { out: string; advisory?: string; author?: string; now?: () => Date },
): Promise<VexReport> {
  const now = (options.now ?? (() => new Date()))().toISOString();
  const statements = await withStore(ctx, async (store) => {
    const ids = options.advisory ? await aliasGroup(store, options.advisory) : undefined;
    const entries = await listLedger(store, {
      kind: 'backport',
      ...(ids ? { advisoryIds: ids } : {}),
    });
    const result: VexStatementInput[] = [];
    for (const entry of entries) {
      const record = entry.payload as BackportRecord;
      if (record.outcome !== 'shipped') continue;
      result.push({
        vulnerability: { name: record.advisory, aliases: record.aliases },
        productId: productId(record),
        status: 'fixed',
        statusNotes:
          `Backported onto ${record.target.ref} in commit ${record.resultCommit} (branch ${record.branch}) from upstream ` +
          `${record.upstream.join(', ')}; tests: ${record.verification?.status ?? 'not run'}; retrofit ledger #${entry.seq}.`,
        timestamp: entry.createdAt,
      });
    }
    return result;
  });
  if (statements.length === 0) {
    // An OpenVEX document must hold at least one statement; an empty file would be invalid.
    throw new RetrofitError(
      'input-not-found',
      `no shipped backport${options.advisory ? ` of ${options.advisory}` : ''} in the ledger; nothing to write`,
      {
        input: options.advisory ?? 'ledger',
        hint: 'Ship a backport first (retrofit run <advisory> --repo <dir> --onto <branch>), then export.',
      },
    );
  }
  const document = buildOpenVex({
    id: `urn:uuid:${randomUUID()}`,
    author: options.author ?? 'retrofit',
    timestamp: now,
    statements,
  });
  const out = path.resolve(ctx.cwd, options.out);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  const temporary = `${out}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, `${JSON.stringify(document, null, 2)}\n`);
  fs.renameSync(temporary, out);
  return { path: out, statements: statements.length, document };
}
