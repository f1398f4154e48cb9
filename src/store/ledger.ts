// The append-only ledger in the database: append in a transaction that chains the hash,
// read back in order. The database's triggers refuse updates and deletions.
import type { Store } from './open-store.js';
import { GENESIS_HASH, hashEntry, type ChainedEntry, type LedgerEntry } from '../ledger/chain.js';

export async function appendLedger(store: Store, entry: LedgerEntry): Promise<ChainedEntry> {
  return store.db.transaction().execute(async (trx) => {
    const last = await trx
      .selectFrom('ledger')
      .select(['hash'])
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirst();
    const prevHash = last?.hash ?? GENESIS_HASH;
    const hash = hashEntry(prevHash, entry);
    const inserted = await trx
      .insertInto('ledger')
      .values({
        kind: entry.kind,
        advisory_id: entry.advisoryId,
        payload: JSON.stringify(entry.payload),
        created_at: entry.createdAt,
        prev_hash: prevHash,
        hash,
      })
      .returning('seq')
      .executeTakeFirstOrThrow();
    return { ...entry, seq: inserted.seq, prevHash, hash };
  });
}

export async function listLedger(
  store: Store,
  filter: { kind?: string; advisoryIds?: string[] } = {},
): Promise<ChainedEntry[]> {
  let query = store.db.selectFrom('ledger').selectAll().orderBy('seq', 'asc');
  if (filter.kind) query = query.where('kind', '=', filter.kind);
  if (filter.advisoryIds) {
    if (filter.advisoryIds.length === 0) return [];
    query = query.where('advisory_id', 'in', filter.advisoryIds);
  }
  const rows = await query.execute();
  return rows.map((row) => ({
    seq: row.seq,
    kind: row.kind,
    advisoryId: row.advisory_id,
    payload: JSON.parse(row.payload) as unknown,
    createdAt: row.created_at,
    prevHash: row.prev_hash,
    hash: row.hash,
  }));
}
