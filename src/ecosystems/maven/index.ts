// Maven: `groupId:artifactId` names and Maven's own version order (ComparableVersion).
import type { Ecosystem } from '../types.js';
import { compareMavenVersions } from './comparable-version.js';

/**
 * Maven orders any string, so validity here means "looks like one version": not empty, no
 * whitespace, and not a range (`[1.0,2.0)`) or an unresolved property (`${x.version}`).
 */
function isMavenVersion(version: string): boolean {
  return /^[^\s[\](),${}]+$/.test(version);
}

export const maven: Ecosystem = {
  name: 'Maven',
  // Group and artifact ids are case-sensitive in repositories; only surrounding space goes.
  normalizeName: (name) => name.trim(),
  isValidVersion: isMavenVersion,
  compareVersions(a, b) {
    if (!isMavenVersion(a) || !isMavenVersion(b)) {
      throw new TypeError(`not a Maven version: ${isMavenVersion(a) ? b : a}`);
    }
    return compareMavenVersions(a, b);
  },
};
