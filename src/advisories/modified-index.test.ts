import { describe, expect, it } from 'vitest';
import { changedSince, parseModifiedIndex } from './modified-index.js';

// As osv.dev writes it: newest first, `<modified>,<id>`, no header.
const CSV = [
  '2024-06-17T19:10:55Z,GHSA-3h5v-q93c-6h6q',
  '2024-05-01T12:00:00.123456Z,PYSEC-2023-74',
  '2023-01-01T00:00:00Z,GHSA-6fc8-4gx4-v693',
  '',
].join('\r\n');

describe('parseModifiedIndex', () => {
  it('reads each line as a modified time and an id', () => {
    expect(parseModifiedIndex(CSV)).toEqual({
      entries: [
        { id: 'GHSA-3h5v-q93c-6h6q', modified: '2024-06-17T19:10:55Z' },
        { id: 'PYSEC-2023-74', modified: '2024-05-01T12:00:00.123456Z' },
        { id: 'GHSA-6fc8-4gx4-v693', modified: '2023-01-01T00:00:00Z' },
      ],
      badLines: [],
    });
  });

  it('keeps the id of a bucket-wide line and reports lines it cannot read', () => {
    const index = parseModifiedIndex(
      'modified,id\n2024-01-01T00:00:00Z,PyPI/PYSEC-2024-1\nnot a line\n2024-01-02T00:00:00Z,<script>',
    );
    expect(index.entries).toEqual([{ id: 'PYSEC-2024-1', modified: '2024-01-01T00:00:00Z' }]);
    expect(index.badLines.map((b) => b.line)).toEqual([1, 3, 4]);
  });
});

describe('changedSince', () => {
  const { entries } = parseModifiedIndex(CSV);

  it('lists everything without a cursor', () => {
    expect(changedSince(entries, undefined)).toHaveLength(3);
  });

  it('lists only what is newer than the cursor, comparing instants', () => {
    expect(changedSince(entries, '2024-05-01T12:00:00.123Z').map((e) => e.id)).toEqual([
      'GHSA-3h5v-q93c-6h6q',
      'PYSEC-2023-74',
    ]);
    expect(changedSince(entries, '2024-06-17T19:10:55.000Z')).toEqual([]);
  });

  it('finds an older line listed after newer ones as well', () => {
    const shuffled = [...entries].reverse();
    expect(
      changedSince(shuffled, '2023-06-01T00:00:00Z')
        .map((e) => e.id)
        .sort(),
    ).toEqual(['GHSA-3h5v-q93c-6h6q', 'PYSEC-2023-74']);
  });
});
