// The ledger's hash chain: each record's hash covers its content and the previous hash, so
// an edit or a deletion anywhere breaks every hash after it.
import { createHash } from 'node:crypto';

export interface LedgerEntry {
  kind: string;
  advisoryId: string | null;
  payload: unknown;
  createdAt: string;
}

export interface ChainedEntry extends LedgerEntry {
  seq: number;
  prevHash: string;
  hash: string;
}

export const GENESIS_HASH = '0'.repeat(64);

/** JSON with object keys sorted, so the same content always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

export function hashEntry(prevHash: string, entry: LedgerEntry): string {
  const content = canonicalJson({
    kind: entry.kind,
    advisoryId: entry.advisoryId,
    payload: entry.payload,
    createdAt: entry.createdAt,
  });
  return createHash('sha256').update(prevHash).update('\n').update(content).digest('hex');
}

/** The first record whose hash does not follow from its predecessor, or null when intact. */
export function findBrokenLink(entries: ChainedEntry[]): { seq: number; reason: string } | null {
  let prev = GENESIS_HASH;
  for (const entry of entries) {
    if (entry.prevHash !== prev) return { seq: entry.seq, reason: 'previous hash does not match' };
    if (hashEntry(prev, entry) !== entry.hash)
      return { seq: entry.seq, reason: 'content does not match its hash' };
    prev = entry.hash;
  }
  return null;
}
