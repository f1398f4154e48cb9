// Go modules: semantic versions with a `v` prefix, and module paths as names.
import semver from 'semver';
import type { Ecosystem } from '../types.js';

/**
 * Go versions are strict semver after the `v` (`v1.2.3`, never `v1.2`). OSV's Go records
 * write them without the `v` (`1.2.3`), so both spellings are read. `+incompatible` (a v2+
 * tag of a module without a /v2 path) is build metadata and so does not change the order,
 * as in Go. A pseudo-version (`v0.0.0-20220314234659-1baeb1ce4c0b`) is a prerelease whose
 * timestamp sorts it between the tagged versions around it: Go designed it to order
 * correctly under plain semver precedence.
 */
function parse(version: string): semver.SemVer | null {
  const bare = version.trim().replace(/^v/, '');
  return /^\d+\.\d+\.\d+([-+].*)?$/.test(bare) ? semver.parse(bare) : null;
}

export const go: Ecosystem = {
  name: 'Go',
  /**
   * Module paths are case-sensitive (`github.com/Sirupsen/logrus` and
   * `github.com/sirupsen/logrus` are two modules to Go and to OSV), so case is kept. The
   * module proxy and cache escape capitals as `!` + lower case (`github.com/!azure/...`);
   * that spelling is decoded, and a trailing slash dropped.
   */
  normalizeName: (name) =>
    name
      .trim()
      .replace(/!([a-z])/g, (_, letter: string) => letter.toUpperCase())
      .replace(/\/+$/, ''),
  isValidVersion: (version) => parse(version) !== null,
  compareVersions(a, b) {
    const left = parse(a);
    const right = parse(b);
    if (!left || !right) throw new TypeError(`not a Go module version: ${left ? b : a}`);
    return semver.compare(left, right);
  },
};
