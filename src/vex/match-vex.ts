// Which VEX statement, if any, decides a scan finding: same vulnerability (by any id), same
// package (by purl, or by name and version), and then what it does to the finding.
import { PackageURL } from 'packageurl-js';
import { normalizePackageName } from '../ecosystems/index.js';
import type { ImportedVexStatement, VexProduct } from './types.js';

/** What a statement needs to know of a finding. */
export interface VexSubject {
  advisory: string;
  aliases: string[];
  ecosystem: string;
  package: string;
  version: string;
}

export type VexDecision =
  | { status: 'not-affected' | 'fixed-by-backport'; statement: ImportedVexStatement }
  | { status: 'affected'; statement: ImportedVexStatement };

/** purl types for the OSV ecosystems (purl-spec's type list). */
const ECOSYSTEM_OF_PURL_TYPE: Record<string, string> = {
  npm: 'npm',
  pypi: 'PyPI',
  golang: 'Go',
  maven: 'Maven',
  cargo: 'crates.io',
  gem: 'RubyGems',
  nuget: 'NuGet',
  composer: 'Packagist',
  hex: 'Hex',
  pub: 'Pub',
};

/**
 * The decision for an affected finding, or undefined when no statement speaks of it.
 * Within one file the newest statement for the finding stands (VEX documents are amended by
 * appending); across files the most cautious one does: any `affected` or
 * `under_investigation` keeps the finding affected, then `not_affected`, then `fixed`.
 */
export function decideVex(
  subject: VexSubject,
  statements: readonly ImportedVexStatement[],
): VexDecision | undefined {
  const latestPerFile = new Map<string, ImportedVexStatement>();
  for (const statement of statements) {
    if (!appliesTo(statement, subject)) continue;
    const current = latestPerFile.get(statement.file);
    if (!current || !isOlder(statement, current)) latestPerFile.set(statement.file, statement);
  }
  const chosen = [...latestPerFile.values()];
  const cautious = chosen.find(
    (s) => s.status === 'affected' || s.status === 'under_investigation',
  );
  if (cautious) return { status: 'affected', statement: cautious };
  const notAffected = chosen.find((s) => s.status === 'not_affected');
  if (notAffected) return { status: 'not-affected', statement: notAffected };
  const fixed = chosen.find((s) => s.status === 'fixed');
  if (fixed) return { status: 'fixed-by-backport', statement: fixed };
  return undefined;
}

export function appliesTo(statement: ImportedVexStatement, subject: VexSubject): boolean {
  const ids = new Set([subject.advisory, ...subject.aliases].map((id) => id.toUpperCase()));
  if (!statement.vulnerabilities.some((v) => ids.has(v.toUpperCase()))) return false;
  return statement.products.some((p) => productMatches(p, subject));
}

/**
 * A purl without a version speaks for every version of the package (purl-spec: the version
 * is optional); a bare name must come with a version, as a name alone could be any package
 * in any ecosystem.
 */
export function productMatches(product: VexProduct, subject: VexSubject): boolean {
  if (product.purl) {
    let purl: PackageURL;
    try {
      purl = PackageURL.fromString(product.purl);
    } catch {
      return false;
    }
    if (ECOSYSTEM_OF_PURL_TYPE[purl.type] !== subject.ecosystem) return false;
    if (
      normalizeName(purlName(purl), subject.ecosystem) !==
      normalizeName(subject.package, subject.ecosystem)
    ) {
      return false;
    }
    return !purl.version || purl.version === subject.version;
  }
  if (!product.name || !product.version) return false;
  return (
    normalizeName(product.name, subject.ecosystem) ===
      normalizeName(subject.package, subject.ecosystem) && product.version === subject.version
  );
}

function purlName(purl: PackageURL): string {
  if (!purl.namespace) return purl.name;
  return purl.type === 'maven'
    ? `${purl.namespace}:${purl.name}`
    : `${purl.namespace}/${purl.name}`;
}

function normalizeName(name: string, ecosystem: string): string {
  return normalizePackageName(ecosystem, name);
}

function isOlder(a: ImportedVexStatement, b: ImportedVexStatement): boolean {
  const ta = a.timestamp ? Date.parse(a.timestamp) : NaN;
  const tb = b.timestamp ? Date.parse(b.timestamp) : NaN;
  return Number.isFinite(ta) && Number.isFinite(tb) && ta < tb;
}
