import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseGoTestJson } from './parse-go-test-json.js';
import { parseTestOutput } from './parse-test-output.js';

// Real `go test -json ./...` output (go 1.19) followed by its stderr: one package whose
// subtest fails, one that does not compile.
const output = fs.readFileSync(new URL('./fixtures/go-test-json.txt', import.meta.url), 'utf8');

describe('parseGoTestJson', () => {
  it('gives one verdict per test and subtest, and a package that did not build as failed', () => {
    expect(Object.fromEntries(parseGoTestJson(output))).toEqual({
      'example.com/clamp/clamp > TestInRange': 'pass',
      'example.com/clamp/clamp > TestCaps > at_max': 'pass',
      'example.com/clamp/clamp > TestCaps > above_max': 'fail',
      'example.com/clamp/clamp > TestSkipped': 'skip',
      'example.com/clamp/broken': 'fail',
    });
  });

  it('reports a parent test that failed by itself, and the build-fail events of newer Go', () => {
    const events = [
      '{"Action":"run","Package":"p","Test":"TestA"}',
      '{"Action":"pass","Package":"p","Test":"TestA/one"}',
      '{"Action":"fail","Package":"p","Test":"TestA"}',
      '{"Action":"fail","Package":"p"}',
      '{"ImportPath":"q.test","Action":"build-fail"}',
      '{"Action":"fail","Package":"q","FailedBuild":"q.test"}',
      'not json {"Action":"fail"}',
    ].join('\n');
    expect(Object.fromEntries(parseGoTestJson(events))).toEqual({
      'p > TestA > one': 'pass',
      'p > TestA': 'fail',
      q: 'fail',
    });
  });

  it('is part of reading the output of a configured command', () => {
    expect(parseTestOutput(output).get('example.com/clamp/clamp > TestInRange')).toBe('pass');
  });
});
