// Maven's version order, ported from `org.apache.maven.artifact.versioning.ComparableVersion`
// of the Maven 3.9 line (apache/maven tag maven-3.9.16), the order that released Maven uses
// and that Maven's "version order specification" describes. Maven 4 changes it (qualifiers
// followed by digits become one item), so a package built for Maven 3 would not help; no
// maintained npm package implements either, so it is written here and tested against the
// 3.9 line's own ComparableVersionTest.
//
// A version is a list of items: numbers, qualifiers (strings) and sub-lists. `.` separates
// items of one list; `-`, and a switch between digits and letters, starts a sub-list.

type Item = NumberItem | StringItem | ListItem;

interface NumberItem {
  kind: 'number';
  value: bigint;
}
interface StringItem {
  kind: 'string';
  value: string;
}
interface ListItem {
  kind: 'list';
  items: Item[];
}

/** Known qualifiers in order; `""` is the release itself. Anything else sorts after `sp`. */
const QUALIFIERS = ['alpha', 'beta', 'milestone', 'rc', 'snapshot', '', 'sp'];
const ALIASES: Record<string, string> = { ga: '', final: '', release: '', cr: 'rc' };
const RELEASE_INDEX = String(QUALIFIERS.indexOf(''));

/** Negative, zero or positive as `a` sorts before, with or after `b` in Maven. */
export function compareMavenVersions(a: string, b: string): number {
  return compareItems(parseMavenVersion(a), parseMavenVersion(b));
}

/** Maven's canonical form of a version (`1.0.0-final` → `1`), as `getCanonical()`. */
export function canonicalMavenVersion(version: string): string {
  return itemText(parseMavenVersion(version));
}

function stringItem(value: string, followedByDigit: boolean): StringItem {
  if (followedByDigit && value.length === 1) {
    value = { a: 'alpha', b: 'beta', m: 'milestone' }[value] ?? value;
  }
  return { kind: 'string', value: Object.hasOwn(ALIASES, value) ? ALIASES[value]! : value };
}

function parseItem(isDigit: boolean, text: string): Item {
  // Java also reads non-ASCII decimal digits as digits; versions in advisories and
  // lockfiles are ASCII, so only 0-9 are digits here.
  return isDigit ? { kind: 'number', value: BigInt(text) } : stringItem(text, false);
}

function comparableQualifier(qualifier: string): string {
  const index = QUALIFIERS.indexOf(qualifier);
  return index === -1 ? `${QUALIFIERS.length}-${qualifier}` : String(index);
}

function isNull(item: Item): boolean {
  switch (item.kind) {
    case 'number':
      return item.value === 0n;
    case 'string':
      return comparableQualifier(item.value) === RELEASE_INDEX;
    case 'list':
      return item.items.length === 0;
  }
}

/** Drops trailing null items (`1.0.0` → `1`), looking through trailing sub-lists. */
function normalize(list: ListItem): void {
  for (let i = list.items.length - 1; i >= 0; i--) {
    const item = list.items[i]!;
    if (isNull(item)) list.items.splice(i, 1);
    else if (item.kind !== 'list') break;
  }
}

export function parseMavenVersion(input: string): ListItem {
  const version = input.toLowerCase();
  const root: ListItem = { kind: 'list', items: [] };
  let list = root;
  const stack: ListItem[] = [root];
  const openList = () => {
    const child: ListItem = { kind: 'list', items: [] };
    list.items.push(child);
    list = child;
    stack.push(child);
  };
  const zero: NumberItem = { kind: 'number', value: 0n };
  let isDigit = false;
  let start = 0;
  for (let i = 0; i < version.length; i++) {
    const c = version[i]!;
    if (c === '.') {
      list.items.push(i === start ? zero : parseItem(isDigit, version.slice(start, i)));
      start = i + 1;
    } else if (c === '-') {
      list.items.push(i === start ? zero : parseItem(isDigit, version.slice(start, i)));
      start = i + 1;
      openList();
    } else if (c >= '0' && c <= '9') {
      if (!isDigit && i > start) {
        // `1.0alpha1`: the qualifier before the digits, then the digits in a sub-list.
        if (list.items.length > 0) openList();
        list.items.push(stringItem(version.slice(start, i), true));
        start = i;
        openList();
      }
      isDigit = true;
    } else {
      if (isDigit && i > start) {
        list.items.push(parseItem(true, version.slice(start, i)));
        start = i;
        openList();
      }
      isDigit = false;
    }
  }
  if (version.length > start) {
    if (!isDigit && list.items.length > 0) openList();
    list.items.push(parseItem(isDigit, version.slice(start)));
  }
  while (stack.length > 0) normalize(stack.pop()!);
  return root;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** `item.compareTo(other)` of the Java classes, `other` null meaning "nothing there". */
function compareItems(item: Item, other: Item | null): number {
  switch (item.kind) {
    case 'number':
      if (other === null) return item.value === 0n ? 0 : 1;
      if (other.kind !== 'number') return 1;
      return item.value < other.value ? -1 : item.value > other.value ? 1 : 0;
    case 'string':
      if (other === null) return compareText(comparableQualifier(item.value), RELEASE_INDEX);
      if (other.kind !== 'string') return -1;
      return compareText(comparableQualifier(item.value), comparableQualifier(other.value));
    case 'list': {
      if (other === null) {
        for (const child of item.items) {
          const result = compareItems(child, null);
          if (result !== 0) return result;
        }
        return 0;
      }
      if (other.kind === 'number') return -1;
      if (other.kind === 'string') return 1;
      const length = Math.max(item.items.length, other.items.length);
      for (let i = 0; i < length; i++) {
        const left = item.items[i] ?? null;
        const right = other.items[i] ?? null;
        const result =
          left === null
            ? right === null
              ? 0
              : -compareItems(right, null)
            : compareItems(left, right);
        if (result !== 0) return result;
      }
      return 0;
    }
  }
}

function itemText(item: Item): string {
  switch (item.kind) {
    case 'number':
      return item.value.toString();
    case 'string':
      return item.value;
    case 'list': {
      // Like Java's toString: a separator only once something has been written.
      let text = '';
      for (const child of item.items) {
        if (text !== '') text += child.kind === 'list' ? '-' : '.';
        text += itemText(child);
      }
      return text;
    }
  }
}
