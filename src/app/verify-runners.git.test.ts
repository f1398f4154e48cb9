// verify on real repositories for each runner that runs on this machine: Go, minitest under
// rake, pytest in a virtualenv, vitest. Each port adds a regression test that fails on the old
// code; the fix's test files run first, then the full suite.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../test/temp.js';
import { CleanupScope } from '../cleanup.js';
import { buildRepo } from '../git/recipe.js';
import { GitRepo } from '../git/repo.js';
import { sandboxAvailable } from '../sandbox/run-command.js';
import type { AppContext } from './context.js';
import { verifyCandidate } from './verify.js';
import { changedTestPaths } from './verify-command.js';

// vitest sets TEST=true in its workers, and the runs inherit the environment; rake's TestTask
// reads TEST as the file to run.
delete process.env.TEST;

const sandbox = await sandboxAvailable();
const where = sandbox ? 'in the bubblewrap sandbox' : 'WITHOUT a sandbox (bwrap unavailable)';
const onPath = (program: string) =>
  (process.env.PATH ?? '')
    .split(path.delimiter)
    .some((dir) => dir && fs.existsSync(path.join(dir, program)));

/** A repository with `release` (old code + tests) and `port` (fixed code + a new test). */
async function verifyPort(
  name: string,
  old: Record<string, string>,
  port: Record<string, string>,
  options: { onlyFixTests?: boolean; sandbox?: boolean } = {},
) {
  const built = await buildRepo(path.join(tempDir(), name), {
    steps: [
      { commit: `${name} 1.0`, files: old },
      { branch: 'release' },
      { branch: 'port', from: 'release' },
      { commit: 'the port', id: 'port', files: port },
    ],
  });
  const repo = await GitRepo.open(built.dir);
  const ctx: AppContext = {
    cwd: process.cwd(),
    env: process.env,
    scope: new CleanupScope(),
    progress: () => {},
  };
  const testPaths = await changedTestPaths(repo, 'release', built.commits.port!);
  const report = await verifyCandidate(ctx, {
    repo,
    target: 'release',
    candidate: built.commits.port!,
    testPaths,
    timeoutMs: 120_000,
    ...options,
    sandbox: options.sandbox ?? sandbox,
  });
  expect(ctx.scope.size).toBe(0);
  return report;
}

describe.skipIf(!onPath('go'))(`verify a Go module with go test -json, ${where}`, () => {
  const goMod = 'module example.com/clamp\n\ngo 1.19\n';
  const clamp = (body: string) =>
    `package clamp\n\nfunc Clamp(v, lo, hi int) int {\n${body}\treturn v\n}\n`;
  const buggy = clamp('\tif v < lo {\n\t\treturn lo\n\t}\n');
  const fixed = clamp('\tif v < lo {\n\t\treturn lo\n\t}\n\tif v > hi {\n\t\treturn hi\n\t}\n');
  const tests = (extra: string) =>
    `package clamp\n\nimport "testing"\n\nfunc TestInRange(t *testing.T) {\n\tif Clamp(5, 0, 10) != 5 {\n\t\tt.Fatal("changed")\n\t}\n}\n${extra}`;
  const regression =
    'func TestCapsAtMax(t *testing.T) {\n\tif got := Clamp(11, 0, 10); got != 10 {\n\t\tt.Fatalf("Clamp(11) = %d", got)\n\t}\n}\n';
  const other = 'package format\n\nimport "testing"\n\nfunc TestFormat(t *testing.T) {}\n';

  it('verifies the port: the new test fails before and passes after, its package ran first', async () => {
    const report = await verifyPort(
      'goclamp',
      {
        'go.mod': goMod,
        'clamp.go': buggy,
        'clamp_test.go': tests(''),
        'format/format_test.go': other,
      },
      { 'clamp.go': fixed, 'clamp_test.go': tests(regression) },
    );
    expect(report).toMatchObject({
      status: 'verified',
      fixedTests: ['example.com/clamp > TestCapsAtMax'],
      regressedTests: [],
      ran: { fixTests: ['go', 'test', '-json', '.'], fullSuite: ['go', 'test', '-json', './...'] },
    });
    expect(report.after.results).toEqual({
      'example.com/clamp > TestCapsAtMax': 'pass',
      'example.com/clamp > TestInRange': 'pass',
      'example.com/clamp/format > TestFormat': 'pass',
    });
  });

  it('with --only-fix-tests runs only the touched package, and a package that stops compiling is a regression', async () => {
    const report = await verifyPort(
      'gobroken',
      {
        'go.mod': goMod,
        'clamp.go': buggy,
        'clamp_test.go': tests(''),
        'format/format_test.go': other,
      },
      {
        'clamp.go': 'package clamp\n\nfunc Clamp(v, lo, hi int) int { return undefined }\n',
        'clamp_test.go': tests(regression),
      },
      { onlyFixTests: true },
    );
    expect(report).toMatchObject({
      status: 'regressed',
      regressedTests: ['example.com/clamp > TestInRange'],
      ran: { fixTests: ['go', 'test', '-json', '.'], fullSuite: null },
    });
    expect(report.after.results).toEqual({ 'example.com/clamp': 'fail' });
  });
});

describe.skipIf(!onPath('rake') || !onPath('ruby'))(
  `verify a minitest suite under rake, ${where}`,
  () => {
    const rakefile =
      "require 'rake/testtask'\n\nRake::TestTask.new(:test) do |t|\n  t.libs << 'test'\n  t.pattern = 'test/**/*_test.rb'\nend\n";
    const lib = (body: string) => `module Clamp\n  def self.clamp(v, lo, hi)\n${body}  end\nend\n`;
    const tests = (extra: string) =>
      `require 'minitest/autorun'\nrequire 'clamp'\n\nclass ClampTest < Minitest::Test\n  def test_in_range\n    assert_equal 5, Clamp.clamp(5, 0, 10)\n  end\n${extra}end\n`;
    const regression =
      '\n  def test_caps_at_max\n    assert_equal 10, Clamp.clamp(11, 0, 10)\n  end\n';

    it('verifies the port from minitest verbose output, the new test file first', async () => {
      const report = await verifyPort(
        'rbclamp',
        {
          Rakefile: rakefile,
          'lib/clamp.rb': lib('    [v, lo].max\n'),
          'test/clamp_test.rb': tests(''),
          'test/other_test.rb':
            "require 'minitest/autorun'\n\nclass OtherTest < Minitest::Test\n  def test_other\n    pass\n  end\nend\n",
        },
        {
          'lib/clamp.rb': lib('    [[v, lo].max, hi].min\n'),
          'test/clamp_test.rb': tests(regression),
        },
      );
      expect(report).toMatchObject({
        status: 'verified',
        fixedTests: ['ClampTest#test_caps_at_max'],
        regressedTests: [],
        ran: { fullSuite: ['rake', 'test', 'TESTOPTS=-v'] },
      });
      expect(report.ran.fixTests?.slice(-3)).toEqual(['test/clamp_test.rb', '--', '-v']);
      expect(report.before.results).toEqual({
        'ClampTest#test_caps_at_max': 'fail',
        'ClampTest#test_in_range': 'pass',
        'OtherTest#test_other': 'pass',
      });
    });
  },
);

describe(`verify a pytest project in a virtualenv, offline, ${where}`, () => {
  const code = (body: string) => `def clamp(v, lo, hi):\n${body}`;
  const tests = (extra: string) =>
    `from clamp import clamp\n\n\ndef test_in_range():\n    assert clamp(5, 0, 10) == 5\n${extra}`;
  const regression = '\n\ndef test_caps_at_max():\n    assert clamp(11, 0, 10) == 10\n';

  it('creates the venv, runs pytest with its python, and says the requirements were not installed', async () => {
    const report = await verifyPort(
      'pyclamp',
      {
        'requirements.txt': 'attrs>=21\n',
        'pytest.ini': '[pytest]\n',
        'clamp.py': code('    return max(v, lo)\n'),
        'tests/test_clamp.py': tests(''),
        'tests/test_other.py': 'def test_other():\n    assert True\n',
      },
      {
        'clamp.py': code('    return min(max(v, lo), hi)\n'),
        'tests/test_clamp.py': tests(regression),
      },
    );
    expect(report).toMatchObject({
      status: 'verified',
      fixedTests: ['tests/test_clamp.py::test_caps_at_max'],
      ran: {
        fixTests: ['.retrofit-venv/bin/python', '-m', 'pytest', '-rA', 'tests/test_clamp.py'],
        fullSuite: ['.retrofit-venv/bin/python', '-m', 'pytest', '-rA'],
      },
    });
    expect(report.after.results).toEqual({
      'tests/test_clamp.py::test_caps_at_max': 'pass',
      'tests/test_clamp.py::test_in_range': 'pass',
      'tests/test_other.py::test_other': 'pass',
    });
    expect(report.notes).toEqual([
      "Python dependencies (requirements.txt) were not installed; the tests ran with the system's packages. Pass --online to run pip install first",
    ]);
  });

  it('with --only-fix-tests runs only the fix test file', async () => {
    const report = await verifyPort(
      'pyonly',
      {
        'clamp.py': code('    return max(v, lo)\n'),
        'tests/test_clamp.py': tests(''),
        'tests/test_other.py': 'def test_other():\n    assert True\n',
      },
      {
        'clamp.py': code('    return min(max(v, lo), hi)\n'),
        'tests/test_clamp.py': tests(regression),
      },
      { onlyFixTests: true },
    );
    expect(report).toMatchObject({ status: 'verified', notes: [], ran: { fullSuite: null } });
    expect(Object.keys(report.after.results)).toEqual([
      'tests/test_clamp.py::test_caps_at_max',
      'tests/test_clamp.py::test_in_range',
    ]);
  });
});

// The project's vitest is this repository's own, so that no install is needed offline. The
// sandbox mounts a fresh /tmp, so a checkout of this repository under /tmp cannot lend it: then
// the runs go unsandboxed (this test is about reading vitest's report, not about the sandbox).
const vitest = fileURLToPath(new URL('../../node_modules/vitest/vitest.mjs', import.meta.url));
const vitestSandboxed = sandbox && !vitest.startsWith('/tmp/');
const vitestWhere = vitestSandboxed ? where : 'WITHOUT a sandbox (this checkout is under /tmp)';

describe(`verify an npm project whose test script is vitest, ${vitestWhere}`, () => {
  const pkg = JSON.stringify({ name: 'vclamp', scripts: { test: `node ${vitest} run --globals` } });
  const code = (body: string) => `exports.clamp = (v, lo, hi) => ${body};\n`;
  const tests = (extra: string) =>
    `const { clamp } = require('../clamp.cjs');\ndescribe('clamp', () => {\n  test('keeps', () => expect(clamp(5, 0, 10)).toBe(5));\n${extra}});\n`;
  const regression = "  test('caps', () => expect(clamp(11, 0, 10)).toBe(10));\n";

  it("verifies the port from vitest's JUnit report", async () => {
    const report = await verifyPort(
      'vclamp',
      {
        'package.json': pkg,
        'clamp.cjs': code('Math.max(lo, v)'),
        'test/clamp.test.js': tests(''),
        'test/other.test.js': "test('other', () => expect(1).toBe(1));\n",
      },
      {
        'clamp.cjs': code('Math.min(hi, Math.max(lo, v))'),
        'test/clamp.test.js': tests(regression),
      },
      { sandbox: vitestSandboxed },
    );
    expect(report).toMatchObject({
      status: 'verified',
      fixedTests: ['test/clamp.test.js > clamp > caps'],
      regressedTests: [],
    });
    expect(report.ran.fixTests?.at(-1)).toBe('test/clamp.test.js');
    expect(report.after.results).toEqual({
      'test/clamp.test.js > clamp > caps': 'pass',
      'test/clamp.test.js > clamp > keeps': 'pass',
      'test/other.test.js > other': 'pass',
    });
  });
});
