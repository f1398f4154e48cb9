import { describe, expect, it } from 'vitest';
import { detectTestCommand, splitCommandLine } from './detect-test-command.js';

const npmInit = JSON.stringify({
  name: 'x',
  scripts: { test: 'echo "Error: no test specified" && exit 1' },
});

describe('detectTestCommand', () => {
  it('uses npm test when package.json has a real test script', () => {
    expect(
      detectTestCommand({
        files: ['package.json', 'index.js', 'test/index.test.js'],
        packageJson: JSON.stringify({ scripts: { test: 'node --test' } }),
      }),
    ).toEqual({ argv: ['npm', 'test'], source: 'npm' });
  });

  it("ignores npm's placeholder script and a package.json without scripts", () => {
    expect(detectTestCommand({ files: ['package.json'], packageJson: npmInit })).toBeNull();
    expect(detectTestCommand({ files: ['package.json'], packageJson: '{"name":"x"}' })).toBeNull();
    expect(detectTestCommand({ files: ['package.json'], packageJson: '{ broken' })).toBeNull();
  });

  it('uses pytest for pytest configuration in any of its homes', () => {
    const pytest = { argv: ['python3', '-m', 'pytest', '-rA'], source: 'pytest' };
    expect(
      detectTestCommand({
        files: ['pyproject.toml', 'src/app.py'],
        pyproject: '[project]\nname = "x"\n\n[tool.pytest.ini_options]\naddopts = "-q"\n',
      }),
    ).toEqual(pytest);
    expect(detectTestCommand({ files: ['pytest.ini', 'app.py'] })).toEqual(pytest);
    expect(detectTestCommand({ files: ['src/conftest.py'] })).toEqual(pytest);
    expect(
      detectTestCommand({ files: ['setup.cfg', 'app.py'], setupCfg: '[tool:pytest]\n' }),
    ).toEqual(pytest);
    expect(detectTestCommand({ files: ['tox.ini', 'app.py'], toxIni: '[pytest]\n' })).toEqual(
      pytest,
    );
  });

  it('uses pytest for a Python project with a tests folder or test_ files', () => {
    expect(
      detectTestCommand({ files: ['setup.py', 'pkg/a.py', 'tests/check_a.py'] }),
    ).toMatchObject({ source: 'pytest' });
    expect(detectTestCommand({ files: ['pkg/a.py', 'pkg/test_a.py'] })).toMatchObject({
      source: 'pytest',
    });
    expect(
      detectTestCommand({ files: ['pyproject.toml', 'pkg/a.py'], pyproject: '[project]\n' }),
    ).toBeNull();
  });

  it('prefers a configured command over everything it could detect', () => {
    expect(
      detectTestCommand({
        files: ['package.json', 'pytest.ini'],
        packageJson: JSON.stringify({ scripts: { test: 'jest' } }),
        configured: ['make', 'check'],
      }),
    ).toEqual({ argv: ['make', 'check'], source: 'configured' });
  });

  it('returns null for a project it cannot run', () => {
    expect(detectTestCommand({ files: ['main.c', 'Makefile', 'README.md'] })).toBeNull();
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
