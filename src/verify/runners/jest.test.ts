import { describe, expect, it } from 'vitest';
import { jestRunner } from './jest.js';

// The shape of `jest --json` (jest 29): one entry per file, one assertion per test.
const report = JSON.stringify({
  numFailedTests: 1,
  success: false,
  testResults: [
    {
      name: 'test/clamp.test.js',
      status: 'failed',
      message: '',
      assertionResults: [
        {
          ancestorTitles: ['clamp'],
          fullName: 'clamp keeps values',
          status: 'passed',
          title: 'keeps values',
        },
        {
          ancestorTitles: ['clamp', 'NaN'],
          fullName: 'clamp NaN throws',
          status: 'failed',
          title: 'throws',
        },
        { ancestorTitles: [], fullName: 'later', status: 'todo', title: 'later' },
      ],
    },
    {
      name: 'test/broken.test.js',
      status: 'failed',
      message: "Cannot find module '../range'",
      assertionResults: [],
    },
  ],
});

describe('jest runner', () => {
  it("reads jest's JSON report: file > describe > test, and a file that failed to load", () => {
    const results = jestRunner.parse('', [{ path: '.retrofit-reports/jest.json', text: report }]);
    expect(Object.fromEntries(results)).toEqual({
      'test/clamp.test.js > clamp > keeps values': 'pass',
      'test/clamp.test.js > clamp > NaN > throws': 'fail',
      'test/clamp.test.js > later': 'skip',
      'test/broken.test.js': 'fail',
    });
  });

  it('falls back to the output when the report is missing or broken', () => {
    const tap = 'ok 1 - from the output\n';
    expect(
      jestRunner.parse(tap, [{ path: 'x/jest.json', text: '{ cut' }]).get('from the output'),
    ).toBe('pass');
  });
});
