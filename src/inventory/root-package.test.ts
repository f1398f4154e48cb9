import { describe, expect, it } from 'vitest';
import { parsePackageJson, parsePyproject, parseSetupPy } from './root-package.js';

describe('parsePackageJson', () => {
  it('reads name and version', () => {
    expect(parsePackageJson('{"name": "ws", "version": "7.5.9"}', 'v7.5.9:package.json')).toEqual([
      { ecosystem: 'npm', name: 'ws', version: '7.5.9', source: 'v7.5.9:package.json' },
    ]);
  });

  it('yields nothing without a version', () => {
    expect(parsePackageJson('{"name": "app", "private": true}', 'package.json')).toEqual([]);
  });

  it('rejects broken JSON naming the file', () => {
    expect(() => parsePackageJson('{"name": ', 'package.json')).toThrowError(
      expect.objectContaining({
        code: 'invalid-lockfile',
        data: expect.objectContaining({ input: 'package.json' }),
      }),
    );
  });
});

describe('parsePyproject', () => {
  it('reads [project]', () => {
    const text = '[project]\nname = "lxml"\nversion = "4.9.0"\n';
    expect(parsePyproject(text, 'pyproject.toml')).toEqual([
      { ecosystem: 'PyPI', name: 'lxml', version: '4.9.0', source: 'pyproject.toml' },
    ]);
  });

  it('reads [tool.poetry]', () => {
    const text =
      '[tool.poetry]\nname = "demo"\nversion = "1.0.0"\n\n[tool.poetry.dependencies]\npython = "^3.8"\n';
    expect(parsePyproject(text, 'pyproject.toml')[0]).toMatchObject({
      name: 'demo',
      version: '1.0.0',
    });
  });

  it('yields nothing for a dynamic version', () => {
    const text = '[project]\nname = "lxml"\ndynamic = ["version"]\n';
    expect(parsePyproject(text, 'pyproject.toml')).toEqual([]);
  });

  it('rejects broken TOML naming the file and line', () => {
    expect(() =>
      parsePyproject('[project]\nname = "x"\nversion = \n', 'pyproject.toml'),
    ).toThrowError(
      expect.objectContaining({
        code: 'invalid-lockfile',
        message: expect.stringContaining('pyproject.toml:3'),
      }),
    );
  });
});

describe('parseSetupPy', () => {
  it('reads string literals of the setup() call', () => {
    const text = `from setuptools import setup\n\nif __name__ == "__main__":\n    setup(\n        name='lxml',\n        version="4.9.0",\n    )\n`;
    expect(parseSetupPy(text, 'setup.py')).toEqual([
      { ecosystem: 'PyPI', name: 'lxml', version: '4.9.0', source: 'setup.py' },
    ]);
  });

  it('yields nothing when the version is computed', () => {
    const text = `from setuptools import setup\nsetup(name="x", version=__version__)\n`;
    expect(parseSetupPy(text, 'setup.py')).toEqual([]);
  });
});
