import { describe, expect, it } from 'vitest';
import { portFileText } from './port-file.js';

const port = (base: string, upstream: string, target: string, test = false) =>
  portFileText({ base, upstream, target, minConfidence: 0.9, test });

describe('a hunk whose removed lines the target edited otherwise', () => {
  const header = (define: string, flags: string) =>
    [
      '#ifndef LOOP_SET_DIRECT_IO',
      '#define LOOP_SET_DIRECT_IO 0x4C08',
      '#endif',
      '',
      '#ifndef LOOP_SET_STATUS_SETTABLE_FLAGS',
      `${define} LOOP_SET_STATUS_SETTABLE_FLAGS (${flags})`,
      '#endif',
      '',
    ].join('\n');
  const all = 'LO_FLAGS_AUTOCLEAR | LO_FLAGS_PARTSCAN | LO_FLAGS_DIRECT_IO';
  const fewer = 'LO_FLAGS_AUTOCLEAR | LO_FLAGS_PARTSCAN';

  it("merges upstream's edit into the target's spelling of the line, word by word", () => {
    // Upstream writes `#  define`; the old branch `#define`. The fix drops a flag.
    const result = port(
      header('#  define', all),
      header('#  define', fewer),
      header('#define', all),
    );
    expect(result.status).toBe('adapted');
    expect(result.hunks[0]).toMatchObject({
      status: 'adapted',
      strategy: 'merged',
      confidence: 0.9,
      explanation: expect.stringContaining('merged word by word'),
    });
    expect(result.content).toBe(header('#define', fewer));
  });

  /** A function whose condition the fix edits; `value` is what it compares, `set` what it sets. */
  const assign = (value: string, op: string, set: string, tail: string) =>
    [
      'function assign(doc, path, key) {',
      '  if (pathtype === "real") {',
      '    set(doc, key);',
      `  } else if (pathtype === 'nested' && ${value} ${op} null) {`,
      `    doc.$set(key, ${set});`,
      '  }',
      `${tail}}`,
      '',
    ].join('\n');

  it('keeps a name the target spells otherwise in the line the fix edits', () => {
    const code = (value: string, op: string) => assign(value, op, 'null', '');
    const result = port(
      code('valForKey', '==='),
      code('valForKey', '=='),
      code('path[key]', '==='),
    );
    expect(result.hunks[0]).toMatchObject({ status: 'adapted', strategy: 'merged' });
    expect(result.content).toBe(code('path[key]', '=='));
  });

  it('keeps the edits the target made to context lines as well', () => {
    const code = (value: string, op: string) =>
      assign(value, op, value, `  return finish(doc, key, ${value});\n`);
    const result = port(
      code('valForKey', '==='),
      code('valForKey', '=='),
      code('path[key]', '==='),
    );
    expect(result.hunks[0]).toMatchObject({
      status: 'adapted',
      strategy: 'merged',
      explanation: expect.stringContaining(
        'the target had edited 3 of them (1 that the fix changes)',
      ),
    });
    expect(result.content).toBe(code('path[key]', '=='));
    // With fewer than two context lines as they were, nothing anchors the place.
    const anchorless = code('path[key]', '===')
      .replace('function assign(doc, path, key) {', 'function assign(doc, path, key, opts) {')
      .replace('set(doc, key);', 'set(doc, key, opts);')
      .replace('  if (pathtype === "real") {', '  if (pathtype === "real" && opts) {');
    expect(port(code('valForKey', '==='), code('valForKey', '=='), anchorless).status).toBe(
      'conflict',
    );
  });

  it('keeps the CRLF line endings of the target', () => {
    const crlf = (text: string) => text.replace(/\n/g, '\r\n');
    const result = port(
      header('#  define', all),
      header('#  define', fewer),
      crlf(header('#define', all)),
    );
    expect(result.content).toBe(crlf(header('#define', fewer)));
  });

  it('stays a conflict when both edit the same words', () => {
    const code = (limit: string) =>
      [
        'function load(input) {',
        '  const text = read(input);',
        `  const value = parse(text, { limit: ${limit} });`,
        '  return value;',
        '}',
        '',
      ].join('\n');
    const result = port(code('100'), code('50'), code('200'));
    expect(result.status).toBe('conflict');
    expect(result.hunks[0]).toMatchObject({ status: 'conflict' });
  });

  it('stays a conflict when the target rewrote most of the line', () => {
    const result = port(
      header('#  define', all),
      header('#  define', fewer),
      header('#define', 'LOOP_FLAGS_MASK & ~LOOP_FLAGS_RESERVED'),
    );
    expect(result.status).toBe('conflict');
  });

  it('takes no short line kept in part for the same line (`line 8` and `old 8`)', () => {
    const base = Array.from({ length: 20 }, (_, i) => `line ${i + 1}\n`).join('');
    const target = base.replace(/line (8|9|10|11|12)\n/g, 'old $1\n');
    const result = port(base, base.replace('line 10\n', 'line ten\n'), target);
    expect(result.status).toBe('conflict');
  });

  it('stays a conflict when a context line differs as well', () => {
    const drifted = header('#define', all).replace(
      '#ifndef LOOP_SET_STATUS_SETTABLE_FLAGS',
      '#if !defined(LOOP_SET_STATUS_SETTABLE_FLAGS)',
    );
    const result = port(header('#  define', all), header('#  define', fewer), drifted);
    expect(result.status).toBe('conflict');
  });
});
