// The outcome of porting a fix onto one target, per file, decided from what git reported.
// This thin engine is a three-way cherry-pick: a file is applied, already present (the
// target already had the change), or in conflict. Adaptation strategies come later and
// report through the same shape.

export type FileOutcomeStatus = 'applied' | 'already-present' | 'conflict';

export interface FileOutcome {
  path: string;
  status: FileOutcomeStatus;
  /** For conflicts: why, for machines. */
  reason?: 'merge-conflict';
}

export type PortStatus = 'applied' | 'already-present' | 'conflict';

export interface PortOutcome {
  status: PortStatus;
  files: FileOutcome[];
}

export function decidePortOutcome(input: {
  /** Files the upstream fix changes. */
  fixFiles: string[];
  /** Files git could not merge (empty on a clean pick). */
  conflicted: string[];
  /** Files that differ between the target and the result of a clean pick. */
  changed: string[];
}): PortOutcome {
  const conflicted = new Set(input.conflicted);
  const changed = new Set(input.changed);
  const files: FileOutcome[] = input.fixFiles.map((path) => {
    if (conflicted.has(path)) return { path, status: 'conflict', reason: 'merge-conflict' };
    return { path, status: changed.has(path) ? 'applied' : 'already-present' };
  });
  // git may report conflicts on paths the fix does not name (rename detection).
  for (const path of conflicted) {
    if (!input.fixFiles.includes(path))
      files.push({ path, status: 'conflict', reason: 'merge-conflict' });
  }
  const status: PortStatus = files.some((f) => f.status === 'conflict')
    ? 'conflict'
    : files.some((f) => f.status === 'applied')
      ? 'applied'
      : 'already-present';
  return { status, files };
}
