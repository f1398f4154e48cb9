import { describe, expect, it } from 'vitest';
import { locateBlockEnd } from './block-end.js';
import { diffHunks } from './hunks.js';
import { splitLines } from './lines.js';
import { portFileText } from './port-file.js';
import { proseSyntaxOf } from './prose-mask.js';

const test = (name: string, body: string) => `  it('${name}', () => {\n    ${body}\n  });\n`;

// Upstream appends a test at the end of `describe('parser')`, which another block follows.
const base = [
  "const assert = require('assert');\n",
  '\n',
  "describe('parser', () => {\n",
  test('reads a frame', 'assert.ok(parse(frame));'),
  '\n',
  test('rejects a short frame', 'assert.throws(() => parse(short));'),
  '});\n',
  '\n',
  "describe('writer', () => {\n",
  test('writes a frame', 'assert.ok(write(frame));'),
  '});\n',
].join('');
const added = `\n${test('rejects an oversized frame', 'assert.throws(() => parse(huge));')}`;
const upstream = base.replace(
  "  });\n});\n\ndescribe('writer'",
  `  });\n${added}});\n\ndescribe('writer'`,
);

// The old branch: other tests in the block, and the block ends the file.
const target = [
  "const assert = require('assert');\n",
  '\n',
  "describe('parser', () => {\n",
  test('reads a legacy frame', 'assert.ok(parseLegacy(frame));'),
  '\n',
  test('reads a masked frame', 'assert.ok(parse(mask(frame)));'),
  '});\n',
].join('');

describe('a hunk that appends to the end of a block', () => {
  it('goes before the line closing the block its opening line names', () => {
    const result = portFileText({ base, upstream, target, minConfidence: 0.9, test: true });
    expect(result.status).toBe('adapted');
    expect(result.hunks[0]).toMatchObject({
      status: 'adapted',
      strategy: 'block-end',
      confidence: 0.9,
      explanation: expect.stringContaining("describe('parser', () => {"),
    });
    expect(result.content).toBe(target.replace(/\}\);\n$/, `${added}});\n`));
  });

  it('keeps the target indentation of the block', () => {
    const indented = (text: string) => text.replace(/^(?=.)/gm, '  ');
    const result = portFileText({
      base,
      upstream,
      target: indented(target),
      minConfidence: 0.9,
      test: true,
    });
    expect(result.hunks[0]).toMatchObject({ strategy: 'block-end' });
    expect(result.content).toBe(indented(target.replace(/\}\);\n$/, `${added}});\n`)));
  });

  it('is a conflict when the opening line is in the target twice', () => {
    const twice = `${target}\ndescribe('parser', () => {\n${test('again', 'assert.ok(1);')}});\n`;
    const result = portFileText({ base, upstream, target: twice, minConfidence: 0.9, test: true });
    expect(result.status).toBe('conflict');
  });

  it('is a conflict when the block in the target does not end as the base did', () => {
    // The last line of the block is a statement, not the end of a test.
    const other = target.replace(/ {2}\}\);\n\}\);\n$/, '  });\n  after(cleanup);\n});\n');
    const result = portFileText({ base, upstream, target: other, minConfidence: 0.9, test: true });
    expect(result.status).toBe('conflict');
  });

  it('reads indentation in code only: a heredoc does not end the block', () => {
    const spec = (tests: string[]) =>
      ['describe Parser do\n', ...tests.join('\n').split(/(?<=\n)/), 'end\n'].join('');
    const heredoc = (name: string, variable: string) =>
      `  it "${name}" do\n    ${variable} = <<~EOF\nname: x\r\nEOF\n    parse(${variable})\n  end\n`;
    const last = '  it "reads a field" do\n    parse(field)\n  end\n';
    const fresh = '  it "refuses a folded header" do\n    refuse(folded)\n  end\n';
    const rubyBase = `${spec([heredoc('reads a part', 'data'), last])}\ndescribe Writer do\nend\n`;
    const rubyUpstream = rubyBase.replace(last, `${last}\n${fresh}`);
    const rubyTarget = spec([
      heredoc('reads a legacy part', 'legacy'),
      heredoc('reads a second part', 'second'),
      '  it "reads a legacy field" do\n    parse(legacy)\n  end\n',
    ]);
    const [hunk] = diffHunks(rubyBase, rubyUpstream);
    const target = splitLines(rubyTarget);
    const base = splitLines(rubyBase);
    const found = locateBlockEnd(target, base, hunk!, 0, proseSyntaxOf('spec_parser.rb'));
    expect(found).toMatchObject({ at: target.length - 1, opener: 0 });
    // Read as plain text, the heredoc's `EOF` at the margin is taken for the block's opening
    // line, and the target has two.
    expect(locateBlockEnd(target, base, hunk!, 0, null)).toBeNull();
  });
});

describe('a hunk that adds whole blocks before another block', () => {
  const klass = (name: string, tests: string[], args = '') =>
    `class ${name}(TestBase):\n${tests.map((t) => `    def test_${t}(self):\n        check_${t}(${args})\n`).join('\n')}`;
  const base = [
    'import pytest\n',
    '\n\n',
    klass('QuotingTest', ['single', 'double']),
    '\n\n',
    klass('BackslashTest', ['ascii']),
  ].join('');
  const fresh = `${klass('BalancingTest', ['parens', 'brackets'])}\n\n`;
  const upstream = base.replace('class BackslashTest', `${fresh}class BackslashTest`);
  // The old branch tests other quoting cases; the class after the new one is the same.
  const target = [
    'import pytest\n',
    '\n\n',
    klass('QuotingTest', ['legacy', 'escaped', 'unicode'], 'strict=True'),
    '\n\n',
    klass('BackslashTest', ['ascii', 'latin1']),
  ].join('');
  const expected = target.replace('class BackslashTest', `${fresh}class BackslashTest`);

  it('goes before the block upstream puts it before, found once in the target', () => {
    const result = portFileText({
      base,
      upstream,
      target,
      minConfidence: 0.9,
      test: true,
      prose: proseSyntaxOf('test_quoting.py'),
    });
    expect(result.hunks[0]).toMatchObject({
      status: 'adapted',
      strategy: 'before-sibling',
      confidence: 0.9,
      explanation: expect.stringContaining('class BackslashTest(TestBase):'),
    });
    expect(result.content).toBe(expected);
  });

  it('in code, proposes the place in a conflict rather than claiming it', () => {
    const result = portFileText({ base, upstream, target, minConfidence: 0.9 });
    expect(result.status).toBe('conflict');
    expect(result.hunks[0]).toMatchObject({ reason: 'below-confidence', confidence: 0.8 });
    expect(result.content).toContain(
      `    def test_unicode(self):\n        check_unicode(strict=True)\n\n\n<<<<<<< target (upstream hunk 1 would go here: added before \`class BackslashTest(TestBase):\``,
    );
    expect(result.placedOnly).toBe(target);
    // Where a caller accepts that confidence, the place is taken.
    expect(portFileText({ base, upstream, target, minConfidence: 0.8 }).content).toBe(expected);
  });

  it('is a conflict when the block it goes before is in the target twice', () => {
    const twice = `${target}\n\n${klass('BackslashTest', ['cp1252'])}`;
    const result = portFileText({ base, upstream, target: twice, minConfidence: 0.9, test: true });
    expect(result.status).toBe('conflict');
  });

  it('is a conflict when the added lines are not whole blocks at that depth', () => {
    // The added lines would continue the previous class's body, deeper than the next class.
    const inside = base.replace(
      '\n\nclass BackslashTest',
      '\n    def test_more(self):\n        check_more()\n\n\nclass BackslashTest',
    );
    const result = portFileText({ base, upstream: inside, target, minConfidence: 0.9, test: true });
    expect(result.hunks[0]).not.toMatchObject({ strategy: 'before-sibling' });
  });
});
