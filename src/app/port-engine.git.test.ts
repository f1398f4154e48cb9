import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../test/temp.js';
import { buildRepo, type RecipeStep } from '../git/recipe.js';
import { GitRepo } from '../git/repo.js';
import { CleanupScope } from '../cleanup.js';
import { runPortEngine } from './port-engine.js';
import { portOnto } from './port.js';

const lines = (n: number, prefix = 'line') =>
  Array.from({ length: n }, (_, i) => `${prefix} ${i + 1}\n`).join('');
const body = `function guard(input) {\n  const value = parse(input);\n  check(value);\n  return value;\n}\n`;
const fixed = body.replace(
  '  check(value);\n',
  '  check(value);\n  if (value.size > LIMIT) throw new RangeError("too big");\n',
);

/** main: base → fix; release: base → drift. Returns the engine's result on release. */
async function port(
  base: Record<string, string>,
  drift: RecipeStep['files' & keyof RecipeStep] | Record<string, string | null>,
  fix: Record<string, string | null>,
  extra: RecipeStep[] = [],
) {
  const built = await buildRepo(path.join(tempDir(), 'repo'), {
    steps: [
      { commit: 'base', files: base },
      { branch: 'release' },
      { commit: 'drift', files: drift as Record<string, string | null> },
      { checkout: 'main' },
      { commit: 'fix', id: 'fix', files: fix },
      ...extra,
    ],
  });
  const repo = await GitRepo.open(built.dir);
  const upstream = built.commits.fix!;
  const result = await runPortEngine(repo, { parent: `${upstream}^`, upstream, target: 'release' });
  const read = async (file: string) => {
    const content = result.overrides.has(file)
      ? result.overrides.get(file)!
      : await repo.readBlob(result.tree, file);
    return content?.toString('utf8') ?? null;
  };
  return { result, read, repo };
}

describe('port engine on real repositories', () => {
  it('takes a clean three-way merge as applied', async () => {
    const { result, read } = await port(
      { 'a.js': body, 'b.js': 'b\n' },
      { 'b.js': 'b2\n' },
      { 'a.js': fixed },
    );
    expect(result.status).toBe('applied');
    expect(result.files).toMatchObject([
      { path: 'a.js', strategy: 'three-way', status: 'applied' },
    ]);
    expect(await read('a.js')).toBe(fixed);
  });

  it('follows a file renamed in the target', async () => {
    const { result, read } = await port(
      { 'lib/a.js': lines(10) + body },
      { 'lib/a.js': null, 'src/a.js': lines(10) + body },
      { 'lib/a.js': lines(10) + fixed },
    );
    expect(result.status).toBe('applied');
    expect(await read('src/a.js')).toBe(lines(10) + fixed);
  });

  it("follows a file moved and indented deeper in the target, beyond git's rename detection", async () => {
    const wide = (text: string) => text.replace(/^(?=.)/gm, '\t');
    const { result, read } = await port(
      { 'lib/a.js': lines(10) + body },
      { 'lib/a.js': null, 'src/a.js': wide(lines(10) + body) },
      { 'lib/a.js': lines(10) + fixed },
    );
    expect(result.status).not.toBe('conflict');
    expect(await read('src/a.js')).toBe(wide(lines(10) + fixed));
  });

  /** A file's code inside a larger file of the target's. */
  const around = (text: string) => lines(40) + text + lines(40, 'more');

  it('moves a hunk whose function went to another file with its function', async () => {
    // Upstream split `guard` out of `lib/all.js` into `lib/guard.js`; the release kept one file.
    const { result, read } = await port(
      { 'lib/guard.js': body, 'test/fixtures/old.js': 'old\n' },
      { 'lib/guard.js': null, 'lib/all.js': around(body) },
      { 'lib/guard.js': fixed },
    );
    expect(result.status).toBe('adapted');
    expect(result.files[0]!.hunks[0]).toMatchObject({ status: 'adapted', strategy: 'symbol' });
    expect(await read('lib/all.js')).toBe(around(fixed));
  });

  it('ports a file the target holds inside a larger one, lines outside functions too', async () => {
    const setup = `const LIMIT = 10;\n${lines(8, 'setup')}`;
    const file = (limit: string, code: string) => setup.replace('10', limit) + code;
    const { result, read } = await port(
      { 'lib/guard.js': file('10', body) },
      { 'lib/guard.js': null, 'lib/all.js': around(file('10', body)) },
      { 'lib/guard.js': file('5', fixed) },
    );
    expect(result.status).toBe('adapted');
    expect(result.files[0]).toMatchObject({ path: 'lib/all.js', oldPath: 'lib/guard.js' });
    expect(await read('lib/all.js')).toBe(around(file('5', fixed)));
  });

  it('does not take a copy of the code among test fixtures, nor one of two copies', async () => {
    const fixture = await port(
      { 'lib/guard.js': body },
      { 'lib/guard.js': null, 'test/fixtures/vendor.js': around(body) },
      { 'lib/guard.js': fixed },
    );
    expect(fixture.result.status).toBe('conflict');
    expect(fixture.result.files[0]).toMatchObject({ path: 'lib/guard.js', reason: 'missing-file' });
    const two = await port(
      { 'lib/guard.js': body },
      { 'lib/guard.js': null, 'lib/all.js': around(body), 'dist/bundle.js': around(body) },
      { 'lib/guard.js': fixed },
    );
    expect(two.result.status).toBe('conflict');
  });

  const drifting = (call: string) =>
    lines(3) + body.replace('  const value = parse(input);\n', `  const value = ${call};\n`);
  const fixing = (call: string) =>
    drifting(call).replace(
      '  check(value);\n',
      '  check(value);\n  if (value.size > LIMIT) throw new RangeError("too big");\n',
    ) + lines(3, 'tail');

  it('merges an edit into a line the target edited otherwise, word by word', async () => {
    const base = drifting('parse(input)') + lines(3, 'tail');
    const { result, read } = await port(
      { 'a.js': base },
      { 'a.js': drifting('parse(input, options)') + lines(3, 'tail') },
      { 'a.js': fixing('parseStrict(input)') },
    );
    expect(result.status).toBe('adapted');
    expect(result.files[0]!.hunks[0]).toMatchObject({ status: 'adapted', strategy: 'merged' });
    expect(await read('a.js')).toBe(fixing('parseStrict(input, options)'));
  });

  it('removes a line the target has once, though every line around it was reworded', async () => {
    const getter = (before: string, link: string, after: string) =>
      `function tabIndex(elem) {\n  // Support: ${before}\n${link}  // Use proper attribute retrieval (${after})\n  return elem.getAttribute("tabindex");\n}\n`;
    const link = '  // https://web.archive.org/web/2014/http://example.org/tabindex\n';
    const { result, read } = await port(
      { 'prop.js': getter('IE 9 - 11+', link, 'trac-12072') },
      { 'prop.js': getter('IE 9 - 11 only', link, '#12072') },
      { 'prop.js': getter('IE 9 - 11+', '', 'trac-12072') },
    );
    // git's merge conflicts: both neighbours of the removed line differ on the old branch.
    expect(result.status).toBe('adapted');
    expect(result.files[0]!.hunks[0]).toMatchObject({ strategy: 'removed-once', line: 3 });
    expect(await read('prop.js')).toBe(getter('IE 9 - 11 only', '', '#12072'));
  });

  it('places a hunk whose context drifted where the three-way merge conflicts', async () => {
    const base = drifting('parse(input)') + lines(3, 'tail');
    const { result, read } = await port(
      { 'a.js': base },
      { 'a.js': drifting('parse(input, options)') + lines(3, 'tail') },
      { 'a.js': fixing('parse(input, strict)') },
    );
    // Both add an argument in the same place: that hunk is a real conflict.
    expect(result.status).toBe('conflict');
    expect(result.files[0]).toMatchObject({
      path: 'a.js',
      strategy: 'hunks',
      status: 'conflict',
      reason: 'hunk-conflict',
    });
    expect(await read('a.js')).toContain('<<<<<<< target');
  });

  it('re-indents a block the target nested deeper', async () => {
    const nested = `if (enabled) {\n${body.replace(/^/gm, '  ')}}\n`.replace(/^ {2}$/gm, '');
    const { result, read } = await port(
      { 'a.js': lines(5) + body },
      { 'a.js': lines(5) + nested },
      { 'a.js': lines(5) + fixed },
    );
    expect(result.status).toBe('adapted');
    expect(result.files[0]!.hunks[0]).toMatchObject({ status: 'adapted', strategy: 'whitespace' });
    expect(await read('a.js')).toContain(
      '    check(value);\n    if (value.size > LIMIT) throw new RangeError("too big");\n',
    );
  });

  it('reports a change the target already has (after the merge, nothing changed)', async () => {
    const { repo } = await port(
      { 'a.js': body, 'n.txt': 'x\n' },
      { 'a.js': fixed.replace('function guard', '// 1.x\nfunction guard') },
      { 'a.js': fixed },
    );
    const attempt = await portOnto({
      repo,
      upstream: [await repo.resolveCommit('main')],
      onto: 'release',
      scope: new CleanupScope(),
    });
    expect(attempt.outcome.status).toBe('already-present');
    expect(attempt.outcome.files).toMatchObject([{ path: 'a.js', status: 'already-present' }]);
    expect(attempt.scratch).toBeNull();
  });

  it('reports a file the target never had, without inventing it', async () => {
    const { result } = await port(
      { 'a.js': body },
      { 'a.js': null, 'other.js': 'x\n' },
      { 'a.js': fixed },
    );
    expect(result.status).toBe('conflict');
    expect(result.files[0]).toMatchObject({
      path: 'a.js',
      status: 'conflict',
      reason: 'missing-file',
    });
  });

  it('adds a file the fix creates', async () => {
    const { result, read } = await port(
      { 'a.js': body },
      { 'a.js': lines(2) + body },
      { 'test/new.test.js': 'test\n' },
    );
    expect(result.status).toBe('applied');
    expect(await read('test/new.test.js')).toBe('test\n');
  });

  it('refuses a binary file it cannot merge', async () => {
    const { result } = await port(
      { 'img.bin': 'GIF\0\x01\x02' },
      { 'img.bin': 'GIF\0\x01\x03' },
      { 'img.bin': 'GIF\0\x01\x04' },
    );
    expect(result.files[0]).toMatchObject({
      path: 'img.bin',
      status: 'conflict',
      reason: 'binary',
    });
  });

  it('keeps CRLF line endings of the target', async () => {
    const crlf = (s: string) => s.replace(/\n/g, '\r\n');
    const { result, read } = await port(
      { 'a.js': lines(4) + body },
      { 'a.js': crlf(lines(4) + body) },
      { 'a.js': lines(4) + fixed },
    );
    expect(result.status).toBe('adapted');
    expect(await read('a.js')).toBe(crlf(lines(4) + fixed));
  });

  it('never lets a changelog conflict block the code', async () => {
    const { result, read } = await port(
      { 'a.js': body, 'CHANGELOG.md': '# 1.0\n' },
      { 'CHANGELOG.md': '# 1.0.1 (release)\n# 1.0\n' },
      { 'a.js': fixed, 'CHANGELOG.md': '# 2.0 security fix\n# 1.0\n' },
    );
    expect(result.status).toBe('applied');
    expect(result.files.find((f) => f.path === 'CHANGELOG.md')).toMatchObject({
      status: 'skipped',
      reason: 'docs-conflict',
    });
    expect(await read('CHANGELOG.md')).toBe('# 1.0.1 (release)\n# 1.0\n');
    expect(await read('a.js')).toBe(fixed);
  });

  it('ports a merge commit as its diff against the first parent', async () => {
    const built = await buildRepo(path.join(tempDir(), 'repo'), {
      steps: [
        { commit: 'base', files: { 'a.js': body } },
        { branch: 'release' },
        { commit: 'drift', files: { 'r.txt': 'r\n' } },
        { branch: 'topic', from: 'main' },
        { commit: 'fix on topic', files: { 'a.js': fixed } },
        { checkout: 'main' },
        { commit: 'main moves on', files: { 'm.txt': 'm\n' } },
      ],
    });
    const repo = await GitRepo.open(built.dir);
    await repo.run(['merge', '--no-ff', '--quiet', '-m', 'Merge topic', 'topic'], {
      env: {
        GIT_AUTHOR_NAME: 'a',
        GIT_AUTHOR_EMAIL: 'a@example.org',
        GIT_COMMITTER_NAME: 'a',
        GIT_COMMITTER_EMAIL: 'a@example.org',
      },
    });
    const merge = await repo.resolveCommit('main');
    const result = await runPortEngine(repo, {
      parent: `${merge}^1`,
      upstream: merge,
      target: 'release',
    });
    expect(result.status).toBe('applied');
    expect(result.files.map((f) => f.path)).toEqual(['a.js']);
    expect((await repo.readBlob(result.tree, 'a.js'))?.toString()).toBe(fixed);
    expect(await repo.readBlob(result.tree, 'm.txt')).toBeNull();
  });

  describe('relocation by enclosing symbol, across files', () => {
    const helper = `function helper(x) {\n  return String(x).trim();\n}\n\n`;
    const parseQuery = (check: string) =>
      `function parseQuery(input) {\n  const header = readHeader(input);\n  const options = readOptions(input);\n  const value = decode(input);\n${check}  store(value);\n  return value;\n}\n`;
    const guard = '  validate(value);\n';
    const fix = guard + '  if (value.length > LIMIT) throw new RangeError("query too long");\n';

    it('lands the fix in the file the function moved to', async () => {
      const { result, read } = await port(
        { 'lib/utils.js': `'use strict';\n\n${helper}${parseQuery(guard)}` },
        {
          'lib/utils.js': `'use strict';\n\n${helper}module.exports = { helper };\n`,
          'lib/query.js': `'use strict';\n\nconst LIMIT = 1024;\n\n${parseQuery(guard)}\nmodule.exports = { parseQuery };\n`,
        },
        { 'lib/utils.js': `'use strict';\n\n${helper}${parseQuery(fix)}` },
      );
      expect(result.status).toBe('adapted');
      expect(await read('lib/query.js')).toBe(
        `'use strict';\n\nconst LIMIT = 1024;\n\n${parseQuery(fix)}\nmodule.exports = { parseQuery };\n`,
      );
      expect(await read('lib/utils.js')).toBe(
        `'use strict';\n\n${helper}module.exports = { helper };\n`,
      );
      const utils = result.files.find((f) => f.path === 'lib/utils.js')!;
      expect(utils.hunks[0]).toMatchObject({ status: 'adapted', strategy: 'symbol' });
      expect(utils.hunks[0]!.explanation).toContain('parseQuery');
      expect(utils.hunks[0]!.explanation).toContain('lib/query.js');
      expect(result.files.find((f) => f.path === 'lib/query.js')).toMatchObject({
        status: 'adapted',
      });
    });

    it('follows the function when its file is gone from the target', async () => {
      // Most of the file is dropped, so git sees no rename: only the function survives.
      const legacy = Array.from(
        { length: 12 },
        (_, i) => `function legacy${i}(x) {\n  return x + ${i};\n}\n`,
      ).join('');
      const { result, read } = await port(
        { 'lib/utils.js': `'use strict';\n\n${legacy}${helper}${parseQuery(guard)}` },
        {
          'lib/utils.js': null,
          'lib/text.js': `${helper}module.exports = { helper };\n`,
          'lib/query.js': `${parseQuery(guard)}\nmodule.exports = { parseQuery };\n`,
        },
        { 'lib/utils.js': `'use strict';\n\n${legacy}${helper}${parseQuery(fix)}` },
      );
      expect(result.status).toBe('adapted');
      expect(await read('lib/query.js')).toBe(
        `${parseQuery(fix)}\nmodule.exports = { parseQuery };\n`,
      );
      expect(await read('lib/utils.js')).toBeNull();
    });

    it('stays a conflict when two other files hold a function of that name', async () => {
      const { result, read } = await port(
        { 'lib/utils.js': `'use strict';\n\n${helper}${parseQuery(guard)}` },
        {
          'lib/utils.js': `'use strict';\n\n${helper}`,
          'lib/query.js': parseQuery(guard),
          'lib/legacy/query.js': parseQuery(guard),
        },
        { 'lib/utils.js': `'use strict';\n\n${helper}${parseQuery(fix)}` },
      );
      expect(result.status).toBe('conflict');
      expect(await read('lib/query.js')).toBe(parseQuery(guard));
      expect(await read('lib/legacy/query.js')).toBe(parseQuery(guard));
    });
  });
});

describe('names the target lacks', () => {
  const utils = `function clamp(n) {\n  return Math.max(0, n);\n}\n`;
  const helper = `function hasOwnKey(obj, key) {\n  return Object.prototype.hasOwnProperty.call(obj, key);\n}\n`;
  const reader = (check: string) =>
    `function readField(doc, key) {\n  const value = doc.fields;\n${check}  return value[key];\n}\n`;

  /** main: base → helper added → fix that uses it; release: base → drift. */
  async function portFix(
    fixLine: string,
    minConfidence?: number,
    drift: Record<string, string> = {},
  ) {
    const built = await buildRepo(path.join(tempDir(), 'repo'), {
      steps: [
        { commit: 'base', files: { 'lib/utils.js': utils, 'lib/doc.js': reader('') } },
        { branch: 'release' },
        { commit: 'drift', files: { 'README.md': 'release line\n', ...drift } },
        { checkout: 'main' },
        { commit: 'helper', files: { 'lib/utils.js': utils + helper } },
        { commit: 'fix', id: 'fix', files: { 'lib/doc.js': reader(fixLine) } },
      ],
    });
    const repo = await GitRepo.open(built.dir);
    const upstream = built.commits.fix!;
    return runPortEngine(repo, {
      parent: `${upstream}^`,
      upstream,
      target: 'release',
      minConfidence,
    });
  }

  it('turns a clean merge that calls a helper the target lacks into a conflict', async () => {
    const result = await portFix('  if (!hasOwnKey(value, key)) return undefined;\n');
    expect(result.status).toBe('conflict');
    expect(result.files).toMatchObject([
      {
        path: 'lib/doc.js',
        strategy: 'three-way',
        status: 'conflict',
        reason: 'missing-names',
        missing: ['hasOwnKey'],
        confidence: 0.5,
      },
    ]);
  });

  it('says so but ports when the minimum confidence allows it', async () => {
    const result = await portFix('  if (!hasOwnKey(value, key)) return undefined;\n', 0.5);
    expect(result.status).toBe('applied');
    expect(result.files[0]).toMatchObject({ missing: ['hasOwnKey'], confidence: 0.5 });
  });

  it('finds a name the target has outside the changed file’s folder', async () => {
    const result = await portFix('  if (!hasOwnKey(value, key)) return undefined;\n', undefined, {
      'src/keys/own.js': helper,
    });
    expect(result.files[0]!.missing).toBeUndefined();
    expect(result.status).toBe('applied');
  });

  it('finds a name in the changed file’s folder, but not in its tests', async () => {
    const fix = '  if (!hasOwnKey(value, key)) return undefined;\n';
    const inTests = await portFix(fix, undefined, { 'lib/test/keys.js': helper });
    expect(inTests.files[0]).toMatchObject({ reason: 'missing-names', missing: ['hasOwnKey'] });
    const nested = await portFix(fix, undefined, { 'lib/keys/own.js': helper });
    expect(nested.files[0]!.missing).toBeUndefined();
    expect(nested.status).toBe('applied');
  });

  it('turns a clean merge into a conflict when the target file lacks an import the fix uses', async () => {
    // Other files of the old branch import ssl: only this file's imports count.
    const agent = (reqs: string, extra: string) =>
      `import multiprocessing\n${extra}\nOPTIONS = {\n    'cert_reqs': ${reqs},\n    'workers': multiprocessing.cpu_count(),\n}\n`;
    const built = await buildRepo(path.join(tempDir(), 'repo'), {
      steps: [
        {
          commit: 'base',
          files: { 'agent/cmd.py': agent('True', ''), 'agent/tls.py': 'import ssl\n' },
        },
        { branch: 'release' },
        { checkout: 'main' },
        { commit: 'ssl version option', files: { 'agent/cmd.py': agent('True', 'import ssl\n') } },
        {
          commit: 'fix',
          id: 'fix',
          files: { 'agent/cmd.py': agent('ssl.CERT_REQUIRED', 'import ssl\n') },
        },
      ],
    });
    const repo = await GitRepo.open(built.dir);
    const upstream = built.commits.fix!;
    const result = await runPortEngine(repo, {
      parent: `${upstream}^`,
      upstream,
      target: 'release',
    });
    expect(result.status).toBe('conflict');
    expect(result.files[0]).toMatchObject({
      path: 'agent/cmd.py',
      strategy: 'three-way',
      reason: 'missing-names',
      missing: ['ssl'],
      confidence: 0.5,
    });
  });

  it('does not count names the fix brings, strings or comments', async () => {
    const result = await portFix(
      '  // hasOwnKey is not used here on purpose\n  if (typeof key !== "string" || key === "hasOwnKey") return undefined;\n  const guardedKey = key;\n',
    );
    expect(result.files[0]!.missing).toBeUndefined();
    expect(result.status).toBe('applied');
  });
});

describe('syntax newer than the target uses', () => {
  const helper = (call: string) =>
    `module ActionMailer\n  module MailHelper\n    def block_format(splits)\n      ${call}\n    end\n  end\nend\n`;

  it('turns a clean merge that uses safe navigation in a Ruby file without it into a conflict', async () => {
    const { result } = await port(
      { 'lib/mail_helper.rb': helper('splits.first') },
      { 'README.md': 'release line\n' },
      { 'lib/mail_helper.rb': helper('splits.first&.start_with?(" ")') },
    );
    expect(result.status).toBe('conflict');
    expect(result.files[0]).toMatchObject({
      path: 'lib/mail_helper.rb',
      strategy: 'three-way',
      status: 'conflict',
      reason: 'newer-syntax',
      newerSyntax: ['safe navigation (`&.`, Ruby 2.3)'],
      confidence: 0.5,
    });
  });

  it('ports it when the target uses that syntax already', async () => {
    const used = `${helper('splits.first')}# frozen\nX = a&.b\n`;
    const { result } = await port(
      { 'lib/mail_helper.rb': helper('splits.first') },
      { 'lib/mail_helper.rb': used },
      { 'lib/mail_helper.rb': helper('splits.first&.start_with?(" ")') },
    );
    expect(result.status).toBe('applied');
    expect(result.files[0]!.newerSyntax).toBeUndefined();
  });
});
