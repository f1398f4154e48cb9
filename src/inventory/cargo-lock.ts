// Reads the Rust crates a workspace builds with from Cargo.lock. Every format version (v1
// with checksums under [metadata], v2 without a version key, `version = 3` and `4`) lists
// one `[[package]]` table per crate version with its `source`.
import { cratesIo } from '../ecosystems/crates.io/index.js';
import { lineOfHeader, parseTomlFile } from './parse-text.js';
import { dedupePackages, invalidLockfile, isObject, type InventoryPackage } from './types.js';

export interface CargoLockResult {
  packages: InventoryPackage[];
  /** Crates left out, and why (another registry). */
  problems: string[];
}

/**
 * crates.io as a lockfile names it: the git index, or the sparse index Cargo may record for
 * it. Crates without a source are the workspace's own or path dependencies, and `git+`
 * sources are checkouts: neither is a crates.io release.
 */
const CRATES_IO = new Set([
  'registry+https://github.com/rust-lang/crates.io-index',
  'sparse+https://index.crates.io/',
]);

export function parseCargoLock(text: string, source: string): CargoLockResult {
  const document = parseTomlFile(text, source);
  const tables = document.package ?? [];
  if (!Array.isArray(tables)) throw invalidLockfile(source, '"package" is not an array of tables');
  const packages: InventoryPackage[] = [];
  const otherRegistries = new Set<string>();
  tables.forEach((entry: unknown, index) => {
    const line = () => lineOfHeader(text, '[[package]]', index);
    if (!isObject(entry) || typeof entry.name !== 'string' || typeof entry.version !== 'string') {
      throw invalidLockfile(source, 'a [[package]] has no name or version', line());
    }
    const { name, version } = entry;
    if (!cratesIo.isValidVersion(version)) {
      throw invalidLockfile(source, `${name} has an invalid version ${version}`, line());
    }
    if (typeof entry.source !== 'string') return;
    if (CRATES_IO.has(entry.source)) {
      packages.push({ ecosystem: 'crates.io', name, version, source });
    } else if (/^(registry|sparse)\+/.test(entry.source)) {
      // A private registry may reuse a crates.io name for another crate: matching it
      // against crates.io advisories could be wrong either way, so it is reported instead.
      otherRegistries.add(entry.source);
    }
  });
  const problems = [...otherRegistries].map(
    (registry) =>
      `crates from the registry ${registry} are not crates.io releases and were not scanned`,
  );
  return { packages: dedupePackages(packages), problems };
}
