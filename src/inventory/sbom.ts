// Reads packages from software bills of materials: CycloneDX JSON (1.4 to 1.6) and SPDX JSON
// (2.3). Both name packages by package URL (purl); the purl's type says the ecosystem. A
// component whose ecosystem retrofit does not know, or that has no purl or no version, is
// reported as a problem: an SBOM that scans clean must mean every component was looked at.
import { PackageURL } from 'packageurl-js';
import { getEcosystem } from '../ecosystems/index.js';
import {
  dedupePackages,
  invalidLockfile,
  isObject,
  parseJsonFile,
  type InventoryPackage,
} from './types.js';

export interface SbomResult {
  packages: InventoryPackage[];
  /** Components that were not scanned, grouped by reason. */
  problems: string[];
}

/** purl type → OSV ecosystem and how the purl spells the name OSV uses. */
const PURL_TYPES: Record<string, { ecosystem: string; name: (purl: PackageURL) => string }> = {
  npm: { ecosystem: 'npm', name: (p) => joined(p, '/') },
  pypi: { ecosystem: 'PyPI', name: (p) => p.name },
  golang: { ecosystem: 'Go', name: (p) => joined(p, '/') },
  cargo: { ecosystem: 'crates.io', name: (p) => p.name },
  maven: { ecosystem: 'Maven', name: (p) => joined(p, ':') },
  gem: { ecosystem: 'RubyGems', name: (p) => p.name },
  composer: { ecosystem: 'Packagist', name: (p) => joined(p, '/') },
  // Debian advisories name source packages; an SBOM's deb purl names the binary one, and names
  // its source only when the producer set the `upstream` qualifier, so that is read first.
  deb: { ecosystem: 'Debian', name: (p) => sourceName(p) ?? p.name },
};

function sourceName(purl: PackageURL): string | undefined {
  const upstream = purl.qualifiers?.upstream;
  return typeof upstream === 'string' ? upstream.split('@')[0] : undefined;
}

function joined(purl: PackageURL, separator: string): string {
  return purl.namespace ? `${purl.namespace}${separator}${purl.name}` : purl.name;
}

/**
 * CycloneDX: `components`, each possibly with nested `components` (an assembly and its
 * parts), and the parts of `metadata.component`. The metadata component itself is the
 * product the BOM describes, like the root of a lockfile, and is not scanned as a dependency.
 */
export function parseCycloneDx(text: string, source: string): SbomResult {
  const bom = parseJsonFile(text, source);
  if (!isObject(bom) || bom.bomFormat !== 'CycloneDX') {
    throw invalidLockfile(source, 'not a CycloneDX BOM (no "bomFormat": "CycloneDX")');
  }
  const collector = new PurlCollector(source);
  const walk = (components: unknown, where: string) => {
    if (components === undefined) return;
    if (!Array.isArray(components)) throw invalidLockfile(source, `${where} is not an array`);
    components.forEach((component: unknown, index) => {
      const path = `${where}[${index}]`;
      if (!isObject(component)) throw invalidLockfile(source, `${path} is not an object`);
      const label = describe(component.name, component.version, path);
      collector.add(typeof component.purl === 'string' ? component.purl : undefined, label);
      walk(component.components, `${path}.components`);
    });
  };
  walk(bom.components, 'components');
  if (isObject(bom.metadata) && isObject(bom.metadata.component)) {
    walk(bom.metadata.component.components, 'metadata.component.components');
  }
  return collector.result();
}

/**
 * SPDX 2.x JSON: `packages`, each with `externalRefs`; the purl is the reference of type
 * `purl` (category `PACKAGE-MANAGER`, written `PACKAGE_MANAGER` before 2.3). Packages the
 * document DESCRIBES are its subject, not a dependency.
 */
export function parseSpdx(text: string, source: string): SbomResult {
  const document = parseJsonFile(text, source);
  if (!isObject(document) || typeof document.spdxVersion !== 'string') {
    throw invalidLockfile(source, 'not an SPDX JSON document (no "spdxVersion")');
  }
  if (!/^SPDX-2\.\d+$/.test(document.spdxVersion)) {
    throw invalidLockfile(source, `SPDX version ${document.spdxVersion} is not supported (2.x is)`);
  }
  const packages = document.packages ?? [];
  if (!Array.isArray(packages)) throw invalidLockfile(source, '"packages" is not an array');
  const described = describedIds(document);
  const collector = new PurlCollector(source);
  packages.forEach((pkg: unknown, index) => {
    const path = `packages[${index}]`;
    if (!isObject(pkg)) throw invalidLockfile(source, `${path} is not an object`);
    if (typeof pkg.SPDXID === 'string' && described.has(pkg.SPDXID)) return;
    const refs = Array.isArray(pkg.externalRefs) ? pkg.externalRefs : [];
    const purl = refs.find((ref: unknown) => isObject(ref) && ref.referenceType === 'purl') as
      { referenceLocator?: unknown } | undefined;
    const locator = typeof purl?.referenceLocator === 'string' ? purl.referenceLocator : undefined;
    collector.add(locator, describe(pkg.name, pkg.versionInfo, path));
  });
  return collector.result();
}

function describedIds(document: Record<string, unknown>): Set<string> {
  const ids = new Set<string>();
  if (Array.isArray(document.documentDescribes)) {
    for (const id of document.documentDescribes) if (typeof id === 'string') ids.add(id);
  }
  if (Array.isArray(document.relationships)) {
    for (const r of document.relationships) {
      if (
        isObject(r) &&
        r.relationshipType === 'DESCRIBES' &&
        r.spdxElementId === document.SPDXID &&
        typeof r.relatedSpdxElement === 'string'
      ) {
        ids.add(r.relatedSpdxElement);
      }
    }
  }
  return ids;
}

function describe(name: unknown, version: unknown, path: string): string {
  if (typeof name !== 'string') return path;
  return typeof version === 'string' ? `${name}@${version}` : name;
}

/** Turns purls into packages, and what it cannot into counted, grouped problems. */
class PurlCollector {
  private readonly packages: InventoryPackage[] = [];
  private readonly skipped = new Map<string, string[]>();

  constructor(private readonly source: string) {}

  add(purl: string | undefined, label: string): void {
    if (purl === undefined) return this.skip('without a purl', label);
    let parsed: PackageURL;
    try {
      parsed = PackageURL.fromString(purl);
    } catch {
      return this.skip('with a purl that cannot be read', `${label} (${purl})`);
    }
    const known = PURL_TYPES[parsed.type];
    const ecosystem = known ? getEcosystem(known.ecosystem) : null;
    if (!known || !ecosystem) {
      const what = known
        ? `${known.ecosystem} (purl type ${parsed.type})`
        : `purl type ${parsed.type}`;
      return this.skip(`of ${what}, an ecosystem retrofit does not know,`, purl);
    }
    if (!parsed.version || !ecosystem.isValidVersion(parsed.version)) {
      return this.skip(`without a valid ${ecosystem.name} version`, purl);
    }
    // Go versions are stored without their `v`, as OSV writes them.
    const version = ecosystem.name === 'Go' ? parsed.version.replace(/^v/, '') : parsed.version;
    this.packages.push({
      ecosystem: ecosystem.name,
      name: known.name(parsed),
      version,
      source: this.source,
    });
  }

  result(): SbomResult {
    const problems = [...this.skipped].map(([reason, labels]) => {
      const shown = labels.slice(0, 3).join(', ');
      const more = labels.length > 3 ? `, and ${labels.length - 3} more` : '';
      const count = labels.length === 1 ? '1 component' : `${labels.length} components`;
      return `${count} ${reason} not scanned: ${shown}${more}`;
    });
    return { packages: dedupePackages(this.packages), problems };
  }

  private skip(reason: string, label: string): void {
    this.skipped.set(reason, [...(this.skipped.get(reason) ?? []), label]);
  }
}
