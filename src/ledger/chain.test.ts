import { describe, expect, it } from 'vitest';
import {
  findBrokenLink,
  GENESIS_HASH,
  hashEntry,
  type ChainedEntry,
  type LedgerEntry,
} from './chain.js';

function chain(entries: LedgerEntry[]): ChainedEntry[] {
  let prev = GENESIS_HASH;
  return entries.map((entry, i) => {
    const hash = hashEntry(prev, entry);
    const chained = { ...entry, seq: i + 1, prevHash: prev, hash };
    prev = hash;
    return chained;
  });
}

const entries: LedgerEntry[] = [
  {
    kind: 'backport',
    advisoryId: 'GHSA-1',
    payload: { b: 1, a: [1, 2] },
    createdAt: '2026-01-01T00:00:00Z',
  },
  {
    kind: 'backport',
    advisoryId: 'GHSA-2',
    payload: { outcome: 'shipped' },
    createdAt: '2026-01-02T00:00:00Z',
  },
];

describe('ledger chain', () => {
  it('hashes the same content the same whatever the key order', () => {
    const a = hashEntry(GENESIS_HASH, { ...entries[0]!, payload: { a: [1, 2], b: 1 } });
    expect(a).toBe(hashEntry(GENESIS_HASH, entries[0]!));
  });

  it('accepts an intact chain and finds an edited record', () => {
    const chained = chain(entries);
    expect(findBrokenLink(chained)).toBeNull();
    const edited = chained.map((e) => (e.seq === 1 ? { ...e, payload: { b: 2, a: [1, 2] } } : e));
    expect(findBrokenLink(edited)).toEqual({ seq: 1, reason: 'content does not match its hash' });
    expect(findBrokenLink([chained[1]!])).toEqual({
      seq: 2,
      reason: 'previous hash does not match',
    });
  });
});
