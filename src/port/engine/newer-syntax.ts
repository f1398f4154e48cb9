// Syntax a fix's added code uses that the target's version of the file never does, from
// language versions an old branch may still have to run on: optional chaining in a JavaScript
// file written without it, Ruby's safe navigation, Python's f-strings. The text merges cleanly
// and still may not run there; maintainers rewrite such lines for the branch (`a&.b` as
// `a && a.b`), so the port is not sure. Only syntax from language versions of 2016 on, which
// release branches commonly still support runtimes without, and never in TypeScript (its
// compiler lowers every one of these for the branch's target). Pure: texts in, names out.
import type { Hunk } from './hunks.js';
import { maskProse, proseSyntaxOf } from './prose-mask.js';

interface Feature {
  name: string;
  /** Found in code (comments and strings masked) … */
  code?: RegExp;
  /** … or in the raw line (a string's prefix, such as Python's `f"`). */
  raw?: RegExp;
}

const LANGUAGES: Array<{ path: RegExp; features: Feature[] }> = [
  {
    path: /\.(?:js|mjs|cjs|jsx)$/i,
    features: [
      { name: 'optional chaining (`?.`, ES2020)', code: /\?\.(?!\d)/ },
      { name: 'nullish coalescing (`??`, ES2020)', code: /\?\?/ },
      { name: 'async functions (`async`/`await`, ES2017)', code: /\b(?:async|await)\b/ },
    ],
  },
  {
    path: /\.rb$/i,
    features: [{ name: 'safe navigation (`&.`, Ruby 2.3)', code: /&\.(?=[A-Za-z_])/ }],
  },
  {
    path: /\.py$/i,
    features: [
      { name: 'f-strings (Python 3.6)', raw: /(?<![\w.])(?:[rR][fF]|[fF][rR]?)["']/ },
      { name: 'assignment expressions (`:=`, Python 3.8)', code: /:=/ },
    ],
  },
];

/** The features the hunks' added lines use and the target's text never does. */
export function newerSyntax(path: string, hunks: Hunk[], target: string): string[] {
  const language = LANGUAGES.find((l) => l.path.test(path));
  const prose = proseSyntaxOf(path);
  if (!language || !prose) return [];
  const added = hunks.map((h) =>
    h.lines
      .filter((l) => l.op === '+')
      .map((l) => l.text)
      .join(''),
  );
  const addedCode = added.map((text) => maskProse(text, prose));
  let targetCode: string | undefined;
  const found: string[] = [];
  for (const feature of language.features) {
    const pattern = feature.code ?? feature.raw!;
    const uses = (feature.code ? addedCode : added).some((text) => pattern.test(text));
    if (!uses) continue;
    const targetText = feature.code ? (targetCode ??= maskProse(target, prose)) : target;
    if (!pattern.test(targetText)) found.push(feature.name);
  }
  return found;
}
