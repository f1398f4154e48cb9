// The `invalid-vex` error: names the file and, when known, the JSON pointer or line of the
// part that is wrong, and says what to do.
import { RetrofitError } from '../errors.js';
import { parseJsonText } from '../json-text.js';
import type { ZodError } from 'zod';

export function invalidVex(
  file: string,
  reason: string,
  where: { pointer?: string; line?: number } = {},
): RetrofitError {
  const at =
    where.line !== undefined ? `:${where.line}` : where.pointer ? ` at ${where.pointer}` : '';
  return new RetrofitError('invalid-vex', `cannot read VEX document ${file}${at}: ${reason}`, {
    input: file,
    ...where,
    hint: 'Pass an OpenVEX, CycloneDX (1.4 or later) or CSAF 2.0 VEX document in JSON, or fix the part named above.',
  });
}

/** The first problem zod found, as an `invalid-vex` error with its JSON pointer. */
export function invalidVexFromZod(file: string, error: ZodError, prefix = ''): RetrofitError {
  const issue = error.issues[0]!;
  const pointer = `${prefix}/${issue.path.map((p) => String(p).replace(/~/g, '~0').replace(/\//g, '~1')).join('/')}`;
  return invalidVex(file, issue.message, {
    pointer: pointer === '/' ? '/' : pointer.replace(/\/$/, ''),
  });
}

/** JSON.parse, a syntax error becoming `invalid-vex` with the line. */
export function parseVexJson(text: string, file: string): unknown {
  const parsed = parseJsonText(text);
  if (parsed.ok) return parsed.value;
  throw invalidVex(
    file,
    `not valid JSON (${parsed.message})`,
    parsed.line ? { line: parsed.line } : {},
  );
}
