// Reads the installed packages of a Debian system from dpkg's database, /var/lib/dpkg/status
// (deb822 stanzas: Package, Status, Version, Source). OSV's Debian advisories name source
// packages at source versions, so each binary package is reported as its source: `libssl3`
// 3.0.11-1~deb12u2 is `openssl` 3.0.11-1~deb12u2, `bash` 5.2.15-2+b8 (a binNMU) is `bash`
// 5.2.15-2 as its `Source: bash (5.2.15-2)` says.
//
// The release: OSV scopes Debian entries by release (`Debian:12`), and a fix in one release
// says nothing about another (1.1.1w-0+deb11u1 is fixed on Debian 11 but sorts below Debian
// 12's fixed 3.0.11-1~deb12u2). The status file does not name the release, but base-files,
// which every Debian system has, carries it as its major version (12.4+deb12u5 on Debian
// 12, 11.1+deb11u9 on Debian 11). With base-files the packages are `Debian:<major>` and only
// that release's entries apply; without it they are plain `Debian`, every release's entries
// apply, and the result says so.
import { dedupePackages, invalidLockfile, type InventoryPackage } from '../../inventory/types.js';
import { debian } from './index.js';

export interface DpkgStatusResult {
  packages: InventoryPackage[];
  /** The OSV ecosystem the packages were given: `Debian:12`, or `Debian` when unknown. */
  ecosystem: InventoryPackage['ecosystem'];
  /** What the report should say about what was not or could not be scanned precisely. */
  skipped: string[];
}

/** dpkg states in which a package's files are on disk (everything but these two). */
const ABSENT_STATES = new Set(['not-installed', 'config-files']);

interface Stanza {
  line: number;
  fields: Map<string, { value: string; line: number }>;
}

export function parseDpkgStatus(text: string, source: string): DpkgStatusResult {
  const stanzas = readStanzas(text, source);
  let release: string | null = null;
  let ubuntu: string | null = null;
  const found: Array<{ name: string; version: string }> = [];
  for (const stanza of stanzas) {
    const field = (name: string) => stanza.fields.get(name.toLowerCase());
    const pkg = field('Package');
    const status = field('Status');
    if (!pkg) throw invalidLockfile(source, 'a stanza has no Package field', stanza.line);
    if (!status) throw invalidLockfile(source, `${pkg.value} has no Status field`, stanza.line);
    const state = status.value.split(/\s+/)[2];
    if (state === undefined) {
      throw invalidLockfile(source, `not a dpkg status: "${status.value}"`, status.line);
    }
    if (ABSENT_STATES.has(state)) continue;
    const version = field('Version');
    if (!version || !debian.isValidVersion(version.value)) {
      throw invalidLockfile(
        source,
        `${pkg.value} has no valid Version`,
        version?.line ?? stanza.line,
      );
    }
    if (pkg.value === 'base-files') {
      if (/ubuntu/i.test(version.value)) ubuntu = version.value;
      else release = /^(\d+)(?:[.+~]|$)/.exec(version.value)?.[1] ?? null;
    }
    const sourceField = field('Source');
    const parsed = sourceField ? /^(\S+)(?:\s+\((\S+)\))?$/.exec(sourceField.value) : null;
    if (sourceField && !parsed) {
      throw invalidLockfile(source, `not a Source field: "${sourceField.value}"`, sourceField.line);
    }
    const sourceVersion = parsed?.[2] ?? version.value;
    if (!debian.isValidVersion(sourceVersion)) {
      throw invalidLockfile(source, `not a Debian version: ${sourceVersion}`, sourceField!.line);
    }
    found.push({ name: parsed?.[1] ?? pkg.value, version: sourceVersion });
  }
  if (ubuntu !== null) {
    // Ubuntu has its own OSV ecosystem and version numbers; Debian's advisories do not apply.
    return {
      packages: [],
      ecosystem: 'Debian',
      skipped: [
        `this is an Ubuntu system (base-files ${ubuntu}); retrofit reads Debian's dpkg database only, so nothing was scanned`,
      ],
    };
  }
  const ecosystem: InventoryPackage['ecosystem'] =
    release === null ? 'Debian' : `Debian:${release}`;
  const packages = found.map(({ name, version }): InventoryPackage => ({
    ecosystem,
    name,
    version,
    source,
  }));
  return {
    packages: dedupePackages(packages),
    ecosystem,
    skipped:
      release === null && packages.length > 0
        ? [
            'no base-files package says which Debian release this is, so advisories for every Debian release were applied',
          ]
        : [],
  };
}

/** deb822 stanzas with field names folded to lowercase (dpkg reads them case-insensitively). */
function readStanzas(text: string, source: string): Stanza[] {
  const stanzas: Stanza[] = [];
  let current: Stanza | null = null;
  text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .forEach((raw, index) => {
      const line = index + 1;
      if (raw.trim() === '') {
        current = null;
        return;
      }
      // Continuation lines (Description, Conffiles) belong to the field above.
      if (/^[ \t]/.test(raw)) {
        if (!current) throw invalidLockfile(source, 'a continuation line starts a stanza', line);
        return;
      }
      const match = /^([^\s:]+):[ \t]*(.*)$/.exec(raw);
      if (!match) throw invalidLockfile(source, `not a "Field: value" line: ${raw}`, line);
      if (!current) {
        current = { line, fields: new Map() };
        stanzas.push(current);
      }
      current.fields.set(match[1]!.toLowerCase(), { value: match[2]!.trim(), line });
    });
  return stanzas;
}

/** `parseDpkgStatus` as an inventory extraction. */
export function extractDpkgStatus(
  text: string,
  source: string,
): { packages: InventoryPackage[]; unpinned: number; skipped: string[] } {
  const { packages, skipped } = parseDpkgStatus(text, source);
  return { packages, unpinned: 0, skipped };
}
