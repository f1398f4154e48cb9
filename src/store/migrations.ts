// Numbered migrations, applied in order and recorded by Kysely's migrator. Never edit one
// that has shipped: add the next number. Each must run on SQLite and PostgreSQL alike.
import { sql, type Kysely, type Migration } from 'kysely';
import type { OsvRecord } from '../advisories/osv.js';
import { gitReposOf, matchViewOf } from './advisory-rows.js';

export const migrations: Record<string, Migration> = {
  '0001-advisories-and-ledger': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('advisories')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('modified', 'text', (c) => c.notNull())
        .addColumn('published', 'text')
        .addColumn('withdrawn', 'text')
        .addColumn('summary', 'text')
        .addColumn('record', 'text', (c) => c.notNull())
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('imported_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('advisory_aliases')
        .addColumn('alias', 'text', (c) => c.notNull())
        .addColumn('advisory_id', 'text', (c) =>
          c.notNull().references('advisories.id').onDelete('cascade'),
        )
        .addPrimaryKeyConstraint('advisory_aliases_pk', ['alias', 'advisory_id'])
        .execute();
      await db.schema
        .createIndex('advisory_aliases_by_advisory')
        .on('advisory_aliases')
        .column('advisory_id')
        .execute();
      await db.schema
        .createTable('affected_packages')
        .addColumn('advisory_id', 'text', (c) =>
          c.notNull().references('advisories.id').onDelete('cascade'),
        )
        .addColumn('ecosystem', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('affected_packages_pk', ['ecosystem', 'name', 'advisory_id'])
        .execute();
      await db.schema
        .createIndex('affected_packages_by_advisory')
        .on('affected_packages')
        .column('advisory_id')
        .execute();
      await db.schema
        .createTable('ledger')
        .addColumn('seq', 'integer', (c) => c.primaryKey().autoIncrement())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('advisory_id', 'text')
        .addColumn('payload', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('prev_hash', 'text', (c) => c.notNull())
        .addColumn('hash', 'text', (c) => c.notNull().unique())
        .execute();
      await db.schema
        .createIndex('ledger_by_advisory')
        .on('ledger')
        .column('advisory_id')
        .execute();
      // The ledger is append-only: the database itself refuses edits and deletions.
      await sql`CREATE TRIGGER ledger_no_update BEFORE UPDATE ON ledger
        BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END`.execute(db);
      await sql`CREATE TRIGGER ledger_no_delete BEFORE DELETE ON ledger
        BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END`.execute(db);
    },
  },
  '0002-sync-state-and-git-repos': {
    async up(db: Kysely<unknown>) {
      // Per HTTP source and ecosystem, the newest `modified` already stored from it: the
      // cursor of an incremental sync.
      await db.schema
        .createTable('sync_state')
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('ecosystem', 'text', (c) => c.notNull())
        .addColumn('last_modified', 'text', (c) => c.notNull())
        .addColumn('synced_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('sync_state_pk', ['source', 'ecosystem'])
        .execute();
      // The repositories a record's GIT ranges are about (normalised URL), so a repository
      // scan finds its records without reading every record.
      await db.schema
        .createTable('affected_git_repos')
        .addColumn('repo', 'text', (c) => c.notNull())
        .addColumn('advisory_id', 'text', (c) =>
          c.notNull().references('advisories.id').onDelete('cascade'),
        )
        .addPrimaryKeyConstraint('affected_git_repos_pk', ['repo', 'advisory_id'])
        .execute();
      await db.schema
        .createIndex('affected_git_repos_by_advisory')
        .on('affected_git_repos')
        .column('advisory_id')
        .execute();
      // Look-ups by package name ask for the name first; the primary key starts with the
      // ecosystem, which a `Debian:%` prefix match cannot use.
      await db.schema
        .createIndex('affected_packages_by_name')
        .on('affected_packages')
        .columns(['name', 'ecosystem'])
        .execute();
      const typed = db as Kysely<{
        advisories: { id: string; record: string };
        affected_git_repos: { repo: string; advisory_id: string };
      }>;
      const rows = await typed.selectFrom('advisories').select(['id', 'record']).execute();
      for (const row of rows) {
        const repos = gitReposOf(JSON.parse(row.record) as OsvRecord);
        if (repos.length === 0) continue;
        await typed
          .insertInto('affected_git_repos')
          .values(repos.map((repo) => ({ repo, advisory_id: row.id })))
          .execute();
      }
    },
  },
  '0003-match-views': {
    async up(db: Kysely<unknown>) {
      // What matching reads of a record (see `matchViewOf`), in a table of its own: SQLite
      // keeps a row's columns in order, so a column after the large `record` is only reached
      // by reading through the record's overflow pages, which is what a scan must not do.
      await db.schema
        .createTable('advisory_match_views')
        .addColumn('advisory_id', 'text', (c) =>
          c.primaryKey().references('advisories.id').onDelete('cascade'),
        )
        .addColumn('view', 'text', (c) => c.notNull())
        .execute();
      const typed = db as Kysely<{
        advisories: { id: string; record: string };
        advisory_match_views: { advisory_id: string; view: string };
      }>;
      const rows = await typed.selectFrom('advisories').select(['id', 'record']).execute();
      for (const row of rows) {
        const view = JSON.stringify(matchViewOf(JSON.parse(row.record) as OsvRecord));
        await typed
          .insertInto('advisory_match_views')
          .values({ advisory_id: row.id, view })
          .execute();
      }
    },
  },
};
