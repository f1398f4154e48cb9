// Reads the installed npm packages from pnpm-lock.yaml. The `packages` map is keyed by
// dependency path, whose shape changed with the lockfile version:
//   5.x  `/name/1.2.3` or `/@scope/name/1.2.3_peer@2.0.0` (peers after `_`)
//   6.0  `/name@1.2.3` or `/@scope/name@1.2.3(peer@2.0.0)`
//   9.0  `name@1.2.3` (peers only in `snapshots`, which repeats the same packages)
import { isMap, isScalar } from 'yaml';
import { npm } from '../ecosystems/npm/index.js';
import { parseYamlFile, type YamlFile } from './parse-text.js';
import { dedupePackages, invalidLockfile, isObject, type InventoryPackage } from './types.js';

export function parsePnpmLock(text: string, source: string): InventoryPackage[] {
  const yaml = parseYamlFile(text, source);
  // pnpm 9 may put a document about pnpm itself before the project's; the project's is last.
  const document = yaml.documents.at(-1);
  const root: unknown = document?.toJS();
  if (!document || !isObject(root)) throw invalidLockfile(source, 'a pnpm lockfile is a map');
  const lockfileVersion = Number.parseFloat(String(root.lockfileVersion));
  if (Number.isNaN(lockfileVersion)) {
    throw invalidLockfile(source, 'no lockfileVersion', 1);
  }
  const packages = document.get('packages', true);
  if (packages === undefined || packages === null) return [];
  if (!isMap(packages)) {
    throw invalidLockfile(source, '"packages" is not a map', lineOfKey(yaml, 'packages'));
  }
  const found: InventoryPackage[] = [];
  for (const pair of packages.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : null;
    if (key === null || !isMap(pair.value)) {
      throw invalidLockfile(source, 'a package entry is not a map', yaml.lineOf(pair.key));
    }
    const pkg =
      lockfileVersion < 6
        ? readV5Key(key)
        : lockfileVersion < 9
          ? key.startsWith('/')
            ? readKey(key.slice(1))
            : null
          : readKey(key);
    if (pkg) found.push({ ecosystem: 'npm', ...pkg, source });
  }
  return dedupePackages(found);
}

/**
 * `/name/version_peers`. Keys without the leading `/` name a package by where it came from
 * (`github.com/org/repo/sha`, a tarball URL): not a registry release.
 */
function readV5Key(key: string): { name: string; version: string } | null {
  if (!key.startsWith('/')) return null;
  const slash = key.lastIndexOf('/');
  const name = key.slice(1, slash);
  const version = key.slice(slash + 1).split('_')[0]!;
  return name !== '' && npm.isValidVersion(version) ? { name, version } : null;
}

/**
 * `name@version(peers)`, once 6.0's leading `/` is gone (6.0 keys without it name a package by
 * where it came from, as in 5.x). Git and tarball dependencies have a URL or commit where the
 * version is, which is not a version, so they drop out here.
 */
function readKey(key: string): { name: string; version: string } | null {
  const path = key.split('(')[0]!;
  const at = path.indexOf('@', 1);
  if (at < 0) return null;
  const name = path.slice(0, at);
  const version = path.slice(at + 1);
  return npm.isValidVersion(version) && !/^[v=]/.test(version) ? { name, version } : null;
}

function lineOfKey(yaml: YamlFile, key: string): number | undefined {
  const contents = yaml.documents.at(-1)?.contents;
  const pair = isMap(contents)
    ? contents.items.find((item) => isScalar(item.key) && item.key.value === key)
    : undefined;
  return pair ? yaml.lineOf(pair.key) : undefined;
}
