// Reads the installed packages of an RPM-based system from a saved package list, in either
// form:
//
//   rpm -qa                         name-[epoch:]version-release.arch    (NEVRA, epoch optional)
//   rpm -qa --qf '%{NAME} %{EPOCH}:%{VERSION}-%{RELEASE} %{SOURCERPM}\n'
//                                   name epoch:version-release [source.src.rpm]
//
// (`%{EPOCH}` prints `(none)` for no epoch; fields after the EVR other than a `.src.rpm` are
// ignored, so `%{ARCH}` may be there too.) The distribution and its release come from its
// release package (rocky-release 9.4 → `Rocky Linux:9`), as the list itself does not say.
// Rocky Linux, AlmaLinux and SUSE advisories name source RPMs, so packages are reported under
// their source name when the list has it; Red Hat advisories name binary RPMs.
import { dedupePackages, invalidLockfile, type InventoryPackage } from '../../inventory/types.js';
import { parseEvr } from './rpmvercmp.js';

export interface RpmListResult {
  packages: InventoryPackage[];
  /** The OSV ecosystem the packages were given, or null when the distribution is unknown. */
  ecosystem: InventoryPackage['ecosystem'] | null;
  skipped: string[];
}

interface Installed {
  name: string;
  sourceName: string | null;
  evr: string;
  hasEpoch: boolean;
}

const ARCHES = new Set([
  'noarch',
  'x86_64',
  'i386',
  'i486',
  'i586',
  'i686',
  'athlon',
  'aarch64',
  'armv7hl',
  'armv7l',
  'ppc64',
  'ppc64le',
  's390x',
  'riscv64',
  'ia64',
]);

/** Release packages, and the ecosystem each implies for its release's major version. */
const RELEASE_PACKAGES: Record<string, (major: string) => InventoryPackage['ecosystem']> = {
  'redhat-release': (major) => `Red Hat:enterprise_linux:${major}`,
  'redhat-release-server': (major) => `Red Hat:enterprise_linux:${major}`,
  'rocky-release': (major) => `Rocky Linux:${major}`,
  'almalinux-release': (major) => `AlmaLinux:${major}`,
  // SUSE scopes entries by product and module (`SUSE:Linux Enterprise Module for Basesystem
  // 15 SP5`), which a package list cannot tell apart: every SUSE entry applies.
  'openSUSE-release': () => 'openSUSE',
  'sles-release': () => 'SUSE',
  'SLES-release': () => 'SUSE',
};

const QF_HINT =
  "list them with rpm -qa --qf '%{NAME} %{EPOCH}:%{VERSION}-%{RELEASE} %{SOURCERPM}\\n'";

export function parseRpmList(text: string, source: string): RpmListResult {
  const installed: Installed[] = [];
  text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .forEach((raw, index) => {
      const line = raw.trim();
      if (line === '' || line.startsWith('#')) return;
      const entry = /\s/.test(line) ? readQueryFormat(line) : readNevra(line);
      if (!entry) {
        throw invalidLockfile(
          source,
          `not "name-version-release.arch" or "name epoch:version-release": ${line}`,
          index + 1,
        );
      }
      // Imported signing keys are listed as packages but are not software.
      if (entry.name !== 'gpg-pubkey') installed.push(entry);
    });

  const release = installed.find((p) => Object.hasOwn(RELEASE_PACKAGES, p.name));
  const major = release ? /^(?:\d+:)?(\d+)/.exec(release.evr)?.[1] : undefined;
  if (!release || major === undefined) {
    return {
      packages: [],
      ecosystem: null,
      skipped: [
        `no release package of Red Hat Enterprise Linux, Rocky Linux, AlmaLinux, openSUSE or SUSE (${Object.keys(RELEASE_PACKAGES).join(', ')}) says which distribution this is, so nothing was scanned`,
      ],
    };
  }
  const ecosystem = RELEASE_PACKAGES[release.name]!(major);
  const bySource = !ecosystem.startsWith('Red Hat');
  const skipped: string[] = [];
  const withoutSource = installed.filter((p) => p.sourceName === null).length;
  if (bySource && withoutSource > 0) {
    skipped.push(
      `${withoutSource} packages are listed without their source RPM, which ${ecosystem.split(':')[0]} advisories name; they were matched by their own name, and subpackages (openssl-libs of openssl) may be missed: ${QF_HINT}`,
    );
  }
  if (installed.some((p) => !p.hasEpoch)) {
    skipped.push(
      `the list gives no epochs, so packages were read with epoch 0 and one whose real epoch is higher may be reported affected: ${QF_HINT}`,
    );
  }
  const packages = installed.map((p): InventoryPackage => ({
    ecosystem,
    name: bySource ? (p.sourceName ?? p.name) : p.name,
    version: p.evr,
    source,
  }));
  return { packages: dedupePackages(packages), ecosystem, skipped };
}

/** `openssl-libs-1:3.0.7-27.el9.x86_64`; the epoch is there only with %{NEVRA}. */
function readNevra(line: string): Installed | null {
  const lastDot = line.lastIndexOf('.');
  const nevr = lastDot >= 0 && ARCHES.has(line.slice(lastDot + 1)) ? line.slice(0, lastDot) : line;
  const match = /^(.+)-(?:(\d+):)?([^-:]+)-([^-:]+)$/.exec(nevr);
  if (!match) return null;
  const evr = `${match[2] ? `${match[2]}:` : ''}${match[3]}-${match[4]}`;
  return parseEvr(evr)
    ? { name: match[1]!, sourceName: null, evr, hasEpoch: match[2] !== undefined }
    : null;
}

/** `openssl-libs (none):3.0.7-27.el9 openssl-3.0.7-27.el9.src.rpm`. */
function readQueryFormat(line: string): Installed | null {
  const [name, evrField, ...rest] = line.split(/\s+/);
  const match = /^(?:(\(none\)|\d+):)?(.+)$/.exec(evrField ?? '');
  if (!name || !match) return null;
  const evr =
    match[1] === undefined || match[1] === '(none)' ? match[2]! : `${match[1]}:${match[2]}`;
  if (!parseEvr(evr) || !/^[^-]+-[^-]+$/.test(match[2]!)) return null;
  const sourceRpm = rest.find((field) => /\.(?:no)?src\.rpm$/.test(field));
  const sourceName = sourceRpm
    ? (/^(.+)-[^-]+-[^-]+\.(?:no)?src\.rpm$/.exec(sourceRpm)?.[1] ?? null)
    : null;
  return { name, sourceName, evr, hasEpoch: match[1] !== undefined };
}

/** `parseRpmList` as an inventory extraction. */
export function extractRpmList(
  text: string,
  source: string,
): { packages: InventoryPackage[]; unpinned: number; skipped: string[] } {
  const { packages, skipped } = parseRpmList(text, source);
  return { packages, unpinned: 0, skipped };
}
