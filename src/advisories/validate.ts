// Checks a parsed document against the OSV JSON schema (draft 2020-12) and says what is wrong
// with it, as data, so one bad record in an export does not stop the import of the rest.
import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js';
import formats from 'ajv-formats';
import type { OsvRecord } from './osv.js';
import schema from './osv.schema.json' with { type: 'json' };

export type ValidationResult =
  { ok: true; record: OsvRecord } | { ok: false; id?: string; problems: string[] };

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
  if (validateSchema(value)) return { ok: true, record: value as unknown as OsvRecord };
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
