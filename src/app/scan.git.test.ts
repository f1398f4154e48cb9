import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../test/temp.js';
import type { OsvRecord } from '../advisories/osv.js';
import { CleanupScope } from '../cleanup.js';
import { buildRepo } from '../git/recipe.js';
import type { AppContext } from './context.js';
import { importAdvisories } from './import-advisories.js';
import { scanRepoRef } from './scan.js';

const ws = JSON.parse(
  fs.readFileSync(
    new URL('../../test/fixtures/advisories/github/GHSA-3h5v-q93c-6h6q.json', import.meta.url),
    'utf8',
  ),
) as OsvRecord;

const manifest = (version: string) => `${JSON.stringify({ name: 'ws', version }, null, 2)}\n`;

/** ws 7.5.9, the fix, then the 7.5.10 release; `patched` is the fix without a version bump. */
async function wsRepo(dir: string) {
  return buildRepo(dir, {
    steps: [
      { commit: '7.5.9', files: { 'package.json': manifest('7.5.9'), 'lib/ws.js': 'v1\n' } },
      { tag: 'v7.5.9' },
      {
        commit: '[security] Fix crash with many headers',
        id: 'fix',
        files: { 'lib/ws.js': 'v2\n' },
      },
      { tag: 'patched' },
      { commit: '7.5.10', files: { 'package.json': manifest('7.5.10') } },
      { tag: '7.5.10' },
      { commit: 'drop package.json', files: { 'package.json': null } },
      { tag: 'no-manifest' },
      { commit: 'private app', files: { 'package.json': '{ "name": "app", "private": true }\n' } },
      { tag: 'private' },
    ],
  });
}

async function setup() {
  const root = tempDir();
  const built = await wsRepo(path.join(root, 'ws'));
  const ctx: AppContext = {
    cwd: root,
    env: {},
    db: path.join(root, 'retrofit.db'),
    scope: new CleanupScope(),
    progress: () => {},
  };
  return { ctx, built };
}

async function importRecord(ctx: AppContext, record: OsvRecord) {
  const file = path.join(ctx.cwd, 'advisories', `${record.id}.json`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(record));
  expect(await importAdvisories(ctx, 'advisories')).toMatchObject({ imported: 1, problems: [] });
}

describe('scanRepoRef', () => {
  it('finds the package a ref publishes affected, and fixed once released', async () => {
    const { ctx, built } = await setup();
    await importRecord(ctx, ws);
    const before = await scanRepoRef(ctx, { repo: 'ws', ref: 'v7.5.9' });
    expect(before).toMatchObject({
      target: 'ws@v7.5.9',
      commit: built.commits['7.5.9'],
      problems: [],
      summary: { packages: 1, affected: 1, fixed: 0, fixedByBackport: 0, notAffected: 0 },
    });
    expect(before.findings).toEqual([
      {
        advisory: 'GHSA-3h5v-q93c-6h6q',
        aliases: ['CVE-2024-37890'],
        ecosystem: 'npm',
        package: 'ws',
        version: '7.5.9',
        status: 'affected',
        evidence: [],
        source: 'v7.5.9:package.json',
        severity: 'HIGH',
        summary: ws.summary,
      },
    ]);
    const after = await scanRepoRef(ctx, { repo: 'ws', ref: '7.5.10' });
    expect(after.findings.map((f) => [f.version, f.status])).toEqual([['7.5.10', 'fixed']]);
  });

  it('reports a fix in the ref history as fixed by backport, with the evidence', async () => {
    const { ctx, built } = await setup();
    const fix = built.commits.fix!;
    // The advisory names the fix commit, as GitHub advisories do for real ones.
    const record: OsvRecord = {
      ...ws,
      references: [
        ...(ws.references ?? []),
        { type: 'WEB', url: `https://github.com/websockets/ws/commit/${fix}` },
      ],
    };
    await importRecord(ctx, record);
    const report = await scanRepoRef(ctx, { repo: 'ws', ref: 'patched' });
    expect(report.summary).toMatchObject({ affected: 0, fixedByBackport: 1 });
    expect(report.findings[0]).toMatchObject({
      version: '7.5.9',
      status: 'fixed-by-backport',
      evidence: [expect.objectContaining({ commit: fix })],
    });
  });

  it('finds a fix ported by hand, without trailers, by the presence of its change', async () => {
    const root = tempDir();
    const server = (body: string) =>
      ['export function upgrade(req, socket) {', body, '  complete(req, socket);', '}', ''].join(
        '\n',
      );
    const check = [
      '  if (req.headers.upgrade === undefined) {',
      "    abortHandshake(socket, 400, 'Missing Upgrade header field');",
      '    return;',
      '  }',
    ].join('\n');
    const built = await buildRepo(path.join(root, 'ws'), {
      steps: [
        {
          commit: '7.5.9',
          files: { 'package.json': manifest('7.5.9'), 'lib/server.js': server('  // start') },
        },
        { tag: 'v7.5.9' },
        {
          commit: '[security] Fix crash',
          id: 'fix',
          files: { 'lib/server.js': server(`  // start\n${check}`) },
        },
        // The old line moved the function into another file, re-indented, and a person ported
        // the fix there by hand with no cherry-pick trailer.
        { branch: 'v7.x', from: 'v7.5.9' },
        {
          commit: 'Move upgrade into a class',
          files: {
            'lib/server.js': "module.exports = require('./upgrade');\n",
            'lib/upgrade.js': `class Upgrade {\n  handle(req, socket) {\n    // start\n    complete(req, socket);\n  }\n}\n`,
          },
        },
        { tag: 'moved' },
        {
          commit: 'Handle a missing Upgrade header',
          files: {
            'lib/upgrade.js': `class Upgrade {\n  handle(req, socket) {\n    // start\n${check.replace(/^/gm, '  ')}\n    complete(req, socket);\n  }\n}\n`,
          },
        },
      ],
    });
    const ctx: AppContext = {
      cwd: root,
      env: {},
      db: path.join(root, 'retrofit.db'),
      scope: new CleanupScope(),
      progress: () => {},
    };
    const fix = built.commits.fix!;
    await importRecord(ctx, {
      ...ws,
      references: [{ type: 'WEB', url: `https://github.com/websockets/ws/commit/${fix}` }],
    });
    const ported = await scanRepoRef(ctx, { repo: 'ws', ref: 'v7.x' });
    expect(ported.findings[0]).toMatchObject({
      version: '7.5.9',
      status: 'fixed-by-backport',
      evidence: [
        {
          kind: 'patch-presence',
          upstream: fix,
          locations: ['lib/upgrade.js:4'],
          summary: expect.stringContaining('1 of 1 hunk(s) found'),
        },
      ],
    });
    // Before the port, on the same moved code, the change is not there.
    const before = await scanRepoRef(ctx, { repo: 'ws', ref: 'moved' });
    expect(before.findings[0]).toMatchObject({ status: 'affected', evidence: [] });
  });

  it('says so when the manifest names no version, rather than reporting a clean scan', async () => {
    const { ctx } = await setup();
    await importRecord(ctx, ws);
    const report = await scanRepoRef(ctx, { repo: 'ws', ref: 'private' });
    expect(report.findings).toEqual([]);
    expect(report.problems).toEqual([
      { source: 'private', message: expect.stringContaining('no package name and version') },
    ]);
  });

  it('refuses a ref without a manifest, and a ref that does not exist', async () => {
    const { ctx } = await setup();
    await expect(scanRepoRef(ctx, { repo: 'ws', ref: 'no-manifest' })).rejects.toMatchObject({
      code: 'unsupported-input',
    });
    await expect(scanRepoRef(ctx, { repo: 'ws', ref: 'v9' })).rejects.toMatchObject({
      code: 'ref-not-found',
    });
  });
});
