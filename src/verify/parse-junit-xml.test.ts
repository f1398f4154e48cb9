import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseJUnitReports } from './junit-reports.js';
import { parseJUnitXml } from './parse-junit-xml.js';

const fixture = (name: string) =>
  fs.readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

describe('parseJUnitXml', () => {
  it('reads a surefire report: class > method, failures and errors fail, a flaky rerun that passed passes', () => {
    expect(Object.fromEntries(parseJUnitXml(fixture('surefire-report.xml')))).toEqual({
      'org.example.clamp.ClampTest > keepsValuesInRange': 'pass',
      'org.example.clamp.ClampTest > capsAtMaximum': 'fail',
      'org.example.clamp.ClampTest > rejectsNaN': 'fail',
      'org.example.clamp.ClampTest > negativeRange': 'skip',
      'org.example.clamp.ClampTest > retriedOnce': 'pass',
      'org.example.clamp.ClampTest > [2] lo=0, hi=10': 'pass',
    });
  });

  it('names a class that failed before any test ran after the class, the container of its tests', () => {
    expect(Object.fromEntries(parseJUnitXml(fixture('surefire-class-error.xml')))).toEqual({
      'org.example.clamp.RangeTest': 'fail',
    });
  });

  it('reads nested <testsuites> as vitest writes them, and empty and self-closing testcases', () => {
    const xml = [
      '<?xml version="1.0" encoding="UTF-8" ?>',
      '<testsuites name="vitest tests" tests="3" failures="1" errors="0" time="0.01">',
      '  <testsuite name="test/clamp.test.ts" tests="3" failures="1" errors="0" skipped="1">',
      '    <testcase classname="test/clamp.test.ts" name="clamp &gt; caps" time="0.001">',
      '      <failure message="expected 11 to be 10" type="AssertionError">AssertionError</failure>',
      '    </testcase>',
      '    <testcase classname="test/clamp.test.ts" name="clamp &gt; keeps"></testcase>',
      '    <testcase classname="test/clamp.test.ts" name="clamp &gt; later"><skipped/></testcase>',
      '  </testsuite>',
      '</testsuites>',
    ].join('\n');
    expect(Object.fromEntries(parseJUnitXml(xml))).toEqual({
      'test/clamp.test.ts > clamp > caps': 'fail',
      'test/clamp.test.ts > clamp > keeps': 'pass',
      'test/clamp.test.ts > clamp > later': 'skip',
    });
  });

  it('rejects a report cut off mid-write, and the merge keeps the other reports', () => {
    const whole = fixture('surefire-class-error.xml');
    const cut = fixture('surefire-report.xml').slice(0, 900);
    expect(() => parseJUnitXml(cut)).toThrow(/not well-formed XML/);
    const merged = parseJUnitReports([
      { path: 'target/surefire-reports/TEST-a.xml', text: cut },
      { path: 'target/surefire-reports/TEST-b.xml', text: whole },
      { path: 'target/surefire-reports/a.txt', text: 'Tests run: 1' },
    ]);
    expect(Object.fromEntries(merged)).toEqual({ 'org.example.clamp.RangeTest': 'fail' });
  });
});
