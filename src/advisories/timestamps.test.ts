import { describe, expect, it } from 'vitest';
import { compareTimestamps } from './timestamps.js';

describe('compareTimestamps', () => {
  it.each([
    ['2024-01-01T00:00:00Z', '2024-01-01T00:00:00.000Z', 0],
    ['2024-01-01T00:00:00.123Z', '2024-01-01T00:00:00.123456Z', -1],
    ['2024-01-01T00:00:00.1234567Z', '2024-01-01T00:00:00.123456Z', 1],
    ['2024-01-01T01:00:00+01:00', '2024-01-01T00:00:00Z', 0],
    ['2023-12-31T23:59:59.999999Z', '2024-01-01T00:00:00Z', -1],
  ])('%s vs %s is %i', (a, b, sign) => {
    expect(Math.sign(compareTimestamps(a, b))).toBe(sign);
    expect(Math.sign(compareTimestamps(b, a))).toBe(-sign || 0);
  });
});
