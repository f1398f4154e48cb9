// dpkg's version order (`[epoch:]upstream[-revision]`), ported from dpkg's lib/dpkg/version.c
// (verrevcmp) and lib/dpkg/parsehelp.c (parseversion). There is no maintained npm package for
// it, and the rules are small and fixed by Debian Policy 5.6.12, so it is written here and
// tested against dpkg's own test vectors.

export interface DpkgVersion {
  epoch: number;
  upstream: string;
  revision: string;
}

const UPSTREAM = /^[0-9][A-Za-z0-9.+~:-]*$/;
// A hyphen with nothing after it is an error since dpkg 1.17 ("revision number is empty").
const REVISION = /^[A-Za-z0-9.+~]+$/;
const INT_MAX = 2147483647;

/** parseversion: the parts of a version, or null where dpkg reports an error or a warning. */
export function parseDpkgVersion(input: string): DpkgVersion | null {
  const version = input.trim();
  if (version === '' || /\s/.test(version)) return null;
  let epoch = 0;
  let rest = version;
  const colon = version.indexOf(':');
  if (colon >= 0) {
    const digits = version.slice(0, colon);
    if (!/^\d+$/.test(digits) || Number(digits) > INT_MAX) return null;
    epoch = Number(digits);
    rest = version.slice(colon + 1);
  }
  const hyphen = rest.lastIndexOf('-');
  const upstream = hyphen >= 0 ? rest.slice(0, hyphen) : rest;
  const revision = hyphen >= 0 ? rest.slice(hyphen + 1) : '';
  if (!UPSTREAM.test(upstream) || (hyphen >= 0 && !REVISION.test(revision))) return null;
  return { epoch, upstream, revision };
}

/** Where a character sorts: `~` before everything, even the end; letters before the rest. */
function order(c: string | undefined): number {
  if (c === undefined || isDigit(c)) return 0;
  if (/[A-Za-z]/.test(c)) return c.charCodeAt(0);
  if (c === '~') return -1;
  return c.charCodeAt(0) + 256;
}

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9';
}

/** verrevcmp: alternating non-digit runs (by `order`) and digit runs (by value). */
export function compareVersionPart(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    let firstDiff = 0;
    while ((i < a.length && !isDigit(a[i])) || (j < b.length && !isDigit(b[j]))) {
      const ac = order(a[i]);
      const bc = order(b[j]);
      if (ac !== bc) return ac - bc;
      i++;
      j++;
    }
    while (a[i] === '0') i++;
    while (b[j] === '0') j++;
    while (isDigit(a[i]) && isDigit(b[j])) {
      if (firstDiff === 0) firstDiff = a.charCodeAt(i) - b.charCodeAt(j);
      i++;
      j++;
    }
    if (isDigit(a[i])) return 1;
    if (isDigit(b[j])) return -1;
    if (firstDiff !== 0) return firstDiff;
  }
  return 0;
}

/** dpkg_version_compare: epoch, then upstream version, then revision. */
export function compareDpkgVersions(a: DpkgVersion, b: DpkgVersion): number {
  if (a.epoch !== b.epoch) return a.epoch > b.epoch ? 1 : -1;
  return compareVersionPart(a.upstream, b.upstream) || compareVersionPart(a.revision, b.revision);
}
