import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../test/temp.js';
import type { OsvRecord } from '../advisories/osv.js';
import { buildRepo, type RecipeStep } from '../git/recipe.js';
import { GitRepo } from '../git/repo.js';
import { locateInRepo } from './locate.js';

const parser = (guard: string) =>
  [
    "'use strict';",
    '',
    'function parseHeader(value) {',
    '  const parts = value.split(",");',
    guard,
    '  return parts.map((part) => part.trim());',
    '}',
    '',
    'module.exports = { parseHeader };',
    '',
  ].join('\n');
const unsafe = parser('  // no limit');
const safe = parser(
  '  if (parts.length > MAX_HEADER_PARTS) {\n    throw new RangeError("Too many header parts in the request");\n  }',
);

function record(extra: Partial<OsvRecord>): OsvRecord {
  return {
    id: 'GHSA-aaaa-bbbb-cccc',
    modified: '2026-01-01T00:00:00Z',
    aliases: ['CVE-2099-0001'],
    summary: 'Denial of service in `parseHeader` of lib/parser.js',
    affected: [
      {
        package: { ecosystem: 'npm', name: 'hdr' },
        ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '1.0.1' }] }],
      },
    ],
    ...extra,
  };
}

async function repoWith(steps: RecipeStep[]) {
  const dir = path.join(tempDir(), 'hdr');
  const built = await buildRepo(dir, {
    steps: [
      { commit: 'Initial', files: { 'lib/parser.js': unsafe, 'README.md': 'hdr\n' } },
      { tag: 'v1.0.0' },
      ...steps,
    ],
  });
  return { built, repo: await GitRepo.open(dir) };
}

describe('locateInRepo', () => {
  it('finds a squash-merged pull request from its URL, and its cherry-picks as backports', async () => {
    const { built, repo } = await repoWith([
      { branch: '1.x' },
      { checkout: 'main' },
      { commit: 'Unrelated change (#41)', files: { 'README.md': 'hdr, the header parser\n' } },
      { commit: 'Limit header parts (#42)', id: 'squash', files: { 'lib/parser.js': safe } },
      { checkout: '1.x' },
      { cherryPick: 'squash', id: 'pick' },
      { checkout: 'main' },
    ]);
    const report = await locateInRepo(
      repo,
      record({ references: [{ type: 'WEB', url: 'https://github.com/o/hdr/pull/42' }] }),
    );
    expect(report.upstream).toEqual([
      {
        commit: built.commits.squash,
        subject: 'Limit header parts (#42)',
        confidence: 'high',
        reason: expect.stringContaining('pull request the advisory names (#42, squash-merged)'),
      },
    ]);
    expect(report.backports).toEqual([
      expect.objectContaining({ commit: built.commits.pick, branch: '1.x' }),
    ]);
  });

  it('finds the merge commit of a merged pull request', async () => {
    const { built, repo } = await repoWith([
      { branch: 'topic' },
      { commit: 'Limit header parts', files: { 'lib/parser.js': safe } },
      { checkout: 'main' },
      {
        commit: 'Merge pull request #7 from someone/topic',
        id: 'merge',
        files: { 'lib/parser.js': safe },
      },
    ]);
    const report = await locateInRepo(
      repo,
      record({ references: [{ type: 'WEB', url: 'https://github.com/o/hdr/pull/7' }] }),
    );
    expect(report.upstream.map((u) => [u.commit, u.confidence])).toEqual([
      [built.commits.merge, 'high'],
    ]);
  });

  it('falls back to a commit message that names an alias, with medium confidence', async () => {
    const { built, repo } = await repoWith([
      {
        commit: 'Limit header parts\n\nFixes CVE-2099-0001.',
        id: 'fix',
        files: { 'lib/parser.js': safe },
      },
    ]);
    const report = await locateInRepo(repo, record({}));
    expect(report.upstream).toEqual([
      expect.objectContaining({
        commit: built.commits.fix,
        confidence: 'medium',
        reason: expect.stringContaining('its message names CVE-2099-0001'),
      }),
    ]);
  });

  it('ranks the commits between the releases when the advisory names no commit', async () => {
    const { built, repo } = await repoWith([
      { commit: 'Update README', files: { 'README.md': 'hdr docs\n' } },
      {
        commit: 'Refuse headers with too many parts',
        id: 'fix',
        files: {
          'lib/parser.js': safe,
          'test/parser.test.js': 'require("../lib/parser").parseHeader("a,b");\n',
        },
      },
      { commit: 'Tidy', files: { 'lib/util.js': 'module.exports = {};\n' } },
      { commit: '1.0.1', files: { 'package.json': '{"name":"hdr","version":"1.0.1"}\n' } },
      { tag: 'v1.0.1' },
    ]);
    const report = await locateInRepo(repo, record({}));
    expect(report.upstream[0]).toMatchObject({
      commit: built.commits.fix,
      confidence: 'low',
      reason: expect.stringMatching(/v1\.0\.0\.\.v1\.0\.1.*lib\/parser\.js named by the advisory/),
    });
  });

  it('finds existing backports by patch id and by the presence of the change', async () => {
    const adapted = safe.replace(
      '"Too many header parts in the request"',
      '"too many header parts"',
    );
    const { built, repo } = await repoWith([
      { branch: '1.x' },
      { commit: 'Limit header parts', id: 'same', files: { 'lib/parser.js': safe } },
      { branch: '0.x', from: 'v1.0.0' },
      { commit: 'Old branch drift', files: { 'README.md': 'old\n' } },
      {
        commit: 'Port the header limit',
        files: { 'lib/parser.js': `// 0.x\n${adapted}` },
      },
      { branch: '2.x', from: 'v1.0.0' },
      { commit: 'Nothing to see', files: { 'README.md': '2.x\n' } },
      { checkout: 'main' },
      { commit: 'Limit header parts', id: 'fix', files: { 'lib/parser.js': safe } },
    ]);
    const fix = built.commits.fix!;
    const report = await locateInRepo(
      repo,
      record({ references: [{ type: 'FIX', url: `https://github.com/o/hdr/commit/${fix}` }] }),
      { branches: ['1.x', '0.x', '2.x'] },
    );
    expect(report.upstream.map((u) => u.commit)).toEqual([fix]);
    expect(report.backports).toEqual([
      {
        commit: built.commits.same,
        branch: '1.x',
        evidence: expect.stringContaining('same patch id'),
      },
      {
        commit: await repo.resolveCommit('0.x'),
        branch: '0.x',
        evidence: expect.stringContaining('is in 0.x (lib/parser.js:'),
        viaPresence: true,
      },
    ]);
  });
});
