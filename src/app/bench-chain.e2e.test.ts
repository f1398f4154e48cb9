import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../test/cli.js';
import { tempDir } from '../../test/temp.js';
import { buildRepo } from '../git/recipe.js';
import { runGit } from '../git/run-git.js';

// Old code (1.x and 2.x) and the rewritten code upstream fixed.
const old = (guard: string) =>
  `function parse(input) {\n  var parts = input.split(',');\n${guard}  var out = [];\n  for (var i = 0; i < parts.length; i++) out.push(parts[i].trim());\n  return out;\n}\n`;
const guard = "  if (parts.length > 100) throw new RangeError('too many parts');\n";
const rewritten = "export const parse = (input) => input.split(',').map((p) => p.trim());\n";
const rewrittenFixed = `export const parse = (input) => {\n  const parts = input.split(',');\n${guard}  return parts.map((p) => p.trim());\n};\n`;

describe('retrofit bench --chain on a corpus built from a real repository', () => {
  it('scores chain porting from an earlier backport apart from the strict figure', async () => {
    const root = tempDir();
    const built = await buildRepo(path.join(root, 'src'), {
      steps: [
        { commit: 'base', files: { 'lib/parse.js': old(''), 'NOTES.md': 'base\n' } },
        { branch: 'v1' },
        { commit: 'v1 notes', files: { 'NOTES.md': 'v1\n' } },
        { checkout: 'main' },
        { commit: '2.0', files: { 'NOTES.md': '2.0\n' } },
        { branch: 'v2' },
        { checkout: 'main' },
        { commit: 'rewrite', files: { 'lib/parse.js': rewritten } },
        { commit: 'limit parts', id: 'fix', files: { 'lib/parse.js': rewrittenFixed } },
        // The maintainers backported to v2 first, then to v1 from their v2 backport.
        { checkout: 'v2' },
        { commit: 'limit parts (v2)', id: 'bp2', files: { 'lib/parse.js': old(guard) } },
        { checkout: 'v1' },
        { commit: 'limit parts (v1)', id: 'bp1', files: { 'lib/parse.js': old(guard) } },
      ],
    });
    const mirrors = path.join(root, 'mirrors');
    await runGit(
      ['clone', '--quiet', '--bare', built.dir, path.join(mirrors, 'acme+lib', 'repo')],
      {
        cwd: root,
      },
    );
    const manifest = path.join(root, 'cases.jsonl');
    const line = (id: string, branch: string, bp: string) =>
      JSON.stringify({
        id,
        repo: 'acme/lib',
        branch,
        upstream: built.commits.fix,
        backport: built.commits[bp],
        security: true,
        advisories: [],
      });
    fs.writeFileSync(manifest, `${line('to-v2', 'v2', 'bp2')}\n${line('to-v1', 'v1', 'bp1')}\n`);

    const run = await runCli([
      'bench',
      manifest,
      '--mirrors',
      mirrors,
      '--chain',
      '--json',
      '--cases',
    ]);
    expect(run.code).toBe(0);
    const report = run.json as {
      methods: Record<string, { exact: number; abstained: number; silentWrong: number }>;
      results: Array<{
        id: string;
        scores: Record<string, { exact: boolean; abstained: boolean }>;
      }>;
    };
    // Strictly from upstream neither ports; the v1 case may start from the earlier v2
    // backport and then matches the maintainers' v1 backport. The v2 case has no earlier one.
    expect(report.methods.retrofit).toMatchObject({ exact: 0, abstained: 2 });
    expect(report.methods['retrofit+chain']).toMatchObject({
      exact: 1,
      abstained: 1,
      silentWrong: 0,
    });
    const byId = new Map(report.results.map((r) => [r.id, r.scores]));
    expect(byId.get('to-v1')!['retrofit+chain']).toMatchObject({ exact: true });
    expect(byId.get('to-v2')!['retrofit+chain']).toMatchObject({ exact: false, abstained: true });
  });
});
