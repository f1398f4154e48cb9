// Reads per-test verdicts from minitest's verbose output (`-v`, or TESTOPTS=-v under rake):
// one `Class#test_name = 0.00 s = .` line per test. Names are `Class#test_name`.
import { recordResult, type TestResults, type TestStatus } from './parse-test-output.js';

const MINITEST_LINE = /^(\S.*#.+?) = \d+\.\d+ s = ([.FES])$/;
const STATUS: Record<string, TestStatus> = { '.': 'pass', F: 'fail', E: 'fail', S: 'skip' };

export function parseMinitest(text: string): TestResults {
  const results: TestResults = new Map();
  for (const line of text.split(/\r?\n/)) {
    const match = MINITEST_LINE.exec(line.trimEnd());
    if (match) recordResult(results, match[1]!, STATUS[match[2]!]!);
  }
  return results;
}
