// What every use case receives from its entry point: where it runs, where the database is,
// the cleanup scope for temporary directories, and a sink for progress lines.
import fs from 'node:fs';
import type { CleanupScope } from '../cleanup.js';
import { RetrofitError } from '../errors.js';
import { openStore, resolveStorePath, type Store } from '../store/open-store.js';

export interface AppContext {
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** `--db` as given, if any. */
  db?: string;
  scope: CleanupScope;
  /** Progress for humans (stderr); silent under --json. */
  progress: (line: string) => void;
}

export function storePath(ctx: AppContext): string {
  return resolveStorePath({ db: ctx.db, env: ctx.env, cwd: ctx.cwd });
}

/**
 * Opens the store for one use case and always closes it. Only an import creates the
 * database; every other use case needs advisories in it, so a missing file is an input
 * error and nothing is created.
 */
export async function withStore<T>(ctx: AppContext, fn: (store: Store) => Promise<T>): Promise<T> {
  const file = storePath(ctx);
  if (!fs.existsSync(file)) {
    throw new RetrofitError('input-not-found', `no retrofit database at ${file}`, {
      input: file,
      hint: 'Import advisories first (retrofit advisories import <OSV file, folder or zip>), or point --db / RETROFIT_DB at your database.',
    });
  }
  const store = await openStore(file);
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}
