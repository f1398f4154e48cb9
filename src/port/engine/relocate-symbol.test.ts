import { beforeAll, describe, expect, it } from 'vitest';
import { outlinerFor, type Outliner } from '../../app/symbol-outlines.js';
import { portFileText } from './port-file.js';
import { enclosingSymbol, relocateBySymbol } from './relocate-symbol.js';
import { splitLines } from './lines.js';
import { diffHunks } from './hunks.js';

// Each case: the same guarded lines appear in two symbols of the target (a copy pasted into
// `other`, and `target` itself moved below it), so the context alone is ambiguous and only the
// enclosing symbol says where the fix belongs.
interface Case {
  path: string;
  /** The symbol, with CHECK where the fix goes, and its copy under another name. */
  symbol: (name: string) => string;
  check: string;
  fix: string;
  name: string;
  other: string;
  /** How the symbol is qualified in the outline. */
  qualified: string;
}

const cases: Case[] = [
  {
    path: 'lib/parse.js',
    symbol: (n) =>
      `function ${n}(input) {\n  const value = decode(input);\n  CHECK\n  store(value);\n  return value;\n}\n`,
    check: '  validate(value);\n',
    fix: '  if (value.length > LIMIT) throw new RangeError("too long");\n',
    name: 'parseQuery',
    other: 'parseBody',
    qualified: 'parseQuery',
  },
  {
    path: 'src/parser.ts',
    symbol: (n) =>
      `  ${n}(input: string): Value {\n    const value = decode(input);\n    CHECK\n    store(value);\n    return value;\n  }\n`,
    check: '    validate(value);\n',
    fix: '    if (value.length > LIMIT) throw new RangeError("too long");\n',
    name: 'parseQuery',
    other: 'parseBody',
    qualified: 'Parser.parseQuery',
  },
  {
    path: 'pkg/parser.py',
    symbol: (n) =>
      `    def ${n}(self, data):\n        value = decode(data)\n        CHECK\n        store(value)\n        return value\n\n`,
    check: '        validate(value)\n',
    fix: '        if len(value) > LIMIT:\n            raise ValueError("too long")\n',
    name: 'parse_query',
    other: 'parse_body',
    qualified: 'Parser.parse_query',
  },
  {
    path: 'src/main/java/org/example/Parser.java',
    symbol: (n) =>
      `    public Value ${n}(String input) {\n        Value value = decode(input);\n        CHECK\n        store(value);\n        return value;\n    }\n`,
    check: '        validate(value);\n',
    fix: '        if (value.length() > LIMIT) throw new IllegalArgumentException("too long");\n',
    name: 'parseQuery',
    other: 'parseBody',
    qualified: 'Parser.parseQuery',
  },
  {
    path: 'src/parser.c',
    symbol: (n) =>
      `static int\n${n}(const char *input, struct value *value)\n{\n\tdecode(input, value);\n\tCHECK\n\tstore(value);\n\treturn 0;\n}\n\n`,
    check: '\tvalidate(value);\n',
    fix: '\tif (value->length > LIMIT)\n\t\treturn -1;\n',
    name: 'parse_query',
    other: 'parse_body',
    qualified: 'parse_query',
  },
  {
    path: 'lib/parser.rb',
    symbol: (n) =>
      `    def ${n}(input)\n      value = decode(input)\n      CHECK\n      store(value)\n      value\n    end\n\n`,
    check: '      validate(value)\n',
    fix: '      raise ArgumentError, "too long" if value.length > LIMIT\n',
    name: 'parse_query',
    other: 'parse_body',
    qualified: 'Rack.Parser.parse_query',
  },
  {
    path: 'parser/parser.go',
    symbol: (n) =>
      `func (p *Parser) ${n}(input string) (Value, error) {\n\tvalue := decode(input)\n\tCHECK\n\tstore(value)\n\treturn value, nil\n}\n\n`,
    check: '\tvalidate(value)\n',
    fix: '\tif len(value) > limit {\n\t\treturn nil, errTooLong\n\t}\n',
    name: 'parseQuery',
    other: 'parseBody',
    qualified: 'parseQuery',
  },
];

/** Wraps symbols in the file shape of the language (class, module, package). */
function file(c: Case, body: string): string {
  if (c.path.endsWith('.ts')) return `export class Parser {\n${body}}\n`;
  if (c.path.endsWith('.py')) return `import json\n\n\nclass Parser:\n${body}`;
  if (c.path.endsWith('.java')) return `package org.example;\n\npublic class Parser {\n${body}}\n`;
  if (c.path.endsWith('.rb')) return `module Rack\n  class Parser\n${body}  end\nend\n`;
  if (c.path.endsWith('.go')) return `package parser\n\n${body}`;
  if (c.path.endsWith('.c')) return `#include "parser.h"\n\n${body}`;
  return `'use strict';\n\n${body}`;
}

/** Three more lines before the decode line, so the hunk's context does not reach the symbol's name. */
function padded(symbol: string): string {
  return symbol.replace(/^(.*)decode(.*)$/m, (line) =>
    ['header', 'options', 'limits', 'value']
      .map((v) =>
        line.replace(/value/g, v).replace('decode', v === 'value' ? 'decode' : `read_${v}`),
      )
      .join('\n'),
  );
}

let outliner: Outliner;
beforeAll(async () => {
  outliner = await outlinerFor(cases.map((c) => c.path));
});

describe('relocation by enclosing symbol', () => {
  for (const c of cases) {
    const sym = (name: string, check: string) =>
      padded(c.symbol(name)).replace(/^[ \t]*CHECK\n/m, check);
    const base = file(c, sym(c.name, c.check));
    const upstream = file(c, sym(c.name, c.check + c.fix));
    // The target: another symbol with the very same lines comes first, the fixed one after.
    const target = file(c, sym(c.other, c.check) + sym(c.name, c.check));
    const expected = file(c, sym(c.other, c.check) + sym(c.name, c.check + c.fix));

    it(`${c.path}: outlines the symbol that encloses the change`, () => {
      const outline = outliner(c.path, base)!;
      const found = enclosingSymbol(outline, diffHunks(base, upstream)[0]!);
      expect(found).toMatchObject({ name: c.name, qualified: c.qualified, kind: 'function' });
    });

    it(`${c.path}: places the fix in the same-named symbol, not in the copy`, () => {
      const symbols = { base: outliner(c.path, base)!, target: outliner(c.path, target)! };
      const ported = portFileText({ base, upstream, target, minConfidence: 0.9, symbols });
      expect(ported.content).toBe(expected);
      expect(ported.status).toBe('adapted');
      expect(ported.hunks[0]).toMatchObject({ status: 'adapted', strategy: 'symbol' });
      expect(ported.hunks[0]!.explanation).toContain(c.qualified);
    });

    it(`${c.path}: without the outline the fix lands in the copy, at its old place`, () => {
      const ported = portFileText({ base, upstream, target, minConfidence: 0.9 });
      expect(ported.content).not.toBe(expected);
    });
  }

  it('keeps the ordinary outcome when the nearest place is inside the symbol', () => {
    const c = cases[0]!;
    const sym = (name: string, check: string) =>
      padded(c.symbol(name)).replace(/^[ \t]*CHECK\n/m, check);
    const base = file(c, sym(c.name, c.check));
    const upstream = file(c, sym(c.name, c.check + c.fix));
    const target = file(c, sym(c.name, c.check) + sym(c.other, c.check));
    const symbols = { base: outliner(c.path, base)!, target: outliner(c.path, target)! };
    const ported = portFileText({ base, upstream, target, minConfidence: 0.9, symbols });
    expect(ported.content).toBe(file(c, sym(c.name, c.check + c.fix) + sym(c.other, c.check)));
    expect(ported.hunks[0]).toMatchObject({ status: 'applied', strategy: 'exact' });
  });

  it('does not relocate when the target has two symbols of that name', () => {
    const c = cases[0]!;
    const sym = (name: string) => padded(c.symbol(name)).replace(/^[ \t]*CHECK\n/m, c.check);
    const base = file(c, sym(c.name));
    const upstream = file(c, padded(c.symbol(c.name)).replace(/^[ \t]*CHECK\n/m, c.check + c.fix));
    const target = file(c, sym(c.other) + sym(c.name) + sym(c.name));
    const relocated = relocateBySymbol({
      target: splitLines(target),
      hunk: diffHunks(base, upstream)[0]!,
      cursor: 0,
      base: outliner(c.path, base)!,
      symbols: outliner(c.path, target)!,
      minConfidence: 0.9,
    });
    expect(relocated).toBeNull();
  });

  it('does not relocate a hunk outside any symbol', () => {
    const c = cases[0]!;
    const sym = (name: string) => padded(c.symbol(name)).replace(/^[ \t]*CHECK\n/m, c.check);
    const header = `const a = 1;\nconst b = 2;\nconst c = 3;\n`;
    const base = header + sym(c.name);
    const upstream = header.replace('const b = 2;\n', 'const b = 20;\n') + sym(c.name);
    const target = header + sym(c.other) + header + sym(c.name);
    const hunk = diffHunks(base, upstream)[0]!;
    expect(enclosingSymbol(outliner(c.path, base)!, hunk)).toBeNull();
    const relocated = relocateBySymbol({
      target: splitLines(target),
      hunk,
      cursor: 0,
      base: outliner(c.path, base)!,
      symbols: outliner(c.path, target)!,
      minConfidence: 0.9,
    });
    expect(relocated).toBeNull();
  });

  it('places a hunk in a symbol of another file and names that file', () => {
    const c = cases[0]!;
    const sym = (name: string, check: string) =>
      padded(c.symbol(name)).replace(/^[ \t]*CHECK\n/m, check);
    const base = file(c, sym(c.name, c.check));
    const upstream = file(c, sym(c.name, c.check + c.fix));
    const other = `'use strict';\n\nconst x = 1;\n\n${sym(c.name, c.check)}`;
    const relocated = relocateBySymbol({
      target: splitLines(other),
      hunk: diffHunks(base, upstream)[0]!,
      cursor: 0,
      base: outliner(c.path, base)!,
      symbols: outliner('lib/query.js', other)!,
      minConfidence: 0.9,
      where: 'lib/query.js',
    })!;
    expect(relocated.outcome).toMatchObject({ status: 'adapted', strategy: 'symbol', line: 8 });
    expect(relocated.outcome.explanation).toContain('parseQuery (lines 5–13 of lib/query.js)');
  });
});
