import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseMinitest } from './parse-minitest.js';
import { parseTestOutput } from './parse-test-output.js';

// Real minitest 5.15 output with -v: a class, a spec block, a failure, an error and a skip.
const output = fs.readFileSync(new URL('./fixtures/minitest-verbose.txt', import.meta.url), 'utf8');

describe('parseMinitest', () => {
  it('gives one verdict per test line, errors as failures', () => {
    expect(Object.fromEntries(parseMinitest(output))).toEqual({
      'ClampTest#test_boom': 'fail',
      'ClampTest#test_caps_at_max': 'fail',
      'ClampTest#test_in_range': 'pass',
      'ClampTest#test_later': 'skip',
      'ClampTest#test_rejects_nan': 'fail',
      'Clamp spec#test_0001_keeps lo': 'pass',
    });
  });

  it('ignores the failure details that follow, and is part of reading any output', () => {
    expect(parseMinitest('ClampTest#test_later [test/clamp_test.rb:18]:\nnot today\n').size).toBe(
      0,
    );
    expect(parseTestOutput(output).get('ClampTest#test_in_range')).toBe('pass');
  });
});
