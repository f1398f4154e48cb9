// crates.io: Rust crates, versioned with semver exactly as Cargo reads it.
import semver from 'semver';
import type { Ecosystem } from '../types.js';

/**
 * Cargo requires all three parts (`1.2.3`) and no `v` (which `semver.parse` would let
 * through); a prerelease orders before its release.
 */
function parse(version: string): semver.SemVer | null {
  const trimmed = version.trim();
  return /^\d/.test(trimmed) ? semver.parse(trimmed) : null;
}

export const cratesIo: Ecosystem = {
  name: 'crates.io',
  // crates.io refuses a new crate whose name differs from an existing one only in case or
  // in `-` versus `_`, so those spellings name one crate.
  normalizeName: (name) => name.trim().toLowerCase().replace(/_/g, '-'),
  isValidVersion: (version) => parse(version) !== null,
  compareVersions(a, b) {
    const left = parse(a);
    const right = parse(b);
    if (!left || !right) throw new TypeError(`not a crate version: ${left ? b : a}`);
    return semver.compare(left, right);
  },
};
