// Table types for the query builder. Columns are plain SQL types; JSON lives in TEXT columns
// as documents (the OSV record, a ledger payload) and is parsed by the store functions.
import type { Generated } from 'kysely';

export interface AdvisoriesTable {
  id: string;
  modified: string;
  published: string | null;
  withdrawn: string | null;
  summary: string | null;
  /** The OSV record as imported, JSON. */
  record: string;
  /** Where it was imported from (file path, or path inside an archive). */
  source: string;
  imported_at: string;
}

export interface AdvisoryAliasesTable {
  /** An id that names the vulnerability: the record's own id, an alias, or an `upstream` id. */
  alias: string;
  advisory_id: string;
}

export interface AffectedPackagesTable {
  advisory_id: string;
  ecosystem: string;
  /** Package name normalised by its ecosystem (PyPI: PEP 503). */
  name: string;
}

export interface AdvisoryMatchViewsTable {
  advisory_id: string;
  /** What matching reads of the record (`matchViewOf`), JSON. */
  view: string;
}

export interface AffectedGitReposTable {
  /** Repository URL as `normalizeRepoUrl` spells it. */
  repo: string;
  advisory_id: string;
}

export interface SyncStateTable {
  /** The HTTP source's base URL, without a trailing slash. */
  source: string;
  ecosystem: string;
  /** The newest `modified` stored from this source and ecosystem. */
  last_modified: string;
  synced_at: string;
}

export interface LedgerTable {
  seq: Generated<number>;
  kind: string;
  advisory_id: string | null;
  /** JSON payload: the record itself. */
  payload: string;
  created_at: string;
  prev_hash: string;
  hash: string;
}

export interface Database {
  advisories: AdvisoriesTable;
  advisory_aliases: AdvisoryAliasesTable;
  affected_packages: AffectedPackagesTable;
  affected_git_repos: AffectedGitReposTable;
  advisory_match_views: AdvisoryMatchViewsTable;
  sync_state: SyncStateTable;
  ledger: LedgerTable;
}
