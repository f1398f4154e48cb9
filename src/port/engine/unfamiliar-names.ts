// The names a change's added code uses that the target's own versions of the changed files
// never mention. A fix that calls a helper, a constant or an API the old line does not have
// merges cleanly as text and still cannot work there: those names are the first thing to check
// (the caller asks git whether the target has them anywhere, and whether upstream had them
// before the fix). Pure: texts in, names out.
import type { Hunk } from './hunks.js';

const NAME = /[A-Za-z_$][\w$]{3,}/g;

/** Strings and comments hold words, not references. */
function codeOf(line: string, hashComments: boolean): string {
  const withoutStrings = line
    .replace(/\r?\n$/, '')
    .replace(/"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|`(?:[^`\\]|\\.)*`/g, '""');
  const trimmed = withoutStrings.trimStart();
  if (trimmed.startsWith('*') || trimmed.startsWith('/*')) return '';
  return withoutStrings
    .replace(/\/\*.*?\*\//g, ' ')
    .replace(/(^|\s)\/\/.*$/, '$1')
    .replace(hashComments ? /(^|\s)#.*$/ : /$^/, '$1');
}

/** Languages whose comments start with `#` (elsewhere `#` is a directive or a private name). */
const HASH_COMMENTS = /\.(py|pyi|rb|sh|bash|pl|pm|r|ex|exs|cr|nim|coffee)$/i;

/** Declaring keywords of the languages we read, followed by the name they declare. */
const DECLARING =
  /\b(?:def|function|class|const|let|var|fn|func|interface|type|enum|struct|module)\s+([A-Za-z_$][\w$]*)/g;
/** A plain name assigned (not a member, not a comparison): `name =`, `Type name =`, `name :=`. */
const ASSIGNED = /(?<![\w$.>])([A-Za-z_$][\w$]*)\s*(?::=|=(?![=>~]))/g;
/** The parameter list of a function defined on the line. */
const PARAMETERS = /\b(?:def|function|fn|func)\b[^(]*\(([^)]*)\)/g;

/**
 * Names a line of code declares, by the spellings most languages share: after a declaring
 * keyword, on the left of a plain assignment, in the parameters of a function it defines.
 * Hand-written because no parser reads every language we port, and a name missed here only
 * costs a search.
 */
function declaredNames(code: string): string[] {
  const names: string[] = [];
  for (const match of code.matchAll(DECLARING)) names.push(match[1]!);
  for (const match of code.matchAll(ASSIGNED)) names.push(match[1]!);
  for (const match of code.matchAll(PARAMETERS))
    for (const parameter of match[1]!.matchAll(/[A-Za-z_$][\w$]*/g)) names.push(parameter[0]);
  return names;
}

/**
 * Names (four characters or more) in the added lines of `hunks` that none of `known` (the
 * target's versions of the changed files) contains as a whole word.
 */
export function unfamiliarNames(path: string, hunks: Hunk[], known: string[]): string[] {
  const hash = HASH_COMMENTS.test(path);
  const used = new Set<string>();
  const declared = new Set<string>();
  for (const hunk of hunks) {
    for (const line of hunk.lines) {
      if (line.op !== '+') continue;
      const code = codeOf(line.text, hash);
      for (const match of code.matchAll(NAME)) used.add(match[0]);
      for (const name of declaredNames(code)) declared.add(name);
    }
  }
  // A name the fix itself declares (a new local, parameter, function) needs nothing before it.
  for (const name of declared) used.delete(name);
  // A handful of names against whole files: a substring search first, the word check only
  // where the name occurs at all.
  return [...used].filter((name) => !known.some((text) => mentionsName(text, name))).sort();
}

/** `name` occurs in `text` as a whole identifier (a substring search, then the edges). */
export function mentionsName(text: string, name: string): boolean {
  const word = /[\w$]/;
  for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + 1)) {
    const before = at > 0 ? text[at - 1]! : ' ';
    const after = at + name.length < text.length ? text[at + name.length]! : ' ';
    if (!word.test(before) && !word.test(after)) return true;
  }
  return false;
}
