// Every inventory extractor, registered here: which file names it wants and how it parses
// them. Extractors never touch the disk; the scan use case finds files and hands them text.
import { parseCargoLock } from './cargo-lock.js';
import { parseGoMod } from './go-mod.js';
import { extractDpkgStatus } from '../ecosystems/debian/dpkg-status.js';
import { parseGradleLockfile } from '../ecosystems/maven/gradle-lockfile.js';
import { extractPom } from '../ecosystems/maven/pom.js';
import { parseComposerLock } from '../ecosystems/packagist/composer-lock.js';
import { extractRpmList } from '../ecosystems/rpm/rpm-qa.js';
import { parseGemfileLock } from '../ecosystems/rubygems/gemfile-lock.js';
import { parsePackageLock } from './package-lock.js';
import { parsePnpmLock } from './pnpm-lock.js';
import { parsePipfileLock, parsePoetryLock, parseUvLock } from './python-locks.js';
import { parseRequirements } from './requirements.js';
import { parsePackageJson, parsePyproject, parseSetupPy } from './root-package.js';
import { parseCycloneDx, parseSpdx } from './sbom.js';
import { parseYarnLock } from './yarn-lock.js';
import type { InventoryPackage } from './types.js';

export type { InventoryPackage } from './types.js';

export interface Extraction {
  packages: InventoryPackage[];
  /** Declared packages whose version the file does not pin (requirements ranges). */
  unpinned: number;
  /** What the file names but could not be scanned, one message per reason. */
  problems?: string[];
  /** Other declared packages that were not scanned, one message per reason, for the report. */
  skipped?: string[];
}

export interface Extractor {
  name: string;
  /**
   * `lockfile`: what is installed, searched for in folders. `manifest`: the project's own
   * package, read from a repository at a ref or when named directly. `system`: an operating
   * system's package database, read only when named directly, as its file name (`status`)
   * says too little to look for it in folders.
   */
  kind: 'lockfile' | 'manifest' | 'system';
  /** Whether it reads a file with this base name. */
  wants(fileName: string): boolean;
  /** Throws `invalid-lockfile` naming `source` when the text cannot be read. */
  extract(text: string, source: string): Extraction;
}

const packagesOnly =
  (parse: (text: string, source: string) => InventoryPackage[]) =>
  (text: string, source: string): Extraction => ({ packages: parse(text, source), unpinned: 0 });

export const extractors: readonly Extractor[] = [
  {
    name: 'package-lock',
    kind: 'lockfile',
    wants: (file) => file === 'package-lock.json' || file === 'npm-shrinkwrap.json',
    extract: packagesOnly(parsePackageLock),
  },
  {
    name: 'requirements',
    kind: 'lockfile',
    wants: (file) => /^requirements.*\.txt$/i.test(file),
    extract: parseRequirements,
  },
  {
    name: 'pom',
    kind: 'lockfile',
    wants: (file) => file === 'pom.xml',
    extract: extractPom,
  },
  {
    name: 'gradle-lockfile',
    kind: 'lockfile',
    wants: (file) => file === 'gradle.lockfile',
    extract: packagesOnly(parseGradleLockfile),
  },
  {
    name: 'gemfile-lock',
    kind: 'lockfile',
    // gems.locked is the name Bundler uses next to a gems.rb.
    wants: (file) => file === 'Gemfile.lock' || file === 'gems.locked',
    extract: packagesOnly(parseGemfileLock),
  },
  {
    name: 'composer-lock',
    kind: 'lockfile',
    wants: (file) => file === 'composer.lock',
    extract: packagesOnly(parseComposerLock),
  },
  {
    name: 'dpkg-status',
    kind: 'system',
    // /var/lib/dpkg/status, or a copy of it.
    wants: (file) => file === 'status' || file === 'dpkg-status',
    extract: extractDpkgStatus,
  },
  {
    name: 'rpm-qa',
    kind: 'system',
    // A saved `rpm -qa` listing: rpm-qa.txt, rpm-qa-web01.txt, ...
    wants: (file) => /^rpm-qa.*\.txt$/i.test(file),
    extract: extractRpmList,
  },
  {
    name: 'package-json',
    kind: 'manifest',
    wants: (file) => file === 'package.json',
    extract: packagesOnly(parsePackageJson),
  },
  {
    name: 'pyproject',
    kind: 'manifest',
    wants: (file) => file === 'pyproject.toml',
    extract: packagesOnly(parsePyproject),
  },
  {
    name: 'setup-py',
    kind: 'manifest',
    wants: (file) => file === 'setup.py',
    extract: packagesOnly(parseSetupPy),
  },
  lockfile('yarn-lock', 'yarn.lock', packagesOnly(parseYarnLock)),
  lockfile('pnpm-lock', 'pnpm-lock.yaml', packagesOnly(parsePnpmLock)),
  lockfile('poetry-lock', 'poetry.lock', packagesOnly(parsePoetryLock)),
  lockfile('pipfile-lock', 'Pipfile.lock', packagesOnly(parsePipfileLock)),
  lockfile('uv-lock', 'uv.lock', packagesOnly(parseUvLock)),
  lockfile('go-mod', 'go.mod', withProblems(parseGoMod)),
  lockfile('cargo-lock', 'Cargo.lock', withProblems(parseCargoLock)),
  lockfile('cyclonedx', /^(bom|.+\.(cdx|bom|cyclonedx))\.json$/i, withProblems(parseCycloneDx)),
  lockfile('spdx', /^.+\.spdx\.json$/i, withProblems(parseSpdx)),
];

function lockfile(name: string, file: string | RegExp, extract: Extractor['extract']): Extractor {
  const wants = typeof file === 'string' ? (f: string) => f === file : (f: string) => file.test(f);
  return { name, kind: 'lockfile', wants, extract };
}

function withProblems(
  parse: (text: string, source: string) => { packages: InventoryPackage[]; problems: string[] },
) {
  return (text: string, source: string): Extraction => ({ ...parse(text, source), unpinned: 0 });
}

/** Every extractor that reads a file with this base name, optionally only of one kind. */
export function extractorsFor(fileName: string, kind?: Extractor['kind']): Extractor[] {
  return extractors.filter((e) => (kind === undefined || e.kind === kind) && e.wants(fileName));
}

/** The extractor for a file's base name, optionally only of one kind. */
export function extractorFor(fileName: string, kind?: Extractor['kind']): Extractor | undefined {
  return extractors.find((e) => (kind === undefined || e.kind === kind) && e.wants(fileName));
}

/** The manifests a repository may have at its root, in the order they are read. */
export const MANIFEST_FILES = ['package.json', 'pyproject.toml', 'setup.py'] as const;
