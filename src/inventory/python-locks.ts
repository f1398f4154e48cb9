// Reads the installed Python packages from the lockfiles of Poetry (poetry.lock), Pipenv
// (Pipfile.lock) and uv (uv.lock). Each pins exact versions; packages that come from a git
// repository, a URL or a local folder have no index release to match advisories with and
// are left out, like git dependencies in npm lockfiles.
import { pypi } from '../ecosystems/pypi/index.js';
import { lineOfHeader, lineOfKey, parseTomlFile } from './parse-text.js';
import {
  dedupePackages,
  invalidLockfile,
  isObject,
  parseJsonFile,
  type InventoryPackage,
} from './types.js';

/**
 * poetry.lock (lock-version 1.x and 2.x): `[[package]]` tables. A `[package.source]` of type
 * `legacy` is another package index and still serves index releases; `git`, `url`, `file` and
 * `directory` do not.
 */
export function parsePoetryLock(text: string, source: string): InventoryPackage[] {
  return readPackageTables(text, source, (entry) => {
    const from = isObject(entry.source) ? entry.source.type : undefined;
    return from === undefined || from === 'legacy';
  });
}

/**
 * uv.lock: `[[package]]` tables whose `source` says where each came from. Only `registry`
 * sources are index releases; `editable` and `virtual` are the project's own packages.
 */
export function parseUvLock(text: string, source: string): InventoryPackage[] {
  return readPackageTables(
    text,
    source,
    (entry) => isObject(entry.source) && typeof entry.source.registry === 'string',
  );
}

function readPackageTables(
  text: string,
  source: string,
  fromIndex: (entry: Record<string, unknown>) => boolean,
): InventoryPackage[] {
  const document = parseTomlFile(text, source);
  const tables = document.package ?? [];
  if (!Array.isArray(tables)) {
    throw invalidLockfile(
      source,
      '"package" is not an array of tables',
      lineOfKey(text, 'package'),
    );
  }
  const found: InventoryPackage[] = [];
  tables.forEach((entry: unknown, index) => {
    const line = () => lineOfHeader(text, '[[package]]', index);
    if (!isObject(entry) || typeof entry.name !== 'string') {
      throw invalidLockfile(source, 'a [[package]] has no name', line());
    }
    if (!fromIndex(entry)) return;
    const { name, version } = entry;
    if (typeof version !== 'string' || !pypi.isValidVersion(version)) {
      throw invalidLockfile(source, `package ${name} has no valid version`, line());
    }
    found.push({ ecosystem: 'PyPI', name, version, source });
  });
  return dedupePackages(found);
}

/**
 * Pipfile.lock: JSON with `_meta` and one object per package category (`default`, `develop`,
 * and any others a Pipfile names), each mapping names to `{ version: "==1.2.3" }`. Entries
 * with `git`, `path` or `file` instead of a version are not index releases.
 */
export function parsePipfileLock(text: string, source: string): InventoryPackage[] {
  const lock = parseJsonFile(text, source);
  if (!isObject(lock) || !isObject(lock._meta)) {
    throw invalidLockfile(source, 'a Pipfile.lock is a JSON object with "_meta"');
  }
  const found: InventoryPackage[] = [];
  for (const [category, packages] of Object.entries(lock)) {
    if (category === '_meta') continue;
    if (!isObject(packages)) throw invalidLockfile(source, `"${category}" is not an object`);
    for (const [name, entry] of Object.entries(packages)) {
      if (!isObject(entry) || entry.version === undefined) continue;
      const version =
        typeof entry.version === 'string' ? /^===?(.+)$/.exec(entry.version)?.[1] : undefined;
      if (!version || !pypi.isValidVersion(version)) {
        throw invalidLockfile(source, `"${category}"."${name}" has no ==version pin`);
      }
      found.push({ ecosystem: 'PyPI', name, version, source });
    }
  }
  return dedupePackages(found);
}
