// Locate: from an advisory to the upstream fix commits in a repository and the backports of
// them that already exist on other branches.
import type { OsvRecord } from '../advisories/osv.js';
import { RetrofitError } from '../errors.js';
import { GitRepo } from '../git/repo.js';
import {
  classifyFixCommits,
  type FixCommits,
  type FoundCommit,
} from '../locate/classify-fix-commits.js';
import { fixReferences } from '../locate/fix-references.js';
import { findAdvisory } from '../store/advisories.js';
import type { Store } from '../store/open-store.js';
import { withStore, type AppContext } from './context.js';

export interface LocateReport extends FixCommits {
  advisory: string;
  aliases: string[];
  repository: string;
  defaultBranch: string | null;
  /** Commits the advisory names that this repository does not have. */
  missing: Array<{ sha: string; url?: string }>;
}

/** The advisory by id or alias, or an `advisory-not-found` error that says how to import it. */
export async function requireAdvisory(store: Store, id: string): Promise<OsvRecord> {
  const record = await findAdvisory(store, id);
  if (!record) {
    throw new RetrofitError(
      'advisory-not-found',
      `no advisory ${id} in the database ${store.path}`,
      {
        input: id,
        hint: 'Import advisories first: retrofit advisories import <OSV file, folder or zip>',
      },
    );
  }
  return record;
}

export async function locateInRepo(repo: GitRepo, record: OsvRecord): Promise<LocateReport> {
  const found: FoundCommit[] = [];
  const missing: LocateReport['missing'] = [];
  for (const reference of fixReferences(record)) {
    const sha = await repo.tryResolveCommit(reference.sha);
    if (!sha) {
      missing.push({ sha: reference.sha, url: reference.url });
      continue;
    }
    const info = await repo.commitInfo(sha);
    found.push({
      reference,
      sha,
      subject: info.subject,
      branches: await repo.branchesContaining(sha),
    });
  }
  const defaultBranch = await repo.defaultBranch();
  return {
    advisory: record.id,
    aliases: record.aliases ?? [],
    repository: repo.dir,
    defaultBranch,
    ...classifyFixCommits(found, defaultBranch),
    missing,
  };
}

export async function locateFix(
  ctx: AppContext,
  input: { advisory: string; repo: string },
): Promise<LocateReport> {
  const repo = await GitRepo.open(input.repo);
  return withStore(ctx, async (store) =>
    locateInRepo(repo, await requireAdvisory(store, input.advisory)),
  );
}
