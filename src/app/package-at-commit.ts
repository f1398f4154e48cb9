// The package a repository publishes, as declared at one commit: the first root manifest
// (package.json, pyproject.toml, setup.py) that names a version. Null when none does.
import type { GitRepo } from '../git/repo.js';
import { extractorFor, MANIFEST_FILES } from '../inventory/index.js';

export interface DeclaredPackage {
  ecosystem: string;
  name: string;
  version: string;
}

export async function packageAtCommit(
  repo: GitRepo,
  commit: string,
): Promise<DeclaredPackage | null> {
  for (const file of MANIFEST_FILES) {
    const text = await repo.readFile(commit, file);
    if (text === null) continue;
    try {
      const [pkg] =
        extractorFor(file, 'manifest')?.extract(text, `${commit}:${file}`).packages ?? [];
      if (pkg) return { ecosystem: pkg.ecosystem, name: pkg.name, version: pkg.version };
    } catch {
      // An unreadable manifest only costs the package name in the record; the port goes on.
    }
  }
  return null;
}
