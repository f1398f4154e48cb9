import { describe, expect, it } from 'vitest';
import { portFileText } from './port-file.js';
import { proseSyntaxOf } from './prose-mask.js';

const fn = (indent: string, body: string) =>
  [
    `${indent}function check(input) {`,
    `${indent}  const value = normalize(input);`,
    `${indent}  ${body}`,
    `${indent}  return value;`,
    `${indent}}`,
    '',
  ].join('\n');

const base = [
  '// header',
  "'use strict';",
  '',
  fn('', 'validate(value);'),
  'module.exports = { check };',
  '',
].join('\n');
const upstream = base.replace(
  '  validate(value);',
  '  validate(value);\n  if (value.length > 1024) throw new Error("too long");',
);

const port = (target: string) => portFileText({ base, upstream, target, minConfidence: 0.7 });

describe('portFileText', () => {
  it('applies to an identical target', () => {
    expect(port(base)).toMatchObject({ status: 'applied', content: upstream, confidence: 1 });
  });

  it('follows code that moved down the file (shifted)', () => {
    const target = `// a new helper\nfunction helper() {}\n\n${base}`;
    const result = port(target);
    expect(result.status).toBe('applied');
    expect(result.hunks[0]).toMatchObject({ strategy: 'shifted', line: 7 });
    expect(result.content).toBe(`// a new helper\nfunction helper() {}\n\n${upstream}`);
  });

  it('re-indents added lines for a re-indented block', () => {
    const target = base.replace(fn('', 'validate(value);'), fn('  ', 'validate(value);'));
    const result = port(target);
    expect(result.status).toBe('adapted');
    expect(result.hunks[0]).toMatchObject({ strategy: 'whitespace' });
    expect(result.content).toContain(
      '    validate(value);\n    if (value.length > 1024) throw new Error("too long");\n',
    );
  });

  it('keeps the target line ending in a CRLF file', () => {
    const target = base.replace(/\n/g, '\r\n');
    const result = port(target);
    expect(result.status).toBe('adapted');
    expect(result.content).toBe(upstream.replace(/\n/g, '\r\n'));
  });

  it('ignores drifted outer context (fuzz) and keeps the target own lines', () => {
    const target = base.replace(
      "'use strict';\n\nfunction check(input) {",
      "'use strict';\n// target comment\nfunction check(input) { // checks",
    );
    const result = port(target);
    expect(result.status).toBe('adapted');
    expect(result.hunks[0]).toMatchObject({ strategy: 'fuzz' });
    expect(result.content).toContain('function check(input) { // checks\n');
    expect(result.content).toContain('  if (value.length > 1024) throw new Error("too long");\n');
  });

  it('shows a place that is not sure enough as a conflict: the target lines against the proposal', () => {
    // Fuzz, and nothing further out to confirm the place: the file around it is new.
    const target = base
      .replace('// header\n', '// rewritten for 2.x\n')
      .replace(
        "'use strict';\n\nfunction check(input) {",
        "import x from 'x';\n// target comment\nfunction check(input) { // checks",
      )
      .replace('module.exports = { check };', 'export { check };');
    const result = portFileText({ base, upstream, target, minConfidence: 0.9 });
    expect(result.status).toBe('conflict');
    expect(result.hunks[0]).toMatchObject({ status: 'conflict', reason: 'below-confidence' });
    // Taking the upstream side of the markers gives what a lower --min-confidence would port.
    const taken = result.content
      .replace(/<<<<<<< target .*\n[^]*?=======\n/, '')
      .replace(/>>>>>>> upstream hunk 1, as retrofit would place it\n/, '');
    expect(taken).toBe(port(target).content);
    expect(result.content).toMatch(
      /<<<<<<< target \(upstream hunk 1 would go here: \d line\(s\) of outer context ignored, 0\.\d0 sure\)\n/,
    );
    // Keeping the target side gives the target unchanged.
    expect(result.placedOnly).toBe(target);
    // The report names the target's line where the proposal starts: the target side's first.
    const lines = result.content.split('\n');
    const firstTargetSide = lines[lines.findIndex((l) => l.startsWith('<<<<<<<')) + 1];
    const hunk = result.hunks[0]!;
    expect(hunk.status === 'conflict' && hunk.targetLine).toBeGreaterThan(0);
    if (hunk.status === 'conflict')
      expect(target.split('\n')[hunk.targetLine! - 1]).toBe(firstTargetSide);
  });

  it('reports an already-applied change as already present', () => {
    const target = upstream.replace('// header', '// header (1.x)');
    const result = port(target);
    expect(result.status).toBe('already-present');
    expect(result.content).toBe(target);
  });

  it('refuses to guess when the lines are gone, leaving markers', () => {
    const target = base
      .replace('  validate(value);', '  assertValid(value, options);')
      .replace('  const value = normalize(input);', '  let value = input;');
    const result = port(target);
    expect(result.status).toBe('conflict');
    expect(result.hunks[0]).toMatchObject({ status: 'conflict', reason: 'context-not-found' });
    expect(result.content).toContain('<<<<<<< target');
    // With no place found, the report names where the hunk was expected: the markers stand
    // just before that line of the target.
    const before = result.content.split('\n').findIndex((l) => l.startsWith('<<<<<<<'));
    expect(before).toBeGreaterThan(0);
    expect(result.hunks[0]).toMatchObject({ targetLine: before + 1 });
    // Without the markers: the target as it was, since no hunk could be placed.
    expect(result.placedOnly).toBe(target);
  });

  it('refuses a location it cannot tell from another one', () => {
    const one = fn('', 'validate(value);');
    const filler = 'a\n'.repeat(6);
    const result = portFileText({
      base: filler + one,
      upstream: filler + one.replace('  validate(value);', '  validate(value);\n  audit(value);'),
      target: one + 'a\n'.repeat(7) + one,
      minConfidence: 0.7,
    });
    expect(result.status).toBe('conflict');
    expect(result.hunks[0]).toMatchObject({ reason: 'ambiguous-location' });
  });

  it('takes the nearest of several places, but less sure of it', () => {
    const one = fn('', 'validate(value);');
    const result = portFileText({
      base: one,
      upstream: one.replace('  validate(value);', '  validate(value);\n  audit(value);'),
      target: one + one,
      minConfidence: 0.7,
    });
    expect(result.hunks[0]).toMatchObject({ status: 'applied', line: 1, confidence: 0.9 });
  });
});

describe('alignment (drift inside the hunk)', () => {
  const base =
    'function f(x) {\n  const a = 1;\n  const b = 2;\n  old();\n  const c = 3;\n  return a + c;\n}\n';
  const upstream = base.replace('  old();\n', '  fresh();\n');

  it('changes only the aligned lines and keeps the target own edits and extra lines', () => {
    const target = base.replace('  const b = 2;\n', '  const b = 20; // tuned\n  log(b);\n');
    const result = portFileText({ base, upstream, target, minConfidence: 0.7 });
    expect(result.status).toBe('adapted');
    expect(result.hunks[0]).toMatchObject({ status: 'adapted', strategy: 'aligned' });
    expect(result.content).toBe(target.replace('  old();\n', '  fresh();\n'));
  });

  it('is sure of an alignment whose only drift is a blank line the target added', () => {
    const target = base.replace('  old();\n', '  old();\n\n');
    const result = portFileText({ base, upstream, target, minConfidence: 0.9 });
    expect(result.hunks[0]).toMatchObject({ strategy: 'aligned', confidence: 0.9 });
    expect(result.content).toBe(target.replace('  old();\n', '  fresh();\n'));
  });

  it('counts a blank context line the target lacks, and an extra line that is not blank', () => {
    const spaced = base.replace('  const c = 3;\n', '\n  const c = 3;\n');
    const fixed = spaced.replace('  old();\n', '  fresh();\n');
    for (const target of [base, spaced.replace('  old();\n', '  old();\n  log();\n')]) {
      const result = portFileText({ base: spaced, upstream: fixed, target, minConfidence: 0.9 });
      expect(result.status).toBe('conflict');
    }
  });

  it('never aligns when a removed line is missing from the target', () => {
    const target = base
      .replace('  old();\n', '  older(1);\n')
      .replace('  const b = 2;\n', '  const b = 20;\n');
    const result = portFileText({ base, upstream, target, minConfidence: 0.7 });
    expect(result.status).toBe('conflict');
  });
});

describe('identifier renames', () => {
  const base =
    'function send(socket, data) {\n  const frame = encode(data);\n  socket.write(frame);\n  return frame.length;\n}\n';
  const upstream = base.replace(
    '  socket.write(frame);\n',
    '  if (frame.length > MAX) throw new Error("too big");\n  socket.write(frame);\n',
  );

  it('learns a renamed variable from the matched lines and renames the added lines', () => {
    const target = base.replace(/frame/g, 'buf');
    const result = portFileText({ base, upstream, target, minConfidence: 0.9 });
    expect(result.status).toBe('adapted');
    expect(result.hunks[0]).toMatchObject({
      strategy: 'renamed',
      explanation: expect.stringContaining('frame → buf'),
    });
    expect(result.content).toBe(upstream.replace(/frame/g, 'buf'));
  });

  it('renames in code only: comments and strings keep the upstream words', () => {
    const base =
      'function send(socket, frame) {\n  /*\n   * Writes to the socket.\n   */\n  socket.write(frame);\n  return frame.length;\n}\n';
    const upstream = base.replace(
      '   */\n',
      '   * A frame over MAX is refused.\n   */\n  if (frame.length > MAX) throw new Error("frame too big");\n',
    );
    const target = base.replace(/frame/g, 'buf');
    const result = portFileText({
      base,
      upstream,
      target,
      minConfidence: 0.9,
      prose: proseSyntaxOf('send.js'),
    });
    expect(result.hunks[0]).toMatchObject({ strategy: 'renamed' });
    expect(result.content).toContain('   * A frame over MAX is refused.\n');
    expect(result.content).toContain('  if (buf.length > MAX) throw new Error("frame too big");\n');
    // Without the language's syntax every word is renamed, as before.
    const blind = portFileText({ base, upstream, target, minConfidence: 0.9 });
    expect(blind.content).toContain('   * A buf over MAX is refused.\n');
  });

  it('does not take a keyword for a renamed name', () => {
    const target = base.replace('  const frame = encode(data);\n', '  var frame = encode(data);\n');
    const result = portFileText({ base, upstream, target, minConfidence: 0.9 });
    expect(result.hunks[0]).not.toMatchObject({ strategy: 'renamed' });
  });

  it('does not take lines shifted against each other for renames', () => {
    // `x` would be spelled `y`, and `y` `z`: a new spelling that is one of the hunk's own
    // names is another line's name, as when the target's lines sit one off upstream's.
    const pair =
      'function send(a, b) {\n  const x = pack(a);\n  const y = pack(b);\n  write(x);\n  return y;\n}\n';
    const up = pair.replace('  write(x);\n', '  write(x);\n  check(x);\n');
    const shifted = pair.replace(/\by\b/g, 'z').replace(/\bx\b/g, 'y');
    const result = portFileText({ base: pair, upstream: up, target: shifted, minConfidence: 0.9 });
    expect(result.hunks[0]).not.toMatchObject({ strategy: 'renamed' });
  });

  it('tolerates words that differ in a comment, and never applies them to code', () => {
    const commented = base.replace(
      '  socket.write(frame);\n',
      '  socket.write(frame); // one packet\n',
    );
    const up = commented.replace(
      '  socket.write(frame); // one packet\n',
      '  if (frame.length > MAX) throw new Error("too big");\n  socket.write(frame); // one packet\n  count(packet);\n',
    );
    const target = commented.replace('// one packet', '// one datagram');
    const prose = proseSyntaxOf('send.js');
    const result = portFileText({
      base: commented,
      upstream: up,
      target,
      minConfidence: 0.9,
      prose,
    });
    expect(result.hunks[0]).toMatchObject({
      strategy: 'renamed',
      explanation: expect.stringContaining("1 word(s) of the context's comments or strings differ"),
    });
    expect(result.content).toContain('  socket.write(frame); // one datagram\n  count(packet);\n');
    // Strings quoted otherwise are not words that differ.
    const quoted = commented.replace('encode(data)', "encode(data, 'utf8')");
    const requoted = target.replace('encode(data)', 'encode(data, "utf8")');
    const upQuoted = up.replace('encode(data)', "encode(data, 'utf8')");
    expect(
      portFileText({
        base: quoted,
        upstream: upQuoted,
        target: requoted,
        minConfidence: 0.9,
        prose,
      }).hunks[0],
    ).not.toMatchObject({ strategy: 'renamed' });
    // Read as plain text, the comment's word is taken for a renamed name, and renamed in code.
    const blind = portFileText({ base: commented, upstream: up, target, minConfidence: 0.9 });
    expect(blind.content).toContain('  count(datagram);\n');
  });

  it('does not rename when the spellings are inconsistent', () => {
    const target = base
      .replace('encode(data)', 'encode(payload)')
      .replace('socket.write(frame)', 'socket.write(data)');
    expect(portFileText({ base, upstream, target, minConfidence: 0.9 }).status).toBe('conflict');
  });
});

describe('the placed-only form of a conflicted file', () => {
  it('keeps the hunks that were placed and leaves out the one that was not', () => {
    const filler = (tag: string) =>
      Array.from({ length: 8 }, (_, i) => `${tag} line ${i + 1}\n`).join('');
    const base = `${filler('a')}check(one);\n${filler('b')}check(two);\n${filler('c')}`;
    const upstream = base
      .replace('check(one);\n', 'check(one);\nguard(one);\n')
      .replace('check(two);\n', 'check(two);\nguard(two);\n');
    // The target rewrote the second place entirely.
    const target = base.replace(
      'b line 6\nb line 7\nb line 8\ncheck(two);\nc line 1\nc line 2\nc line 3\n',
      'rewritten(two);\n',
    );
    const result = portFileText({ base, upstream, target, minConfidence: 0.9 });
    expect(result.status).toBe('conflict');
    expect(result.hunks.map((h) => h.status)).toEqual(['applied', 'conflict']);
    expect(result.content).toContain('>>>>>>> upstream');
    expect(result.placedOnly).toBe(target.replace('check(one);\n', 'check(one);\nguard(one);\n'));
  });
});

describe('fuzz in a test file, confirmed by the surroundings', () => {
  const block = (name: string) =>
    [
      `describe('${name}', function () {`,
      `  it('parses ${name}', function () {`,
      `    const parsed = parse${name}(input);`,
      '    assert.ok(parsed);',
      '  });',
      '});',
      '',
    ].join('\n');
  const base = [block('Header'), block('Query'), block('Cookie'), block('Body')].join('');
  // A test added at the end of the Query block.
  const added =
    "  it('rejects a long query', function () {\n    assert.throws(() => parseQuery(long));\n  });\n";
  const upstream = base.replace(
    '    const parsed = parseQuery(input);\n    assert.ok(parsed);\n  });\n',
    `    const parsed = parseQuery(input);\n    assert.ok(parsed);\n  });\n${added}`,
  );

  it('is sure of a place whose lines further out are the base’s, in order', () => {
    // The target rewrote the lines next to the hunk, nothing further out.
    const target = base
      .replace(
        '    const parsed = parseQuery(input);\n',
        '    const parsed = parseQuery(input, {});\n',
      )
      .replace("});\ndescribe('Cookie'", "});\n// cookies\ndescribe('Cookie'");
    const result = portFileText({ base, upstream, target, minConfidence: 0.9, test: true });
    expect(result.status).toBe('adapted');
    expect(result.hunks[0]).toMatchObject({
      strategy: 'fuzz',
      confidence: 0.9,
      explanation: expect.stringMatching(/\d+ lines around it follow the base's/),
    });
    expect(result.content).toContain(`    assert.ok(parsed);\n  });\n${added}});\n// cookies\n`);
  });

  it('stays a proposal outside tests, where edited neighbours may need the fix adapted', () => {
    // (Two edited: one alone is an insertion in place but for one line, sure anywhere.)
    const target = base
      .replace(
        '    const parsed = parseQuery(input);\n',
        '    const parsed = parseQuery(input, {});\n',
      )
      .replace(
        "    assert.ok(parsed);\n  });\n});\ndescribe('Cookie'",
        "    assert.ok(parsed, 'parsed');\n  });\n});\ndescribe('Cookie'",
      );
    const result = portFileText({ base, upstream, target, minConfidence: 0.9 });
    expect(result.status).toBe('conflict');
    expect(result.hunks[0]).toMatchObject({ status: 'conflict', reason: 'below-confidence' });
  });
});

describe('an alignment in a test file, confirmed by the surroundings', () => {
  const suite = (requires: string[]) =>
    [
      "'use strict'",
      '',
      "const semver = require('semver')",
      "const tap = require('tap')",
      '',
      "if (semver.gt(process.versions.node, '8.8.0')) {",
      ...requires.map((r) => `  require('./${r}')`),
      '} else {',
      "  tap.pass('Skip because Node version < 8.8')",
      '  tap.end()',
      '}',
      '',
    ].join('\n');
  // Upstream registers a new test file after one the old branch never had.
  const base = suite([
    'plain',
    'secure',
    'secure-with-fallback',
    'unknown-method',
    'missing-module',
  ]);
  const upstream = suite([
    'plain',
    'secure',
    'secure-with-fallback',
    'unknown-method',
    'missing-module',
    'closing',
  ]);
  const target = suite(['plain', 'secure', 'secure-with-fallback', 'unknown-method']);

  it('is sure of an aligned place whose lines further out are the base’s', () => {
    const result = portFileText({ base, upstream, target, minConfidence: 0.9, test: true });
    expect(result.hunks[0]).toMatchObject({
      status: 'adapted',
      strategy: 'aligned',
      confidence: 0.9,
      explanation: expect.stringMatching(/\d+ lines around it follow the base's/),
    });
    expect(result.content).toBe(
      suite(['plain', 'secure', 'secure-with-fallback', 'unknown-method', 'closing']),
    );
  });

  it('stays a proposal outside tests', () => {
    // (Lacking one line of the hunk's, the insertion is in place: see below. Lacking two.)
    const fewer = suite(['plain', 'secure', 'unknown-method']);
    const result = portFileText({ base, upstream, target: fewer, minConfidence: 0.9 });
    expect(result.status).toBe('conflict');
  });

  it('stays a proposal when a line or two of the hunk’s context placed it', () => {
    // Upstream ends one class with a new test; on the old branch another class comes before
    // the next one, and only two lines of the next class align.
    const tail = [
      'class JsonHomeTests(TestCase):',
      '    home = load_home()',
      '    links = load_links()',
      '',
      '    def test_home(self):',
      '        self.check_home(self.home)',
      '',
      '    def test_links(self):',
      '        self.check_links(self.links)',
      '',
    ].join('\n');
    const pyBase = [
      'class FederationTests(TestCase):',
      '    def test_scoped(self):',
      '        self.check_scoped()',
      '',
      '    def test_unscoped(self):',
      '        self.check_unscoped()',
      '',
      tail,
    ].join('\n');
    const pyUpstream = pyBase.replace(
      '        self.check_unscoped()\n',
      '        self.check_unscoped()\n\n    def test_assigned_roles(self):\n        self.check_roles()\n',
    );
    const pyTarget = [
      'class SamlTests(TestCase):',
      '    def test_legacy(self):',
      '        self.check_legacy()',
      tail.replace('load_links()', 'load_links(legacy=True)'),
    ].join('\n');
    const result = portFileText({
      base: pyBase,
      upstream: pyUpstream,
      target: pyTarget,
      minConfidence: 0.9,
      test: true,
    });
    expect(result.status).toBe('conflict');
    expect(result.content).toContain('aligned 2 of 6 context lines');
  });

  it('stays a proposal when the lines around it are the target’s own', () => {
    const other = suite(['plain', 'secure', 'unknown-method'])
      .replace("const semver = require('semver')", "const compare = require('compare-versions')")
      .replace("const tap = require('tap')", "const { test } = require('node:test')")
      .replace("'use strict'", '// http2 suites')
      .replace("semver.gt(process.versions.node, '8.8.0')", 'compare(process.version, 8)');
    const result = portFileText({ base, upstream, target: other, minConfidence: 0.9, test: true });
    expect(result.status).toBe('conflict');
  });
});

describe('an insertion whose context the target has line for line but one', () => {
  const imports = (extra: string[]) =>
    [
      'package org.example.json;',
      '',
      'import java.text.DateFormat;',
      'import java.util.Map;',
      'import java.util.TimeZone;',
      '',
      ...extra,
      'import com.fasterxml.jackson.annotation.JsonInclude;',
      'import com.fasterxml.jackson.core.JsonGenerator;',
      '',
      'public class Builder {',
      '}',
      '',
    ].join('\n');
  const filter = 'import com.fasterxml.jackson.annotation.JsonFilter;';
  const added = ['import javax.xml.stream.XMLInputFactory;', ''];

  it('is sure of the place between the lines the target has', () => {
    // Upstream has a JsonFilter import the old branch never had, right after the insertion.
    const result = portFileText({
      base: imports([filter]),
      upstream: imports([...added, filter]),
      target: imports([]),
      minConfidence: 0.9,
    });
    expect(result.hunks[0]).toMatchObject({
      status: 'adapted',
      strategy: 'aligned',
      confidence: 0.9,
      explanation: expect.stringContaining('the target lacking one'),
    });
    expect(result.content).toBe(imports(added));
  });

  it('stays a proposal when the target has lines of its own in between, or lacks two', () => {
    const own = imports([
      'import com.fasterxml.jackson.annotation.JsonAlias;',
      'import com.fasterxml.jackson.annotation.JsonAutoDetect;',
    ]);
    const lacksTwo = imports([]).replace('import java.util.Map;\n', '');
    for (const target of [own, lacksTwo]) {
      const result = portFileText({
        base: imports([filter]),
        upstream: imports([...added, filter]),
        target,
        minConfidence: 0.9,
      });
      expect(result.status).toBe('conflict');
    }
  });

  it('is no such insertion when the hunk also removes lines', () => {
    const result = portFileText({
      base: imports([filter, 'import com.old.Thing;']),
      upstream: imports([...added, filter]),
      target: imports(['import com.old.Thing;']),
      minConfidence: 0.9,
    });
    expect(result.status).toBe('conflict');
  });
});

describe('a run of lines the hunk changes, once in the target as it is', () => {
  const getter = (support: string, call: string, link: string[]) =>
    [
      'jQuery.extend( {',
      '\ttabIndex: {',
      '\t\tget: function( elem ) {',
      '',
      `\t\t\t// Support: ${support}`,
      "\t\t\t// elem.tabIndex doesn't always return the",
      "\t\t\t// correct value when it hasn't been explicitly set",
      ...link,
      `\t\t\t// Use proper attribute retrieval (${call.includes('find') ? '#' : 'trac-'}12072)`,
      `\t\t\tvar tabindex = ${call};`,
      '',
      '\t\t\treturn tabindex ? parseInt( tabindex, 10 ) : -1;',
      '\t\t}',
      '\t}',
      '} );',
      '',
    ].join('\n');
  const link = ['\t\t\t// https://web.archive.org/web/2014/http://example.org/tabindex-values/'];
  const upstreamCall = 'elem.getAttribute( "tabindex" )';
  const targetCall = 'jQuery.find.attr( elem, "tabindex" )';

  it('removes a run whose context drifted on both sides', () => {
    const result = portFileText({
      base: getter('IE <=9 - 11+', upstreamCall, link),
      upstream: getter('IE <=9 - 11+', upstreamCall, []),
      target: getter('IE <=9 - 11 only', targetCall, link),
      minConfidence: 0.9,
    });
    expect(result.hunks[0]).toMatchObject({
      status: 'adapted',
      strategy: 'removed-once',
      line: 8,
      confidence: 0.9,
    });
    expect(result.content).toBe(getter('IE <=9 - 11 only', targetCall, []));
  });

  it('stays a conflict when the run is twice in the target', () => {
    const twice = getter('IE <=9 - 11 only', targetCall, link) + link[0] + '\n';
    const result = portFileText({
      base: getter('IE <=9 - 11+', upstreamCall, link),
      upstream: getter('IE <=9 - 11+', upstreamCall, []),
      target: twice,
      minConfidence: 0.9,
    });
    expect(result.status).toBe('conflict');
  });

  const remove = (guard: string, first: string, tail: string[]) =>
    [
      'def delete(self, req, id):',
      '    image = self.get_image_meta_or_404(req, id)',
      `    ${first}`,
      '',
      `    status = ${guard}`,
      '    try:',
      '        registry.delete_image_metadata(req.context, id)',
      ...tail,
      '    except exception.NotFound as e:',
      '        raise HTTPNotFound(explanation=str(e))',
      '',
    ].join('\n');

  it('replaces a run when a line next to it is as the hunk has it', () => {
    const result = portFileText({
      base: remove("'deleted'", 'check_policy(req, "delete")', []),
      upstream: remove(
        "'pending_delete' if CONF.delayed_delete else 'deleted'",
        'check_policy(req, "delete")',
        [],
      ),
      target: remove("'deleted'", 'self._enforce(req, "delete_image")', [
        '        log.info("deleted")',
      ]),
      minConfidence: 0.9,
    });
    expect(result.hunks[0]).toMatchObject({ status: 'adapted', strategy: 'removed-once' });
    expect(result.content).toBe(
      remove(
        "'pending_delete' if CONF.delayed_delete else 'deleted'",
        'self._enforce(req, "delete_image")',
        ['        log.info("deleted")'],
      ),
    );
  });

  it('re-indents the lines that replace a run the target indents otherwise', () => {
    const agent = (indent: string, check: string, done: string) =>
      [
        'class ProxyAgent {',
        '  connect(client) {',
        `${indent}await client.handshake()`,
        '',
        `${indent}// Check if already authenticated (for NO_AUTH method)`,
        `${indent}if (${check}) {`,
        `${indent}  ${done}`,
        `${indent}}`,
        '  }',
        '}',
        '',
      ].join('\n');
    const result = portFileText({
      base: agent('    ', "client.state === 'authenticated'", 'ready.resolve()'),
      upstream: agent('    ', 'client.state === STATES.AUTHENTICATED', 'ready.resolve()'),
      target: agent('      ', "client.state === 'authenticated'", 'resolve()'),
      minConfidence: 0.9,
    });
    expect(result.hunks[0]).toMatchObject({ status: 'adapted', strategy: 'removed-once' });
    expect(result.content).toBe(
      agent('      ', 'client.state === STATES.AUTHENTICATED', 'resolve()'),
    );
  });

  it('leaves a replacement whose neighbours both drifted to a conflict', () => {
    const drifted = (guard: string) =>
      remove(guard, 'self._enforce(req, "delete_image")', [])
        .replace('\n\n    status', '\n    # status\n    status')
        .replace('    try:', '    try:  # registry');
    const result = portFileText({
      base: remove("'deleted'", 'check_policy(req, "delete")', []),
      upstream: remove(
        "'pending_delete' if CONF.delayed_delete else 'deleted'",
        'check_policy(req, "delete")',
        [],
      ),
      target: drifted("'deleted'"),
      minConfidence: 0.9,
    });
    expect(result.status).toBe('conflict');
  });
});

describe('a test added after the last lines of a test file', () => {
  const testClass = (name: string, check: string) =>
    [
      `class ${name}Test(fixtures.TestBase):`,
      `    def test_${name.toLowerCase()}(self):`,
      `        eq_(${check}, True)`,
      '',
      '',
    ].join('\n');
  const base =
    testClass('Update', 'update_ok(connection)') + testClass('Delete', 'delete_ok(connection)');
  const added = testClass('CacheOrder', 'cache_ok(connection)');
  const upstream =
    testClass('Update', 'update_ok(connection)') +
    added +
    testClass('Delete', 'delete_ok(connection)');

  it('goes at the end of a target that never had the test upstream put it before', () => {
    // The old branch ends with the first class: upstream's next class is not there.
    const target = testClass('Update', 'update_ok(connection)').replace(/\n\n$/, '\n');
    const result = portFileText({ base, upstream, target, minConfidence: 0.9, test: true });
    expect(result.hunks[0]).toMatchObject({ status: 'adapted', strategy: 'at-end' });
    // The blank line before it is kept; the one that parted it from upstream's next class is not.
    expect(result.content).toBe(`${target}\n${added.replace(/\n\n$/, '\n')}`);
  });

  it('stays a conflict outside tests, and where the target goes on after those lines', () => {
    const target = testClass('Update', 'update_ok(connection)').replace(/\n\n$/, '\n');
    expect(portFileText({ base, upstream, target, minConfidence: 0.9 }).status).toBe('conflict');
    const more = `${target}\n\n${testClass('Other', 'other_ok(connection)')}`;
    const result = portFileText({ base, upstream, target: more, minConfidence: 0.9, test: true });
    expect(result.hunks[0]!.status === 'adapted' && result.hunks[0]!.strategy).not.toBe('at-end');
  });
});

describe('a test added after lines the target has once, before a test the target lacks', () => {
  const spec = (name: string, check: string) =>
    [
      `  it "${name}" do`,
      `    req = make_request(${check})`,
      '    req.POST.must_equal "a" => "b"',
      '  end',
      '',
    ].join('\n') + '\n';
  const added = spec('limits the body it reads', 'limited_input');
  const base = spec('parses the body', 'form_input') + spec('returns form pairs', 'pairs_input');
  const upstream =
    spec('parses the body', 'form_input') + added + spec('returns form pairs', 'pairs_input');

  it('goes right after those lines when upstream’s next test is not in the target', () => {
    const target =
      spec('parses the body', 'form_input') + spec('returns values in order', 'ordered');
    const result = portFileText({ base, upstream, target, minConfidence: 0.9, test: true });
    expect(result.hunks[0]).toMatchObject({ status: 'adapted', strategy: 'after-lead' });
    expect(result.content).toBe(
      spec('parses the body', 'form_input') + added + spec('returns values in order', 'ordered'),
    );
  });

  it('tells two places with the same last lines apart by the base’s lines before them', () => {
    // Both tests end with the lines the hunk follows; only one is the test upstream's base has
    // before the hunk.
    const target =
      spec('reads the query', 'query_input') +
      spec('parses the body', 'form_input') +
      spec('returns values in order', 'ordered');
    const result = portFileText({ base, upstream, target, minConfidence: 0.9, test: true });
    expect(result.hunks[0]).toMatchObject({ status: 'adapted', strategy: 'after-lead' });
    expect(result.content).toBe(
      spec('reads the query', 'query_input') +
        spec('parses the body', 'form_input') +
        added +
        spec('returns values in order', 'ordered'),
    );
  });

  it('stays a conflict outside tests, and where the places cannot be told apart', () => {
    const target =
      spec('parses the body', 'form_input') + spec('returns values in order', 'ordered');
    expect(portFileText({ base, upstream, target, minConfidence: 0.9 }).status).toBe('conflict');
    const twice =
      spec('parses the body', 'form_input') +
      spec('returns values in order', 'ordered') +
      spec('parses the body', 'form_input') +
      spec('returns keys in order', 'keyed');
    const result = portFileText({ base, upstream, target: twice, minConfidence: 0.9, test: true });
    expect(result.status).toBe('conflict');
  });
});
