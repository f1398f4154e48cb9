// Reads the installed npm packages from yarn.lock: the classic v1 format and the YAML format of
// yarn 2 and later ("berry", recognised by its `__metadata` entry).
import { isMap, isScalar, type Document } from 'yaml';
import { npm } from '../ecosystems/npm/index.js';
import { parseYamlFile } from './parse-text.js';
import { dedupePackages, invalidLockfile, isObject, type InventoryPackage } from './types.js';

export function parseYarnLock(text: string, source: string): InventoryPackage[] {
  const body = text.replace(/^\uFEFF/, '');
  return dedupePackages(
    /^__metadata:/m.test(body) ? readBerry(body, source) : readClassic(body, source),
  );
}

/**
 * yarn 1's own format: YAML-like but not YAML (`version "1.2.3"`, comma-separated keys). Read
 * by hand because the published readers (@yarnpkg/lockfile, @yarnpkg/parsers) accept broken
 * text silently or without saying where, and a scanner must not read half a file as whole.
 */
function readClassic(text: string, source: string): InventoryPackage[] {
  const found: InventoryPackage[] = [];
  let entry: { line: number; key: string; version?: string } | null = null;
  const finish = () => {
    if (!entry) return;
    if (entry.version === undefined)
      throw invalidLockfile(source, 'entry has no version', entry.line);
    const pkg = registryPackage(entry.key, entry.version);
    if (pkg) found.push({ ecosystem: 'npm', ...pkg, source });
  };
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === '' || raw.trimStart().startsWith('#')) return;
    const indent = raw.length - raw.trimStart().length;
    if (indent === 0) {
      if (!raw.endsWith(':')) throw invalidLockfile(source, `not an entry: ${raw.trim()}`, line);
      finish();
      entry = { line, key: raw.slice(0, -1) };
      return;
    }
    if (!entry || indent % 2 !== 0 || !/^\s+("[^"]*"|[^\s"]+)(:|\s+\S.*)$/.test(raw)) {
      throw invalidLockfile(source, `unexpected line: ${raw.trim()}`, line);
    }
    const version = indent === 2 ? /^\s+version:?\s+"?([^"\s]+)"?$/.exec(raw) : null;
    if (version) entry.version = version[1];
  });
  finish();
  return found;
}

/**
 * The registry package behind a v1 entry: the key's first descriptor (`name@range`, quoted or
 * not) names it, an alias (`alias@npm:real@range`) names the real package. Git, file, link and
 * tarball entries carry the version of their own package.json, not a registry release.
 */
function registryPackage(key: string, version: string): { name: string; version: string } | null {
  const first = key.split(/,\s*/)[0]!.replace(/^"|"$/g, '');
  const at = first.indexOf('@', 1);
  if (at < 0) return null;
  let name = first.slice(0, at);
  let range = first.slice(at + 1);
  const alias = /^npm:((?:@[^/@]+\/)?[^@]+)(?:@(.*))?$/.exec(range);
  if (alias) {
    name = alias[1]!;
    range = alias[2] ?? '';
  }
  if (range.includes(':') || range.includes('/') || !npm.isValidVersion(version)) return null;
  return { name, version };
}

/** yarn 2+: YAML whose entries say what they resolved to (`resolution: "name@npm:1.2.3"`). */
function readBerry(text: string, source: string): InventoryPackage[] {
  const yaml = parseYamlFile(text, source);
  const document: Document | undefined = yaml.documents[0];
  if (!document || !isMap(document.contents)) {
    throw invalidLockfile(source, 'a yarn lockfile is a map of entries');
  }
  const found: InventoryPackage[] = [];
  for (const pair of document.contents.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    if (key === '__metadata') continue;
    const value: unknown = isMap(pair.value) ? pair.value.toJSON() : null;
    const resolution = isObject(value) ? value.resolution : undefined;
    if (typeof resolution !== 'string') {
      throw invalidLockfile(source, `entry ${key} has no resolution`, yaml.lineOf(pair.key));
    }
    const pkg = resolvedPackage(resolution);
    if (pkg) found.push({ ecosystem: 'npm', ...pkg, source });
  }
  return found;
}

/**
 * `name@npm:1.2.3` is a registry package. A `patch:` resolution wraps the package it patches
 * (`resolve@patch:resolve@npm%3A1.20.0#optional!builtin<compat/resolve>::...`): it is reported
 * as that package, since a local patch rarely removes a vulnerability and an advisory that a
 * patch does fix is better shown than hidden. Workspaces, git, file, link and portal
 * resolutions are not registry releases.
 */
function resolvedPackage(resolution: string): { name: string; version: string } | null {
  const at = resolution.indexOf('@', 1);
  if (at < 0) return null;
  const name = resolution.slice(0, at);
  const reference = resolution.slice(at + 1);
  if (reference.startsWith('npm:')) {
    const version = reference.slice('npm:'.length);
    return npm.isValidVersion(version) ? { name, version } : null;
  }
  if (reference.startsWith('patch:')) {
    const inner = decodeURIComponent(reference.slice('patch:'.length).split('#')[0]!);
    return inner.startsWith(`${name}@`) ? resolvedPackage(inner) : null;
  }
  return null;
}
