// osv.dev's per-ecosystem change index, `<ecosystem>/modified_id.csv`: one `<modified>,<id>`
// line per record, newest first, no header. An incremental sync reads it to learn which
// records changed since its cursor without downloading the whole archive.
import { compareTimestamps } from './timestamps.js';

export interface ModifiedEntry {
  id: string;
  modified: string;
}

export interface ModifiedIndex {
  entries: ModifiedEntry[];
  /** Lines that are not `<RFC 3339 time>,<id>`, with their 1-based number. */
  badLines: Array<{ line: number; text: string }>;
}

/** An OSV id: letters, digits and `-`, `_`, `.`, `:` (e.g. `GHSA-xxxx-xxxx-xxxx`, `PYSEC-2021-1`). */
const ID = /^[A-Za-z0-9][A-Za-z0-9._:-]*$/;

export function parseModifiedIndex(text: string): ModifiedIndex {
  const index: ModifiedIndex = { entries: [], badLines: [] };
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (line === '') return;
    const comma = line.indexOf(',');
    const modified = line.slice(0, comma).trim();
    // The bucket-wide index at the root spells ids `<ecosystem>/<id>`; keep the id.
    const id = line
      .slice(comma + 1)
      .trim()
      .replace(/^.*\//, '');
    if (comma < 0 || Number.isNaN(Date.parse(modified)) || !ID.test(id)) {
      // A header such as `modified,id` is not an entry either.
      index.badLines.push({ line: i + 1, text: line.slice(0, 120) });
      return;
    }
    index.entries.push({ id, modified });
  });
  return index;
}

/**
 * The entries modified after `cursor` (an RFC 3339 time; none means all), one per id, the
 * newest listing of an id winning. The file is newest-first, but the whole list is read
 * rather than stopping at the first older line, so a mis-ordered mirror loses nothing.
 */
export function changedSince(
  entries: ModifiedEntry[],
  cursor: string | undefined,
): ModifiedEntry[] {
  const byId = new Map<string, ModifiedEntry>();
  for (const entry of entries) {
    if (cursor !== undefined && compareTimestamps(entry.modified, cursor) <= 0) continue;
    const seen = byId.get(entry.id);
    if (!seen || compareTimestamps(seen.modified, entry.modified) < 0) byId.set(entry.id, entry);
  }
  return [...byId.values()];
}
