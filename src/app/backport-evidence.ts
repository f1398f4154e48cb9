// Evidence that a ref carries a backported fix even though its version number says it is
// affected: a retrofit ledger record whose result is in the ref's history, a commit the
// advisory names as a fix in that history, a commit whose provenance trailers name one, or
// the fix's own change found in the source (patch presence).
import type { OsvRecord } from '../advisories/osv.js';
import type { GitRepo } from '../git/repo.js';
import { fixReferences } from '../locate/fix-references.js';
import { readProvenance } from '../ship/commit-message.js';
import { aliasGroup } from '../store/advisories.js';
import { listLedger } from '../store/ledger.js';
import type { Store } from '../store/open-store.js';
import type { ImportedVexStatus, VexFormat } from '../vex/types.js';
import type { BackportRecord } from './backport-record.js';
import { findPatchPresence } from './patch-presence.js';

export interface Evidence {
  kind: 'ledger' | 'fix-commit' | 'trailer' | 'patch-presence' | 'vex' | 'git-range';
  /** One line a person can read. */
  summary: string;
  /** The commit on the scanned ref that carries the fix. */
  commit?: string;
  /** The upstream fix it corresponds to. */
  upstream?: string;
  /** The ledger record, when the evidence is one. */
  ledgerSeq?: number;
  /** For patch presence: where the fix's change was found, as `path:line`. */
  locations?: string[];
  /** The VEX statement, when the evidence is one. */
  vex?: {
    file: string;
    format: VexFormat;
    /** JSON pointer to the statement in the file. */
    statement: string;
    status: ImportedVexStatus;
    justification?: string;
    detail?: string;
  };
}

/** Evidence that `ref` of `repo` carries a fix for `advisory`; empty when there is none. */
export async function findBackportEvidence(input: {
  store: Store;
  repo: GitRepo;
  ref: string;
  advisory: OsvRecord;
}): Promise<Evidence[]> {
  const { store, repo, ref, advisory } = input;
  const evidence: Evidence[] = [];
  const ids = await aliasGroup(store, advisory.id);
  for (const entry of await listLedger(store, { kind: 'backport', advisoryIds: ids })) {
    const record = entry.payload as BackportRecord;
    if (record.outcome !== 'shipped' || !record.resultCommit) continue;
    if (!(await repo.tryResolveCommit(record.resultCommit))) continue;
    if (await repo.isAncestor(record.resultCommit, ref)) {
      evidence.push({
        kind: 'ledger',
        summary: `retrofit backport #${entry.seq} (${record.verification?.status ?? 'unverified'}) of ${short(record.upstream[0])} onto ${record.target.ref} is in this history`,
        commit: record.resultCommit,
        upstream: record.upstream[0],
        ledgerSeq: entry.seq,
      });
    }
  }
  const fixes = fixReferences(advisory);
  for (const fix of fixes) {
    const sha = await repo.tryResolveCommit(fix.sha);
    if (sha && (await repo.isAncestor(sha, ref))) {
      evidence.push({
        kind: 'fix-commit',
        summary: `fix commit ${short(sha)} named by the advisory is in this history`,
        commit: sha,
        upstream: sha,
      });
    }
  }
  const mentions = await repo.commitsMentioning(
    ref,
    fixes.map((f) => f.sha),
  );
  for (const mention of mentions) {
    const provenance = readProvenance(mention.message);
    const upstream = provenance.upstream.find((u) =>
      fixes.some((f) => u.startsWith(f.sha) || f.sha.startsWith(u)),
    );
    if (upstream && !evidence.some((e) => e.kind === 'trailer' && e.commit === mention.sha)) {
      evidence.push({
        kind: 'trailer',
        summary: `commit ${short(mention.sha)} says it is a backport of fix ${short(upstream)}`,
        commit: mention.sha,
        upstream,
      });
    }
  }
  evidence.push(...(await patchPresenceEvidence(repo, ref, fixes, evidence)));
  return evidence;
}

/**
 * The fix's own change found in the source at `ref`, for fixes whose commits are known here but
 * not in its history: a cherry-pick without trailers, a port made by hand. The first fix commit
 * found present is enough; the others are usually the same fix on other branches.
 */
async function patchPresenceEvidence(
  repo: GitRepo,
  ref: string,
  fixes: Array<{ sha: string }>,
  already: Evidence[],
): Promise<Evidence[]> {
  for (const fix of fixes) {
    const sha = await repo.tryResolveCommit(fix.sha);
    if (!sha || already.some((e) => e.kind === 'fix-commit' && e.commit === sha)) continue;
    const presence = await findPatchPresence({ repo, ref, fix: sha });
    if (presence.status !== 'present') continue;
    return [
      {
        kind: 'patch-presence',
        summary: `the change of fix ${short(sha)} is in this source (${presence.present} of ${presence.informative} hunk(s) found: ${presence.locations.join(', ')})`,
        upstream: sha,
        locations: presence.locations,
      },
    ];
  }
  return [];
}

function short(sha: string | undefined): string {
  return (sha ?? '').slice(0, 12);
}
