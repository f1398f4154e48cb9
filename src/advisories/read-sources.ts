// Reads OSV records from what a user points at: one JSON/YAML file, a folder of them (walked
// recursively), or a zip archive such as an osv.dev export. Bad records become problems that
// name the file and id; the good ones are kept.
import fs from 'node:fs';
import path from 'node:path';
import { RetrofitError } from '../errors.js';
import {
  isRecordFile,
  parseOsvText,
  type SourceProblem,
  type SourceRecord,
} from './parse-record.js';
import { listZipEntries, readZipEntry, type ZipEntry } from './zip-entries.js';

export type SourceText = { source: string; text: string } | { source: string; error: string };

export interface ReadResult {
  records: SourceRecord[];
  problems: SourceProblem[];
}

/** Larger than any real record by far; a bigger entry is a zip bomb or not an advisory. */
const MAX_RECORD_BYTES = 16 * 1024 * 1024;

/** Reads and validates every record under `input` (relative to `options.cwd`). */
export async function readAdvisories(
  input: string,
  options: { cwd?: string } = {},
): Promise<ReadResult> {
  const result: ReadResult = { records: [], problems: [] };
  for await (const item of readSourceTexts(input, options)) {
    if ('error' in item) {
      result.problems.push({ source: item.source, message: item.error });
      continue;
    }
    const parsed = parseOsvText(item.source, item.text);
    if (parsed.ok) result.records.push({ record: parsed.record, source: parsed.source });
    else result.problems.push({ source: parsed.source, id: parsed.id, message: parsed.message });
  }
  return result;
}

/**
 * The text of each record file under `input`, with its source name (the path as given, or
 * `archive.zip:inner/path.json`), in a stable order. Checks `input` before returning: throws
 * `input-not-found` when it does not exist and `unsupported-input` for a file of another
 * kind. A file or archive that cannot be read is yielded as an error.
 */
export function readSourceTexts(
  input: string,
  options: { cwd?: string } = {},
): AsyncGenerator<SourceText> {
  const location = { file: path.resolve(options.cwd ?? '.', input), name: input };
  const stat = statOrNull(location.file);
  if (!stat) {
    throw new RetrofitError('input-not-found', `${input} does not exist`, {
      input,
      hint: 'Pass an OSV .json or .yaml file, a folder of them, or a .zip export from osv.dev.',
    });
  }
  if (stat.isDirectory()) return readFolder(location);
  if (isZip(input)) return readZip(location);
  if (isRecordFile(input)) return readOne(location);
  throw new RetrofitError('unsupported-input', `${input} is not an OSV file, folder or zip`, {
    input,
    hint: 'OSV records are .json, .yaml or .yml files; osv.dev exports are .zip archives.',
  });
}

/** Where a file is on disk, and how reports name it. */
interface Location {
  file: string;
  name: string;
}

function child(location: Location, entry: string): Location {
  return { file: path.join(location.file, entry), name: path.join(location.name, entry) };
}

async function* readFolder(dir: Location): AsyncGenerator<SourceText> {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir.file, { withFileTypes: true });
  } catch (error) {
    yield { source: dir.name, error: `cannot read the folder: ${(error as Error).message}` };
    return;
  }
  for (const entry of entries.sort(byName)) {
    const location = child(dir, entry.name);
    // Hidden folders are version control or tool state (.git), never advisories. Linked
    // folders are not followed, so a link cycle cannot make the walk endless.
    if (entry.isDirectory()) {
      if (!entry.name.startsWith('.')) yield* readFolder(location);
    } else if (entry.isFile() || (entry.isSymbolicLink() && statOrNull(location.file)?.isFile())) {
      if (isZip(entry.name)) yield* readZip(location);
      else if (isRecordFile(entry.name)) yield* readOne(location);
    }
  }
}

async function* readOne({ file, name }: Location): AsyncGenerator<SourceText> {
  try {
    yield { source: name, text: fs.readFileSync(file, 'utf8') };
  } catch (error) {
    yield { source: name, error: `cannot read the file: ${(error as Error).message}` };
  }
}

async function* readZip(archive: Location): AsyncGenerator<SourceText> {
  let fd: number;
  let entries: ZipEntry[];
  try {
    fd = fs.openSync(archive.file, 'r');
  } catch (error) {
    yield {
      source: archive.name,
      error: `cannot read the zip archive: ${(error as Error).message}`,
    };
    return;
  }
  try {
    try {
      entries = listZipEntries(fd);
    } catch (error) {
      yield {
        source: archive.name,
        error: `cannot read the zip archive: ${(error as Error).message}`,
      };
      return;
    }
    for (const entry of entries) {
      const source = `${archive.name}:${entry.name}`;
      if (entry.name.endsWith('/') || !isRecordFile(entry.name)) continue;
      if (entry.uncompressedSize > MAX_RECORD_BYTES) {
        yield { source, error: `too large for an OSV record (${entry.uncompressedSize} bytes)` };
        continue;
      }
      let text: string;
      try {
        text = readZipEntry(fd, entry, MAX_RECORD_BYTES).toString('utf8');
      } catch (error) {
        yield { source, error: `cannot extract: ${(error as Error).message}` };
        continue;
      }
      yield { source, text };
    }
  } finally {
    fs.closeSync(fd);
  }
}

function isZip(file: string): boolean {
  return /\.zip$/i.test(file);
}

function statOrNull(file: string): fs.Stats | null {
  try {
    return fs.statSync(file);
  } catch {
    return null;
  }
}

/** Code-unit order, the same on every machine whatever its locale. */
function byName(a: fs.Dirent, b: fs.Dirent): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}
