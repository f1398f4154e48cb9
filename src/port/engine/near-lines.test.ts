import { describe, expect, it } from 'vitest';
import { editDistance } from './near-lines.js';
import { portFileText } from './port-file.js';

describe('editDistance', () => {
  it('counts edits up to the limit, and gives up past it', () => {
    expect(editDistance('assert_sql(%r{SELECT x})', 'assert_sql(%r{\\ASELECT x})', 3)).toBe(2);
    expect(editDistance('kitten', 'sitting', 3)).toBe(3);
    expect(editDistance('kitten', 'sitting', 2)).toBeNull();
    expect(editDistance('same', 'same', 0)).toBe(0);
    expect(editDistance('short', 'a much longer line', 3)).toBeNull();
  });
});

describe('a test hunk whose removed lines the target spells a little otherwise', () => {
  const spec = (anchor: string, checks: string[]) =>
    [
      'class AnnotateTest < TestCase',
      '  def test_annotate_is_sanitized',
      '    quoted = escape_table_name("posts")',
      '',
      ...checks.flatMap((c) => [
        `    assert_sql(%r{${anchor}SELECT FROM #{quoted} /\\* ${c} \\*/}i) do`,
        `      Post.annotate("${c}").first`,
        '    end',
        '',
      ]),
      '  end',
      'end',
      '',
    ].join('\n');
  const base = spec('', ['foo', 'bar']);
  const upstream = base.replace('/\\* foo \\*/', '/\\* \\* /foo/ \\* \\*/');
  // The old branch anchors its expectations at the start (`\A`).
  const target = spec('\\A', ['foo', 'bar']);

  it('replaces them when every context line matches', () => {
    const result = portFileText({ base, upstream, target, minConfidence: 0.9, test: true });
    expect(result.hunks[0]).toMatchObject({
      status: 'adapted',
      strategy: 'near',
      confidence: 0.9,
      explanation: expect.stringContaining("differ from the target's by 2 character(s)"),
    });
    expect(result.content).toBe(
      target.replace(
        '%r{\\ASELECT FROM #{quoted} /\\* foo \\*/}i',
        '%r{SELECT FROM #{quoted} /\\* \\* /foo/ \\* \\*/}i',
      ),
    );
  });

  it("outside tests, keeps the target's spelling and merges upstream's edit into it", () => {
    const result = portFileText({ base, upstream, target, minConfidence: 0.9 });
    expect(result.hunks[0]).toMatchObject({ status: 'adapted', strategy: 'merged' });
    expect(result.content).toBe(
      target.replace(
        '%r{\\ASELECT FROM #{quoted} /\\* foo \\*/}i',
        '%r{\\ASELECT FROM #{quoted} /\\* \\* /foo/ \\* \\*/}i',
      ),
    );
  });

  it('is no near match when a context line differs too (the words merge instead)', () => {
    const other = target.replace('Post.annotate("foo")', 'Post.annotate(["foo"])');
    const result = portFileText({ base, upstream, target: other, minConfidence: 0.9, test: true });
    expect(result.hunks[0]).toMatchObject({ status: 'adapted', strategy: 'merged' });
    expect(result.content).toContain('Post.annotate(["foo"])');
    expect(result.content).toContain('%r{\\ASELECT FROM #{quoted} /\\* \\* /foo/ \\* \\*/}i');
  });

  it('is no near match when the removed line is further from the target’s than a few characters', () => {
    const other = target.replace('%r{\\ASELECT FROM', '%r{\\A\\s*SELECT .* FROM');
    const result = portFileText({ base, upstream, target: other, minConfidence: 0.9, test: true });
    // (The two edits are apart, so the words merge.)
    expect(result.hunks[0]).toMatchObject({ status: 'adapted', strategy: 'merged' });
    const clashing = target.replace('/\\* foo \\*/}i) do', '/\\* foo-bar \\*/}i) do');
    expect(
      portFileText({ base, upstream, target: clashing, minConfidence: 0.9, test: true }).status,
    ).toBe('conflict');
  });
});
