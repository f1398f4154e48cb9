// Reads the resolved dependencies of a Gradle dependency lock file (gradle.lockfile): one
// `group:artifact:version=configuration,...` line per module, written by `--write-locks`.
import { dedupePackages, invalidLockfile, type InventoryPackage } from '../../inventory/types.js';
import { maven } from './index.js';

const ENTRY = /^([^:\s=]+):([^:\s=]+):([^:\s=]+)=(.*)$/;

export function parseGradleLockfile(text: string, source: string): InventoryPackage[] {
  const found: InventoryPackage[] = [];
  text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .forEach((raw, index) => {
      const line = raw.trim();
      // `empty=` lists the configurations that resolved to nothing.
      if (line === '' || line.startsWith('#') || line.startsWith('empty=')) return;
      const match = ENTRY.exec(line);
      if (!match || !maven.isValidVersion(match[3]!)) {
        throw invalidLockfile(
          source,
          `not a group:artifact:version=configurations line: ${line}`,
          index + 1,
        );
      }
      found.push({
        ecosystem: 'Maven',
        name: `${match[1]}:${match[2]}`,
        version: match[3]!,
        source,
      });
    });
  return dedupePackages(found);
}
