import { describe, expect, it } from 'vitest';
import { planTests, splitCommandLine } from './detect-test-command.js';

const npmInit = JSON.stringify({
  name: 'x',
  scripts: { test: 'echo "Error: no test specified" && exit 1' },
});
const script = (test: string) => JSON.stringify({ name: 'x', scripts: { test } });

/** What a user sees of a plan: the runner, the full command and the fix-only command. */
function plan(
  files: string[],
  manifests: Record<string, string | undefined> = {},
  testPaths: string[] = [],
  configured?: string[],
) {
  const found = planTests({ project: { files, manifests }, testPaths, configured });
  if (!found) return null;
  return {
    source: found.source,
    suite: found.suite.argv.join(' '),
    focus: found.focus?.argv.join(' ') ?? null,
    reports: found.suite.reportDirs,
  };
}

describe('planTests: which runner, and the commands for the suite and for the fix', () => {
  it.each([
    {
      project: 'npm with node --test',
      files: ['package.json', 'index.js', 'test/index.test.js'],
      manifests: { 'package.json': script('node --test') },
      testPaths: ['test/index.test.js'],
      expected: {
        source: 'npm',
        suite: 'npm test',
        focus: 'npm test -- test/index.test.js',
        reports: [],
      },
    },
    {
      project: 'npm with a compound script (cannot be narrowed)',
      files: ['package.json'],
      manifests: { 'package.json': script('eslint . && mocha') },
      testPaths: ['test/a.js'],
      expected: { source: 'npm', suite: 'npm test', focus: null, reports: [] },
    },
    {
      project: 'jest',
      files: ['package.json', 'a.test.js'],
      manifests: { 'package.json': script('jest --coverage') },
      testPaths: ['a.test.js'],
      expected: {
        source: 'jest',
        suite: 'npm test -- --ci --json --outputFile=.retrofit-reports/jest.json',
        focus:
          'npm test -- --ci --json --outputFile=.retrofit-reports/jest.json --runTestsByPath a.test.js',
        reports: ['.retrofit-reports'],
      },
    },
    {
      project: 'vitest',
      files: ['package.json', 'src/a.test.ts'],
      manifests: { 'package.json': script('vitest run') },
      testPaths: ['src/a.test.ts'],
      expected: {
        source: 'vitest',
        suite:
          'npm test -- --reporter=default --reporter=junit --outputFile.junit=.retrofit-reports/junit.xml',
        focus:
          'npm test -- --reporter=default --reporter=junit --outputFile.junit=.retrofit-reports/junit.xml src/a.test.ts',
        reports: ['.retrofit-reports'],
      },
    },
    {
      project: 'go module',
      files: ['go.mod', 'clamp.go', 'clamp_test.go', 'internal/x/x_test.go'],
      manifests: { 'go.mod': 'module example.com/clamp\n' },
      testPaths: ['clamp_test.go', 'internal/x/x_test.go', 'internal/x/testdata/in.txt'],
      expected: {
        source: 'go',
        suite: 'go test -json ./...',
        focus: 'go test -json . ./internal/x',
        reports: [],
      },
    },
    {
      project: 'maven with modules',
      files: ['pom.xml', 'core/pom.xml', 'core/src/test/java/org/x/ClampTest.java'],
      manifests: {
        'pom.xml':
          '<project><modules><module>core</module><module>../escape</module></modules></project>',
      },
      testPaths: ['core/src/test/java/org/x/ClampTest.java'],
      expected: {
        source: 'maven',
        suite: 'mvn -q -o test',
        focus:
          'mvn -q -o test -Dtest=ClampTest -Dsurefire.failIfNoSpecifiedTests=false -DfailIfNoTests=false',
        reports: ['target/surefire-reports', 'core/target/surefire-reports'],
      },
    },
    {
      project: 'rake with a TestTask',
      files: ['Rakefile', 'lib/clamp.rb', 'test/clamp_test.rb'],
      manifests: { Rakefile: "require 'rake/testtask'\nRake::TestTask.new(:test)\n" },
      testPaths: ['test/clamp_test.rb'],
      expected: {
        source: 'rake',
        suite: 'rake test TESTOPTS=-v',
        focus: expect.stringMatching(/^ruby -Ilib -Itest -e .* test\/clamp_test\.rb -- -v$/),
        reports: [],
      },
    },
    {
      project: 'minitest files without a Rakefile',
      files: ['lib/a.rb', 'test/test_a.rb', 'test/unit/b_test.rb'],
      manifests: {},
      testPaths: [],
      expected: {
        source: 'rake',
        suite: expect.stringMatching(/ test\/test_a\.rb test\/unit\/b_test\.rb -- -v$/),
        focus: null,
        reports: [],
      },
    },
    {
      project: 'pytest',
      files: ['pytest.ini', 'app.py', 'tests/test_app.py'],
      manifests: {},
      testPaths: ['tests/test_app.py', 'tests/data.json'],
      expected: {
        source: 'pytest',
        suite: 'python3 -m pytest -rA',
        focus: 'python3 -m pytest -rA tests/test_app.py',
        reports: [],
      },
    },
  ])('$project', ({ files, manifests, testPaths, expected }) => {
    expect(plan(files, manifests, testPaths)).toEqual(expected);
  });

  it("ignores npm's placeholder script and a package.json without scripts", () => {
    expect(plan(['package.json'], { 'package.json': npmInit })).toBeNull();
    expect(plan(['package.json'], { 'package.json': '{"name":"x"}' })).toBeNull();
    expect(plan(['package.json'], { 'package.json': '{ broken' })).toBeNull();
  });

  it('finds pytest configuration in any of its homes', () => {
    const pyproject = '[project]\nname = "x"\n\n[tool.pytest.ini_options]\naddopts = "-q"\n';
    expect(plan(['pyproject.toml', 'src/app.py'], { 'pyproject.toml': pyproject })).toMatchObject({
      source: 'pytest',
    });
    expect(plan(['src/conftest.py'])).toMatchObject({ source: 'pytest' });
    expect(plan(['setup.cfg', 'app.py'], { 'setup.cfg': '[tool:pytest]\n' })).toMatchObject({
      source: 'pytest',
    });
    expect(plan(['tox.ini', 'app.py'], { 'tox.ini': '[pytest]\n' })).toMatchObject({
      source: 'pytest',
    });
    expect(plan(['setup.py', 'pkg/a.py', 'tests/check_a.py'])).toMatchObject({ source: 'pytest' });
    expect(plan(['pyproject.toml', 'pkg/a.py'], { 'pyproject.toml': '[project]\n' })).toBeNull();
  });

  it('does not take a Go module without tests, or npm inside a compound vitest line, for more', () => {
    expect(plan(['go.mod', 'main.go'])).toBeNull();
    expect(
      plan(['package.json'], { 'package.json': script('vitest run && eslint .') }),
    ).toMatchObject({ source: 'npm', suite: 'npm test' });
  });

  it('prefers a configured command over everything it could detect, and never narrows it', () => {
    expect(
      plan(
        ['package.json', 'pytest.ini'],
        { 'package.json': script('jest') },
        ['a.test.js'],
        ['make', 'check'],
      ),
    ).toEqual({ source: 'configured', suite: 'make check', focus: null, reports: [] });
  });

  it('returns null for a project it cannot run', () => {
    expect(plan(['main.c', 'Makefile', 'README.md'])).toBeNull();
  });
});

describe('splitCommandLine', () => {
  it('splits a plain command on whitespace', () => {
    expect(splitCommandLine('  npm   run test:unit ')).toEqual(['npm', 'run', 'test:unit']);
  });

  it('hands shell syntax to sh -c as written', () => {
    expect(splitCommandLine('make -j2 && ./run-tests "unit"')).toEqual([
      'sh',
      '-c',
      'make -j2 && ./run-tests "unit"',
    ]);
  });

  it('gives nothing for an empty line', () => {
    expect(splitCommandLine('   ')).toEqual([]);
  });
});
