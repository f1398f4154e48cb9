// The port's check for syntax newer than the target's files use (see
// `src/port/engine/newer-syntax.ts`): read from the versions the port already holds.
import { newerSyntax } from '../port/engine/newer-syntax.js';
import type { ChangeOnto } from '../git/merge-tree.js';
import { checkChangedCode, type BlobCache, type ChangedPath } from './change-versions.js';
import { flagPortedCode } from './missing-names.js';
import type { EngineFile } from './port-engine.js';

/** Below the default minimum: a port whose code the old line may not run is not sure. */
export const NEWER_SYNTAX_CONFIDENCE = 0.5;

/** By path (upstream's): the newer syntax each changed code file's added lines use. */
export function findNewerSyntax(
  blobs: BlobCache,
  input: ChangeOnto,
  changes: ChangedPath[],
): Promise<Map<string, string[]>> {
  return checkChangedCode(blobs, input, changes, (path, hunks, texts) =>
    newerSyntax(path, hunks, texts.target),
  );
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
