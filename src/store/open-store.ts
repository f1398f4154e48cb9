// Opens the database: SQLite through better-sqlite3 with Kysely as the query builder, and
// brings it to the newest migration. One handle per job; close it when done.
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect, type MigrationProvider } from 'kysely';
import { RetrofitError } from '../errors.js';
import { migrations } from './migrations.js';
import type { Database } from './schema.js';

export interface Store {
  db: Kysely<Database>;
  /** The database file. */
  path: string;
  close(): Promise<void>;
}

/** The database path: `--db`, else RETROFIT_DB, else `.retrofit/retrofit.db` under `cwd`. */
export function resolveStorePath(options: {
  db?: string;
  env?: NodeJS.ProcessEnv;
  cwd: string;
}): string {
  const chosen = options.db ?? options.env?.RETROFIT_DB;
  return path.resolve(
    options.cwd,
    chosen && chosen.length > 0 ? chosen : path.join('.retrofit', 'retrofit.db'),
  );
}

const provider: MigrationProvider = { getMigrations: async () => migrations };

export async function openStore(file: string): Promise<Store> {
  const dir = path.dirname(file);
  if (fs.existsSync(file) && fs.statSync(file).isDirectory()) {
    throw new RetrofitError('usage', `${file} is a directory, not a database file`, {
      input: file,
      hint: 'Pass --db with a file path, e.g. --db .retrofit/retrofit.db',
    });
  }
  let sqlite: SQLite.Database;
  try {
    fs.mkdirSync(dir, { recursive: true });
    sqlite = new SQLite(file);
    sqlite.pragma('journal_mode = WAL');
    // In WAL mode NORMAL still keeps the database consistent after a crash; it syncs at
    // checkpoints instead of at every commit, which an import of many batches feels.
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
  } catch (error) {
    throw new RetrofitError(
      'database-error',
      `cannot open the database ${file}: ${(error as Error).message}`,
      {
        input: file,
        hint: 'Check the path and its permissions, or choose another with --db / RETROFIT_DB.',
      },
    );
  }
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  const { error } = await new Migrator({ db, provider }).migrateToLatest();
  if (error) {
    await db.destroy();
    throw new RetrofitError(
      'database-error',
      `cannot migrate the database ${file}: ${(error as Error).message}`,
      {
        input: file,
        hint: 'The file may belong to a newer retrofit, or not be a retrofit database.',
      },
    );
  }
  return { db, path: file, close: () => db.destroy() };
}

/**
 * Runs `fn` in one transaction: everything it writes through the handle it is given lands
 * together or not at all. The handle is only valid inside `fn`; nesting is not supported.
 */
export async function inTransaction<T>(store: Store, fn: (tx: Store) => Promise<T>): Promise<T> {
  return store.db
    .transaction()
    .execute((trx) => fn({ db: trx, path: store.path, close: async () => {} }));
}
