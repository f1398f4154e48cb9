// Scan use cases: which known vulnerabilities affect a folder's lockfiles, or a repository's
// own package at a ref (and whether a backport on that ref fixes them anyway).
import fs from 'node:fs';
import path from 'node:path';
import { getEcosystem } from '../ecosystems/index.js';
import { isRetrofitError, RetrofitError } from '../errors.js';
import { GitRepo } from '../git/repo.js';
import {
  extractorFor,
  extractorsFor,
  MANIFEST_FILES,
  type Extraction,
  type Extractor,
  type InventoryPackage,
} from '../inventory/index.js';
import { dedupePackages, packageKey } from '../inventory/types.js';
import { collectMatches, type VulnerabilityMatch } from '../match/collect-matches.js';
import {
  advisoriesForPackages,
  aliasGroups,
  countAdvisories,
  findAdvisory,
  packageLookupKey,
} from '../store/advisories.js';
import type { Store } from '../store/open-store.js';
import { findBackportEvidence } from './backport-evidence.js';
import { decideByGitRanges } from './scan-git-ranges.js';
import type { GitRangeDecision } from '../match/git-range.js';
import type { OsvRecord } from '../advisories/osv.js';
import { readRootManifests } from './package-at-commit.js';
import { storePath, withStore, type AppContext } from './context.js';
import type { Finding, ScanProblem, ScanReport } from './scan-types.js';

export type { Finding, FindingStatus, ScanProblem, ScanReport } from './scan-types.js';

/**
 * Folders that hold installed, vendored or generated code, never the project's own lockfiles:
 * version control (.git, .hg, .svn), installed npm packages (node_modules, and yarn's .yarn
 * cache), vendored dependencies (vendor: Go, PHP, Ruby), Python environments (.venv, venv,
 * .tox, .nox, __pypackages__) and Cargo's build output (target). A lockfile inside them
 * belongs to a dependency, and scanning it would report that dependency's dev tools.
 */
const SKIPPED_FOLDERS = new Set([
  '.git',
  '.hg',
  '.svn',
  'node_modules',
  '.yarn',
  'vendor',
  '.venv',
  'venv',
  '.tox',
  '.nox',
  '__pypackages__',
  'target',
]);

/**
 * Scans one lockfile, SBOM or manifest, or a folder walked for every file a lockfile extractor
 * reads (lockfiles and SBOMs, not manifests). In a folder, a file that fails to parse is a
 * problem in the report and the other files are still scanned; a file named directly that
 * fails is an error.
 */
export async function scanPath(ctx: AppContext, target: string): Promise<ScanReport> {
  const absolute = path.resolve(ctx.cwd, target);
  const stat = fs.statSync(absolute, { throwIfNoEntry: false });
  if (!stat) {
    throw new RetrofitError('input-not-found', `${target} does not exist`, {
      input: target,
      hint: 'Pass a lockfile (package-lock.json, yarn.lock, go.mod, ...), an SBOM, or a folder that contains them.',
    });
  }
  const packages: InventoryPackage[] = [];
  const problems: ScanProblem[] = [];
  if (stat.isDirectory()) {
    const sourceOf = (file: string) => path.join(target, path.relative(absolute, file));
    const unreadable = (dir: string, error: Error) =>
      problems.push({ source: sourceOf(dir), message: `cannot read the folder: ${error.message}` });
    for (const file of findLockfiles(absolute, unreadable)) {
      const source = sourceOf(file);
      for (const extractor of extractorsFor(path.basename(file), 'lockfile')) {
        try {
          const extraction = extractor.extract(fs.readFileSync(file, 'utf8'), source);
          packages.push(...extraction.packages);
          problems.push(...extractionProblems(extraction, source));
        } catch (error) {
          if (!isRetrofitError(error) && !isFsError(error)) throw error;
          problems.push({ source, message: (error as Error).message });
        }
      }
    }
  } else {
    const extractor = directExtractor(path.basename(absolute));
    if (!extractor) {
      throw new RetrofitError('unsupported-input', `retrofit cannot scan ${target}`, {
        input: target,
        hint: 'Scan a lockfile (package-lock.json, yarn.lock, pnpm-lock.yaml, requirements*.txt, poetry.lock, Pipfile.lock, uv.lock, go.mod, Cargo.lock), an SBOM (*.cdx.json, bom.json, *.spdx.json), a manifest (package.json, pyproject.toml, setup.py), or a folder.',
      });
    }
    const extraction = extractor.extract(fs.readFileSync(absolute, 'utf8'), target);
    packages.push(...extraction.packages);
    problems.push(...extractionProblems(extraction, target));
  }
  return withStore(ctx, async (store) => {
    const matches = await matchPackages(store, packages);
    return buildReport({
      target,
      matches: matches.map((m) => toFinding(m, [])),
      problems,
      packages,
    });
  });
}

/**
 * Scans the package a repository publishes, as declared at `ref` (package.json,
 * pyproject.toml, setup.py at the root), and looks for backports of the fixes on that ref.
 */
export async function scanRepoRef(
  ctx: AppContext,
  input: { repo: string; ref: string; repoUrl?: string },
): Promise<ScanReport> {
  const repo = await GitRepo.open(path.resolve(ctx.cwd, input.repo));
  const commit = await repo.resolveCommit(input.ref);
  const packages: InventoryPackage[] = [];
  const problems: ScanProblem[] = [];
  const manifests = await readRootManifests(repo, commit, input.ref);
  packages.push(...manifests.packages);
  problems.push(...manifests.problems);
  if (manifests.found > 0 && packages.length === 0 && problems.length === 0) {
    // A private app's package.json or a dynamic version: nothing to look up, and saying
    // "0 affected" without saying why would read as a clean bill.
    problems.push({
      source: input.ref,
      message: `no package name and version in ${MANIFEST_FILES.join(', ')} at this ref`,
    });
  }
  const noManifest = () =>
    new RetrofitError(
      'unsupported-input',
      `${input.ref} in ${input.repo} has no ${MANIFEST_FILES.join(', ')} at its root`,
      {
        input: `${input.repo}@${input.ref}`,
        hint: 'Scan a lockfile or folder instead (retrofit scan <path>), or name the repository with --repo-url so that advisories with GIT ranges for it apply.',
      },
    );
  // Without a database only the manifests could have said something.
  if (manifests.found === 0 && !fs.existsSync(storePath(ctx))) throw noManifest();
  return withStore(ctx, async (store) => {
    const git = await decideByGitRanges({ store, repo, commit, repoUrl: input.repoUrl });
    if (manifests.found === 0 && git.records.length === 0) throw noManifest();
    const matches = await matchPackages(store, packages);
    // Records that know this repository only by its GIT ranges, not by a package it declares
    // (a C library, or a ref without a manifest). One that is another name of a vulnerability
    // already found by package lends its decision to that finding; the rest are findings on
    // the repository itself.
    const covered = new Set(matches.flatMap((m) => m.records.map((r) => r.id)));
    const gitOnly = git.records.filter((r) => !covered.has(r.id) && git.decisions.has(r.id));
    const groups = await aliasGroups(
      store,
      gitOnly.map((r) => r.id),
    );
    const byName = new Map<string, number>();
    matches.forEach((m, i) => [m.advisory, ...m.aliases].forEach((n) => byName.set(n, i)));
    const lent = new Map<number, GitRangeDecision[]>();
    const standalone: OsvRecord[] = [];
    for (const record of gitOnly) {
      const index = (groups.get(record.id) ?? [record.id])
        .map((name) => byName.get(name))
        .find((i) => i !== undefined);
      if (index === undefined) standalone.push(record);
      else lent.set(index, [...(lent.get(index) ?? []), git.decisions.get(record.id)!]);
    }
    const findings: Finding[] = [];
    for (const [index, match] of matches.entries()) {
      const decisions = [
        ...match.records.flatMap((r) => git.decisions.get(r.id) ?? []),
        ...(lent.get(index) ?? []),
      ];
      findings.push(await decideFinding({ store, repo, commit, match, decisions }));
    }
    if (standalone.length > 0) {
      const statuses = new Map(standalone.map((r) => [r.id, git.decisions.get(r.id)!.status]));
      const pkg = {
        ecosystem: 'GIT',
        name: git.repos[0]!,
        version: commit.slice(0, 12),
        source: 'GIT ranges',
      };
      for (const match of collectMatches([{ pkg, records: standalone }], groups, statuses)) {
        const decisions = match.records.flatMap((r) => git.decisions.get(r.id) ?? []);
        findings.push(await decideFinding({ store, repo, commit, match, decisions }));
      }
    }
    return buildReport({
      target: `${input.repo}@${input.ref}`,
      commit,
      matches: findings,
      problems,
      packages,
    });
  });
}

/**
 * The finding for one vulnerability on a repository commit. Where the records' GIT ranges
 * for this repository decide (see `decideGitRanges`), ancestry outranks the version number:
 * a version that looks affected whose history holds a listed fix is fixed by a backport, and
 * one that looks fixed whose history lacks every fix is affected.
 */
async function decideFinding(input: {
  store: Store;
  repo: GitRepo;
  commit: string;
  match: VulnerabilityMatch;
  decisions: GitRangeDecision[];
}): Promise<Finding> {
  const { store, repo, commit, match, decisions } = input;
  const decision =
    decisions.find((d) => d.status === 'affected') ??
    decisions.find((d) => d.status === 'fixed') ??
    decisions[0];
  const status = decision?.status ?? match.status;
  if (status === 'affected') {
    // The match carries what matching reads; the evidence needs the references too.
    const advisory = (await findAdvisory(store, match.record.id)) ?? match.record;
    const evidence = await findBackportEvidence({ store, repo, ref: commit, advisory });
    return toFinding({ ...match, status }, evidence);
  }
  const finding = toFinding({ ...match, status }, []);
  if (decision && match.status === 'affected') {
    // The version number alone would have said affected: say why it is not.
    if (status === 'fixed') finding.status = 'fixed-by-backport';
    finding.evidence = [{ kind: 'git-range', summary: decision.reason, commit: decision.commit }];
  }
  return finding;
}

/** Read: the records for each package and the alias groups of those that name it. Decide. */
async function matchPackages(
  store: Store,
  packages: InventoryPackage[],
): Promise<VulnerabilityMatch[]> {
  // With nothing imported every package would look clean, which is the one wrong answer a
  // scanner must never give.
  if ((await countAdvisories(store)) === 0) {
    throw new RetrofitError('advisory-not-found', `the database ${store.path} has no advisories`, {
      input: store.path,
      hint: 'Import advisories first: retrofit advisories import <OSV file, folder or zip>',
    });
  }
  const merged = mergeSources(packages);
  // By the bare ecosystem: a package of `Debian:12` may be named by `Debian` entries too; the
  // match decides which release's entries apply.
  const lookups = merged.map((pkg) => ({
    ecosystem: baseEcosystem(pkg.ecosystem),
    name: pkg.name,
  }));
  const byPackage = await advisoriesForPackages(store, lookups);
  const candidates = merged.map((pkg, i) => ({
    pkg,
    records: byPackage.get(packageLookupKey(lookups[i]!.ecosystem, pkg.name)) ?? [],
  }));
  const recordIds = [...new Set(candidates.flatMap((c) => c.records.map((r) => r.id)))];
  const groups = await aliasGroups(store, recordIds);
  return collectMatches(candidates, groups);
}

/** One entry per package version; a version found in several files lists them all. */
function mergeSources(packages: InventoryPackage[]): InventoryPackage[] {
  const merged = new Map<string, { pkg: InventoryPackage; sources: Set<string> }>();
  for (const pkg of packages) {
    const key = packageKey(pkg);
    const entry = merged.get(key) ?? { pkg, sources: new Set<string>() };
    entry.sources.add(pkg.source);
    merged.set(key, entry);
  }
  return [...merged.values()].map(({ pkg, sources }) => ({
    ...pkg,
    source: [...sources].join(', '),
  }));
}

function toFinding(match: VulnerabilityMatch, evidence: Finding['evidence']): Finding {
  const finding: Finding = {
    advisory: match.advisory,
    aliases: match.aliases,
    ecosystem: match.ecosystem,
    package: match.package,
    version: match.version,
    status: match.status === 'affected' && evidence.length > 0 ? 'fixed-by-backport' : match.status,
    evidence,
    source: match.source,
  };
  if (match.related.length > 0) finding.related = match.related;
  if (match.severity) finding.severity = match.severity;
  if (match.summary) finding.summary = match.summary;
  return finding;
}

const STATUS_ORDER: Record<Finding['status'], number> = {
  affected: 0,
  'fixed-by-backport': 1,
  fixed: 2,
  'not-affected': 3,
};

function buildReport(input: {
  target: string;
  commit?: string;
  matches: Finding[];
  problems: ScanProblem[];
  packages: InventoryPackage[];
}): ScanReport {
  const findings = [...input.matches].sort(
    (a, b) =>
      compareText(a.ecosystem, b.ecosystem) ||
      compareText(a.package, b.package) ||
      compareText(a.version, b.version) ||
      STATUS_ORDER[a.status] - STATUS_ORDER[b.status] ||
      compareText(a.advisory, b.advisory),
  );
  const count = (status: Finding['status']) => findings.filter((f) => f.status === status).length;
  const report: ScanReport = {
    target: input.target,
    findings,
    problems: input.problems,
    summary: {
      packages: dedupePackages(input.packages).length,
      affected: count('affected'),
      fixed: count('fixed'),
      fixedByBackport: count('fixed-by-backport'),
      notAffected: count('not-affected'),
    },
  };
  if (input.commit) report.commit = input.commit;
  return report;
}

function extractionProblems(extraction: Extraction, source: string): ScanProblem[] {
  const reported = [...(extraction.problems ?? []), ...(extraction.skipped ?? [])].map(
    (message) => ({ source, message }),
  );
  const count = extraction.unpinned;
  if (count === 0) return reported;
  const what =
    count === 1
      ? 'requirement is not pinned with == and was'
      : 'requirements are not pinned with == and were';
  return [...reported, { source, message: `${count} ${what} not scanned` }];
}

/** A file named directly: any extractor that wants it; any other .txt is a requirements file. */
function directExtractor(fileName: string): Extractor | undefined {
  return (
    extractorFor(fileName) ??
    (/\.txt$/i.test(fileName) ? extractorFor('requirements.txt') : undefined)
  );
}

/**
 * The lockfiles under `dir`, sorted, not descending into SKIPPED_FOLDERS or linked folders
 * (a link cycle would never end). Unreadable folders are reported through `onError`.
 */
function findLockfiles(dir: string, onError: (dir: string, error: Error) => void): string[] {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    onError(dir, error as Error);
    return [];
  }
  const found: string[] = [];
  for (const entry of entries.sort(byName)) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_FOLDERS.has(entry.name)) found.push(...findLockfiles(file, onError));
    } else if (entry.isFile() && extractorFor(entry.name, 'lockfile')) {
      found.push(file);
    }
  }
  return found;
}

function baseEcosystem(ecosystem: string): string {
  return getEcosystem(ecosystem)?.name ?? ecosystem;
}

function isFsError(error: unknown): boolean {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string';
}

/** Code-unit order, the same on every machine whatever its locale. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function byName(a: fs.Dirent, b: fs.Dirent): number {
  return compareText(a.name, b.name);
}
