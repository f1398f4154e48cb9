// Reads the installed Composer packages from composer.lock: `packages` and `packages-dev`.
import {
  dedupePackages,
  invalidLockfile,
  isObject,
  parseJsonFile,
  type InventoryPackage,
} from '../../inventory/types.js';
import { packagist } from './index.js';

export function parseComposerLock(text: string, source: string): InventoryPackage[] {
  const lock = parseJsonFile(text, source);
  if (!isObject(lock)) throw invalidLockfile(source, 'a composer.lock is a JSON object');
  const found: InventoryPackage[] = [];
  for (const section of ['packages', 'packages-dev'] as const) {
    const list = lock[section];
    if (list === undefined) continue;
    if (!Array.isArray(list)) throw invalidLockfile(source, `"${section}" is not a list`);
    for (const entry of list) {
      if (!isObject(entry) || typeof entry.name !== 'string' || typeof entry.version !== 'string') {
        throw invalidLockfile(source, `an entry of "${section}" has no name and version`);
      }
      // Branches (`dev-main`, `2.x-dev`) are commits, not releases an advisory names.
      if (!packagist.isValidVersion(entry.version)) continue;
      found.push({ ecosystem: 'Packagist', name: entry.name, version: entry.version, source });
    }
  }
  return dedupePackages(found);
}
