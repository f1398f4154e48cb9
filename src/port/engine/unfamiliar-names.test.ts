import { describe, expect, it } from 'vitest';
import { diffHunks } from './hunks.js';
import { declaredInAdded, unfamiliarNames } from './unfamiliar-names.js';

const names = (path: string, base: string, upstream: string, known: string[]) =>
  unfamiliarNames(path, diffHunks(base, upstream), known);

describe('unfamiliarNames', () => {
  const base = 'def read(doc, key):\n    value = doc.fields\n    return value[key]\n';

  it('lists names the added lines use that no known text mentions', () => {
    const upstream = base.replace(
      '    return',
      '    if not has_own_key(value, key):\n        return None\n    return',
    );
    // `None` is the language's own: never looked for.
    expect(names('lib/doc.py', base, upstream, [base])).toEqual(['has_own_key']);
    const helper = 'def has_own_key(o, k):\n    return None\n';
    expect(names('lib/doc.py', base, upstream, [base, helper])).toEqual([]);
  });

  it('leaves out the names the fix itself declares', () => {
    const upstream = base.replace(
      '    return',
      '    def has_key(mapping, wanted_key):\n        return wanted_key in mapping\n    checked = has_key(value, key)\n    self.was_checked = checked and audit_key(key)\n    return',
    );
    // Parameters, a new function and a new local need nothing; the member assigned through
    // `self.` and the helper called are still looked for.
    expect(names('lib/doc.py', base, upstream, [base, 'self'])).toEqual([
      'audit_key',
      'was_checked',
    ]);
    const js = 'function read(doc) {\n  return doc.fields;\n}\n';
    const jsUp = js.replace(
      '  return',
      '  const fieldsCopy = cloneFields(doc.fields);\n  if (fieldsCopy == null) return null;\n  return',
    );
    expect(names('lib/doc.js', js, jsUp, [js, 'const a = null;'])).toEqual(['cloneFields']);
  });

  it('ignores strings, comments and short names', () => {
    const upstream = base.replace(
      '    return',
      '    # has_own_key would be better here\n    if key == "has_own_key" or key == \'other_name\':  # legacy_check\n        raise KeyError(key)\n    return',
    );
    // KeyError is new to the known text (`raise` is a keyword); nothing from strings or comments.
    expect(names('lib/doc.py', base, upstream, [base])).toEqual(['KeyError']);
  });

  it('keeps `#` for what it is in C-like languages', () => {
    const js = 'class Doc {\n  read(key) {\n    return this.fields[key];\n  }\n}\n';
    const upstream = js.replace(
      '    return',
      '    if (!this.#allowed(key)) return undefined;\n    return',
    );
    expect(names('lib/doc.js', js, upstream, [js])).toEqual(['allowed']);
  });

  it('skips block-comment lines', () => {
    const java = 'class Doc {\n  Object read(String key) {\n    return fields.get(key);\n  }\n}\n';
    const upstream = java.replace(
      '  Object read',
      '  /**\n   * Reads one field, see LegacyReader.\n   */\n  Object read',
    );
    expect(names('Doc.java', java, upstream, [java])).toEqual([]);
  });

  it('leaves out members, keys and methods the fix declares, and what its other files declare', () => {
    const ts = 'export function serve(options) {\n  return start(options);\n}\n';
    const upstream = ts.replace(
      '  return start(options);',
      [
        '  const settings = {',
        '    denyHiddenFiles: true,',
        '    checkAccess: checkServingAccess,',
        '  };',
        '  return start(options, settings, rejectInvalidRequest());',
      ].join('\n'),
    );
    // `denyHiddenFiles` and `checkAccess` are keys; the two helpers come from elsewhere.
    expect(names('src/serve.ts', ts, upstream, [ts])).toEqual([
      'checkServingAccess',
      'rejectInvalidRequest',
    ]);
    // A file the fix adds declares one, another changed file the other.
    const added =
      'export function rejectInvalidRequest() {\n  return (req, res, next) => next();\n}\n';
    const other =
      'class Access {\n  checkServingAccess(url: string): boolean {\n    return true;\n  }\n}\n';
    const declared = new Set([
      ...declaredInAdded('src/reject.ts', diffHunks('', added)),
      ...declaredInAdded('src/access.ts', diffHunks('', other)),
    ]);
    expect(unfamiliarNames('src/serve.ts', diffHunks(ts, upstream), [ts], declared)).toEqual([]);
  });

  it('never looks for a keyword or a built-in of the file’s language', () => {
    const go = 'func Read(key string) string {\n\treturn cache[key]\n}\n';
    const upstream = go.replace(
      '\treturn',
      '\tdefer release()\n\tif len(key) > 0 {\n\t\tpanic(describeKey(key))\n\t}\n\treturn',
    );
    expect(names('store/read.go', go, upstream, [go])).toEqual(['describeKey', 'release']);
    // The same words in a language where they are not keywords are names like any other.
    const py = 'def read(key):\n    return cache[key]\n';
    const pyUp = py.replace('    return', '    defer(release)\n    return');
    expect(names('store/read.py', py, pyUp, [py])).toEqual(['defer', 'release']);
  });
});

describe('unfamiliarNames with the file’s text: comments and strings are prose', () => {
  const read = (path: string, base: string, upstream: string) =>
    unfamiliarNames(path, diffHunks(base, upstream), [base], new Set(), upstream);

  it('reads a Python docstring the change adds as prose, and the code around it as code', () => {
    const base = 'def connect(url):\n    return open_pool(url)\n';
    const upstream = [
      'def connect(url):',
      '    """Connects once per thread.',
      '',
      '    Without sharing, coroutines interfere unpredictably.',
      '    """',
      '    return open_pool(url, shared_cache=SHARED_CACHE)',
      '',
    ].join('\n');
    // (A keyword argument reads as an assignment: `shared_cache=` is not looked for.)
    expect(read('lib/pool.py', base, upstream)).toEqual(['SHARED_CACHE']);
    // Without the file's text, the prose reads as names.
    expect(unfamiliarNames('lib/pool.py', diffHunks(base, upstream), [base])).toContain(
      'coroutines',
    );
  });

  it('reads multi-line comments and template literals as prose, their `${}` as code', () => {
    const base = 'export function prompt(task) {\n  return run(task);\n}\n';
    const upstream = [
      '/**',
      '  Builds the prompt.',
      '  @for Keywords',
      '*/',
      'export function prompt(task) {',
      '  const text = `Analyzes the component.',
      '  Operational Notes: ${describeTask(task)} MUST be kept.',
      '  `;',
      '  return run(task, text, 1_000_000);',
      '}',
      '',
    ].join('\n');
    expect(read('src/prompt.ts', base, upstream)).toEqual(['describeTask']);
  });

  it('reads Ruby heredocs as prose and `#{}` in a regular expression as code', () => {
    const base = 'def rules(path)\n  path\nend\n';
    const upstream = [
      'def rules(path)',
      '  sql = <<~SQL',
      '    SELECT inhseqno FROM pg_inherits',
      '  SQL',
      '  /\\.#{Regexp.union(allowed_rules)}\\z/.match?(path) # compare_later',
      'end',
      '',
    ].join('\n');
    // (`match` and `union` are members: looked for like any name.)
    expect(read('lib/rules.rb', base, upstream)).toEqual([
      'Regexp',
      'allowed_rules',
      'match',
      'union',
    ]);
  });
});
