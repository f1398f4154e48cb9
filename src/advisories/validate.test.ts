import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validateOsvRecord } from './validate.js';

const ws = JSON.parse(
  fs.readFileSync(
    new URL('../../test/fixtures/advisories/github/GHSA-3h5v-q93c-6h6q.json', import.meta.url),
    'utf8',
  ),
) as Record<string, unknown>;

describe('validateOsvRecord', () => {
  it('accepts a real record', () => {
    expect(validateOsvRecord(ws)).toMatchObject({
      ok: true,
      record: { id: 'GHSA-3h5v-q93c-6h6q' },
    });
  });

  it.each<[string, unknown, string | undefined, string[]]>([
    ['not an object', [1], undefined, ['/ must be object']],
    [
      'no id',
      { modified: '2024-01-01T00:00:00Z' },
      undefined,
      ["/ must have required property 'id'"],
    ],
    [
      'a bad timestamp',
      { id: 'GHSA-1', modified: '2024-01-01' },
      'GHSA-1',
      ['/modified "2024-01-01" is not in the expected format'],
    ],
    [
      'a range without introduced',
      {
        ...ws,
        affected: [
          {
            package: { ecosystem: 'npm', name: 'ws' },
            ranges: [{ type: 'ECOSYSTEM', events: [{ fixed: '1.0.0' }] }],
          },
        ],
      },
      'GHSA-3h5v-q93c-6h6q',
      ['/affected/0/ranges/0/events must contain at least 1 valid item(s)'],
    ],
  ])('rejects %s, saying where', (_label, value, id, problems) => {
    expect(validateOsvRecord(value)).toEqual({ ok: false, id, problems });
  });

  it('keeps a record whose only defect is an empty CVSS vector (as GHSA-cqmj-92xf-r6r9 has), dropping that entry', () => {
    const result = validateOsvRecord({
      ...ws,
      severity: [
        { type: 'CVSS_V3', score: '' },
        { type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H' },
      ],
    });
    expect(result).toMatchObject({
      ok: true,
      record: {
        id: 'GHSA-3h5v-q93c-6h6q',
        severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H' }],
      },
      warnings: [expect.stringContaining('dropped /severity entry with an invalid score')],
    });
  });

  it('still rejects a record with a bad severity and another defect', () => {
    const result = validateOsvRecord({
      ...ws,
      modified: 'yesterday',
      severity: [{ type: 'CVSS_V3', score: '' }],
    });
    expect(result.ok).toBe(false);
  });
});
