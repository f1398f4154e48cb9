// Checks a parsed document against the OSV JSON schema (draft 2020-12) and says what is wrong
// with it, as data, so one bad record in an export does not stop the import of the rest.
import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js';
import formats from 'ajv-formats';
import type { OsvRecord } from './osv.js';
import schema from './osv.schema.json' with { type: 'json' };

export type ValidationResult =
  | { ok: true; record: OsvRecord; warnings: string[] }
  | { ok: false; id?: string; problems: string[] };

// `ajv-formats` is CommonJS; under NodeNext its default import is the module object, whose
// `default` is the plugin.
const addFormats = formats.default;

// Compiled once: the validator is immutable and compiling the schema is the slow part.
const validateSchema = (() => {
  // The published schema leaves `type` out of its if/then branches (valid draft 2020-12);
  // Ajv's strictTypes would print a warning about each one on every start.
  const ajv = new Ajv2020({ allErrors: true, strictTypes: false, verbose: true });
  addFormats(ajv);
  return ajv.compile(schema);
})();

export function validateOsvRecord(value: unknown): ValidationResult {
  if (validateSchema(value))
    return { ok: true, record: value as unknown as OsvRecord, warnings: [] };
  const repaired = withoutBadSeverity(value, validateSchema.errors ?? []);
  if (repaired && validateSchema(repaired.value)) {
    return {
      ok: true,
      record: repaired.value as unknown as OsvRecord,
      warnings: repaired.warnings,
    };
  }
  const id =
    value && typeof value === 'object' && typeof (value as { id?: unknown }).id === 'string'
      ? (value as { id: string }).id
      : undefined;
  return { ok: false, id, problems: describeErrors(validateSchema.errors ?? []) };
}

/**
 * One line per error, without the noise `oneOf`/`if`/`contains` produce: Ajv also reports
 * every alternative (or every item) it tried, which says nothing a person can act on.
 */
function describeErrors(errors: ErrorObject[]): string[] {
  const meaningful = errors.filter(
    (e) => !['oneOf', 'if', 'anyOf'].includes(e.keyword) && !e.schemaPath.includes('/contains/'),
  );
  const lines = (meaningful.length > 0 ? meaningful : errors).map((e) =>
    // A pattern message quotes the whole regular expression; the offending value says more.
    e.keyword === 'pattern' || e.keyword === 'format'
      ? `${e.instancePath || '/'} ${JSON.stringify(e.data).slice(0, 80)} is not in the expected format`
      : `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`,
  );
  return [...new Set(lines)].slice(0, 5);
}

/**
 * Published databases carry records whose only defect is a severity entry with an empty or
 * malformed score (GitHub's GHSA-cqmj-92xf-r6r9 has `"score": ""`). Skipping such a record
 * would hide a real vulnerability, so when every error is inside a `severity` entry the entry
 * is dropped and the record kept, with a warning naming what was dropped.
 */
function withoutBadSeverity(
  value: unknown,
  errors: ErrorObject[],
): { value: unknown; warnings: string[] } | null {
  const bad = /^(\/affected\/\d+)?\/severity\/(\d+)(\/|$)/;
  if (errors.length === 0 || !errors.every((e) => bad.test(e.instancePath))) return null;
  const copy = structuredClone(value) as {
    severity?: unknown[];
    affected?: Array<{ severity?: unknown[] }>;
  };
  const drop = new Map<string, Set<number>>();
  for (const error of errors) {
    const [, owner = '', index] = bad.exec(error.instancePath) ?? [];
    drop.set(owner, (drop.get(owner) ?? new Set()).add(Number(index)));
  }
  const warnings: string[] = [];
  for (const [owner, indexes] of drop) {
    const holder = owner ? copy.affected?.[Number(owner.split('/')[2])] : copy;
    if (!holder?.severity) return null;
    const dropped = holder.severity.filter((_, i) => indexes.has(i));
    holder.severity = holder.severity.filter((_, i) => !indexes.has(i));
    if (holder.severity.length === 0) delete holder.severity;
    warnings.push(
      `dropped ${owner || ''}/severity entr${dropped.length === 1 ? 'y' : 'ies'} with an invalid score: ${JSON.stringify(dropped).slice(0, 120)}`,
    );
  }
  return { value: copy, warnings };
}
