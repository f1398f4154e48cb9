// The functions, methods and classes a source file defines, with their line spans, read from a
// tree-sitter syntax tree. Pure: the caller hands in a parser already set to the file's
// language (loading grammars is I/O and lives in src/app/), text in, outline out.
import { Query, type Language, type Node, type Parser } from 'web-tree-sitter';

export type SymbolLanguage =
  'javascript' | 'typescript' | 'tsx' | 'python' | 'java' | 'c' | 'ruby' | 'go';

/** Callables (functions, methods, constructors) and types (classes, modules, structs). */
export type SymbolKind = 'function' | 'class';

export interface CodeSymbol {
  /** The symbol's own name, as a reader would search for it. */
  name: string;
  /** Enclosing symbols' names and its own, dot-joined ("Parser.parse"). */
  qualified: string;
  kind: SymbolKind;
  /** First line (0-based) and the line after the last. */
  start: number;
  end: number;
}

const EXTENSIONS: Record<string, SymbolLanguage> = {
  js: 'javascript',
  mjs: 'javascript',
  cjs: 'javascript',
  jsx: 'javascript',
  ts: 'typescript',
  mts: 'typescript',
  cts: 'typescript',
  tsx: 'tsx',
  py: 'python',
  java: 'java',
  c: 'c',
  h: 'c',
  rb: 'ruby',
  go: 'go',
};

export function languageOfPath(path: string): SymbolLanguage | null {
  const name = path.split('/').pop() ?? '';
  const dot = name.lastIndexOf('.');
  if (dot <= 0 || name.endsWith('.d.ts')) return null;
  return EXTENSIONS[name.slice(dot + 1).toLowerCase()] ?? null;
}

/** Path globs (`*.js`, …) of the files written in `language`, for searching them alone. */
export function pathGlobsOf(language: SymbolLanguage): string[] {
  return Object.entries(EXTENSIONS)
    .filter(([, l]) => l === language)
    .map(([ext]) => `*.${ext}`);
}

const FUNCTION_VALUES = new Set([
  'arrow_function',
  'function',
  'function_expression',
  'generator_function',
]);

/** The node types that define a symbol, per grammar family. */
const DEFINITIONS: Record<'js' | SymbolLanguage, Record<string, SymbolKind>> = {
  js: {
    function_declaration: 'function',
    generator_function_declaration: 'function',
    method_definition: 'function',
    class_declaration: 'class',
    abstract_class_declaration: 'class',
    interface_declaration: 'class',
    // `const f = () => …`, `exports.f = function …`, `{ f: function … }`: checked below.
    variable_declarator: 'function',
    assignment_expression: 'function',
    pair: 'function',
  },
  javascript: {},
  typescript: {},
  tsx: {},
  python: { function_definition: 'function', class_definition: 'class' },
  java: {
    method_declaration: 'function',
    constructor_declaration: 'function',
    class_declaration: 'class',
    interface_declaration: 'class',
    enum_declaration: 'class',
    record_declaration: 'class',
  },
  c: { function_definition: 'function', struct_specifier: 'class' },
  ruby: { method: 'function', singleton_method: 'function', class: 'class', module: 'class' },
  go: { function_declaration: 'function', method_declaration: 'function', type_spec: 'class' },
};

function definitionsOf(language: SymbolLanguage): Record<string, SymbolKind> {
  return language === 'javascript' || language === 'typescript' || language === 'tsx'
    ? DEFINITIONS.js
    : DEFINITIONS[language];
}

/** The definition node types the grammar knows, as one query (compiled once per grammar). */
const queries = new WeakMap<Language, Query | null>();
function definitionQuery(language: Language, kinds: Record<string, SymbolKind>): Query | null {
  if (!queries.has(language)) {
    // A query naming a node type the grammar lacks does not compile: only known types go in.
    const types = Object.keys(kinds).filter((t) => language.idForNodeType(t, true));
    queries.set(
      language,
      types.length > 0
        ? new Query(language, `[${types.map((t) => `(${t})`).join(' ')}] @def`)
        : null,
    );
  }
  return queries.get(language)!;
}

/** The outline of `text`; `parser` must already have the language set. */
export function outline(parser: Parser, language: SymbolLanguage, text: string): CodeSymbol[] {
  const tree = parser.parse(text);
  if (!tree || !parser.language) return [];
  try {
    const kinds = definitionsOf(language);
    const query = definitionQuery(parser.language, kinds);
    if (!query) return [];
    const symbols: CodeSymbol[] = [];
    // The query finds the definition nodes inside the grammar (walking every node from
    // JavaScript is most of the time on a large file); nesting gives the qualified names.
    const open: Array<{ end: number; qualified: string }> = [];
    for (const { node } of query.captures(tree.rootNode)) {
      const kind = kinds[node.type];
      const name = kind ? nameOf(node, language) : null;
      if (!kind || !name) continue;
      while (open.length > 0 && open[open.length - 1]!.end <= node.startIndex) open.pop();
      const scope = open[open.length - 1]?.qualified;
      const qualified = scope ? `${scope}.${name}` : name;
      const end = node.endPosition;
      symbols.push({
        name,
        qualified,
        kind,
        start: node.startPosition.row,
        end: end.column === 0 ? end.row : end.row + 1,
      });
      open.push({ end: node.endIndex, qualified });
    }
    return symbols.sort((a, b) => a.start - b.start || b.end - a.end);
  } finally {
    tree.delete();
  }
}

function nameOf(node: Node, language: SymbolLanguage): string | null {
  switch (node.type) {
    case 'variable_declarator':
    case 'pair':
    case 'assignment_expression': {
      const value = node.childForFieldName(
        node.type === 'assignment_expression' ? 'right' : 'value',
      );
      if (!value || !FUNCTION_VALUES.has(value.type)) return null;
      const target = node.childForFieldName(
        node.type === 'variable_declarator' ? 'name' : node.type === 'pair' ? 'key' : 'left',
      );
      if (!target) return null;
      // `Foo.prototype.bar = function` is `bar`.
      const property =
        target.type === 'member_expression' ? target.childForFieldName('property') : target;
      return identifier(property?.text);
    }
    case 'function_definition':
      if (language === 'c') {
        let declarator = node.childForFieldName('declarator');
        while (declarator?.childForFieldName('declarator'))
          declarator = declarator.childForFieldName('declarator');
        return identifier(declarator?.text);
      }
      return identifier(node.childForFieldName('name')?.text);
    case 'struct_specifier':
      // Only a struct with a body defines it; `struct foo *p` merely names it.
      return node.childForFieldName('body')
        ? identifier(node.childForFieldName('name')?.text)
        : null;
    default: {
      const name = node.childForFieldName('name')?.text;
      // Ruby's `class Foo::Bar` is `Bar`.
      return identifier(name?.split('::').pop());
    }
  }
}

function identifier(text: string | undefined): string | null {
  if (!text) return null;
  const clean = text.replace(/^['"]|['"]$/g, '');
  return /^[A-Za-z_$][\w$]*[?!=]?$/.test(clean) ? clean : null;
}
