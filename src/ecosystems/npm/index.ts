// npm: semantic versions as the npm client orders them.
import semver from 'semver';
import type { Ecosystem } from '../types.js';

/**
 * Parses loosely (a leading `v`, `=`), and reads a partial `1` or `1.0` as `1.0.0`: some
 * published advisories use partial bounds (GHSA-r683-j2x4-v87g has `introduced: "1.0"`).
 */
function parse(version: string): semver.SemVer | null {
  const parsed = semver.parse(version, { loose: true });
  if (parsed) return parsed;
  return /^v?\d+(\.\d+)?$/.test(version.trim()) ? semver.coerce(version) : null;
}

export const npm: Ecosystem = {
  name: 'npm',
  // npm names are case-sensitive for old packages (e.g. `JSONStream`), so they stay as written.
  normalizeName: (name) => name.trim(),
  isValidVersion: (version) => parse(version) !== null,
  compareVersions(a, b) {
    const left = parse(a);
    const right = parse(b);
    if (!left || !right) throw new TypeError(`not an npm version: ${left ? b : a}`);
    return semver.compare(left, right);
  },
};
