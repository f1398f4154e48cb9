// The port's check for syntax newer than the target's files use (see
// `src/port/engine/newer-syntax.ts`): read from the versions the port already holds.
import { classifyPath } from '../port/classify-path.js';
import { newerSyntax } from '../port/engine/newer-syntax.js';
import { fileHunks } from '../port/engine/port-file.js';
import type { ChangeOnto } from '../git/merge-tree.js';
import { versionSpecs, type BlobCache, type ChangedPath } from './change-versions.js';
import { flagPortedCode } from './missing-names.js';
import type { EngineFile } from './port-engine.js';

/** Below the default minimum: a port whose code the old line may not run is not sure. */
export const NEWER_SYNTAX_CONFIDENCE = 0.5;

/** By path (upstream's): the newer syntax each changed code file's added lines use. */
export async function findNewerSyntax(
  blobs: BlobCache,
  input: ChangeOnto,
  changes: ChangedPath[],
): Promise<Map<string, string[]>> {
  const found = new Map<string, string[]>();
  const versions = await blobs.read(versionSpecs(input, changes));
  const text = (b: Buffer | null | undefined) => (b && !b.includes(0) ? b.toString('utf8') : null);
  changes.forEach((change, i) => {
    if (classifyPath(change.path) !== 'code') return;
    const base = text(versions[3 * i]);
    const upstream = text(versions[3 * i + 1]);
    const target = text(versions[3 * i + 2]);
    if (base === null || upstream === null || target === null) return;
    const features = newerSyntax(change.path, fileHunks(base, upstream), target);
    if (features.length > 0) found.set(change.path, features);
  });
  return found;
}

/** Marks ported code files that use such syntax: confidence 0.5, a conflict by default. */
export function flagNewerSyntax(
  found: Map<string, string[]>,
  files: EngineFile[],
  minConfidence: number,
): void {
  flagPortedCode(found, files, minConfidence, {
    confidence: NEWER_SYNTAX_CONFIDENCE,
    reason: 'newer-syntax',
    mark: (file, features) => (file.newerSyntax = features),
  });
}
