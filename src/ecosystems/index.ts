// Every ecosystem retrofit understands, registered here by its OSV name. Adding one is a new
// folder next to these and one line below (a folder may serve several names: rpm/ serves
// every RPM distribution); `index.test.ts` checks the two agree.
import { cratesIo } from './crates.io/index.js';
import { debian } from './debian/index.js';
import { go } from './go/index.js';
import { maven } from './maven/index.js';
import { npm } from './npm/index.js';
import { packagist } from './packagist/index.js';
import { pypi } from './pypi/index.js';
import { almaLinux, openSuse, redHat, rockyLinux, suse } from './rpm/index.js';
import { rubygems } from './rubygems/index.js';
import type { Ecosystem, EcosystemName } from './types.js';

export type { Ecosystem, EcosystemName } from './types.js';

export const ecosystems: Readonly<Record<EcosystemName, Ecosystem>> = {
  npm,
  PyPI: pypi,
  Go: go,
  'crates.io': cratesIo,
  Maven: maven,
  RubyGems: rubygems,
  Packagist: packagist,
  Debian: debian,
  'Red Hat': redHat,
  'Rocky Linux': rockyLinux,
  AlmaLinux: almaLinux,
  openSUSE: openSuse,
  SUSE: suse,
};

/**
 * The ecosystem for an OSV ecosystem string, or null when retrofit does not know it. OSV
 * allows a `:suffix` (`Debian:11`); the part before it names the ecosystem.
 */
export function getEcosystem(name: string): Ecosystem | null {
  const base = name.split(':')[0] ?? name;
  return Object.hasOwn(ecosystems, base) ? ecosystems[base as EcosystemName] : null;
}

/** The name as its ecosystem compares it; unchanged for ecosystems retrofit does not know. */
export function normalizePackageName(ecosystem: string, name: string): string {
  return getEcosystem(ecosystem)?.normalizeName(name) ?? name;
}
