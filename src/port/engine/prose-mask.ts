// What of a source text is prose: comments and string literals, including those that span
// lines (block comments, JavaScript template literals, Python and Java triple-quoted strings,
// Go raw strings, Ruby heredocs and =begin blocks). The names check reads only the rest: words
// in prose are not references a fix needs from elsewhere.
//
// A hand-written scanner rather than tree-sitter: the check runs on every port, over every
// changed code file (in languages we have no grammar for too), and a parse of each would cost
// more than most of the searches it saves. What it gets wrong costs a search for a word, or
// leaves a word in an unclosed construct unsearched; a construct that does not close where its
// kind says it must (a one-line string, a template literal) is not taken as one.

import { splitLines } from './lines.js';

export interface ProseSyntax {
  /** Starts of comments that run to the end of the line. */
  lineComments: string[];
  /** Comments that may span lines. */
  blockComments: Array<[open: string, close: string]>;
  /** String delimiters whose strings end on the line they start on. */
  quotes: string[];
  /** `'` encloses one character (C, Java, Go, Rust: elsewhere it is a lifetime or a label). */
  charLiterals?: boolean;
  /** Strings that may span lines; `code` is where code sits inside them (`${` … `}`). */
  spanning: Array<{ open: string; close: string; code?: string }>;
  /** Ruby: heredocs and `=begin`/`=end` blocks. */
  ruby?: boolean;
}

const C_LIKE: ProseSyntax = {
  lineComments: ['//'],
  blockComments: [['/*', '*/']],
  quotes: ['"'],
  charLiterals: true,
  spanning: [],
};

const SYNTAX: Array<[RegExp, ProseSyntax]> = [
  [
    /\.(m?js|cjs|jsx|ts|mts|cts|tsx|vue|svelte)$/i,
    {
      ...C_LIKE,
      quotes: ['"', "'"],
      charLiterals: false,
      spanning: [{ open: '`', close: '`', code: '${' }],
    },
  ],
  [/\.(java|kt|kts|scala|groovy)$/i, { ...C_LIKE, spanning: [{ open: '"""', close: '"""' }] }],
  [/\.go$/i, { ...C_LIKE, spanning: [{ open: '`', close: '`' }] }],
  [
    /\.pyi?$/i,
    {
      lineComments: ['#'],
      blockComments: [],
      quotes: ['"', "'"],
      spanning: [
        { open: '"""', close: '"""' },
        { open: "'''", close: "'''" },
      ],
    },
  ],
  [
    /\.(rb|rake|gemspec)$/i,
    { lineComments: ['#'], blockComments: [], quotes: ['"', "'"], spanning: [], ruby: true },
  ],
  [/\.php$/i, { ...C_LIKE, quotes: ['"', "'"], charLiterals: false }],
  [/\.(c|h|cc|cpp|cxx|hpp|hh|cs|rs|swift|m|mm|dart)$/i, C_LIKE],
];

/** The prose syntax of a path's language, or null when we do not know it. */
export function proseSyntaxOf(path: string): ProseSyntax | null {
  return SYNTAX.find(([pattern]) => pattern.test(path))?.[1] ?? null;
}

/** A character literal: one character or one escape (`'\\n'`, `'\\x7f'`, `'\\u{1F600}'`). */
const CHAR =
  /'(?:\\(?:u\{[0-9a-fA-F]{1,6}\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|[0-7]{1,3}|.)|[^\\'\n])'/y;

const HEREDOC = /<<[~-]?(["'`]?)([A-Z_][A-Z0-9_]*)\1/;

/**
 * `text` with every character of its comments and string literals (delimiters included)
 * replaced by a space; line breaks and everything else kept, so lines and columns still
 * match the original.
 */
export function maskProse(text: string, syntax: ProseSyntax): string {
  const prose: Array<[number, number]> = [];
  const lineEnd = (from: number) => {
    const end = text.indexOf('\n', from);
    return end < 0 ? text.length : end;
  };
  // Code runs between the places where prose may start: jump from one to the next.
  const opener = openerPattern(syntax);
  let i = 0;
  let heredoc: string | null = null;
  while (i < text.length) {
    if (syntax.ruby && (i === 0 || text[i - 1] === '\n')) {
      const end = lineEnd(i);
      const line = text.slice(i, end);
      if (heredoc !== null) {
        if (line.trim() === heredoc) heredoc = null;
        prose.push([i, end]);
        i = end + 1;
        continue;
      }
      if (line.startsWith('=begin')) {
        const close = text.indexOf('\n=end', end);
        const stop = close < 0 ? text.length : lineEnd(close + 1);
        prose.push([i, stop]);
        i = stop + 1;
        continue;
      }
      // A heredoc's body starts on the next line: remember its terminator, read this line on.
      const start = HEREDOC.exec(line);
      if (start && hasTerminator(text, end, start[2]!)) {
        heredoc = start[2]!;
        prose.push([i + start.index, i + start.index + start[0].length]);
      }
    }
    opener.lastIndex = i;
    const found = opener.exec(text);
    if (!found) break;
    if (found[0] === '\n') {
      i = found.index + 1;
      continue;
    }
    const token = scanToken(text, found.index, syntax, lineEnd);
    if (token === null) {
      i = found.index + 1;
      continue;
    }
    prose.push(...token.prose);
    i = token.end;
  }
  prose.sort((a, b) => a[0] - b[0]);
  let out = '';
  let at = 0;
  for (const [from, to] of prose) {
    if (to <= at) continue;
    const begin = Math.max(from, at);
    out += text.slice(at, begin) + text.slice(begin, to).replace(/[^\n]+/g, spaces);
    at = to;
  }
  return out + text.slice(at);
}

const spaces = (run: string) => ' '.repeat(run.length);

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

const TEMPLATE_STOPS = new Map<string, RegExp>();

/** An escape (`\\x`), the start of code, or the closing delimiter of a spanning string. */
function templateStops(close: string, code: string): RegExp {
  let stops = TEMPLATE_STOPS.get(`${close}\0${code}`);
  if (!stops) {
    stops = new RegExp(['\\\\[^]', escapeRegExp(close), escapeRegExp(code)].join('|'), 'g');
    TEMPLATE_STOPS.set(`${close}\0${code}`, stops);
  }
  return stops;
}

const OPENERS = new WeakMap<ProseSyntax, RegExp>();

/** Where prose may start: any opener of the syntax (and, for Ruby, every line start). */
function openerPattern(syntax: ProseSyntax): RegExp {
  let pattern = OPENERS.get(syntax);
  if (!pattern) {
    const starts = [
      ...syntax.lineComments,
      ...syntax.blockComments.map(([open]) => open),
      ...syntax.spanning.map((s) => s.open),
      ...syntax.quotes,
      ...(syntax.charLiterals ? ["'"] : []),
    ].map(escapeRegExp);
    if (syntax.ruby) starts.push('\n');
    pattern = new RegExp(starts.join('|'), 'g');
    OPENERS.set(syntax, pattern);
  }
  return pattern;
}

/** Whether a line after `from` consists of `terminator` alone. */
function hasTerminator(text: string, from: number, terminator: string): boolean {
  for (let at = text.indexOf('\n', from); at >= 0; at = text.indexOf('\n', at + 1)) {
    const end = text.indexOf('\n', at + 1);
    if (text.slice(at + 1, end < 0 ? text.length : end).trim() === terminator) return true;
  }
  return false;
}

/**
 * The comment or string starting at `at`, if one does: where it ends and which spans of it are
 * prose (a template literal's `${…}` parts are code).
 */
function scanToken(
  text: string,
  at: number,
  syntax: ProseSyntax,
  lineEnd: (from: number) => number,
): { end: number; prose: Array<[number, number]> } | null {
  for (const start of syntax.lineComments)
    if (text.startsWith(start, at) && (start !== '#' || hashComment(text, at))) {
      const end = lineEnd(at);
      return { end, prose: [[at, end]] };
    }
  for (const [open, close] of syntax.blockComments)
    if (text.startsWith(open, at)) {
      const found = text.indexOf(close, at + open.length);
      const end = found < 0 ? text.length : found + close.length;
      return { end, prose: [[at, end]] };
    }
  // Longer delimiters first: `"""` before `"`.
  for (const spanning of syntax.spanning)
    if (text.startsWith(spanning.open, at)) {
      const { open, close, code } = spanning;
      if (code === undefined) {
        const found = text.indexOf(close, at + open.length);
        // Never closed: not a string after all.
        return found < 0
          ? null
          : { end: found + close.length, prose: [[at, found + close.length]] };
      }
      // Jump between escapes, code (`${`) and the closing delimiter.
      const stops = templateStops(close, code);
      const prose: Array<[number, number]> = [];
      let from = at;
      stops.lastIndex = at + open.length;
      for (let stop = stops.exec(text); stop; stop = stops.exec(text)) {
        if (stop[0] === close) {
          prose.push([from, stop.index + close.length]);
          return { end: stop.index + close.length, prose };
        }
        if (stop[0] === code) {
          const inner = closingBrace(text, stop.index + code.length);
          if (inner < 0) return null;
          // (A string inside the `${…}` stays code: rare, and it costs a search at worst.)
          prose.push([from, stop.index + code.length]);
          from = inner;
          stops.lastIndex = inner;
        }
      }
      return null;
    }
  if (syntax.charLiterals && text[at] === "'") {
    CHAR.lastIndex = at;
    return CHAR.test(text) ? { end: CHAR.lastIndex, prose: [[at, CHAR.lastIndex]] } : null;
  }
  for (const quote of syntax.quotes)
    if (text[at] === quote) {
      const end = lineEnd(at);
      for (let i = at + 1; i < end; i++) {
        if (text[i] === '\\') i++;
        else if (text[i] === quote) return { end: i + 1, prose: [[at, i + 1]] };
      }
      return null; // not closed on its line: an apostrophe, a lifetime, a stray quote
    }
  return null;
}

/**
 * Whether the `#` at `at` opens a comment: after a space or at the start of a line (as most
 * code spells it), and not Ruby's `#{` (interpolation, as in a regular expression literal).
 */
function hashComment(text: string, at: number): boolean {
  const before = at === 0 ? '\n' : text[at - 1]!;
  return /\s/.test(before) && text[at + 1] !== '{';
}

/** Where the `}` that closes a `${` opened just before `from` is, or -1. */
function closingBrace(text: string, from: number): number {
  let depth = 1;
  for (let i = from; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) return i;
  }
  return -1;
}

/**
 * The lines with their comments and strings blanked (`maskProse` over the whole text, so a
 * construct that spans lines is seen whole), or the lines themselves without a syntax. Kept
 * per array: the engine never edits one.
 */
const masked = new WeakMap<readonly string[], readonly string[]>();
export function codeLines(lines: readonly string[], prose: ProseSyntax | null | undefined) {
  if (!prose) return lines;
  let code = masked.get(lines);
  if (!code) {
    const text = maskProse(lines.join(''), prose);
    code = splitLines(text);
    masked.set(lines, code);
  }
  return code;
}
