// Reads pinned Python packages from a pip requirements file. Only `name==version` pins say
// what is installed; other lines are skipped and counted so the report can say so.
import { pypi } from '../ecosystems/pypi/index.js';
import { dedupePackages, invalidLockfile, type InventoryPackage } from './types.js';

export interface RequirementsResult {
  packages: InventoryPackage[];
  /** Requirement lines without an exact pin (ranges, URLs, paths): their version is unknown. */
  unpinned: number;
}

const NAME = /^([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\s*(?:\[[^\]]*\])?\s*(.*)$/;
const SPECIFIERS = /^\(?\s*(?:(?:===|==|!=|~=|<=|>=|<|>)\s*[A-Za-z0-9.*+!_-]+\s*,?\s*)+\)?$/;
const PIN = /^===?\s*([A-Za-z0-9.+!_-]+)$/;

export function parseRequirements(text: string, source: string): RequirementsResult {
  const found: InventoryPackage[] = [];
  let unpinned = 0;
  for (const { line, content } of logicalLines(text)) {
    // pip's comments start at a `#` at the start of a line or after whitespace (`#egg=` in a
    // URL is not one).
    let requirement = content.replace(/(^|\s)#.*$/, '').trim();
    // Options (-r, -c, -e, --index-url, ...) configure pip rather than name a package.
    if (requirement === '' || requirement.startsWith('-')) continue;
    // Environment markers after `;` and per-requirement options (`--hash=...`) do not
    // change the pinned version.
    requirement = requirement
      .split(';')[0]!
      .replace(/\s+--?[A-Za-z].*$/, '')
      .trim();
    if (/:\/\/|^[./~]|\s@\s|^[A-Za-z]:\\/.test(requirement)) {
      unpinned++;
      continue;
    }
    const match = NAME.exec(requirement);
    const specifier = match?.[2]?.trim() ?? '';
    if (!match || (specifier !== '' && !SPECIFIERS.test(specifier))) {
      throw invalidLockfile(source, `not a requirement: ${content.trim()}`, line);
    }
    const pin = PIN.exec(specifier)?.[1];
    if (pin && pypi.isValidVersion(pin)) {
      found.push({ ecosystem: 'PyPI', name: match[1]!, version: pin, source });
    } else {
      unpinned++;
    }
  }
  return { packages: dedupePackages(found), unpinned };
}

/** Joins lines ending in `\` with the next, remembering where each logical line began. */
function logicalLines(text: string): Array<{ line: number; content: string }> {
  const result: Array<{ line: number; content: string }> = [];
  let pending: { line: number; content: string } | null = null;
  text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .forEach((raw, index) => {
      const continued = raw.endsWith('\\');
      const part = continued ? raw.slice(0, -1) : raw;
      pending = pending
        ? { line: pending.line, content: `${pending.content} ${part}` }
        : { line: index + 1, content: part };
      if (!continued) {
        result.push(pending);
        pending = null;
      }
    });
  if (pending) result.push(pending);
  return result;
}
