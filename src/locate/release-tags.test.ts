import { describe, expect, it } from 'vitest';
import { releaseWindows } from './release-tags.js';

describe('releaseWindows', () => {
  it('pairs each fixed version with its tag and the newest release tag before it', () => {
    const windows = releaseWindows(
      {
        id: 'X',
        modified: '2026-01-01T00:00:00Z',
        affected: [
          {
            package: { ecosystem: 'npm', name: 'ws' },
            ranges: [
              { type: 'SEMVER', events: [{ introduced: '7.0.0' }, { fixed: '7.5.10' }] },
              { type: 'SEMVER', events: [{ introduced: '8.0.0' }, { fixed: '8.17.1' }] },
              { type: 'SEMVER', events: [{ introduced: '9.0.0' }, { fixed: '9.0.1' }] },
            ],
          },
        ],
      },
      ['7.5.9', '7.5.10', '8.16.0', 'v8.17.0', 'v8.17.1', '6.2.2', 'not-a-version', '9.0.1'],
    );
    expect(windows).toEqual([
      { fixed: '7.5.10', fixedTag: '7.5.10', previousTag: '7.5.9' },
      { fixed: '8.17.1', fixedTag: 'v8.17.1', previousTag: 'v8.17.0' },
    ]);
  });
});
