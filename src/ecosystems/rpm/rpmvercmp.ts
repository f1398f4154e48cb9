// RPM's version order: rpmvercmp() for one version or release string, ported from rpm's
// rpmio/rpmvercmp.cc, and the epoch:version-release comparison built on it. No
// maintained npm package implements it with `~` and `^`, so it is written here and tested
// against rpm's own tests/rpmvercmp.at.

const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';
const isAlpha = (c: string | undefined) => c !== undefined && /^[A-Za-z]$/.test(c);

/** rpmvercmp(a, b): 1 when a is newer, 0 when the same, -1 when b is newer. */
export function rpmvercmp(a: string, b: string): number {
  if (a === b) return 0;
  let one = 0;
  let two = 0;
  const at = (s: string, i: number) => (i < s.length ? s[i] : undefined);
  while (one < a.length || two < b.length) {
    // Anything but letters, digits, `~` and `^` only separates segments.
    while (one < a.length && !/[A-Za-z0-9~^]/.test(a[one]!)) one++;
    while (two < b.length && !/[A-Za-z0-9~^]/.test(b[two]!)) two++;
    // `~` sorts before everything, even the end of the string.
    if (at(a, one) === '~' || at(b, two) === '~') {
      if (at(a, one) !== '~') return 1;
      if (at(b, two) !== '~') return -1;
      one++;
      two++;
      continue;
    }
    // `^` sorts after the end of the string but before anything else.
    if (at(a, one) === '^' || at(b, two) === '^') {
      if (one >= a.length) return -1;
      if (two >= b.length) return 1;
      if (at(a, one) !== '^') return 1;
      if (at(b, two) !== '^') return -1;
      one++;
      two++;
      continue;
    }
    if (!(one < a.length && two < b.length)) break;
    let end1 = one;
    let end2 = two;
    const isNumber = isDigit(a[one]);
    const inSegment = isNumber ? isDigit : isAlpha;
    while (inSegment(at(a, end1))) end1++;
    while (inSegment(at(b, end2))) end2++;
    // A numeric segment is newer than an alphabetic one.
    if (end2 === two) return isNumber ? 1 : -1;
    let left = a.slice(one, end1);
    let right = b.slice(two, end2);
    if (isNumber) {
      left = left.replace(/^0+/, '');
      right = right.replace(/^0+/, '');
      if (left.length !== right.length) return left.length > right.length ? 1 : -1;
    }
    if (left !== right) return left < right ? -1 : 1;
    one = end1;
    two = end2;
  }
  if (one >= a.length && two >= b.length) return 0;
  return one >= a.length ? -1 : 1;
}

export interface Evr {
  epoch: string | null;
  version: string;
  release: string | null;
}

const PART = /^[A-Za-z0-9._+~^]+$/;

/** `[epoch:]version[-release]`, or null when it is not one. */
export function parseEvr(input: string): Evr | null {
  const text = input.trim();
  const colon = text.indexOf(':');
  const epoch = colon >= 0 ? text.slice(0, colon) : null;
  if (epoch !== null && !/^\d+$/.test(epoch)) return null;
  const rest = colon >= 0 ? text.slice(colon + 1) : text;
  const hyphen = rest.lastIndexOf('-');
  const version = hyphen >= 0 ? rest.slice(0, hyphen) : rest;
  const release = hyphen >= 0 ? rest.slice(hyphen + 1) : null;
  if (!PART.test(version) || (release !== null && !PART.test(release))) return null;
  return { epoch, version, release };
}

/**
 * Epoch (missing is 0), version, then release (missing is empty, so `1.0` < `1.0-1`): the
 * order of rpm's own `rpm.vercmp()` on two EVR strings.
 */
export function compareEvr(a: Evr, b: Evr): number {
  return (
    rpmvercmp(a.epoch ?? '0', b.epoch ?? '0') ||
    rpmvercmp(a.version, b.version) ||
    rpmvercmp(a.release ?? '', b.release ?? '')
  );
}
