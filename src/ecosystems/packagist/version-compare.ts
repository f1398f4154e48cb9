// Composer's version order: a version is first normalised the way composer/semver's
// VersionParser::normalize does (`v` prefix dropped, four numeric parts, stability suffixes
// spelled out), then ordered by PHP's version_compare, which is what composer/semver's
// Comparator calls. Neither exists as a maintained npm package, so both are ported here from
// composer/semver src/VersionParser.php and php-src ext/standard/versioning.c, and tested
// against composer/semver's VersionParserTest and ComparatorTest.

// PHP's possessive quantifiers (`++`, `*+`) become greedy ones: every pattern is anchored at
// both ends, so the vectors of VersionParserTest match the same way.
const MODIFIER = String.raw`[._-]?(?:(stable|beta|b|RC|alpha|a|patch|pl|p)((?:[.-]?\d+)*)?)?([.-]?dev)?`;
const CLASSICAL = new RegExp(String.raw`^v?(\d{1,5})(\.\d+)?(\.\d+)?(\.\d+)?${MODIFIER}$`, 'i');
const DATE = new RegExp(
  String.raw`^v?(\d{4}(?:[.:-]?\d{2}){1,6}(?:[.:-]?\d{1,3}){0,2})${MODIFIER}$`,
  'i',
);

const STABILITY_NAMES: Record<string, string> = {
  a: 'alpha',
  b: 'beta',
  p: 'patch',
  pl: 'patch',
  rc: 'RC',
};

/**
 * VersionParser::normalize for one exact version (`1.2` → `1.2.0.0`, `v2.0.0-rc1` →
 * `2.0.0.0-RC1`), or null when composer would reject it or it names a branch (`dev-main`,
 * `2.x-dev`): a branch is a moving commit, not a release an advisory can be about.
 */
export function normalizeComposerVersion(input: string): string | null {
  let version = input.trim();
  // `1.0.0 as 2.0.0` (an inline alias) is the version before `as`; `@stable` flags go.
  const alias = /^([^,\s]+) +as +([^,\s]+)$/.exec(version);
  if (alias) version = alias[1]!;
  version = version.replace(/@(?:stable|RC|beta|alpha|dev)$/i, '');
  if (/^dev-/i.test(version) || ['master', 'trunk', 'default'].includes(version)) return null;
  const build = /^([^,\s+]+)\+\S+$/.exec(version);
  if (build) version = build[1]!;

  let base: string;
  let match = CLASSICAL.exec(version);
  let index: number;
  if (match) {
    base = match[1]! + (match[2] || '.0') + (match[3] || '.0') + (match[4] || '.0');
    index = 5;
  } else {
    match = DATE.exec(version);
    if (!match) return null;
    base = match[1]!.replace(/\D/g, '.');
    index = 2;
  }
  const stability = match[index];
  if (stability) {
    if (stability === 'stable') return base;
    const number = match[index + 1] ?? '';
    base += `-${STABILITY_NAMES[stability.toLowerCase()] ?? stability.toLowerCase()}${number.replace(/^[.-]+/, '')}`;
  }
  if (match[index + 2]) base += '-dev';
  return base;
}

const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';
const isAlnum = (c: string) => /^[A-Za-z0-9]$/.test(c);

/** php_canonicalize_version: `-_+` become `.`, and a `.` goes between digits and letters. */
function canonicalize(version: string): string {
  if (version === '') return '';
  let out = version[0]!;
  let last = version[0]!;
  for (const c of version.slice(1)) {
    const previous = out[out.length - 1];
    if (c === '-' || c === '_' || c === '+') {
      if (previous !== '.') out += '.';
    } else if (
      (!isDigit(last) && last !== '.' && isDigit(c)) ||
      (isDigit(last) && !isDigit(c) && c !== '.')
    ) {
      if (previous !== '.') out += '.';
      out += c;
    } else if (!isAlnum(c)) {
      if (previous !== '.') out += '.';
    } else {
      out += c;
    }
    last = c;
  }
  return out;
}

/** The order of PHP's special forms; matched as prefixes, in this order, like strncmp. */
const SPECIAL_FORMS: Array<[string, number]> = [
  ['dev', 0],
  ['alpha', 1],
  ['a', 1],
  ['beta', 2],
  ['b', 2],
  ['RC', 3],
  ['rc', 3],
  ['#', 4],
  ['pl', 5],
  ['p', 5],
];

function specialForm(form: string): number {
  return SPECIAL_FORMS.find(([name]) => form.startsWith(name))?.[1] ?? -1;
}

function compareSpecialForms(a: string, b: string): number {
  return Math.sign(specialForm(a) - specialForm(b));
}

/** PHP's version_compare(a, b): -1, 0 or 1. */
export function phpVersionCompare(a: string, b: string): number {
  if (a === '' || b === '') return a === b ? 0 : a !== '' ? 1 : -1;
  const v1 = a.startsWith('#') ? a : canonicalize(a);
  const v2 = b.startsWith('#') ? b : canonicalize(b);
  let p1 = 0;
  let p2 = 0;
  // The next `.` after p1/p2; undefined before the first look, null when there is none.
  let n1: number | null | undefined;
  let n2: number | null | undefined;
  let compare = 0;
  while (p1 < v1.length && p2 < v2.length && n1 !== null && n2 !== null) {
    const dot1 = v1.indexOf('.', p1);
    const dot2 = v2.indexOf('.', p2);
    n1 = dot1 < 0 ? null : dot1;
    n2 = dot2 < 0 ? null : dot2;
    const part1 = v1.slice(p1, n1 ?? undefined);
    const part2 = v2.slice(p2, n2 ?? undefined);
    if (isDigit(part1[0]) && isDigit(part2[0])) {
      // strtol: the leading digits (all of them, after canonicalisation).
      const l1 = BigInt(/^\d+/.exec(part1)![0]);
      const l2 = BigInt(/^\d+/.exec(part2)![0]);
      compare = l1 < l2 ? -1 : l1 > l2 ? 1 : 0;
    } else if (!isDigit(part1[0]) && !isDigit(part2[0])) {
      compare = compareSpecialForms(part1, part2);
    } else if (isDigit(part1[0])) {
      compare = compareSpecialForms('#N#', part2);
    } else {
      compare = compareSpecialForms(part1, '#N#');
    }
    if (compare !== 0) break;
    if (n1 !== null) p1 = n1 + 1;
    if (n2 !== null) p2 = n2 + 1;
  }
  if (compare === 0) {
    if (n1 !== null && n1 !== undefined) {
      compare = isDigit(v1[p1]) ? 1 : phpVersionCompare(v1.slice(p1), '#N#');
    } else if (n2 !== null && n2 !== undefined) {
      compare = isDigit(v2[p2]) ? -1 : phpVersionCompare('#N#', v2.slice(p2));
    }
  }
  return compare;
}

/** Composer's order of two versions that both normalise; throws on one that does not. */
export function compareComposerVersions(a: string, b: string): number {
  const left = normalizeComposerVersion(a);
  const right = normalizeComposerVersion(b);
  if (left === null || right === null) {
    throw new TypeError(`not a Composer version: ${left === null ? a : b}`);
  }
  return phpVersionCompare(left, right);
}
