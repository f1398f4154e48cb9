import path from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../test/temp.js';
import { findBrokenLink } from '../ledger/chain.js';
import { appendLedger, listLedger } from './ledger.js';
import { openStore } from './open-store.js';

describe('ledger store', () => {
  it('appends chained records to a real SQLite file and refuses edits and deletions', async () => {
    const file = path.join(tempDir(), 'nested', 'retrofit.db');
    const store = await openStore(file);
    await appendLedger(store, {
      kind: 'backport',
      advisoryId: 'GHSA-1',
      payload: { outcome: 'shipped' },
      createdAt: 't1',
    });
    await appendLedger(store, {
      kind: 'backport',
      advisoryId: 'GHSA-2',
      payload: { outcome: 'conflict' },
      createdAt: 't2',
    });
    await expect(sql`UPDATE ledger SET payload = '{}'`.execute(store.db)).rejects.toThrow(
      /append-only/,
    );
    await expect(sql`DELETE FROM ledger`.execute(store.db)).rejects.toThrow(/append-only/);
    await store.close();

    const reopened = await openStore(file);
    const entries = await listLedger(reopened);
    expect(entries.map((e) => [e.seq, e.advisoryId])).toEqual([
      [1, 'GHSA-1'],
      [2, 'GHSA-2'],
    ]);
    expect(findBrokenLink(entries)).toBeNull();
    expect(await listLedger(reopened, { advisoryIds: ['GHSA-2'] })).toHaveLength(1);
    await reopened.close();
  });
});
