// Import use case: OSV records from a file, folder or zip into the database. Bad records are
// reported by file and id and skipped; the good ones are stored.
import { parseOsvText, type SourceProblem, type SourceRecord } from '../advisories/parse-record.js';
import { readSourceTexts } from '../advisories/read-sources.js';
import { upsertAdvisories } from '../store/advisories.js';
import { openStore, type Store } from '../store/open-store.js';
import { storePath, type AppContext } from './context.js';

export interface ImportReport {
  /** What was imported from, as given. */
  input: string;
  /** Records written (new, or newer than the stored copy). */
  imported: number;
  /** Records not written because the database already has a newer version of them. */
  skippedOlder: number;
  problems: SourceProblem[];
  /** Records imported after a repair, with what was repaired. */
  warnings: SourceProblem[];
}

/**
 * Records are written in batches, each in one transaction, so a huge osv.dev export never has
 * to sit in memory whole. An interrupted import keeps the finished batches, and running it
 * again completes it: a record is only ever replaced by one that is at least as new.
 */
const BATCH_SIZE = 1000;

export async function importAdvisories(ctx: AppContext, input: string): Promise<ImportReport> {
  // Checked before the database is opened, so a mistyped path leaves no empty database.
  const sources = readSourceTexts(input, { cwd: ctx.cwd });
  const report: ImportReport = { input, imported: 0, skippedOlder: 0, problems: [], warnings: [] };
  // Opened at the first good batch: an input with no valid record writes nothing at all.
  let store: Store | null = null;
  let batch: SourceRecord[] = [];
  let read = 0;
  const flush = async () => {
    store ??= await openStore(storePath(ctx));
    const result = await upsertAdvisories(store, batch);
    report.imported += result.written;
    report.skippedOlder += result.skippedOlder;
    batch = [];
  };
  try {
    for await (const item of sources) {
      if (++read % BATCH_SIZE === 0) ctx.progress(`read ${read} records from ${input}`);
      if ('error' in item) {
        report.problems.push({ source: item.source, message: item.error });
        continue;
      }
      const parsed = parseOsvText(item.source, item.text);
      if (!parsed.ok) {
        report.problems.push({ source: parsed.source, id: parsed.id, message: parsed.message });
        continue;
      }
      for (const warning of parsed.warnings ?? []) {
        report.warnings.push({ source: parsed.source, id: parsed.record.id, message: warning });
      }
      batch.push({ record: parsed.record, source: parsed.source });
      if (batch.length >= BATCH_SIZE) await flush();
    }
    if (batch.length > 0) await flush();
  } finally {
    await (store as Store | null)?.close();
  }
  return report;
}
