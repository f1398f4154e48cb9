import { describe, expect, it } from 'vitest';
import { diffHunks } from './hunks.js';
import { unfamiliarNames } from './unfamiliar-names.js';

const names = (path: string, base: string, upstream: string, known: string[]) =>
  unfamiliarNames(path, diffHunks(base, upstream), known);

describe('unfamiliarNames', () => {
  const base = 'def read(doc, key):\n    value = doc.fields\n    return value[key]\n';

  it('lists names the added lines use that no known text mentions', () => {
    const upstream = base.replace(
      '    return',
      '    if not has_own_key(value, key):\n        return None\n    return',
    );
    expect(names('lib/doc.py', base, upstream, [base])).toEqual(['None', 'has_own_key']);
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
    // KeyError and raise are new to the known text; nothing from strings or comments.
    expect(names('lib/doc.py', base, upstream, [base])).toEqual(['KeyError', 'raise']);
  });

  it('keeps `#` for what it is in C-like languages', () => {
    const js = 'class Doc {\n  read(key) {\n    return this.fields[key];\n  }\n}\n';
    const upstream = js.replace(
      '    return',
      '    if (!this.#allowed(key)) return undefined;\n    return',
    );
    expect(names('lib/doc.js', js, upstream, [js])).toEqual(['allowed', 'undefined']);
  });

  it('skips block-comment lines', () => {
    const java = 'class Doc {\n  Object read(String key) {\n    return fields.get(key);\n  }\n}\n';
    const upstream = java.replace(
      '  Object read',
      '  /**\n   * Reads one field, see LegacyReader.\n   */\n  Object read',
    );
    expect(names('Doc.java', java, upstream, [java])).toEqual([]);
  });
});
