// Reads per-test verdicts out of a test run's output: TAP (node:test and friends), mocha's
// default `spec` reporter, pytest's `-rA` summary, `go test -json` and minitest's `-v` lines. Names are full paths joined with ' > '
// (pytest: the node id), so the same test has the same name in the runs before and after.

import { parseGoTestJson } from './parse-go-test-json.js';
import { parseMinitest } from './parse-minitest.js';

export type TestStatus = 'pass' | 'fail' | 'skip';
export type TestResults = Map<string, TestStatus>;

/** Every format at once: a command may run several tools, and a format that is absent adds nothing. */
export function parseTestOutput(text: string): TestResults {
  const results: TestResults = new Map();
  for (const parse of [parseTap, parseMochaSpec, parsePytest, parseGoTestJson, parseMinitest]) {
    for (const [name, status] of parse(text)) recordResult(results, name, status);
  }
  return results;
}

const RANK: Record<TestStatus, number> = { skip: 0, pass: 1, fail: 2 };

/** The same name twice (two files with equal titles) keeps the worse verdict: a failure must not hide. */
export function recordResult(results: TestResults, name: string, status: TestStatus): void {
  const previous = results.get(name);
  if (!previous || RANK[status] > RANK[previous]) results.set(name, status);
}

/** Lines as a terminal would show them: colours removed, and a carriage return overwrites. */
function screenLines(text: string): string[] {
  // eslint-disable-next-line no-control-regex
  const plain = text.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '');
  return plain.split(/\r?\n/).map((line) => line.slice(line.lastIndexOf('\r') + 1));
}

function indentOf(line: string): number {
  return line.length - line.trimStart().length;
}

// ---------------------------------------------------------------- TAP

interface TapEntry {
  name: string;
  status: TestStatus;
  children: TapEntry[];
  /** node:test fails a parent whose subtests failed; that parent is not a test of its own. */
  onlySubtestsFailed: boolean;
}

const TAP_RESULT = /^(not ok|ok)\b(?:\s+\d+)?(?:\s+-)?\s*(.*)$/;

export function parseTap(text: string): TestResults {
  // Each frame holds the finished results at one indentation; node:test prints a parent's
  // result after its subtests, indented four more, so a result adopts the deeper frames.
  const frames: Array<{ indent: number; entries: TapEntry[] }> = [];
  let yamlIndent = -1;
  let last: TapEntry | undefined;
  for (const line of screenLines(text)) {
    const trimmed = line.trim();
    if (yamlIndent >= 0) {
      if (trimmed === '...' && indentOf(line) === yamlIndent) yamlIndent = -1;
      else if (last && /^failureType:\s*'?subtestsFailed'?$/.test(trimmed)) {
        last.onlySubtestsFailed = true;
      }
      continue;
    }
    if (trimmed === '---' && last) {
      yamlIndent = indentOf(line);
      continue;
    }
    const match = TAP_RESULT.exec(trimmed);
    if (!match) continue;
    const indent = indentOf(line);
    const { name, directive } = splitDirective(match[2] ?? '');
    const children: TapEntry[] = [];
    while (frames.length > 0 && frames[frames.length - 1]!.indent > indent) {
      children.unshift(...frames.pop()!.entries);
    }
    let status: TestStatus = match[1] === 'ok' ? 'pass' : 'fail';
    // TAP: a TODO test is expected to fail and a SKIP test did not run; neither is a verdict.
    if (directive === 'skip' || directive === 'todo') status = 'skip';
    last = { name, status, children, onlySubtestsFailed: false };
    const top = frames[frames.length - 1];
    if (top && top.indent === indent) top.entries.push(last);
    else frames.push({ indent, entries: [last] });
  }
  const results: TestResults = new Map();
  const walk = (entries: TapEntry[], prefix: string) => {
    for (const entry of entries) {
      const name = prefix ? `${prefix} > ${entry.name}` : entry.name;
      if (entry.children.length === 0) {
        recordResult(results, name, entry.status);
      } else {
        walk(entry.children, name);
        // A suite that failed by itself (a hook threw) is a failure the children may not show.
        if (entry.status === 'fail' && !entry.onlySubtestsFailed)
          recordResult(results, name, 'fail');
      }
    }
  };
  // Frames left over (output cut in the middle of a suite) are reported without their parent.
  for (const frame of frames) walk(frame.entries, '');
  return results;
}

/** Splits `name # SKIP reason` at the first unescaped `#` and undoes TAP's escapes in the name. */
function splitDirective(rest: string): { name: string; directive: 'skip' | 'todo' | null } {
  let cut = -1;
  for (let i = 0; i < rest.length; i++) {
    if (rest[i] === '\\') i++;
    else if (rest[i] === '#') {
      cut = i;
      break;
    }
  }
  const rawName = cut >= 0 ? rest.slice(0, cut) : rest;
  const comment = cut >= 0 ? rest.slice(cut + 1).trim() : '';
  const directive = /^skip/i.test(comment) ? 'skip' : /^todo/i.test(comment) ? 'todo' : null;
  const name = rawName.trim().replace(/\\([\\#])/g, '$1');
  return { name, directive };
}

// ---------------------------------------------------------------- mocha spec

const MOCHA_PASS = /^[✓✔√]\s+(.*?)(?:\s+\(\d+m?s\))?$/;
const MOCHA_PENDING = /^-\s+(.*)$/;
const MOCHA_LISTED_FAIL = /^\d+\)\s+(.*)$/;
const MOCHA_COUNT = /^\d+ (passing|pending|failing)\b/;
/** Hook failures are reported against the test the hook ran for. */
const MOCHA_HOOK = /^"[^"]+" hook for "(.*)"$/;

export function parseMochaSpec(text: string): TestResults {
  const results: TestResults = new Map();
  const lines = screenLines(text);
  // Without mocha's closing count this is not mocha output, and '- ' lines would be noise.
  if (!lines.some((line) => /^\s+\d+ passing \(/.test(line))) return results;
  let suites: Array<{ indent: number; title: string }> = [];
  let inSummary = false;
  const fullName = (indent: number, title: string) => {
    const hook = MOCHA_HOOK.exec(title);
    const path = suites.filter((suite) => suite.indent < indent).map((suite) => suite.title);
    return [...path, hook ? hook[1]! : title].join(' > ');
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const trimmed = line.trim();
    const indent = indentOf(line);
    if (!trimmed) continue;
    if (MOCHA_COUNT.test(trimmed)) {
      inSummary = true;
      continue;
    }
    const pass = MOCHA_PASS.exec(trimmed);
    if (inSummary && pass) {
      // A second mocha run in the same output (`mocha a && mocha b`) starts a new listing.
      inSummary = false;
      suites = [];
    }
    if (inSummary) {
      const failure = indent === 2 ? /^\d+\)\s+(.*)$/.exec(trimmed) : null;
      if (failure) {
        const parsed = readFailureTitle(lines, i, failure[1]!);
        if (parsed) {
          const hook = MOCHA_HOOK.exec(parsed.parts[parsed.parts.length - 1]!);
          if (hook) parsed.parts[parsed.parts.length - 1] = hook[1]!;
          recordResult(results, parsed.parts.join(' > '), 'fail');
          i = parsed.end;
        }
      }
      continue;
    }
    // Lines at column 0 are the tests' own console output; mocha indents everything it prints.
    if (indent === 0) continue;
    const pending = MOCHA_PENDING.exec(trimmed);
    const listedFail = MOCHA_LISTED_FAIL.exec(trimmed);
    if (pass) recordResult(results, fullName(indent, pass[1]!), 'pass');
    else if (pending) recordResult(results, fullName(indent, pending[1]!), 'skip');
    else if (listedFail) recordResult(results, fullName(indent, listedFail[1]!), 'fail');
    else if (!/^at\s/.test(trimmed)) {
      suites = suites.filter((suite) => suite.indent < indent);
      suites.push({ indent, title: trimmed });
    }
  }
  return results;
}

/**
 * Mocha's failure list writes the title path one part per line, each indented two more than
 * the last (`  1) suite\n       test:`), and ends the last part with a colon.
 */
function readFailureTitle(
  lines: string[],
  start: number,
  first: string,
): { parts: string[]; end: number } | null {
  const parts = [first];
  let end = start;
  while (!parts[parts.length - 1]!.endsWith(':')) {
    const next = lines[end + 1];
    if (next === undefined || indentOf(next) !== 5 + 2 * parts.length) return null;
    parts.push(next.trim());
    end++;
  }
  parts[parts.length - 1] = parts[parts.length - 1]!.slice(0, -1);
  return { parts, end };
}

// ---------------------------------------------------------------- pytest -rA

const PYTEST_LINE = /^(PASSED|FAILED|ERROR|XFAIL|XPASS|SKIPPED)\s+(.+)$/;
const PYTEST_STATUS: Record<string, TestStatus> = {
  PASSED: 'pass',
  XPASS: 'pass',
  FAILED: 'fail',
  ERROR: 'fail',
  // An expected failure that failed, and a skipped test, say nothing about the code.
  XFAIL: 'skip',
  SKIPPED: 'skip',
};

export function parsePytest(text: string): TestResults {
  const results: TestResults = new Map();
  let inSummary = false;
  for (const line of screenLines(text)) {
    if (/^=+ short test summary info =+$/.test(line)) {
      inSummary = true;
      continue;
    }
    if (!inSummary) continue;
    if (/^=+ .* =+$/.test(line)) {
      inSummary = false;
      continue;
    }
    const match = PYTEST_LINE.exec(line);
    if (!match) continue;
    // `SKIPPED [2] tests/x.py:4: reason` counts skips by location and names no test.
    if (match[2]!.startsWith('[')) continue;
    // `FAILED id - message`; an ERROR without `::` is a module that failed to import, named by path.
    recordResult(results, pytestId(match[2]!), PYTEST_STATUS[match[1]!]!);
  }
  return results;
}

/** The node id before ` - message`; a parameter id in brackets may itself contain ` - `. */
function pytestId(rest: string): string {
  let depth = 0;
  for (let i = 0; i < rest.length; i++) {
    if (rest[i] === '[') depth++;
    else if (rest[i] === ']') depth = Math.max(0, depth - 1);
    else if (depth === 0 && rest.startsWith(' - ', i)) return rest.slice(0, i);
  }
  return rest.trim();
}

/**
 * The closing summary of the runners we read (mocha's "N passing (Xs)", node:test's TAP
 * "# duration_ms", pytest's "=== N passed in Xs ==="). A suite that printed it is done, even
 * when its process lingers on an open server or timer.
 */
export const RUNNER_SUMMARY =
  /^\s*\d+ passing \(|^# duration_ms |^=+ .*\b(?:passed|failed|errors?)\b.* in [\d.]+s/m;
