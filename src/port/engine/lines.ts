// Text as lines that keep their terminators, so a port never changes line endings or the
// final newline behind the user's back; and the loose form used for fuzzy comparison.

export function splitLines(text: string): string[] {
  if (text === '') return [];
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

/** The line without its terminator and with runs of whitespace collapsed, for loose matching. */
export function looseLine(line: string): string {
  const trimmed = line.trim();
  // Most lines hold single spaces only: nothing to collapse.
  return /\s\s|[^\S ]/.test(trimmed) ? trimmed.replace(/\s+/g, ' ') : trimmed;
}

const looseCache = new WeakMap<readonly string[], string[]>();

/**
 * `looseLine` of every line, computed once per array: the matchers compare the same target
 * lines many times over. The array must not change afterwards (the engine never edits one).
 */
export function looseLines(lines: readonly string[]): string[] {
  let loose = looseCache.get(lines);
  if (!loose) {
    loose = lines.map(looseLine);
    looseCache.set(lines, loose);
  }
  return loose;
}

export function indentOf(line: string): string {
  return /^[ \t]*/.exec(line)?.[0] ?? '';
}

/** The terminator most lines of a file use; LF for a file without any. */
export function dominantEol(lines: string[]): '\n' | '\r\n' {
  let crlf = 0;
  let lf = 0;
  for (const line of lines) {
    if (line.endsWith('\r\n')) crlf++;
    else if (line.endsWith('\n')) lf++;
  }
  return crlf > lf ? '\r\n' : '\n';
}

/** Gives a line the wanted terminator (a line without one keeps none). */
export function withEol(line: string, eol: '\n' | '\r\n'): string {
  if (!line.endsWith('\n')) return line;
  return line.replace(/\r?\n$/, eol);
}
