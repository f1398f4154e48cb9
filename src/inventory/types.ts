// What an inventory parser finds: installed (or declared) package versions, each with the
// file it came from, and the error a parser raises for a file it cannot read.
import { getEcosystem, type EcosystemName } from '../ecosystems/index.js';
import { RetrofitError } from '../errors.js';
import { parseJsonText } from '../json-text.js';

export interface InventoryPackage {
  /**
   * The OSV ecosystem, with a release suffix (`Debian:12`) when the file says which release
   * it was installed on: then only advisories for that release apply.
   */
  ecosystem: EcosystemName | `${EcosystemName}:${string}`;
  name: string;
  version: string;
  /** The file it was read from, as the caller named it (`app/package-lock.json`, `v1.2:setup.py`). */
  source: string;
}

/** What makes two entries the same package version: ecosystem, normalised name, version. */
export function packageKey(pkg: Omit<InventoryPackage, 'source'>): string {
  const name = getEcosystem(pkg.ecosystem)?.normalizeName(pkg.name) ?? pkg.name;
  return `${pkg.ecosystem}\0${name}\0${pkg.version}`;
}

/** One entry per package version (see `packageKey`); the first spelling and source win. */
export function dedupePackages(packages: InventoryPackage[]): InventoryPackage[] {
  const seen = new Map<string, InventoryPackage>();
  for (const pkg of packages) {
    const key = packageKey(pkg);
    if (!seen.has(key)) seen.set(key, pkg);
  }
  return [...seen.values()];
}

/** The `invalid-lockfile` error for `source`, with the line when it is known. */
export function invalidLockfile(source: string, reason: string, line?: number): RetrofitError {
  const where = line === undefined ? source : `${source}:${line}`;
  return new RetrofitError('invalid-lockfile', `cannot read ${where}: ${reason}`, {
    input: source,
    ...(line === undefined ? {} : { line }),
    hint: 'Fix the file (or regenerate it with its package manager) and scan again.',
  });
}

/** JSON.parse, with a parse error turned into `invalid-lockfile` naming the file and line. */
export function parseJsonFile(text: string, source: string): unknown {
  const parsed = parseJsonText(text);
  if (parsed.ok) return parsed.value;
  return throwInvalid(source, `not valid JSON (${parsed.message})`, parsed.line);
}

function throwInvalid(source: string, reason: string, line?: number): never {
  throw invalidLockfile(source, reason, line);
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
