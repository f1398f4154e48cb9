import { describe, expect, it } from 'vitest';
import { landedPullRequest, pullRequestReferences } from './pull-requests.js';

describe('pullRequestReferences', () => {
  it('reads GitHub, GitLab and Bitbucket pull request URLs, once each', () => {
    const refs = pullRequestReferences({
      id: 'X',
      modified: '2026-01-01T00:00:00Z',
      references: [
        { type: 'WEB', url: 'https://github.com/websockets/ws/pull/2231' },
        { type: 'WEB', url: 'https://github.com/websockets/ws/pull/2231/files' },
        { type: 'WEB', url: 'https://gitlab.com/group/sub/proj/-/merge_requests/17' },
        { type: 'WEB', url: 'https://bitbucket.org/o/r/pull-requests/5' },
        { type: 'WEB', url: 'https://github.com/websockets/ws/issues/2230' },
      ],
    });
    expect(refs.map((r) => [r.forge, r.repository, r.number])).toEqual([
      ['github', 'websockets/ws', 2231],
      ['gitlab', 'group/sub/proj', 17],
      ['bitbucket', 'o/r', 5],
    ]);
  });
});

describe('landedPullRequest', () => {
  it.each([
    ['[security] Fix crash when the Upgrade header cannot be read (#2231)', '', 2231, 'squash'],
    ['Merge pull request #2231 from lpinca/fix/upgrade', 'Fix crash', 2231, 'merge'],
    ["Merge branch 'fix' into 'main'", 'Fix\n\nSee merge request group/proj!17', 17, 'merge'],
    ['Merged in fix (pull request #5)', '', 5, 'merge'],
    ['Fix crash (#22310)', '', 2231, null],
    ['Refs #2231: more tests', '', 2231, null],
  ] as const)('%s → %s', (subject, body, n, expected) => {
    expect(landedPullRequest({ subject, body }, n)).toBe(expected);
  });
});
