import { describe, expect, it } from 'vitest';
import { diffHunks } from './hunks.js';
import { newerSyntax } from './newer-syntax.js';

const check = (path: string, base: string, upstream: string, target = base) =>
  newerSyntax(path, diffHunks(base, upstream), target);

describe('newerSyntax', () => {
  const js = 'function size(options) {\n  var limit = options.limit;\n  return limit;\n}\n';

  it('names syntax the added JavaScript uses and the target file never does', () => {
    const fixed = js.replace('options.limit', 'options?.limit ?? 10');
    expect(check('lib/size.js', js, fixed)).toEqual([
      'optional chaining (`?.`, ES2020)',
      'nullish coalescing (`??`, ES2020)',
    ]);
    // A target that uses it already runs it.
    expect(check('lib/size.js', js, fixed, `${js}const x = a?.b ?? c;\n`)).toEqual([]);
    // Never in TypeScript: its compiler lowers it for the branch's target.
    expect(check('lib/size.ts', js, fixed)).toEqual([]);
  });

  it('reads code only: the same characters in a string or a comment are no syntax', () => {
    const fixed = js.replace(
      '  return limit;',
      '  // is options?.limit set ?? maybe\n  log("a?.b ?? c");\n  return limit;',
    );
    expect(check('lib/size.js', js, fixed)).toEqual([]);
  });

  it('knows async functions in JavaScript, safe navigation in Ruby, f-strings and := in Python', () => {
    expect(check('lib/a.js', js, js.replace('function size', 'async function size'))).toEqual([
      'async functions (`async`/`await`, ES2017)',
    ]);
    const rb = 'def first(splits)\n  splits.first\nend\n';
    expect(check('lib/a.rb', rb, rb.replace('splits.first', 'splits&.first'))).toEqual([
      'safe navigation (`&.`, Ruby 2.3)',
    ]);
    const py = 'def fail(length):\n    raise ValueError("bad length %d" % length)\n';
    expect(
      check('a.py', py, py.replace('"bad length %d" % length', 'f"bad length {length}"')),
    ).toEqual(['f-strings (Python 3.6)']);
    expect(
      check('a.py', py, py.replace('    raise', '    if (n := length):\n        raise')),
    ).toEqual(['assignment expressions (`:=`, Python 3.8)']);
    // Older syntax is no news: arrow functions, `const`.
    expect(check('lib/a.js', js, js.replace('var limit', 'const limit'))).toEqual([]);
  });
});
