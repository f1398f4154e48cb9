// Orders OSV timestamps (RFC 3339). Databases write fractional seconds to different
// precisions (`…55Z`, `…55.123Z`, `…55.123456Z`), so neither string order nor Date.parse's
// milliseconds are enough: two edits within one millisecond must still be told apart.

/** Negative, zero or positive like a comparator; unreadable times compare as strings. */
export function compareTimestamps(a: string, b: string): number {
  const left = readTimestamp(a);
  const right = readTimestamp(b);
  if (!left || !right) return a < b ? -1 : a > b ? 1 : 0;
  if (left.seconds !== right.seconds) return left.seconds < right.seconds ? -1 : 1;
  const width = Math.max(left.fraction.length, right.fraction.length);
  const l = left.fraction.padEnd(width, '0');
  const r = right.fraction.padEnd(width, '0');
  return l < r ? -1 : l > r ? 1 : 0;
}

function readTimestamp(text: string): { seconds: number; fraction: string } | null {
  const match = /^(.*T\d{2}:\d{2}:\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:?\d{2})?$/i.exec(text.trim());
  if (!match) return null;
  const seconds = Date.parse(`${match[1]}${match[3] ?? 'Z'}`);
  return Number.isNaN(seconds) ? null : { seconds, fraction: match[2] ?? '' };
}
