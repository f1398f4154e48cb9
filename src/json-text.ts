// JSON.parse for files a user hands us, saying where a syntax error is: every reader of a JSON
// input (lockfiles, SBOMs, VEX documents) names the file and the line in its own error.

export type ParsedJson =
  { ok: true; value: unknown } | { ok: false; message: string; line?: number };

export function parseJsonText(text: string): ParsedJson {
  const body = text.replace(/^\uFEFF/, '');
  try {
    return { ok: true, value: JSON.parse(body) };
  } catch (error) {
    const message = (error as Error).message;
    // V8 reports either "line L column C" or a character "position P", depending on version.
    const line = /line (\d+)/.exec(message)?.[1];
    const position = /position (\d+)/.exec(message)?.[1];
    const at = line
      ? Number(line)
      : position
        ? body.slice(0, Number(position)).split('\n').length
        : undefined;
    return at === undefined ? { ok: false, message } : { ok: false, message, line: at };
  }
}
