// Turns the text of one OSV file (JSON or YAML) into a validated record, or a problem that
// names the file and, when it can be read, the record's id.
import { parse as parseYaml } from 'yaml';
import type { OsvRecord } from './osv.js';
import { validateOsvRecord } from './validate.js';

export interface SourceRecord {
  record: OsvRecord;
  /** What was repaired to accept the record (see validate.ts). */
  warnings?: string[];
  /** The file, or `archive.zip:inner/path.json`. */
  source: string;
}

export interface SourceProblem {
  source: string;
  id?: string;
  message: string;
}

export type ParsedSource = ({ ok: true } & SourceRecord) | ({ ok: false } & SourceProblem);

/** Whether a file name is one retrofit reads as an OSV record. */
export function isRecordFile(name: string): boolean {
  return /\.(json|ya?ml)$/i.test(name);
}

/** Parses by the source's extension (`.json`, else YAML) and validates against the schema. */
export function parseOsvText(source: string, text: string): ParsedSource {
  const body = text.replace(/^\uFEFF/, '');
  let value: unknown;
  try {
    // YAML's core schema keeps timestamps as strings, as OSV needs them.
    value = /\.json$/i.test(source) ? JSON.parse(body) : parseYaml(body);
  } catch (error) {
    const kind = /\.json$/i.test(source) ? 'JSON' : 'YAML';
    return { ok: false, source, message: `not valid ${kind}: ${(error as Error).message}` };
  }
  const result = validateOsvRecord(value);
  if (result.ok) return { ok: true, record: result.record, source, warnings: result.warnings };
  return {
    ok: false,
    source,
    id: result.id,
    message: `not a valid OSV record: ${result.problems.join('; ')}`,
  };
}
