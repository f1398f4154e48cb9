import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../test/temp.js';
import type { OsvRecord } from '../advisories/osv.js';
import { CleanupScope } from '../cleanup.js';
import { buildRepo } from '../git/recipe.js';
import { GitRepo } from '../git/repo.js';
import type { AppContext } from './context.js';
import { importAdvisories } from './import-advisories.js';
import { scanRepoRef } from './scan.js';

const manifest = (version: string) => `${JSON.stringify({ name: 'gitlib', version })}\n`;

/**
 *   main: 0.9.0 - introduce (1.0.0) - fix - 1.2.0
 *   1.x:              \\- 1.1.0 - pick of fix - 1.1.1
 *   mislabeled:          \\- (from 1.1.0) version bumped to 1.2.5 without the fix
 */
async function gitlib(dir: string) {
  return buildRepo(dir, {
    steps: [
      { commit: '0.9.0', id: 'initial', files: { 'package.json': manifest('0.9.0') } },
      { tag: 'v0.9.0' },
      {
        commit: 'parse headers in one pass',
        id: 'introduce',
        files: { 'package.json': manifest('1.0.0'), 'parse.js': 'fast but unsafe\n' },
      },
      { branch: '1.x' },
      { commit: '1.1.0', id: 'r110', files: { 'package.json': manifest('1.1.0') } },
      { branch: 'mislabeled' },
      { commit: 'bump to 1.2.5', files: { 'package.json': manifest('1.2.5') } },
      { checkout: 'main' },
      { commit: 'fix header overflow', id: 'fix', files: { 'parse.js': 'safe\n' } },
      { commit: '1.2.0', files: { 'package.json': manifest('1.2.0') } },
      { checkout: '1.x' },
      { cherryPick: 'fix', id: 'pick' },
      { commit: '1.1.1', files: { 'package.json': manifest('1.1.1') } },
      { checkout: 'main' },
    ],
  });
}

async function setup(records: (commits: Record<string, string>) => OsvRecord[]) {
  const root = tempDir();
  const built = await gitlib(path.join(root, 'gitlib'));
  execFileSync('git', ['remote', 'add', 'origin', 'git@github.com:Example/gitlib.git'], {
    cwd: built.dir,
  });
  const ctx: AppContext = {
    cwd: root,
    env: {},
    db: path.join(root, 'retrofit.db'),
    scope: new CleanupScope(),
    progress: () => {},
  };
  const dir = path.join(root, 'advisories');
  fs.mkdirSync(dir);
  for (const record of records(built.commits)) {
    fs.writeFileSync(path.join(dir, `${record.id}.json`), JSON.stringify(record));
  }
  expect(await importAdvisories(ctx, 'advisories')).toMatchObject({ problems: [] });
  const scan = async (ref: string, repoUrl?: string) => {
    const report = await scanRepoRef(ctx, { repo: 'gitlib', ref, repoUrl });
    return report.findings.map((f) => ({
      advisory: f.advisory,
      ecosystem: f.ecosystem,
      status: f.status,
      evidence: f.evidence.map((e) => e.kind),
    }));
  };
  return { built, ctx, scan };
}

/** A GitHub-style record: npm versions, plus GIT ranges listing the fix and its cherry-pick. */
const packageRecord = (c: Record<string, string>): OsvRecord => ({
  id: 'GHSA-gitl-ib00-0001',
  modified: '2024-01-01T00:00:00Z',
  aliases: ['CVE-2099-1000'],
  affected: [
    {
      package: { ecosystem: 'npm', name: 'gitlib' },
      ranges: [
        { type: 'SEMVER', events: [{ introduced: '1.0.0' }, { fixed: '1.2.0' }] },
        {
          type: 'GIT',
          repo: 'https://github.com/example/gitlib',
          events: [{ introduced: c.introduce! }, { fixed: c.fix! }, { fixed: c.pick! }],
        },
      ],
    },
  ],
});

describe('scan --repo with GIT ranges', () => {
  it('decides by ancestry: a cherry-picked fix is fixed, a mislabeled version is affected', async () => {
    const { scan } = await setup((c) => [packageRecord(c)]);
    const one = (status: string, evidence: string[] = []) => [
      { advisory: 'GHSA-gitl-ib00-0001', ecosystem: 'npm', status, evidence },
    ];
    expect(await scan('v0.9.0')).toEqual(one('not-affected'));
    expect(await scan('1.x~2')).toEqual(one('affected'));
    // 1.1.1 is below the fixed version, but the fix was cherry-picked: the GIT range says so.
    expect(await scan('1.x')).toEqual(one('fixed-by-backport', ['git-range']));
    expect(await scan('main')).toEqual(one('fixed'));
    // 1.2.5 is past the fixed version by number, but its history has no fix.
    expect(await scan('mislabeled')).toEqual(one('affected'));
  });

  it('falls back to version numbers when the repository is another one', async () => {
    const { scan } = await setup((c) => [packageRecord(c)]);
    const other = async (ref: string) =>
      (await scan(ref, 'https://gitlab.com/someone-else/gitlib'))[0];
    expect((await other('mislabeled'))?.status).toBe('fixed');
    // The fix commits the record names are still looked for in this history, as evidence.
    expect(await other('1.x')).toMatchObject({
      status: 'fixed-by-backport',
      evidence: ['fix-commit', 'trailer'],
    });
  });

  it('reports a record that names only the repository on the repository, merged by alias', async () => {
    const gitOnly = (c: Record<string, string>, id: string, aliases: string[]): OsvRecord => ({
      id,
      modified: '2024-01-01T00:00:00Z',
      aliases,
      affected: [
        {
          ranges: [
            {
              type: 'GIT',
              repo: 'https://github.com/example/gitlib.git',
              events: [{ introduced: '0' }, { fixed: c.fix! }, { fixed: c.pick! }],
            },
          ],
        },
      ],
    });
    const { scan, built } = await setup((c) => [
      packageRecord(c),
      // Same vulnerability as the GHSA (shares its CVE): folded into the npm finding.
      gitOnly(c, 'OSV-2099-1', ['CVE-2099-1000']),
      // Another vulnerability, known only by commits.
      gitOnly(c, 'OSV-2099-2', ['CVE-2099-2000']),
    ]);
    expect(await scan('v0.9.0')).toEqual([
      { advisory: 'OSV-2099-2', ecosystem: 'GIT', status: 'affected', evidence: [] },
      // The GIT-only record says 0.9.0 is affected (introduced "0"), and the most cautious
      // answer for one vulnerability stands.
      { advisory: 'GHSA-gitl-ib00-0001', ecosystem: 'npm', status: 'affected', evidence: [] },
    ]);
    expect(await scan('1.x')).toEqual([
      { advisory: 'OSV-2099-2', ecosystem: 'GIT', status: 'fixed', evidence: [] },
      {
        advisory: 'GHSA-gitl-ib00-0001',
        ecosystem: 'npm',
        status: 'fixed-by-backport',
        evidence: ['git-range'],
      },
    ]);
    const repo = await GitRepo.open(built.dir);
    expect(await repo.remoteUrls()).toEqual(['git@github.com:Example/gitlib.git']);
  });
});
