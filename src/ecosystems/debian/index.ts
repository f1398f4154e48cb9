// Debian: dpkg version order and source package names. OSV names releases as suffixes
// (`Debian:12`); the part before the colon selects this ecosystem, and the scanned system's
// release, when known, selects which entries apply (see dpkg-status.ts).
import type { Ecosystem } from '../types.js';
import { compareDpkgVersions, parseDpkgVersion } from './dpkg-version.js';

export const debian: Ecosystem = {
  name: 'Debian',
  // Debian package names are lowercase by policy; case folding keeps odd input matching.
  normalizeName: (name) => name.trim().toLowerCase(),
  isValidVersion: (version) => parseDpkgVersion(version) !== null,
  compareVersions(a, b) {
    const left = parseDpkgVersion(a);
    const right = parseDpkgVersion(b);
    if (!left || !right) throw new TypeError(`not a Debian version: ${left ? b : a}`);
    return compareDpkgVersions(left, right);
  },
};
