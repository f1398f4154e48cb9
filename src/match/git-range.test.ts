import { describe, expect, it } from 'vitest';
import type { OsvEvent, OsvRecord } from '../advisories/osv.js';
import { CommitGraph } from '../git/commit-graph.js';
import { decideGitRanges, gitRangeCommits } from './git-range.js';

// A history written as `git rev-list --parents` prints it (letters for shas):
//   main:  A - B - C - D - E - G        C fixes the bug; E brings it back; G fixes it again
//   1.x:        \- X - Y - Z            branched at B; Y is C cherry-picked
//   merge: M joins Z into D
const graph = CommitGraph.parse(
  ['A', 'B A', 'C B', 'D C', 'E D', 'G E', 'X B', 'Y X', 'Z Y', 'M D Z'].join('\n'),
);
const REPO = 'https://github.com/example/project';

function record(events: OsvEvent[], repo = REPO): OsvRecord {
  return {
    id: 'OSV-TEST-1',
    modified: '2024-01-01T00:00:00Z',
    affected: [{ ranges: [{ type: 'GIT', repo, events }] }],
  };
}

function status(events: OsvEvent[], commit: string, repos = ['github.com/example/project']) {
  return decideGitRanges({
    record: record(events),
    repos,
    commit,
    ancestry: graph,
    resolve: (sha) => (graph.has(sha) ? sha : null),
  })?.status;
}

describe('decideGitRanges', () => {
  const cherryPicked: OsvEvent[] = [
    { introduced: 'A' },
    { fixed: 'C' },
    { fixed: 'Y' },
    { introduced: 'E' },
    { fixed: 'G' },
  ];

  it.each([
    ['A', 'affected'],
    ['B', 'affected'],
    ['C', 'fixed'],
    ['D', 'fixed'],
    ['E', 'affected'],
    ['G', 'fixed'],
    ['X', 'affected'],
    ['Y', 'fixed'],
    ['Z', 'fixed'],
    ['M', 'fixed'],
  ])('honours every fixed event, cherry-picks and re-introductions: %s is %s', (commit, want) => {
    expect(status(cherryPicked, commit)).toBe(want);
  });

  it('without the cherry-picked fix listed, the release branch stays affected', () => {
    const mainOnly: OsvEvent[] = [{ introduced: 'A' }, { fixed: 'C' }];
    expect(status(mainOnly, 'Z')).toBe('affected');
    expect(status(mainOnly, 'D')).toBe('fixed');
  });

  it('counts "0" as before every commit', () => {
    expect(status([{ introduced: '0' }, { fixed: 'C' }], 'A')).toBe('affected');
    expect(status([{ introduced: '0' }, { fixed: 'C' }], 'D')).toBe('fixed');
  });

  it('limits the range to commits before a limit, the limit itself excluded', () => {
    const limited: OsvEvent[] = [{ introduced: 'A' }, { limit: 'D' }];
    expect(status(limited, 'C')).toBe('affected');
    expect(status(limited, 'D')).toBe('not-affected');
    expect(status(limited, 'X')).toBe('not-affected');
    expect(status([{ introduced: 'A' }, { limit: '*' }], 'X')).toBe('affected');
  });

  it('treats commits after last_affected as past the fix, the last affected one as affected', () => {
    const last: OsvEvent[] = [{ introduced: 'A' }, { last_affected: 'B' }];
    expect(status(last, 'B')).toBe('affected');
    expect(status(last, 'C')).toBe('fixed');
  });

  it('says a commit before the introduction is not affected', () => {
    expect(status([{ introduced: 'C' }], 'B')).toBe('not-affected');
    expect(status([{ introduced: 'C' }], 'X')).toBe('not-affected');
  });

  it('cannot decide for another repository or when none of the commits is here', () => {
    expect(status(cherryPicked, 'B', ['github.com/other/project'])).toBeUndefined();
    expect(status([{ introduced: 'QQQ' }, { fixed: 'RRR' }], 'B')).toBeUndefined();
  });

  it('lists the event commits to resolve, without 0 and *', () => {
    expect(
      gitRangeCommits(record([{ introduced: '0' }, { fixed: 'C' }, { limit: '*' }]), [
        'github.com/example/project',
      ]),
    ).toEqual(['C']);
  });
});
