import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { OsvRecord } from '../advisories/osv.js';
import { fixReferences } from './fix-references.js';

describe('fixReferences', () => {
  it('finds the four commits of the real ws advisory', () => {
    const record = JSON.parse(
      fs.readFileSync(
        new URL('../../test/fixtures/advisories/github/GHSA-3h5v-q93c-6h6q.json', import.meta.url),
        'utf8',
      ),
    ) as OsvRecord;
    expect(fixReferences(record).map((r) => r.sha.slice(0, 8))).toEqual([
      '22c28763',
      '4abd8f6d',
      'e55e5106',
      'eeb76d31',
    ]);
    expect(fixReferences(record)[0]?.repository).toBe('websockets/ws');
  });

  it.each([
    [
      'https://gitlab.com/group/proj/-/commit/0123456789abcdef0123456789abcdef01234567',
      '0123456789abcdef0123456789abcdef01234567',
    ],
    ['https://bitbucket.org/o/r/commits/abcdef1234567', 'abcdef1234567'],
    ['https://git.kernel.org/pub/scm/x.git/commit/?id=abcdef1234567890', 'abcdef1234567890'],
    ['https://github.com/o/r/commit/ABCDEF1234567.patch', 'abcdef1234567'],
  ])('reads %s', (url, sha) => {
    expect(
      fixReferences({ id: 'x', modified: '', references: [{ type: 'FIX', url }] })[0]?.sha,
    ).toBe(sha);
  });

  it('ignores pull requests and issues, and reads GIT range fixed events', () => {
    const record: OsvRecord = {
      id: 'x',
      modified: '',
      references: [{ type: 'WEB', url: 'https://github.com/o/r/pull/12' }],
      affected: [
        {
          ranges: [
            {
              type: 'GIT',
              repo: 'https://github.com/o/r',
              events: [{ introduced: '0' }, { fixed: 'abcdef1234567' }],
            },
          ],
        },
      ],
    };
    expect(fixReferences(record)).toEqual([
      { sha: 'abcdef1234567', origin: 'git-range', repository: 'https://github.com/o/r' },
    ]);
  });
});
