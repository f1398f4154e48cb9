// The names a change's added code uses that the target's own versions of the changed files
// never mention. A fix that calls a helper, a constant or an API the old line does not have
// merges cleanly as text and still cannot work there: those names are the first thing to check
// (the caller asks git whether the target has them anywhere, and whether upstream had them
// before the fix). Pure: texts in, names out.
import type { Hunk } from './hunks.js';
import { maskProse, proseSyntaxOf } from './prose-mask.js';
import { languageOfPath, type SymbolLanguage } from './symbols.js';

/** A name: not the tail of a number (`1_000_000`) or of another word. */
const NAME = /(?<![\w$])[A-Za-z_$][\w$]{3,}/g;

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
/** A key or a member declared at the start of a line: `name: value`, `name?: Type`. */
const KEY =
  /^\s*(?:(?:readonly|static|public|private|protected|override|declare|abstract)\s+)*([A-Za-z_$][\w$]*)\s*\??\s*:(?!:)/;
/**
 * A method defined without a keyword (a class or object member, a Java method): the line is
 * a name, its parameters and the opening brace, after modifiers and a return type.
 */
const METHOD =
  /^\s*(?:(?:async|static|get|set|public|private|protected|override|readonly|abstract|final|synchronized)\s+)*(?:[\w$<>[\],.?]+\s+)?([A-Za-z_$][\w$]*)\s*\(([^()]*)\)\s*(?::\s*[^{}()=]+)?(?:throws\s+[\w$.,\s]+)?\{\s*$/;

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
  const parameterLists = [...code.matchAll(PARAMETERS)].map((m) => m[1]!);
  const key = KEY.exec(code);
  if (key) names.push(key[1]!);
  const method = METHOD.exec(code);
  if (method) {
    names.push(method[1]!);
    parameterLists.push(method[2]!);
  }
  for (const list of parameterLists)
    for (const parameter of list.matchAll(/[A-Za-z_$][\w$]*/g)) names.push(parameter[0]);
  return names;
}

/** The names the added lines of `hunks` declare (see `declaredNames`). */
export function declaredInAdded(path: string, hunks: Hunk[]): Set<string> {
  const hash = HASH_COMMENTS.test(path);
  const declared = new Set<string>();
  for (const hunk of hunks)
    for (const line of hunk.lines)
      if (line.op === '+')
        for (const name of declaredNames(codeOf(line.text, hash))) declared.add(name);
  return declared;
}

/**
 * Keywords, the language's own constants and a few built-in functions (four letters or more):
 * never something a fix needs from elsewhere in the project.
 */
const KEYWORDS: Record<'js' | 'python' | 'java' | 'c' | 'ruby' | 'go', string> = {
  js: 'await break case catch class const continue debugger default delete else enum export extends false finally function implements import instanceof interface package private protected public return static super switch this throw true typeof void while with yield async null undefined arguments abstract any asserts bigint boolean declare infer keyof module namespace never readonly require number object string symbol unique unknown satisfies override type accessor from',
  python:
    'False None True assert async await break class continue elif else except finally from global import lambda nonlocal pass raise return while with yield match case self',
  java: 'abstract assert boolean break byte case catch char class const continue default double else enum extends final finally float goto implements import instanceof interface long native package private protected public return short static strictfp super switch synchronized this throw throws transient void volatile while true false null record yield sealed permits',
  c: 'auto break case char const continue default double else enum extern float goto inline long register restrict return short signed sizeof static struct switch typedef union unsigned void volatile while NULL true false bool',
  ruby: 'BEGIN alias begin break case class defined else elsif ensure false module next redo rescue retry return self super then true undef unless until when while yield __FILE__ __LINE__ require require_relative attr_reader attr_accessor attr_writer private protected public raise',
  go: 'break case chan const continue default defer else fallthrough func goto import interface package range return select struct switch type true false iota append close complex copy delete imag make panic print println real recover',
};
const KEYWORD_SETS = new Map(
  Object.entries(KEYWORDS).map(([family, words]) => [family, new Set(words.split(' '))]),
);

/**
 * Every language's keywords and constants, with the short ones the lists above leave out:
 * words that are syntax, never a name that could have been renamed.
 */
export const SYNTAX_WORDS: ReadonlySet<string> = new Set([
  ...Object.values(KEYWORDS).flatMap((words) => words.split(' ')),
  ...'var let for if new def end nil not and or is in do try int of as fn mut pub use ref del'.split(
    ' ',
  ),
]);

function keywordsOf(language: SymbolLanguage | null): Set<string> | undefined {
  if (!language) return undefined;
  const family =
    language === 'typescript' || language === 'tsx'
      ? 'js'
      : language === 'javascript'
        ? 'js'
        : language;
  return KEYWORD_SETS.get(family);
}

/**
 * The code of the added lines of `hunks`, comments and strings left out: masked in the file
 * after the change (`upstream`, when the path's language is one `proseSyntaxOf` knows, so
 * comments and strings that span lines are prose too), or line by line.
 */
export function addedCode(path: string, hunks: Hunk[], upstream?: string): string[] {
  const hash = HASH_COMMENTS.test(path);
  const syntax = upstream !== undefined ? proseSyntaxOf(path) : null;
  const code = syntax ? maskProse(upstream!, syntax).split('\n') : null;
  const upstreamLines = code ? upstream!.split('\n') : null;
  const out: string[] = [];
  let shift = 0; // where the change's earlier hunks moved this one in the new text
  for (const hunk of hunks) {
    let at = hunk.oldStart + shift;
    for (const line of hunk.lines) {
      if (line.op === '-') {
        shift--;
        continue;
      }
      const index = at++;
      if (line.op === ' ') continue;
      shift++;
      // The masked line where it is this line (the hunks are the upstream text's own).
      const same = upstreamLines?.[index] === line.text.replace(/\n$/, '');
      out.push(same ? code![index]! : codeOf(line.text, hash));
    }
  }
  return out;
}

/**
 * Names (four characters or more) in the added lines of `hunks` that none of `known` (the
 * target's versions of the changed files) contains as a whole word.
 */
export function unfamiliarNames(
  path: string,
  hunks: Hunk[],
  known: string[],
  /** Names the rest of the change declares (its other files, the files it adds). */
  declaredElsewhere: Set<string> = new Set(),
  /**
   * The file after the change: its comments and strings, including those that span lines, are
   * prose (when the path's language is one `proseSyntaxOf` knows).
   */
  upstream?: string,
): string[] {
  const used = new Set<string>();
  for (const text of addedCode(path, hunks, upstream))
    for (const match of text.matchAll(NAME)) used.add(match[0]);
  // A name the fix itself declares (a new local, parameter, function, member, or something
  // in another of its files) needs nothing before it; nor does a keyword.
  for (const name of declaredInAdded(path, hunks)) used.delete(name);
  for (const name of declaredElsewhere) used.delete(name);
  for (const name of keywordsOf(languageOfPath(path)) ?? []) used.delete(name);
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
