// Reading the audit trail back: the records, and whether the hash chain is intact.
import { findBrokenLink, type ChainedEntry } from '../ledger/chain.js';
import { aliasGroup } from '../store/advisories.js';
import { listLedger } from '../store/ledger.js';
import { withStore, type AppContext } from './context.js';

export interface LedgerReport {
  entries: ChainedEntry[];
  /** Null when every hash follows from its predecessor. */
  broken: { seq: number; reason: string } | null;
}

export async function readLedger(
  ctx: AppContext,
  options: { advisory?: string } = {},
): Promise<LedgerReport> {
  return withStore(ctx, async (store) => {
    const all = await listLedger(store);
    const ids = options.advisory ? new Set(await aliasGroup(store, options.advisory)) : null;
    return {
      entries: ids ? all.filter((e) => e.advisoryId !== null && ids.has(e.advisoryId)) : all,
      broken: findBrokenLink(all),
    };
  });
}
