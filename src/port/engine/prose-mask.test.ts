import { describe, expect, it } from 'vitest';
import { maskProse, proseSyntaxOf } from './prose-mask.js';

const mask = (path: string, text: string) => maskProse(text, proseSyntaxOf(path)!);
/** The words left as code. */
const code = (path: string, text: string) => mask(path, text).match(/[\w$]+/g) ?? [];

describe('maskProse', () => {
  it('keeps lines and columns: prose becomes spaces, line breaks stay', () => {
    const text = 'a = "x y" // note\n/* one\ntwo */ b\n';
    const masked = mask('f.js', text);
    expect(masked).toHaveLength(text.length);
    expect(masked.split('\n')).toHaveLength(text.split('\n').length);
    expect(masked.split('\n')[2]).toBe('       b');
  });

  it('JavaScript: block comments, strings, template literals with code in `${}`', () => {
    const text = [
      'const a = `first line',
      'second ${helper(value, { b: 1 })} third',
      "`; // don't",
      'call(\'it\'\'s\', "say \\"hi\\"");',
      '',
    ].join('\n');
    expect(code('src/a.ts', text)).toEqual(['const', 'a', 'helper', 'value', 'b', '1', 'call']);
  });

  it('does not take a construct that never closes for one', () => {
    // An unclosed template literal and a quote alone on its line are code.
    expect(code('a.js', 'x = `open\ny = 1\n')).toEqual(['x', 'open', 'y', '1']);
    expect(code('a.rs', "fn f<'a>(s: &'a str) -> char { '\\n' }\n")).toEqual([
      'fn',
      'f',
      'a',
      's',
      'a',
      'str',
      'char',
    ]);
  });

  it('Python: triple-quoted strings, `#` comments, a `#` inside a string', () => {
    const text = 'def f():\n    """Docs\n    more docs."""\n    x = "#not" # comment\n';
    expect(code('m.py', text)).toEqual(['def', 'f', 'x']);
  });

  it('Java text blocks and Go raw strings span lines', () => {
    expect(code('A.java', 'String s = """\n  hello world\n  """; int n;\n')).toEqual([
      'String',
      's',
      'int',
      'n',
    ]);
    expect(code('a.go', 'q := `select\nfrom t`\nrun(q)\n')).toEqual(['q', 'run', 'q']);
  });

  it('Ruby: heredocs and =begin blocks are prose; `#{}` is code', () => {
    const text = [
      'x = <<~EOS',
      '  some text',
      'EOS',
      '=begin',
      'old notes',
      '=end',
      'y = /#{z}/ # done',
      '',
    ].join('\n');
    expect(code('a.rb', text)).toEqual(['x', 'y', 'z']);
  });

  it('knows the languages by extension, and no others', () => {
    expect(proseSyntaxOf('lib/a.mjs')).not.toBeNull();
    expect(proseSyntaxOf('src/a.c')).not.toBeNull();
    expect(proseSyntaxOf('README')).toBeNull();
    expect(proseSyntaxOf('config.yaml')).toBeNull();
  });
});
