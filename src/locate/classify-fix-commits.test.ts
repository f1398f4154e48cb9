import { describe, expect, it } from 'vitest';
import { classifyFixCommits, type FoundCommit } from './classify-fix-commits.js';

const commit = (sha: string, branches: string[]): FoundCommit => ({
  sha,
  subject: `fix ${sha}`,
  branches,
  reference: { sha, origin: 'reference-url' },
});

describe('classifyFixCommits', () => {
  it('takes the commit on the default branch as upstream and the rest as backports per branch', () => {
    const result = classifyFixCommits(
      [commit('aaa', ['v7.x']), commit('bbb', ['master']), commit('ccc', ['v6.x'])],
      'master',
    );
    expect(result.upstream.map((u) => [u.commit, u.confidence])).toEqual([['bbb', 'high']]);
    expect(result.backports.map((b) => [b.commit, b.branch])).toEqual([
      ['aaa', 'v7.x'],
      ['ccc', 'v6.x'],
    ]);
  });

  it('falls back to the most widely merged commit with medium confidence', () => {
    const result = classifyFixCommits(
      [commit('aaa', ['v7.x']), commit('bbb', ['v7.x', 'v8.x'])],
      'main',
    );
    expect(result.upstream).toMatchObject([{ commit: 'bbb', confidence: 'medium' }]);
    expect(result.backports).toMatchObject([{ commit: 'aaa', branch: 'v7.x' }]);
  });

  it('returns nothing when no referenced commit exists', () => {
    expect(classifyFixCommits([], 'main')).toEqual({ upstream: [], backports: [] });
  });
});
