// What every use case receives from its entry point: where it runs, where the database is,
// the cleanup scope for temporary directories, and a sink for progress lines.
import type { CleanupScope } from '../cleanup.js';
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

/** Opens the store for one use case and always closes it. */
export async function withStore<T>(ctx: AppContext, fn: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore(storePath(ctx));
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}
