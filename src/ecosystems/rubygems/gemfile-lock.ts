// Reads the gems Bundler installed from a registry, from Gemfile.lock: the `specs:` of each
// GEM section. PATH and GIT gems are built from source, so no registry version describes them.
import { dedupePackages, invalidLockfile, type InventoryPackage } from '../../inventory/types.js';
import { rubygems } from './index.js';

/**
 * A spec line, four spaces in: `name (version)` or `name (version-platform)`. Like Bundler's
 * own lockfile parser, the version ends at the first `-`; the rest is the platform
 * (`x86_64-linux-gnu`, `java`), which does not change which release it is.
 */
const SPEC = /^ {4}(?! )(\S+) \(([^-)\s]+)(?:-([^)\s]+))?\)$/;

export function parseGemfileLock(text: string, source: string): InventoryPackage[] {
  const found: InventoryPackage[] = [];
  let section = '';
  let inSpecs = false;
  text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .forEach((line, index) => {
      if (/^(<{7}|={7}|>{7})/.test(line)) {
        throw invalidLockfile(source, 'it has merge conflict markers', index + 1);
      }
      if (line.trim() === '') return;
      if (!line.startsWith(' ')) {
        section = line.trim();
        inSpecs = false;
        return;
      }
      if (section !== 'GEM') return;
      if (line === '  specs:') {
        inSpecs = true;
        return;
      }
      // `remote:` lines, and the dependency constraints six spaces in under each spec.
      if (!inSpecs || line.startsWith('      ') || /^ {2}\S/.test(line)) return;
      const match = SPEC.exec(line);
      if (!match || !rubygems.isValidVersion(match[2]!)) {
        throw invalidLockfile(source, `not a "name (version)" gem spec: ${line.trim()}`, index + 1);
      }
      found.push({ ecosystem: 'RubyGems', name: match[1]!, version: match[2]!, source });
    });
  return dedupePackages(found);
}
