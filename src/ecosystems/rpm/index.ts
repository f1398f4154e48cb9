// RPM-based distributions: one version order (rpmvercmp on epoch:version-release) under each
// distribution's OSV ecosystem name. OSV scopes their entries with a suffix (`Rocky Linux:9`,
// `Red Hat:enterprise_linux:9::appstream`); the part before the first colon selects these.
import type { Ecosystem, EcosystemName } from '../types.js';
import { compareEvr, parseEvr } from './rpmvercmp.js';

function rpmEcosystem(name: EcosystemName): Ecosystem {
  return {
    name,
    // RPM names are case-sensitive (`NetworkManager`).
    normalizeName: (packageName) => packageName.trim(),
    isValidVersion: (version) => parseEvr(version) !== null,
    compareVersions(a, b) {
      const left = parseEvr(a);
      const right = parseEvr(b);
      if (!left || !right) throw new TypeError(`not an RPM version: ${left ? b : a}`);
      return compareEvr(left, right);
    },
  };
}

export const redHat = rpmEcosystem('Red Hat');
export const rockyLinux = rpmEcosystem('Rocky Linux');
export const almaLinux = rpmEcosystem('AlmaLinux');
export const openSuse = rpmEcosystem('openSUSE');
export const suse = rpmEcosystem('SUSE');
