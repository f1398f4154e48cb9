// The packages a repository declares at one commit, from its root manifests (package.json,
// pyproject.toml, setup.py): what a scan of a ref matches, and what a backport record names.
import type { GitRepo } from '../git/repo.js';
import { isRetrofitError } from '../errors.js';
import { extractorFor, MANIFEST_FILES, type InventoryPackage } from '../inventory/index.js';

export interface DeclaredPackage {
  ecosystem: string;
  name: string;
  version: string;
}

export interface RootManifests {
  packages: InventoryPackage[];
  /** Manifests that could not be read, by `label:file`. */
  problems: Array<{ source: string; message: string }>;
  /** How many of the manifest files exist at the commit. */
  found: number;
}

export async function readRootManifests(
  repo: GitRepo,
  commit: string,
  label: string,
): Promise<RootManifests> {
  const result: RootManifests = { packages: [], problems: [], found: 0 };
  for (const file of MANIFEST_FILES) {
    const text = await repo.readFile(commit, file);
    if (text === null) continue;
    result.found++;
    const source = `${label}:${file}`;
    try {
      result.packages.push(...extractorFor(file, 'manifest')!.extract(text, source).packages);
    } catch (error) {
      if (!isRetrofitError(error)) throw error;
      result.problems.push({ source, message: error.message });
    }
  }
  return result;
}

/** The first package the root manifests declare, or null. */
export async function packageAtCommit(
  repo: GitRepo,
  commit: string,
): Promise<DeclaredPackage | null> {
  const [pkg] = (await readRootManifests(repo, commit, commit)).packages;
  return pkg ? { ecosystem: pkg.ecosystem, name: pkg.name, version: pkg.version } : null;
}
