import { describe, expect, it } from 'vitest';
import path from 'node:path';
import fs from 'node:fs';
import { runCli } from '../../test/cli.js';
import { tempDir } from '../../test/temp.js';
import { buildRepo, type RecipeStep } from '../git/recipe.js';
import { GitRepo } from '../git/repo.js';
import type { RunReport } from './run.js';

const pkg = `${JSON.stringify({ name: 'tags', version: '1.0.0', scripts: { test: 'node --test' } }, null, 2)}\n`;
const html = (body: string, helpers = '') =>
  `'use strict';\n${helpers}\n${body}\nmodule.exports = { render };\n`;
const v1 = html("function render(s) {\n  return '<p>' + s + '</p>';\n}\n");
// The prerequisite: render learns a tag argument (no security relevance of its own).
const withTag = html(
  "function render(s, tag = 'p') {\n  return '<' + tag + '>' + s + '</' + tag + '>';\n}\n",
);
// The fix escapes the text, on the line the prerequisite wrote.
const escaped = html(
  "function render(s, tag = 'p') {\n  return '<' + tag + '>' + escapeHtml(s) + '</' + tag + '>';\n}\n",
  "\nfunction escapeHtml(s) {\n  return String(s).replace(/[&<>\"']/g, (c) => '&#' + c.charCodeAt(0) + ';');\n}\n",
);
const testBase = `'use strict';\nconst assert = require('assert');\nconst { test } = require('node:test');\nconst { render } = require('../lib/html');\n\ntest('wraps text', () => assert.strictEqual(render('hi'), '<p>hi</p>'));\n`;
const testFixed = `${testBase}\ntest('escapes markup', () => assert.strictEqual(render('<b>'), '<p>&#60;b&#62;</p>'));\n`;

// The fix calls a helper an earlier upstream commit added to another file: its own lines merge
// cleanly onto v1.x, but the code would throw there.
const util = (helpers: string, names: string) =>
  `'use strict';\n\nfunction trimText(s) {\n  return String(s).trim();\n}\n${helpers}\nmodule.exports = { ${names} };\n`;
const helper =
  "\nfunction escapeHtml(s) {\n  return String(s).replace(/[&<>\"']/g, (c) => '&#' + c.charCodeAt(0) + ';');\n}\n";
const usesHelper = `'use strict';\nconst { escapeHtml } = require('./util');\n\nfunction render(s) {\n  return '<p>' + escapeHtml(s) + '</p>';\n}\n\nmodule.exports = { render };\n`;

const tagSteps: RecipeStep[] = [
  {
    commit: 'Initial',
    files: { 'package.json': pkg, 'lib/html.js': v1, 'test/html.test.js': testBase },
  },
  { branch: 'v1.x' },
  { checkout: 'main' },
  { commit: 'Let render take a tag', id: 'prereq', files: { 'lib/html.js': withTag } },
  { commit: 'Unrelated docs', files: { 'README.md': 'tags\n' } },
  {
    commit: 'Escape text in render',
    id: 'fix',
    files: { 'lib/html.js': escaped, 'test/html.test.js': testFixed },
  },
];

const helperSteps: RecipeStep[] = [
  {
    commit: 'Initial',
    files: {
      'package.json': pkg,
      'lib/html.js': v1,
      'lib/util.js': util('', 'trimText'),
      'test/html.test.js': testBase,
    },
  },
  { branch: 'v1.x' },
  { checkout: 'main' },
  {
    commit: 'Add an HTML escaping helper',
    id: 'prereq',
    files: { 'lib/util.js': util(helper, 'trimText, escapeHtml') },
  },
  { commit: 'Unrelated docs', files: { 'README.md': 'tags\n' } },
  {
    commit: 'Escape text in render',
    id: 'fix',
    files: { 'lib/html.js': usesHelper, 'test/html.test.js': testFixed },
  },
];

async function setup(steps = tagSteps) {
  const root = tempDir();
  const dir = path.join(root, 'tags');
  const built = await buildRepo(dir, { steps });
  const advisory = {
    id: 'GHSA-pppp-qqqq-rrrr',
    modified: '2026-01-01T00:00:00Z',
    summary: 'XSS in render',
    affected: [
      {
        package: { ecosystem: 'npm', name: 'tags' },
        ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '2.0.0' }] }],
      },
    ],
    references: [{ type: 'FIX', url: `https://github.com/o/tags/commit/${built.commits.fix}` }],
  };
  fs.writeFileSync(path.join(root, 'advisory.json'), JSON.stringify(advisory));
  const db = path.join(root, 'retrofit.db');
  expect(
    (await runCli(['advisories', 'import', 'advisory.json', '--db', db], { cwd: root })).code,
  ).toBe(0);
  return { root, dir, db, built };
}

/** `retrofit run` of the advisory onto v1.x, tests unsandboxed, JSON out. */
const runArgs = (dir: string, db: string) => [
  'run',
  'GHSA-pppp-qqqq-rrrr',
  '--repo',
  dir,
  '--onto',
  'v1.x',
  '--no-sandbox',
  '--db',
  db,
  '--json',
];

describe('retrofit run --with-prerequisites (real repository; tests unsandboxed here)', () => {
  it('reports the missing prerequisite on a conflict, and ports it first when asked', async () => {
    const { root, dir, db, built } = await setup();
    const argv = runArgs(dir, db);
    const plain = await runCli(argv, { cwd: root });
    expect(plain.code).toBe(1);
    const conflict = (JSON.parse(plain.stdout) as RunReport).results[0]!;
    expect(conflict).toMatchObject({
      status: 'conflict',
      shipped: false,
      prerequisites: [{ commit: built.commits.prereq, subject: 'Let render take a tag' }],
      message: expect.stringContaining('rerun with --with-prerequisites'),
    });
    const repo = await GitRepo.open(dir);
    expect(await repo.branchExists('retrofit/GHSA-pppp-qqqq-rrrr/v1.x')).toBe(false);

    const withPrereqs = await runCli([...argv, '--with-prerequisites'], { cwd: root });
    expect(withPrereqs.code).toBe(0);
    const result = (JSON.parse(withPrereqs.stdout) as RunReport).results[0]!;
    expect(result).toMatchObject({
      status: 'verified',
      shipped: true,
      prerequisites: [{ commit: built.commits.prereq }],
      verification: { fixedTests: [expect.stringContaining('escapes markup')] },
    });
    // Two commits on top of v1.x: the prerequisite, named for the fix it serves, then the fix.
    const log = await repo.run([
      'log',
      '--format=%s%n%b%x00',
      'v1.x..retrofit/GHSA-pppp-qqqq-rrrr/v1.x',
    ]);
    const [fixMessage, prereqMessage] = log.stdout
      .split('\0')
      .map((m) => m.trim())
      .filter(Boolean);
    expect(prereqMessage).toContain('Let render take a tag');
    expect(prereqMessage).toContain(`(cherry picked from commit ${built.commits.prereq})`);
    expect(prereqMessage).toContain(`Prerequisite-for: ${built.commits.fix}`);
    expect(prereqMessage).not.toContain('Fixes:');
    expect(fixMessage).toContain('Escape text in render');
    expect(fixMessage).toContain('Fixes: GHSA-pppp-qqqq-rrrr');
  });

  it('finds the commit that brought in a helper the fix calls, though every line merges', async () => {
    const { root, dir, db, built } = await setup(helperSteps);
    const argv = runArgs(dir, db);
    const plain = await runCli(argv, { cwd: root });
    expect(plain.code).toBe(1);
    expect((JSON.parse(plain.stdout) as RunReport).results[0]).toMatchObject({
      status: 'conflict',
      prerequisites: [
        {
          commit: built.commits.prereq,
          subject: 'Add an HTML escaping helper',
          names: ['escapeHtml'],
        },
      ],
    });

    const withPrereqs = await runCli([...argv, '--with-prerequisites'], { cwd: root });
    expect(withPrereqs.code).toBe(0);
    expect((JSON.parse(withPrereqs.stdout) as RunReport).results[0]).toMatchObject({
      status: 'verified',
      prerequisites: [{ commit: built.commits.prereq }],
      verification: { fixedTests: [expect.stringContaining('escapes markup')] },
    });
    const repo = await GitRepo.open(dir);
    const shipped = await repo.readFile('retrofit/GHSA-pppp-qqqq-rrrr/v1.x', 'lib/util.js');
    expect(shipped).toContain('function escapeHtml(s)');
  });
});
