// Reads the package a project itself publishes, from its manifest: package.json (npm),
// pyproject.toml or setup.py (PyPI). A release branch of a library is that package at that
// version, so advisories about the library apply to the branch.
import { npm } from '../ecosystems/npm/index.js';
import { pypi } from '../ecosystems/pypi/index.js';
import { parseTomlFile } from './parse-text.js';
import { invalidLockfile, isObject, parseJsonFile, type InventoryPackage } from './types.js';

/** `name` and `version` of package.json; nothing when either is missing. */
export function parsePackageJson(text: string, source: string): InventoryPackage[] {
  const manifest = parseJsonFile(text, source);
  if (!isObject(manifest)) throw invalidLockfile(source, 'package.json is a JSON object');
  const { name, version } = manifest;
  return typeof name === 'string' && typeof version === 'string' && npm.isValidVersion(version)
    ? [{ ecosystem: 'npm', name, version, source }]
    : [];
}

/**
 * `[project]` (PEP 621) name and version, else `[tool.poetry]`'s. A version declared
 * `dynamic` is computed at build time and cannot be read here, so it yields nothing.
 */
export function parsePyproject(text: string, source: string): InventoryPackage[] {
  const document = parseTomlFile(text, source);
  const tool = isObject(document.tool) ? document.tool : {};
  for (const table of [document.project, tool.poetry]) {
    if (!isObject(table)) continue;
    const { name, version } = table;
    if (typeof name === 'string' && typeof version === 'string' && pypi.isValidVersion(version)) {
      return [{ ecosystem: 'PyPI', name, version, source }];
    }
  }
  return [];
}

/**
 * `name=` and `version=` string literals of the `setup(...)` call. A regular expression,
 * because setup.py is a program and retrofit never executes target code: the project is
 * untrusted input. A version computed at run time (`version=__version__`) yields nothing.
 */
export function parseSetupPy(text: string, source: string): InventoryPackage[] {
  const call = text.search(/\bsetup\s*\(/);
  if (call < 0) return [];
  const body = text.slice(call);
  const literal = (key: string) =>
    new RegExp(`\\b${key}\\s*=\\s*(?:'([^'\\n]*)'|"([^"\\n]*)")`)
      .exec(body)
      ?.slice(1)
      .find((value) => value !== undefined);
  const name = literal('name');
  const version = literal('version');
  return name && version && pypi.isValidVersion(version)
    ? [{ ecosystem: 'PyPI', name, version, source }]
    : [];
}
