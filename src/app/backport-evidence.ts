// Evidence that a ref carries a backported fix even though its version number is affected.
import type { OsvRecord } from '../advisories/osv.js';
import type { GitRepo } from '../git/repo.js';
import type { Store } from '../store/open-store.js';

export interface Evidence {
  kind: 'ledger' | 'trailer' | 'patch-presence' | 'vex';
  /** One line a person can read. */
  summary: string;
  /** The commit on the scanned ref that carries the fix. */
  commit?: string;
  /** The upstream fix it corresponds to. */
  upstream?: string;
  /** The ledger record, when the evidence is one. */
  ledgerSeq?: number;
}

/** Evidence that `ref` of `repo` carries a fix for `advisory`; empty when there is none. */
export async function findBackportEvidence(_input: {
  store: Store;
  repo: GitRepo;
  ref: string;
  advisory: OsvRecord;
}): Promise<Evidence[]> {
  return [];
}
