// Sync use case: OSV records from an osv.dev-compatible HTTP source into the database,
// incrementally. Per source and ecosystem the database remembers the newest `modified` it
// stored (the cursor); a later sync reads the source's change index and fetches only the
// records modified since. Everything is downloaded first and written in one transaction, so a
// network error, a 404 or a broken archive leaves the database exactly as it was.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { changedSince, parseModifiedIndex } from '../advisories/modified-index.js';
import {
  downloadFile,
  fetchText,
  sourceBaseUrl,
  sourceUrl,
} from '../advisories/osv-http-source.js';
import type { OsvRecord } from '../advisories/osv.js';
import { parseOsvText, type SourceProblem } from '../advisories/parse-record.js';
import { readSourceTexts, type SourceText } from '../advisories/read-sources.js';
import { compareTimestamps } from '../advisories/timestamps.js';
import { ecosystems } from '../ecosystems/index.js';
import { isRetrofitError, RetrofitError } from '../errors.js';
import {
  readSyncCursors,
  writeAdvisories,
  writeSyncCursor,
  type AdvisoryInput,
} from '../store/advisories.js';
import { inTransaction, openStore } from '../store/open-store.js';
import { storePath, type AppContext } from './context.js';

export interface EcosystemSync {
  ecosystem: string;
  /** `full`: the whole archive; `incremental`: only changed records; `up-to-date`: nothing new. */
  mode: 'full' | 'incremental' | 'up-to-date';
  /** Records the source lists as changed since the cursor (incremental syncs). */
  changed: number;
  /** Records written (new, or newer than the stored copy). */
  imported: number;
  /** Records not written because the database already has a newer version of them. */
  skippedOlder: number;
  /** Of the records read, those withdrawn by their publisher (stored, never matched). */
  withdrawn: number;
  /** The newest `modified` stored from this source and ecosystem after the sync. */
  cursor: string | null;
}

export interface SyncReport {
  /** The source's base URL. */
  source: string;
  ecosystems: EcosystemSync[];
  problems: SourceProblem[];
  warnings: SourceProblem[];
  /** Ecosystems the source has no advisories for (404), when none was asked for by name. */
  absent?: string[];
}

export interface SyncInput {
  from: string;
  /** OSV ecosystem names; default every ecosystem retrofit understands. */
  ecosystems?: string[];
  /**
   * Above this many changed records an incremental sync downloads the archive instead of
   * fetching each record: one large request beats thousands of small ones.
   */
  maxRecordFetches?: number;
}

const DEFAULT_MAX_RECORD_FETCHES = 1000;
/** Parallel requests for single records; enough to hide latency, few enough to be polite. */
const PARALLEL_FETCHES = 8;
const BATCH_SIZE = 1000;

/** What phase one fetched for an ecosystem, for phase two to write. */
interface Fetched {
  ecosystem: string;
  mode: EcosystemSync['mode'];
  changed: number;
  cursor: string | undefined;
  /** The archive's URL and local copy, or the single records' texts. */
  archive?: { url: string; file: string };
  records?: Array<{ source: string; text: string }>;
}

export async function syncAdvisories(ctx: AppContext, input: SyncInput): Promise<SyncReport> {
  const base = sourceBaseUrl(input.from);
  const wanted = input.ecosystems?.length ? input.ecosystems : Object.keys(ecosystems);
  const file = storePath(ctx);
  // Read the cursors without creating the database: a first sync that fails leaves no file.
  const cursors = fs.existsSync(file)
    ? await withOpenStore(file, (store) => readSyncCursors(store, base))
    : new Map<string, string>();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'retrofit-sync-'));
  const dispose = ctx.scope.track(tmp);
  try {
    const fetched: Fetched[] = [];
    const absent: string[] = [];
    for (const ecosystem of wanted) {
      try {
        fetched.push(
          await fetchEcosystem(ctx, {
            base,
            ecosystem,
            cursor: cursors.get(ecosystem),
            tmp,
            maxRecordFetches: input.maxRecordFetches ?? DEFAULT_MAX_RECORD_FETCHES,
          }),
        );
      } catch (error) {
        // By default every ecosystem retrofit scans is asked for; a source (a mirror, an
        // internal feed) that has none of one answers 404, and that is not a failure. An
        // ecosystem asked for by name must be there.
        if (input.ecosystems?.length || !isNotFound(error)) throw error;
        absent.push(ecosystem);
        ctx.progress(`${ecosystem}: none at this source`);
      }
    }
    if (fetched.length === 0) {
      throw new RetrofitError(
        'download-failed',
        `${base} has advisories for none of ${wanted.join(', ')}`,
        {
          input: base,
          hint: "Check the URL: it should hold <ecosystem>/all.zip, as osv.dev's export does.",
        },
      );
    }
    const report: SyncReport = {
      source: base,
      ecosystems: [],
      problems: [],
      warnings: [],
      absent,
    };
    await withOpenStore(file, (store) =>
      inTransaction(store, async (tx) => {
        const syncedAt = new Date().toISOString();
        for (const item of fetched) {
          const result = await writeEcosystem(ctx, tx, item, report);
          if (result.cursor !== null) {
            await writeSyncCursor(tx, {
              source: base,
              ecosystem: item.ecosystem,
              lastModified: result.cursor,
              syncedAt,
            });
          }
          report.ecosystems.push(result);
        }
      }),
    );
    return report;
  } finally {
    dispose();
  }
}

async function withOpenStore<T>(
  file: string,
  fn: (store: Awaited<ReturnType<typeof openStore>>) => Promise<T>,
): Promise<T> {
  const store = await openStore(file);
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

/** Phase one for one ecosystem: what changed, and its bytes on disk or in memory. */
async function fetchEcosystem(
  ctx: AppContext,
  input: {
    base: string;
    ecosystem: string;
    cursor: string | undefined;
    tmp: string;
    maxRecordFetches: number;
  },
): Promise<Fetched> {
  const { base, ecosystem, cursor } = input;
  let changed = 0;
  if (cursor !== undefined) {
    const indexUrl = sourceUrl(base, ecosystem, 'modified_id.csv');
    ctx.progress(`${ecosystem}: reading ${indexUrl}`);
    const index = parseModifiedIndex(await fetchText(indexUrl));
    if (index.entries.length === 0 && index.badLines.length > 0) {
      throw new RetrofitError(
        'download-failed',
        `${indexUrl} is not a change index (line ${index.badLines[0]!.line}: ${index.badLines[0]!.text})`,
        {
          input: indexUrl,
          hint: 'An osv.dev-compatible source lists `<modified>,<id>` per line; check --from.',
        },
      );
    }
    const entries = changedSince(index.entries, cursor);
    changed = entries.length;
    if (entries.length === 0) {
      ctx.progress(`${ecosystem}: up to date (nothing modified after ${cursor})`);
      return { ecosystem, mode: 'up-to-date', changed, cursor, records: [] };
    }
    if (entries.length <= input.maxRecordFetches) {
      ctx.progress(`${ecosystem}: fetching ${entries.length} changed records`);
      const records = await mapLimited(entries, PARALLEL_FETCHES, async (entry) => {
        const url = sourceUrl(base, ecosystem, `${entry.id}.json`);
        return { source: url, text: await fetchText(url) };
      });
      return { ecosystem, mode: 'incremental', changed, cursor, records };
    }
    ctx.progress(`${ecosystem}: ${entries.length} records changed; downloading the archive`);
  }
  const url = sourceUrl(base, ecosystem, 'all.zip');
  const file = path.join(input.tmp, `${ecosystem.replace(/[^A-Za-z0-9.-]/g, '_')}-all.zip`);
  ctx.progress(`${ecosystem}: downloading ${url}`);
  const bytes = await downloadFile(url, file, (done, total) =>
    ctx.progress(
      `${ecosystem}: downloaded ${megabytes(done)}${total ? ` of ${megabytes(total)}` : ''}`,
    ),
  );
  ctx.progress(`${ecosystem}: downloaded ${megabytes(bytes)}`);
  return {
    ecosystem,
    mode: cursor === undefined ? 'full' : 'incremental',
    changed,
    cursor,
    archive: { url, file },
  };
}

/** Phase two for one ecosystem, inside the sync's transaction. */
async function writeEcosystem(
  ctx: AppContext,
  tx: Awaited<ReturnType<typeof openStore>>,
  item: Fetched,
  report: SyncReport,
): Promise<EcosystemSync> {
  const result: EcosystemSync = {
    ecosystem: item.ecosystem,
    mode: item.mode,
    changed: item.changed,
    imported: 0,
    skippedOlder: 0,
    withdrawn: 0,
    cursor: item.cursor ?? null,
  };
  let batch: AdvisoryInput[] = [];
  let read = 0;
  const flush = async () => {
    const written = await writeAdvisories(tx, batch);
    result.imported += written.written;
    result.skippedOlder += written.skippedOlder;
    batch = [];
    ctx.progress(`${item.ecosystem}: stored ${result.imported} of ${read} records read`);
  };
  for await (const text of textsOf(item)) {
    if ('error' in text) {
      // An archive that cannot be read is a broken download, not a bad record: stop, and
      // the transaction leaves the database as it was.
      const url = item.archive?.url ?? text.source;
      throw new RetrofitError(
        'download-failed',
        `${url} is not a readable zip archive: ${text.error}`,
        {
          input: url,
          hint: 'The download may be truncated or the URL may not point at an osv.dev export; the database was left as it was.',
        },
      );
    }
    read++;
    const parsed = parseOsvText(text.source, text.text);
    if (!parsed.ok) {
      report.problems.push({ source: parsed.source, id: parsed.id, message: parsed.message });
      continue;
    }
    const { record } = parsed;
    for (const warning of parsed.warnings ?? []) {
      report.warnings.push({ source: parsed.source, id: record.id, message: warning });
    }
    // In an archive read for an incremental sync, what is not newer than the cursor is
    // already stored from this source.
    if (item.cursor !== undefined && compareTimestamps(record.modified, item.cursor) <= 0) continue;
    if (result.cursor === null || compareTimestamps(record.modified, result.cursor) > 0) {
      result.cursor = record.modified;
    }
    if (record.withdrawn) result.withdrawn++;
    batch.push({ record: record as OsvRecord, source: text.source });
    if (batch.length >= BATCH_SIZE) await flush();
  }
  if (batch.length > 0) await flush();
  return result;
}

async function* textsOf(item: Fetched): AsyncGenerator<SourceText> {
  if (item.records) {
    yield* item.records;
    return;
  }
  for await (const text of readSourceTexts(item.archive!.file)) {
    // Name entries by URL, not by the temporary file they were read from.
    yield { ...text, source: text.source.replace(item.archive!.file, item.archive!.url) };
  }
}

async function mapLimited<T, R>(
  items: T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function isNotFound(error: unknown): boolean {
  return (
    isRetrofitError(error) && error.code === 'download-failed' && error.data.httpStatus === 404
  );
}
