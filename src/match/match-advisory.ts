// Decides whether one OSV record applies to one package version, following the evaluation
// algorithm of the OSV schema (https://ossf.github.io/osv-schema/#evaluation).
import type { OsvAffected, OsvEvent, OsvRange, OsvRecord } from '../advisories/osv.js';
import { ecosystems, getEcosystem, type Ecosystem } from '../ecosystems/index.js';

export interface PackageVersion {
  ecosystem: string;
  name: string;
  version: string;
}

/**
 * - `affected`: the version is in a range or in the `versions` list.
 * - `fixed`: not affected, and some range of this package has a `fixed` event at or below the
 *   version (or a `last_affected` below it), so the version is past a fix.
 * - `not-affected`: the record names the package, but this version is neither affected nor
 *   past a fix (e.g. it predates the vulnerable code).
 */
export type MatchStatus = 'affected' | 'fixed' | 'not-affected';

/** How a record applies to a package version, or null when the record does not name it. */
export function matchAdvisory(pkg: PackageVersion, record: OsvRecord): MatchStatus | null {
  // A withdrawn record was published in error; it says nothing about any version.
  if (record.withdrawn) return null;
  const ecosystem = getEcosystem(pkg.ecosystem);
  if (!ecosystem) return null;
  const entries = (record.affected ?? []).filter((entry) => names(entry, pkg, ecosystem));
  if (entries.length === 0) return null;
  if (entries.some((entry) => isAffected(pkg.version, entry, ecosystem))) return 'affected';
  return entries.some((entry) => isPastFix(pkg.version, entry, ecosystem))
    ? 'fixed'
    : 'not-affected';
}

function names(entry: OsvAffected, pkg: PackageVersion, ecosystem: Ecosystem): boolean {
  const named = entry.package;
  if (!named || getEcosystem(named.ecosystem)?.name !== ecosystem.name) return false;
  // A package read with its release (`Debian:12`) takes only that release's entries
  // (`Debian:12`, `Red Hat:enterprise_linux:9::appstream` for `Red Hat:enterprise_linux:9`)
  // and entries for no release in particular (`Debian`); one read without a release takes
  // every release's.
  if (
    pkg.ecosystem.includes(':') &&
    named.ecosystem.includes(':') &&
    named.ecosystem !== pkg.ecosystem &&
    !named.ecosystem.startsWith(`${pkg.ecosystem}:`)
  ) {
    return false;
  }
  return ecosystem.normalizeName(named.name) === ecosystem.normalizeName(pkg.name);
}

/** The OSV spec's IsVulnerable for one `affected` entry: the `versions` list, then ranges. */
function isAffected(version: string, entry: OsvAffected, ecosystem: Ecosystem): boolean {
  if ((entry.versions ?? []).some((listed) => sameVersion(version, listed, ecosystem))) return true;
  return evaluableRanges(entry, ecosystem).some(({ range, order }) =>
    inRange(version, range, order),
  );
}

/**
 * The spec compares `versions` entries with `==`; two spellings the ecosystem orders as equal
 * (PyPI's `2.0` and `2.0.0`, npm's `v1.2.3`) are one version, so they are equal here too.
 */
function sameVersion(version: string, listed: string, ecosystem: Ecosystem): boolean {
  if (version === listed) return true;
  return (
    ecosystem.isValidVersion(version) &&
    ecosystem.isValidVersion(listed) &&
    ecosystem.compareVersions(version, listed) === 0
  );
}

function isPastFix(version: string, entry: OsvAffected, ecosystem: Ecosystem): boolean {
  return evaluableRanges(entry, ecosystem).some(
    ({ range, order }) =>
      order.isValidVersion(version) &&
      range.events.some(
        (event) =>
          (event.fixed !== undefined && order.compareVersions(version, event.fixed) >= 0) ||
          (event.last_affected !== undefined &&
            order.compareVersions(version, event.last_affected) > 0),
      ),
  );
}

/**
 * The ranges that can be evaluated against a version, each with its version order: ECOSYSTEM
 * ranges use the ecosystem's, SEMVER ranges use SemVer precedence (npm's order is exactly
 * that). GIT ranges order commits, not versions, so they are left to the locate step.
 */
function evaluableRanges(
  entry: OsvAffected,
  ecosystem: Ecosystem,
): Array<{ range: OsvRange; order: Ecosystem }> {
  const result: Array<{ range: OsvRange; order: Ecosystem }> = [];
  for (const range of entry.ranges ?? []) {
    const order =
      range.type === 'ECOSYSTEM' ? ecosystem : range.type === 'SEMVER' ? ecosystems.npm : null;
    if (order)
      result.push({ range: { ...range, events: readableEvents(range.events, order) }, order });
  }
  return result;
}

/**
 * A bound the order cannot read widens the range rather than narrowing it: an unreadable
 * `introduced` counts as "0" and an unreadable upper bound is dropped. Reporting a fixed
 * version as affected costs a look; reporting an affected one as clean costs a breach.
 */
function readableEvents(events: OsvEvent[], order: Ecosystem): OsvEvent[] {
  const readable = (bound: string) => isSpecial(bound) || order.isValidVersion(bound);
  return events.flatMap((event): OsvEvent[] => {
    if (event.introduced !== undefined)
      return [{ introduced: readable(event.introduced) ? event.introduced : '0' }];
    const bound = event.fixed ?? event.last_affected ?? event.limit;
    return bound !== undefined && readable(bound) ? [event] : [];
  });
}

/** `introduced: "0"` means "from the first version"; a `limit` of `*` means "no limit". */
function isSpecial(bound: string): boolean {
  return bound === '0' || bound === '*';
}

/**
 * The spec's walk over the sorted events ends in the state set by the last event that applies
 * to the version (introduced ≤ v, fixed ≤ v, last_affected < v); events above the version
 * change nothing. So the answer is the type of the greatest applying event, found in one
 * pass instead of a sort: comparing versions is most of a scan's work. Among equal bounds the
 * later event wins, as after the spec's (stable) sort.
 */
function inRange(version: string, range: OsvRange, order: Ecosystem): boolean {
  if (!order.isValidVersion(version)) return false;
  const compare = (bound: string) => order.compareVersions(version, bound);
  if (!beforeLimits(range.events, compare)) return false;
  let last: { bound: string; introduces: boolean } | null = null;
  for (const event of range.events) {
    let bound: string;
    if (event.introduced !== undefined) {
      bound = event.introduced;
      if (bound !== '0' && compare(bound) < 0) continue;
    } else if (event.fixed !== undefined) {
      bound = event.fixed;
      if (compare(bound) < 0) continue;
    } else if (event.last_affected !== undefined) {
      bound = event.last_affected;
      if (compare(bound) <= 0) continue;
    } else continue;
    if (last === null || compareBounds(bound, last.bound, order) >= 0) {
      last = { bound, introduces: event.introduced !== undefined };
    }
  }
  return last?.introduces ?? false;
}

/** Event bounds in version order, `0` before everything. */
function compareBounds(a: string, b: string, order: Ecosystem): number {
  if (a === b) return 0;
  if (a === '0') return -1;
  if (b === '0') return 1;
  return order.compareVersions(a, b);
}

/** With limit events, only versions below one of them can be affected. */
function beforeLimits(events: OsvEvent[], compare: (bound: string) => number): boolean {
  const limits = events.flatMap((event) => (event.limit === undefined ? [] : [event.limit]));
  return limits.length === 0 || limits.some((limit) => limit === '*' || compare(limit) < 0);
}
