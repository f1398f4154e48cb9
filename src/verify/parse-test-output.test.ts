// Fixtures: node20-tap.txt and the pytest-*.txt files were captured from real runs (`npm test`
// with `node --test` on Node 20, and pytest 9 with `-rA`), with the project path replaced.
// mocha is not installed here, so mocha-spec.txt is written by hand after mocha 10's spec
// reporter source (indentation, ✔ and numbered failures, the failure list's title layout).
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  parseMochaSpec,
  parsePytest,
  parseTap,
  parseTestOutput,
  RUNNER_SUMMARY,
} from './parse-test-output.js';

const fixture = (name: string) =>
  fs.readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

describe('parseTap', () => {
  it('reads node:test output with nested subtests, skips, todos and broken files', () => {
    expect(Object.fromEntries(parseTap(fixture('node20-tap.txt')))).toEqual({
      '/home/dev/clampy/test/broken.test.mjs': 'fail',
      'database > reads rows': 'fail',
      // The suite's own before() hook failed: that failure belongs to the suite.
      database: 'fail',
      'clamp keeps values in range': 'pass',
      'clamp > caps at the maximum': 'pass',
      'clamp > rejects NaN # CVE-2024-0001': 'fail',
      'clamp > with negative bounds > caps at the minimum': 'pass',
      'clamp > handles Infinity': 'skip',
      'clamp > is fast': 'skip',
      'parser > accepts empty input': 'pass',
      'parser > rejects a\\b path': 'fail',
    });
  });

  it('reads flat TAP from other producers', () => {
    const tap = 'TAP version 13\n1..3\nok 1 - one\nnot ok 2 two\nok 3 # skip no reason\n';
    expect(Object.fromEntries(parseTap(tap))).toEqual({ one: 'pass', two: 'fail', '': 'skip' });
  });

  it('ignores result-looking lines inside a YAML diagnostic block', () => {
    const tap = [
      'not ok 1 - prints',
      '  ---',
      '  error: |-',
      '    ok 2 - this is the expected output, not a test',
      '  ...',
      '1..1',
    ].join('\n');
    expect(Object.fromEntries(parseTap(tap))).toEqual({ prints: 'fail' });
  });
});

describe('parseMochaSpec', () => {
  it('reads the listing and the failure list of the spec reporter', () => {
    expect(Object.fromEntries(parseMochaSpec(fixture('mocha-spec.txt')))).toEqual({
      'loads without side effects': 'pass',
      'url > parse() > parses a plain URL': 'pass',
      'url > parse() > keeps the port': 'pass',
      'url > parse() > rejects a host with a NUL byte': 'fail',
      'url > parse() > handles IDNA hosts': 'skip',
      'url > format() > round-trips a URL': 'pass',
      'url > format() > with auth > redacts the password': 'pass',
      'cache > stores an entry': 'fail',
    });
  });

  it('takes the failure list alone when the listing was cut off', () => {
    const tail = fixture('mocha-spec.txt').split('\n').slice(20).join('\n');
    expect(Object.fromEntries(parseMochaSpec(tail))).toEqual({
      'url > parse() > rejects a host with a NUL byte': 'fail',
      'cache > stores an entry': 'fail',
    });
  });

  it('handles older mocha, which overwrote a "◦ title" line with a carriage return', () => {
    const old = '\n  suite\n    ◦ works: \r    ✓ works \n\n\n  1 passing (5ms)\n\n';
    expect(Object.fromEntries(parseMochaSpec(old))).toEqual({ 'suite > works': 'pass' });
  });

  it('finds nothing in output that is not mocha', () => {
    expect(parseMochaSpec('  - a list item\n  ✔ not mocha\n').size).toBe(0);
  });
});

describe('parsePytest', () => {
  it('reads the -rA short summary', () => {
    expect(Object.fromEntries(parsePytest(fixture('pytest-ra.txt')))).toEqual({
      'tests/test_a.py::test_ok': 'pass',
      'tests/test_a.py::test_param[1]': 'pass',
      'tests/test_a.py::TestThing::test_method': 'pass',
      'tests/test_a.py::test_xf': 'skip',
      'tests/test_a.py::test_err': 'fail',
      'tests/test_a.py::test_bad': 'fail',
      'tests/test_a.py::test_param[2]': 'fail',
    });
  });

  it('names a module that failed to import by its path', () => {
    expect(Object.fromEntries(parsePytest(fixture('pytest-collection-error.txt')))).toEqual({
      'tests/test_broken.py': 'fail',
    });
  });

  it('keeps " - " inside a parameter id', () => {
    const text = '=== short test summary info ===\nFAILED t.py::test_x[a - b] - assert 0\n';
    expect(Object.fromEntries(parsePytest(text))).toEqual({ 't.py::test_x[a - b]': 'fail' });
  });
});

describe('parseTestOutput', () => {
  it('finds each format in one output and keeps the worse verdict for a repeated name', () => {
    const text = [
      fixture('pytest-ra.txt'),
      'ok 1 - tests/test_a.py::test_ok',
      'not ok 2 - tests/test_a.py::test_ok',
    ].join('\n');
    const results = parseTestOutput(text);
    expect(results.get('tests/test_a.py::test_bad')).toBe('fail');
    expect(results.get('tests/test_a.py::test_ok')).toBe('fail');
  });

  it('ignores colours', () => {
    expect(parseTestOutput('\x1b[32mok 1 - green\x1b[39m\n').get('green')).toBe('pass');
  });
});

describe('RUNNER_SUMMARY', () => {
  it.each(['node20-tap.txt', 'mocha-spec.txt', 'pytest-ra.txt'])(
    'finds the closing summary in %s',
    (name) => {
      expect(RUNNER_SUMMARY.test(fixture(name))).toBe(true);
    },
  );

  it('does not fire on test output that is still running', () => {
    expect(
      RUNNER_SUMMARY.test('  WebSocketServer\n    ✓ accepts a connection\n    ✓ closes\n'),
    ).toBe(false);
  });
});
