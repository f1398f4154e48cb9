// Parses a patch file — git-format (`git diff`, `git format-patch`, mailing-list mails) or plain
// unified diff — into the engine's model: files with hunks whose lines keep their terminators.
// Written by hand because the engine needs what general diff parsers drop: CRLF kept per line,
// "\ No newline at end of file" applied to the right line, git's extended headers (renames,
// copies, modes, binary markers), and an error that names the line when the patch is malformed.
import { RetrofitError } from '../../errors.js';
import type { Hunk, HunkLine } from '../engine/hunks.js';

export type PatchFileStatus = 'modified' | 'added' | 'deleted' | 'renamed' | 'copied';

export interface PatchFile {
  /** Null for an added file. */
  oldPath: string | null;
  /** Null for a deleted file. */
  newPath: string | null;
  status: PatchFileStatus;
  oldMode?: string;
  newMode?: string;
  /** A binary change (marker or `GIT binary patch`): no hunks to apply. */
  binary: boolean;
  hunks: Hunk[];
}

export interface Patch {
  /** The mail's subject, when the patch is a `git format-patch` mail. */
  subject?: string;
  files: PatchFile[];
}

const HUNK_HEADER = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/;

export function parsePatch(text: string, source: string): Patch {
  // Keep '\r' on each line: a CRLF file's lines must stay CRLF.
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const fail = (index: number, message: string): never => {
    throw new RetrofitError('invalid-patch', `${source}:${index + 1}: ${message}`, {
      input: `${source}:${index + 1}`,
      hint: 'Give a unified diff (git diff, git format-patch, or diff -u output).',
    });
  };
  const patch: Patch = { files: [] };
  let current: PatchFile | null = null;
  let i = 0;
  const strip = (path: string) => {
    const clean = path.replace(/\r$/, '').split('\t')[0]!.trim();
    if (clean === '/dev/null') return null;
    return unquote(clean).replace(/^[ab]\//, '');
  };
  while (i < lines.length) {
    const line = lines[i]!;
    if (!current && /^Subject: /.test(line)) {
      // Mail headers fold long values onto lines that start with whitespace.
      let subject = line.slice(9);
      while (/^[ \t]/.test(lines[i + 1] ?? '')) subject += lines[++i]!.replace(/\r$/, '');
      patch.subject = subject.replace(/^\[PATCH[^\]]*\]\s*/, '').trim();
    }
    if (line.startsWith('diff --git ')) {
      const match = /^diff --git (?:"?a\/(.+?)"?) (?:"?b\/(.+?)"?)\r?$/.exec(line);
      if (!match) fail(i, 'a "diff --git" line without a/ and b/ paths');
      current = {
        oldPath: match![1]!,
        newPath: match![2]!,
        status: 'modified',
        binary: false,
        hunks: [],
      };
      patch.files.push(current);
      i++;
      continue;
    }
    if (line.startsWith('--- ') && lines[i + 1]?.startsWith('+++ ')) {
      const oldPath = strip(line.slice(4));
      const newPath = strip(lines[i + 1]!.slice(4));
      // A plain diff has no "diff --git" line: the ---/+++ pair starts the file.
      const fresh = !current || current.hunks.length > 0 || current.binary;
      if (fresh) {
        current = { oldPath, newPath, status: 'modified', binary: false, hunks: [] };
        patch.files.push(current);
      } else {
        current!.oldPath = oldPath;
        current!.newPath = newPath;
      }
      if (oldPath === null) current!.status = 'added';
      if (newPath === null) current!.status = 'deleted';
      i += 2;
      continue;
    }
    if (current && !current.hunks.length) {
      const header =
        /^(old mode|new mode|deleted file mode|new file mode|rename from|rename to|copy from|copy to) (.+?)\r?$/.exec(
          line,
        );
      if (header) {
        const [, key, value] = header;
        applyHeader(current, key!, value!);
        i++;
        continue;
      }
      if (/^Binary files .* differ\r?$/.test(line) || line.startsWith('GIT binary patch')) {
        current.binary = true;
        i++;
        // Skip the base85 payload of a binary patch up to the next file.
        while (i < lines.length && !lines[i]!.startsWith('diff --git ')) i++;
        continue;
      }
    }
    const hunkHeader = HUNK_HEADER.exec(line);
    if (hunkHeader) {
      if (!current) fail(i, 'a hunk before any file header (--- / +++ or diff --git)');
      const oldCount = hunkHeader[2] === undefined ? 1 : Number(hunkHeader[2]);
      const newCount = hunkHeader[4] === undefined ? 1 : Number(hunkHeader[4]);
      const oldStart = Number(hunkHeader[1]);
      const hunkLines: HunkLine[] = [];
      let olds = 0;
      let news = 0;
      i++;
      while (olds < oldCount || news < newCount) {
        const body = lines[i];
        if (body === undefined)
          fail(
            i - 1,
            `the hunk ends early: expected ${oldCount} old and ${newCount} new lines, found ${olds} and ${news}`,
          );
        const op = body![0];
        if (op === '\\') {
          noNewline(hunkLines);
          i++;
          continue;
        }
        if (op !== ' ' && op !== '-' && op !== '+' && body !== '') {
          fail(i, `unexpected line in a hunk: ${JSON.stringify(body!.slice(0, 40))}`);
        }
        // An empty line inside a hunk is a context line whose leading space was lost in transit.
        const text = `${body === '' ? '' : body!.slice(1)}\n`;
        const kind = (body === '' ? ' ' : op) as HunkLine['op'];
        if (kind !== '+') olds++;
        if (kind !== '-') news++;
        hunkLines.push({ op: kind, text });
        i++;
      }
      if (olds !== oldCount || news !== newCount)
        fail(
          i - 1,
          `the hunk has ${olds} old and ${news} new lines, its header says ${oldCount} and ${newCount}`,
        );
      if (lines[i]?.startsWith('\\')) {
        noNewline(hunkLines);
        i++;
      }
      // `-0,0` (an added file) starts at line 0; every other count is 1-based.
      current!.hunks.push({
        oldStart: Math.max(0, oldCount === 0 ? oldStart : oldStart - 1),
        lines: hunkLines,
      });
      continue;
    }
    i++;
  }
  if (patch.files.length === 0) fail(0, 'no file changes found');
  return patch;
}

/** git's extended header lines: modes, additions, deletions, renames, copies. */
function applyHeader(file: PatchFile, key: string, value: string): void {
  switch (key) {
    case 'old mode':
      file.oldMode = value;
      break;
    case 'new mode':
      file.newMode = value;
      break;
    case 'deleted file mode':
      file.status = 'deleted';
      file.oldMode = value;
      file.newPath = null;
      break;
    case 'new file mode':
      file.status = 'added';
      file.newMode = value;
      file.oldPath = null;
      break;
    case 'rename from':
    case 'copy from':
      file.status = key === 'rename from' ? 'renamed' : 'copied';
      file.oldPath = unquote(value);
      break;
    default:
      file.status = key === 'rename to' ? 'renamed' : 'copied';
      file.newPath = unquote(value);
  }
}

/** "\ No newline at end of file": the line before it has no terminator. */
function noNewline(lines: HunkLine[]): void {
  const last = lines[lines.length - 1];
  if (last) last.text = last.text.replace(/\n$/, '');
}

/** git quotes paths with special characters in C style. */
function unquote(path: string): string {
  if (!path.startsWith('"')) return path;
  try {
    return JSON.parse(
      path.replace(
        /\\([0-7]{3})/g,
        (_, octal: string) => `\\u00${parseInt(octal, 8).toString(16).padStart(2, '0')}`,
      ),
    ) as string;
  } catch {
    return path.slice(1, -1);
  }
}
