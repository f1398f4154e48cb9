// Reads the installed npm packages from package-lock.json (or npm-shrinkwrap.json): format
// v1 (nested `dependencies`), and v2/v3 (`packages` keyed by node_modules paths).
import { npm } from '../ecosystems/npm/index.js';
import {
  dedupePackages,
  invalidLockfile,
  isObject,
  parseJsonFile,
  type InventoryPackage,
} from './types.js';

export function parsePackageLock(text: string, source: string): InventoryPackage[] {
  const lock = parseJsonFile(text, source);
  if (!isObject(lock)) throw invalidLockfile(source, 'a lockfile is a JSON object');
  const found: InventoryPackage[] = [];
  const add = (name: string, version: unknown) => {
    // Git, file and tarball dependencies have no registry version to match advisories with.
    if (typeof version === 'string' && npm.isValidVersion(version)) {
      found.push({ ecosystem: 'npm', name, version, source });
    }
  };
  // v2 carries both sections with the same content; `packages` is the complete one.
  if (lock.packages !== undefined) {
    if (!isObject(lock.packages)) throw invalidLockfile(source, '"packages" is not an object');
    for (const [key, entry] of Object.entries(lock.packages)) {
      // "" is the project itself; keys outside node_modules are workspace folders; links
      // point at one of those. None of them comes from the registry.
      if (!key.includes('node_modules/') || !isObject(entry) || entry.link === true) continue;
      const name = typeof entry.name === 'string' ? entry.name : nameFromPath(key);
      add(name, entry.version);
    }
  } else if (lock.dependencies !== undefined) {
    walkV1(lock.dependencies, source, add);
  }
  return dedupePackages(found);
}

/** `node_modules/a/node_modules/@scope/b` → `@scope/b`. */
function nameFromPath(key: string): string {
  return key.slice(key.lastIndexOf('node_modules/') + 'node_modules/'.length);
}

function walkV1(
  dependencies: unknown,
  source: string,
  add: (name: string, version: unknown) => void,
): void {
  if (!isObject(dependencies)) throw invalidLockfile(source, '"dependencies" is not an object');
  for (const [name, entry] of Object.entries(dependencies)) {
    if (!isObject(entry)) continue;
    const version = entry.version;
    // An aliased install (`"alias": "npm:real-name@1.2.3"`) is the real package.
    const alias =
      typeof version === 'string' ? /^npm:((?:@[^/]+\/)?[^@]+)@(.+)$/.exec(version) : null;
    if (alias) add(alias[1]!, alias[2]);
    else add(name, version);
    if (entry.dependencies !== undefined) walkV1(entry.dependencies, source, add);
  }
}
