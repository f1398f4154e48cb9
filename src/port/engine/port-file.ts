// Ports the change of one file (upstream base → upstream result) onto the target's version
// of it, hunk by hunk. Pure: text in, text and per-hunk outcomes out.
import { diffHunks } from './hunks.js';
import { splitLines } from './lines.js';
import { rollUp } from './roll-up.js';
import { placeHunks, type HunkOutcome } from './place-hunks.js';

export type FilePortStatus = 'applied' | 'adapted' | 'already-present' | 'conflict';

export interface FilePort {
  status: FilePortStatus;
  content: string;
  hunks: HunkOutcome[];
  confidence: number;
}

export function portFileText(input: {
  base: string;
  upstream: string;
  target: string;
  minConfidence: number;
}): FilePort {
  const { base, upstream, target } = input;
  if (target === upstream)
    return { status: 'already-present', content: target, hunks: [], confidence: 1 };
  if (target === base) return { status: 'applied', content: upstream, hunks: [], confidence: 1 };
  const placed = placeHunks(splitLines(target), diffHunks(base, upstream), {
    minConfidence: input.minConfidence,
  });
  const status: FilePortStatus = rollUp(placed.hunks.map((h) => h.status));
  return {
    status,
    content: placed.lines.join(''),
    hunks: placed.hunks,
    confidence: placed.confidence,
  };
}
