// Reads the dependencies a Maven pom.xml declares, with their versions as written or as
// resolved from the pom's own `<properties>` and `<dependencyManagement>`. Versions that only
// a parent pom or an imported BOM could supply are reported as unresolved, never guessed.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { invalidLockfile, isObject, type InventoryPackage } from '../../inventory/types.js';
import { maven } from './index.js';

export interface PomResult {
  packages: InventoryPackage[];
  /** Declared dependencies whose version this file alone does not fix, with the reason. */
  unresolved: Array<{ name: string; reason: string }>;
}

interface Coordinates {
  groupId?: string;
  artifactId?: string;
  version?: string;
  scope?: string;
}

/** Deep enough for any real chain of properties; a longer one is a cycle. */
const MAX_PROPERTY_DEPTH = 16;

export function parsePom(text: string, source: string): PomResult {
  const body = text.replace(/^\uFEFF/, '');
  const valid = XMLValidator.validate(body);
  if (valid !== true)
    throw invalidLockfile(source, `not valid XML (${valid.err.msg})`, valid.err.line);
  const document = new XMLParser({
    ignoreAttributes: true,
    parseTagValue: false,
    trimValues: true,
    // The pom is untrusted input: no entity expansion.
    processEntities: false,
    isArray: (name) => name === 'dependency',
  }).parse(body) as Record<string, unknown>;
  const project = document.project;
  if (!isObject(project)) throw invalidLockfile(source, 'a pom.xml has a <project> root element');

  const properties = readProperties(project);
  const resolve = (value: string) => resolveProperties(value, properties);

  const managed = new Map<string, string>();
  for (const entry of dependencyList(project.dependencyManagement)) {
    const groupId = entry.groupId && resolve(entry.groupId);
    if (!groupId || !entry.artifactId || !entry.version || entry.scope === 'import') continue;
    managed.set(`${groupId}:${entry.artifactId}`, entry.version);
  }

  const packages: InventoryPackage[] = [];
  const unresolved: PomResult['unresolved'] = [];
  for (const entry of dependencyList(project)) {
    const groupId = entry.groupId === undefined ? undefined : resolve(entry.groupId);
    if (!groupId || !entry.artifactId || groupId.includes('${')) {
      const name = `${entry.groupId ?? '?'}:${entry.artifactId ?? '?'}`;
      unresolved.push({
        name,
        reason: 'its groupId or artifactId is missing or uses a property this file does not set',
      });
      continue;
    }
    const name = `${groupId}:${entry.artifactId}`;
    const declared = entry.version ?? managed.get(name);
    if (declared === undefined) {
      unresolved.push({
        name,
        reason: 'its version is managed outside this file (by the parent pom or an imported BOM)',
      });
      continue;
    }
    const version = resolve(declared);
    if (version.includes('${')) {
      unresolved.push({
        name,
        reason: `its version ${declared} uses a property this file does not set`,
      });
    } else if (!maven.isValidVersion(version)) {
      unresolved.push({ name, reason: `its version ${version} is a range, not one version` });
    } else {
      packages.push({ ecosystem: 'Maven', name, version, source });
    }
  }
  return { packages, unresolved };
}

function dependencyList(section: unknown): Coordinates[] {
  if (!isObject(section) || !isObject(section.dependencies)) return [];
  const list = section.dependencies.dependency;
  if (!Array.isArray(list)) return [];
  return list.filter(isObject).map((entry) => ({
    groupId: text(entry.groupId),
    artifactId: text(entry.artifactId),
    version: text(entry.version),
    scope: text(entry.scope),
  }));
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * `<properties>`, plus the project's own coordinates under the names Maven gives them. The
 * project inherits its groupId and version from `<parent>` when it does not set them.
 */
function readProperties(project: Record<string, unknown>): Map<string, string> {
  const properties = new Map<string, string>();
  if (isObject(project.properties)) {
    for (const [key, value] of Object.entries(project.properties)) {
      if (typeof value === 'string') properties.set(key, value);
    }
  }
  const parent = isObject(project.parent) ? project.parent : {};
  const builtins: Record<string, string | undefined> = {
    'project.groupId': text(project.groupId) ?? text(parent.groupId),
    'project.artifactId': text(project.artifactId),
    'project.version': text(project.version) ?? text(parent.version),
    'project.parent.groupId': text(parent.groupId),
    'project.parent.version': text(parent.version),
  };
  for (const [key, value] of Object.entries(builtins)) {
    if (value === undefined) continue;
    properties.set(key, value);
    // Maven 2 spellings still seen in old poms: ${version}, ${pom.version}, ${parent.version}.
    properties.set(key.replace(/^project\./, ''), value);
    properties.set(key.replace(/^project\./, 'pom.'), value);
  }
  return properties;
}

/** Replaces `${name}` with the property's value, repeatedly; unknown names stay as written. */
function resolveProperties(value: string, properties: Map<string, string>): string {
  let current = value;
  for (let depth = 0; depth < MAX_PROPERTY_DEPTH && current.includes('${'); depth++) {
    const next = current.replace(
      /\$\{([^}]+)\}/g,
      (whole, key: string) => properties.get(key) ?? whole,
    );
    if (next === current) break;
    current = next;
  }
  return current;
}

/** `parsePom` as an inventory extraction: unresolved dependencies grouped by reason. */
export function extractPom(
  text: string,
  source: string,
): { packages: InventoryPackage[]; unpinned: number; skipped: string[] } {
  const { packages, unresolved } = parsePom(text, source);
  const byReason = new Map<string, string[]>();
  for (const { name, reason } of unresolved)
    byReason.set(reason, [...(byReason.get(reason) ?? []), name]);
  const skipped = [...byReason].map(([reason, names]) => {
    const what = names.length === 1 ? 'dependency was' : 'dependencies were';
    return `${names.length} ${what} not scanned because ${reason}: ${names.join(', ')}`;
  });
  return { packages, unpinned: 0, skipped };
}
