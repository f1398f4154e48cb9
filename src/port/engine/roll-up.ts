// One outcome from many (hunks of a file, files of a port, commits of a fix): any conflict
// makes a conflict; all already present makes already-present; any adaptation makes adapted.

export type RolledUp = 'applied' | 'adapted' | 'already-present' | 'conflict';

export function rollUp(statuses: string[]): RolledUp {
  const counted = statuses.filter((s) => s !== 'skipped');
  if (counted.includes('conflict')) return 'conflict';
  if (counted.every((s) => s === 'already-present')) return 'already-present';
  return counted.includes('adapted') ? 'adapted' : 'applied';
}

/** The weakest confidence, skipped items aside (1 when there are none). */
export function weakest(items: Array<{ status: string; confidence: number }>): number {
  return items
    .filter((i) => i.status !== 'skipped')
    .reduce((min, i) => Math.min(min, i.confidence), 1);
}
