// The small interface every ecosystem folder implements: how its package names and version
// numbers work. Matching and inventory code only ever talk to an ecosystem through this.

/** OSV ecosystem names retrofit understands (the `affected[].package.ecosystem` values). */
export type EcosystemName =
  | 'npm'
  | 'PyPI'
  | 'Go'
  | 'crates.io'
  | 'Maven'
  | 'RubyGems'
  | 'Packagist'
  | 'Debian'
  | 'Red Hat'
  | 'Rocky Linux'
  | 'AlmaLinux'
  | 'openSUSE'
  | 'SUSE';

export interface Ecosystem {
  name: EcosystemName;
  /** The form under which two spellings of one package name compare equal. */
  normalizeName(name: string): string;
  /** Whether `compareVersions` can order this version. */
  isValidVersion(version: string): boolean;
  /** Negative, zero or positive like a sort comparator; both versions must be valid. */
  compareVersions(a: string, b: string): number;
}
