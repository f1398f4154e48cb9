import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../test/cli.js';
import { tempDir } from '../../test/temp.js';
import { buildRepo } from '../git/recipe.js';
import { runGit } from '../git/run-git.js';

const fn = (b: string, call: string) =>
  `function f(x) {\n  const a = 1;\n  ${b}\n  ${call}\n  const c = 3;\n  return a + c;\n}\n`;

describe('retrofit bench on a corpus built from real repositories', () => {
  it('scores the engine, cherry-pick and patch against the maintainers’ backports', async () => {
    const root = tempDir();
    const built = await buildRepo(path.join(root, 'src'), {
      steps: [
        {
          commit: 'base',
          files: { 'lib/a.js': fn('const b = 2;', 'old();'), 'lib/b.js': 'one\ntwo\nthree\n' },
        },
        { branch: 'v1' },
        { commit: 'tune b on v1', files: { 'lib/a.js': fn('const b = 20; // tuned', 'old();') } },
        { checkout: 'main' },
        {
          commit: 'use fresh()',
          id: 'fix1',
          files: { 'lib/a.js': fn('const b = 2;', 'fresh();') },
        },
        { commit: 'three → 3', id: 'fix2', files: { 'lib/b.js': 'one\ntwo\n3\n' } },
        { checkout: 'v1' },
        // The maintainers' backports: the first by hand (it conflicts), the second picked.
        {
          commit: 'use fresh() (backport)',
          id: 'bp1',
          files: { 'lib/a.js': fn('const b = 20; // tuned', 'fresh();') },
        },
        { cherryPick: 'fix2', id: 'bp2' },
      ],
    });
    const mirrors = path.join(root, 'mirrors');
    await runGit(
      ['clone', '--quiet', '--bare', built.dir, path.join(mirrors, 'acme+lib', 'repo')],
      { cwd: root },
    );
    const manifest = path.join(root, 'cases.jsonl');
    const line = (id: string, up: string, bp: string, security: boolean) =>
      JSON.stringify({
        id,
        repo: 'acme/lib',
        branch: 'v1',
        upstream: built.commits[up],
        backport: built.commits[bp],
        security,
        advisories: [],
      });
    fs.writeFileSync(
      manifest,
      [
        line('drift', 'fix1', 'bp1', true),
        line('clean', 'fix2', 'bp2', false),
        JSON.stringify({ id: 'x', repo: 'other/repo', branch: 'b', upstream: 'a', backport: 'b' }),
      ].join('\n') + '\n',
    );

    const run = await runCli([
      'bench',
      manifest,
      '--mirrors',
      mirrors,
      '--methods',
      'retrofit,retrofit@0.7,cherry-pick,patch-fuzz3',
      '--json',
      '--cases',
    ]);
    expect(run.code).toBe(0);
    const report = run.json as {
      cases: number;
      methods: Record<
        string,
        { exact: number; src: number; silentWrong: number; abstained: number }
      >;
      security: { cases: number };
      skipped: Record<string, number>;
      results: Array<{
        id: string;
        scores: Record<string, { exact: boolean; abstained: boolean }>;
      }>;
    };
    expect(report.cases).toBe(2);
    expect(report.skipped).toEqual({ 'other/repo': 1 });
    expect(report.security.cases).toBe(1);
    // At 0.7 the engine aligns the drifted hunk; at its default (0.9) it does not trust an
    // alignment and reports the conflict; cherry-pick conflicts and gives up.
    expect(report.methods['retrofit@0.7']).toMatchObject({
      exact: 2,
      src: 2,
      silentWrong: 0,
      abstained: 0,
    });
    expect(report.methods.retrofit).toMatchObject({ exact: 1, silentWrong: 0, abstained: 1 });
    expect(report.methods['cherry-pick']).toMatchObject({ exact: 1, abstained: 1, silentWrong: 0 });
    expect(report.results.find((r) => r.id === 'drift')!.scores['cherry-pick']).toMatchObject({
      exact: false,
      abstained: true,
    });

    const human = await runCli([
      'bench',
      manifest,
      '--mirrors',
      mirrors,
      '--methods',
      'retrofit@0.7',
    ]);
    expect(human.stdout).toContain('| all | 2 | 100% / 100% / 100% / 0% / 0% |');
  });

  it('names a missing mirror folder', async () => {
    const manifest = path.join(tempDir(), 'cases.jsonl');
    fs.writeFileSync(manifest, '');
    const run = await runCli(['bench', manifest, '--mirrors', '/nonexistent/mirrors']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('no mirror folder /nonexistent/mirrors');
  });
});
