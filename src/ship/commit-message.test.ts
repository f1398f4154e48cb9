import { describe, expect, it } from 'vitest';
import { backportBranchName, buildBackportMessage, readProvenance } from './commit-message.js';

describe('buildBackportMessage', () => {
  it('keeps the upstream message and adds one trailer block', () => {
    const message = buildBackportMessage({
      upstreamMessage:
        'Fix crash on bad header\n\nLonger text.\n\nSigned-off-by: A <a@example.org>\n',
      upstream: ['e55e5106f10fcbaac37cfa89759e4cc0d073a52c'],
      advisories: ['GHSA-3h5v-q93c-6h6q', 'CVE-2024-37890'],
    });
    expect(message).toBe(
      [
        'Fix crash on bad header',
        '',
        'Longer text.',
        '',
        'Signed-off-by: A <a@example.org>',
        '(cherry picked from commit e55e5106f10fcbaac37cfa89759e4cc0d073a52c)',
        'Backport-of: e55e5106f10fcbaac37cfa89759e4cc0d073a52c',
        'Fixes: GHSA-3h5v-q93c-6h6q, CVE-2024-37890',
        '',
      ].join('\n'),
    );
    expect(readProvenance(message)).toEqual({
      upstream: ['e55e5106f10fcbaac37cfa89759e4cc0d073a52c'],
      advisories: ['GHSA-3h5v-q93c-6h6q', 'CVE-2024-37890'],
    });
  });

  it('starts a trailer block when the upstream message has none', () => {
    const message = buildBackportMessage({
      upstreamMessage: 'Subject only',
      upstream: ['abc1234'],
      advisories: ['X-1'],
    });
    expect(message).toBe(
      'Subject only\n\n(cherry picked from commit abc1234)\nBackport-of: abc1234\nFixes: X-1\n',
    );
  });
});

describe('backportBranchName', () => {
  it.each([
    ['GHSA-3h5v-q93c-6h6q', 'v7.x', 'retrofit/GHSA-3h5v-q93c-6h6q/v7.x'],
    ['x_demo-1', 'release/1.x', 'retrofit/x_demo-1/release/1.x'],
    ['A B', 'v1..2~', 'retrofit/A-B/v1.2-'],
  ])('%s onto %s', (advisory, target, expected) => {
    expect(backportBranchName(advisory, target)).toBe(expected);
  });
});
