// Maven's version order, ported from `org.apache.maven.artifact.versioning.ComparableVersion`
// (apache/maven, compat/maven-artifact). No maintained npm package implements the current
// algorithm (the MNG-7644 and MNG-7714 changes of Maven 3.9 included), so it is written here
// and tested against Maven's own ComparableVersionTest.
//
// A version is a list of items: numbers, qualifiers (strings) and sub-lists. `.` separates
// items of one list; `-`, and a switch between digits and letters, starts a sub-list. A
// qualifier directly followed by digits (`-rc-1`, `beta2`) is one combination item.

type Item = NumberItem | StringItem | CombinationItem | ListItem;

interface NumberItem {
  kind: 'number';
  value: bigint;
}
interface StringItem {
  kind: 'string';
  value: string;
}
interface CombinationItem {
  kind: 'combination';
  text: StringItem;
  digits: Item;
}
interface ListItem {
  kind: 'list';
  items: Item[];
}

/** Known qualifiers in order; `""` is the release itself. Anything else sorts after `sp`. */
const QUALIFIERS = ['alpha', 'beta', 'milestone', 'rc', 'snapshot', '', 'sp'];
const RELEASE_QUALIFIERS = new Set(['ga', 'final', 'release']);
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
  return { kind: 'string', value: value === 'cr' ? 'rc' : value };
}

function numberItem(digits: string): NumberItem {
  // Java parses any Unicode decimal digit; ASCII is what real versions use, and anything
  // else (only reachable through a combination item) counts as zero rather than throwing.
  return { kind: 'number', value: /^[0-9]+$/.test(digits) ? BigInt(digits) : 0n };
}

function combinationItem(value: string): CombinationItem {
  const index = Math.max(0, value.search(/\p{Nd}/u));
  return {
    kind: 'combination',
    text: stringItem(value.slice(0, index), true),
    digits: parseItem(false, true, value.slice(index)),
  };
}

function parseItem(isCombination: boolean, isDigit: boolean, text: string): Item {
  if (isCombination) return combinationItem(text.replaceAll('-', ''));
  if (isDigit) return numberItem(text);
  return stringItem(text, false);
}

function isNull(item: Item): boolean {
  switch (item.kind) {
    case 'number':
      return item.value === 0n;
    case 'string':
      return item.value === '';
    case 'combination':
      return false;
    case 'list':
      return item.items.length === 0;
  }
}

function normalize(list: ListItem): void {
  const items = list.items;
  for (let i = items.length - 1; i >= 0; i--) {
    if (!isNull(items[i]!)) continue;
    const next = items[i + 1];
    if (next === undefined || next.kind === 'string') {
      items.splice(i, 1);
    } else if (next.kind === 'list') {
      const first = next.items[0];
      if (first && (first.kind === 'combination' || first.kind === 'string')) items.splice(i, 1);
    }
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
  let isDigit = false;
  let isCombination = false;
  let start = 0;
  // Code points, as Maven reads surrogate pairs as one character.
  const chars = [...version];
  let offset = 0;
  for (let i = 0; i < chars.length; offset += chars[i]!.length, i++) {
    const c = chars[i]!;
    if (c === '.') {
      list.items.push(
        offset === start
          ? numberItem('0')
          : parseItem(isCombination, isDigit, version.slice(start, offset)),
      );
      isCombination = false;
      start = offset + 1;
    } else if (c === '-') {
      if (offset === start) {
        list.items.push(numberItem('0'));
      } else {
        // `rc-1`: a qualifier, a dash and digits are one combination item.
        if (!isDigit && i !== chars.length - 1 && /\p{Nd}/u.test(chars[i + 1]!)) {
          isCombination = true;
          continue;
        }
        list.items.push(parseItem(isCombination, isDigit, version.slice(start, offset)));
      }
      start = offset + 1;
      if (list.items.length > 0) openList();
      isCombination = false;
    } else if (c >= '0' && c <= '9') {
      if (!isDigit && offset > start) {
        isCombination = true;
        if (list.items.length > 0) openList();
      }
      isDigit = true;
    } else {
      if (isDigit && offset > start) {
        list.items.push(parseItem(isCombination, true, version.slice(start, offset)));
        start = offset;
        openList();
        isCombination = false;
      }
      isDigit = false;
    }
  }
  if (version.length > start) {
    if (!isDigit && list.items.length > 0) openList();
    list.items.push(parseItem(isCombination, isDigit, version.slice(start)));
  }
  while (stack.length > 0) normalize(stack.pop()!);
  return root;
}

function comparableQualifier(qualifier: string): string {
  if (RELEASE_QUALIFIERS.has(qualifier)) return RELEASE_INDEX;
  const index = QUALIFIERS.indexOf(qualifier);
  return index === -1 ? `${QUALIFIERS.length}-${qualifier}` : String(index);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** `item.compareTo(other)` of the Java classes, `other` null meaning "nothing there". */
function compareItems(item: Item, other: Item | null): number {
  switch (item.kind) {
    case 'number':
      if (other === null) return item.value === 0n ? 0 : 1;
      if (other.kind === 'number')
        return item.value < other.value ? -1 : item.value > other.value ? 1 : 0;
      return 1;
    case 'string':
      if (other === null) return compareText(comparableQualifier(item.value), RELEASE_INDEX);
      switch (other.kind) {
        case 'number':
        case 'list':
          return -1;
        case 'string':
          return compareText(comparableQualifier(item.value), comparableQualifier(other.value));
        case 'combination':
          return compareItems(item, other.text) || -1;
      }
      break;
    case 'combination':
      if (other === null) return compareItems(item.text, null);
      switch (other.kind) {
        case 'number':
        case 'list':
          return -1;
        case 'string':
          return compareItems(item.text, other) || 1;
        case 'combination':
          return compareItems(item.text, other.text) || compareItems(item.digits, other.digits);
      }
      break;
    case 'list':
      if (other === null) {
        for (const child of item.items) {
          const result = compareItems(child, null);
          if (result !== 0) return result;
        }
        return 0;
      }
      switch (other.kind) {
        case 'number':
          return -1;
        case 'string':
        case 'combination':
          return 1;
        case 'list': {
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
  return 0;
}

function itemText(item: Item): string {
  switch (item.kind) {
    case 'number':
      return item.value.toString();
    case 'string':
      return item.value;
    case 'combination':
      return itemText(item.text) + itemText(item.digits);
    case 'list':
      return item.items
        .map((child, i) => (i === 0 ? '' : child.kind === 'list' ? '-' : '.') + itemText(child))
        .join('');
  }
}
