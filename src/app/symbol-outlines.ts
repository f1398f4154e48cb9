// Loads tree-sitter grammars (WASM, no native build) and outlines source files with them, for
// the port engine's relocation by enclosing symbol. Loading the grammar files is I/O, so it
// lives here; the outline itself is the pure src/port/engine/symbols.ts.
//
// Runtime: web-tree-sitter 0.25 (the official WASM binding; ABI 13–15). Grammars:
// tree-sitter-wasms, one package with prebuilt grammars for every language we outline
// (JavaScript, TypeScript/TSX, Python, Java, C, Ruby, Go), built with tree-sitter-cli 0.20
// (ABI 14, which web-tree-sitter 0.25 loads). The grammars' own npm packages ship native
// bindings with install scripts and not all of them ship WASM; @vscode/tree-sitter-wasm lacks C.
import { createRequire } from 'node:module';
import { Language, Parser } from 'web-tree-sitter';
import {
  languageOfPath,
  outline,
  type CodeSymbol,
  type SymbolLanguage,
} from '../port/engine/symbols.js';

export type Outliner = (path: string, text: string) => CodeSymbol[] | null;

const require = createRequire(import.meta.url);
const GRAMMAR_FILES: Record<SymbolLanguage, string> = {
  javascript: 'javascript',
  typescript: 'typescript',
  tsx: 'tsx',
  python: 'python',
  java: 'java',
  c: 'c',
  ruby: 'ruby',
  go: 'go',
};

let ready: Promise<void> | null = null;
const parsers = new Map<SymbolLanguage, Promise<Parser>>();

async function parserFor(language: SymbolLanguage): Promise<Parser> {
  let parser = parsers.get(language);
  if (!parser) {
    parser = (async () => {
      ready ??= Parser.init();
      await ready;
      const file = require.resolve(
        `tree-sitter-wasms/out/tree-sitter-${GRAMMAR_FILES[language]}.wasm`,
      );
      const loaded = new Parser();
      loaded.setLanguage(await Language.load(file));
      return loaded;
    })();
    parsers.set(language, parser);
  }
  return parser;
}

/**
 * An outliner ready for the languages of `paths` (grammars loaded once per process): null for
 * a path in a language without a grammar.
 */
export async function outlinerFor(paths: string[]): Promise<Outliner> {
  const languages = [...new Set(paths.map(languageOfPath))].filter(
    (l): l is SymbolLanguage => l !== null,
  );
  const loaded = new Map<SymbolLanguage, Parser>();
  for (const language of languages) loaded.set(language, await parserFor(language));
  return (path, text) => {
    const language = languageOfPath(path);
    const parser = language && loaded.get(language);
    if (!parser || !language) return null;
    // One port asks for the same file's outline again and again (once per hunk, once per
    // candidate file); parsing is most of a conflicted port's time.
    const key = `${language}\0${text}`;
    let symbols = outlines.get(key);
    if (symbols) outlines.delete(key);
    else {
      symbols = outline(parser, language, text);
      cached += key.length;
    }
    outlines.set(key, symbols);
    for (const [old] of outlines) {
      if (outlines.size <= 1 || cached <= MAX_CACHED_CHARS) break;
      outlines.delete(old);
      cached -= old.length;
    }
    return symbols;
  };
}

/** Outlines by language and text, least recently used first; their texts' size is bounded. */
const outlines = new Map<string, CodeSymbol[]>();
let cached = 0;
const MAX_CACHED_CHARS = 16 * 1024 * 1024;
