import { describe, expect, it } from 'vitest';
import { needsInstall, pythonDependencies } from './python-dependencies.js';

describe('pythonDependencies', () => {
  it('finds requirements files and the dependencies pyproject.toml declares, test groups included', () => {
    const pyproject = [
      '[build-system]',
      'requires = ["setuptools"]',
      '',
      '[project]',
      'name = "clamp"',
      'dependencies = ["attrs>=21", "idna"]',
      '',
      '[project.optional-dependencies]',
      'test = ["hypothesis", "attrs>=21"]',
      'docs = ["sphinx"]',
    ].join('\n');
    const deps = pythonDependencies({
      files: [
        'pyproject.toml',
        'requirements.txt',
        'requirements-dev.txt',
        'docs/requirements.txt',
        'clamp.py',
      ],
      manifests: { 'pyproject.toml': pyproject },
    });
    expect(deps).toEqual({
      requirementFiles: ['requirements-dev.txt', 'requirements.txt'],
      declared: ['attrs>=21', 'idna', 'hypothesis'],
      installable: true,
    });
    expect(needsInstall(deps)).toBe(true);
  });

  it('asks for nothing from a project of plain modules, and survives a broken pyproject.toml', () => {
    const plain = pythonDependencies({ files: ['clamp.py', 'tests/test_clamp.py'], manifests: {} });
    expect(needsInstall(plain)).toBe(false);
    expect(
      pythonDependencies({
        files: ['pyproject.toml'],
        manifests: { 'pyproject.toml': '[project\nx' },
      }),
    ).toEqual({ requirementFiles: [], declared: [], installable: false });
    expect(pythonDependencies({ files: ['setup.py'], manifests: {} }).installable).toBe(true);
  });
});
