// The demo's sample project: a small static-file library, "tinyserve", with a 2.x main line
// and a 1.x release branch that has drifted. Main fixes a path-traversal bug (with its
// regression test) after the branch split; the 1.x line is still affected.
import type { OsvRecord } from '../advisories/osv.js';
import type { RepoRecipe } from '../git/recipe.js';

export const DEMO_ADVISORY_ID = 'x_DEMO-2026-0001';
export const DEMO_RELEASE_BRANCH = 'release-1.x';
export const DEMO_FIX_ID = 'fix';

const packageJson = (version: string) =>
  `${JSON.stringify(
    {
      name: 'tinyserve',
      version,
      description: 'Resolve and serve static files',
      main: 'lib/index.js',
      scripts: { test: 'node --test' },
      license: 'MIT',
    },
    null,
    2,
  )}\n`;

const resolveV1 = `'use strict';

const path = require('path');

/**
 * Resolves a request path (as sent by a client) to a file under \`root\`.
 */
function resolvePath(root, requestPath) {
  const decoded = decodeURIComponent(requestPath);
  return path.join(root, decoded);
}

module.exports = { resolvePath };
`;

// 1.x drift: the branch kept Node 8 support and gained a small helper of its own.
const resolveRelease = `'use strict';

const path = require('path');

/**
 * Resolves a request path (as sent by a client) to a file under \`root\`.
 */
function resolvePath(root, requestPath) {
  const decoded = decodeURIComponent(requestPath);
  return path.join(root, decoded);
}

/**
 * Strips a query string from a request path (1.x only; 2.x parses URLs).
 */
function stripQuery(requestPath) {
  const index = requestPath.indexOf('?');
  return index === -1 ? requestPath : requestPath.slice(0, index);
}

module.exports = { resolvePath, stripQuery };
`;

// 2.x: a content-type helper above resolvePath moves every line of it.
const resolveMain = `'use strict';

const path = require('path');

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };

/**
 * The Content-Type for a file name, by extension.
 */
function contentType(file) {
  return TYPES[path.extname(file)] || 'application/octet-stream';
}

/**
 * Resolves a request path (as sent by a client) to a file under \`root\`.
 */
function resolvePath(root, requestPath) {
  const decoded = decodeURIComponent(requestPath);
  return path.join(root, decoded);
}

module.exports = { contentType, resolvePath };
`;

const resolveFixed = resolveMain.replace(
  `  const decoded = decodeURIComponent(requestPath);
  return path.join(root, decoded);
`,
  `  const decoded = decodeURIComponent(requestPath);
  const base = path.resolve(root);
  const target = path.resolve(base, '.' + path.sep + decoded);
  if (target !== base && !target.startsWith(base + path.sep)) {
    throw new Error('path escapes the root folder: ' + requestPath);
  }
  return target;
`,
);

const testV1 = `'use strict';

const assert = require('assert');
const path = require('path');
const { test } = require('node:test');
const { resolvePath } = require('../lib/resolve');

test('resolves a file under the root', () => {
  assert.strictEqual(resolvePath('/srv/www', '/index.html'), path.join('/srv/www', 'index.html'));
});

test('decodes percent-encoded names', () => {
  assert.strictEqual(resolvePath('/srv/www', '/a%20b.txt'), path.join('/srv/www', 'a b.txt'));
});
`;

const testFixed = `${testV1}
test('rejects paths that escape the root folder', () => {
  assert.throws(() => resolvePath('/srv/www', '/../../etc/passwd'), /escapes the root/);
  assert.throws(() => resolvePath('/srv/www', '/%2e%2e/secret'), /escapes the root/);
});
`;

const readme = (extra: string) => `# tinyserve

Resolve and serve static files.
${extra}`;

export const demoRecipe: RepoRecipe = {
  defaultBranch: 'main',
  steps: [
    {
      commit: 'Initial release',
      files: {
        'package.json': packageJson('1.0.0'),
        'lib/index.js': "'use strict';\n\nmodule.exports = require('./resolve');\n",
        'lib/resolve.js': resolveV1,
        'test/resolve.test.js': testV1,
        'README.md': readme(''),
      },
    },
    { commit: 'Release 1.4.2', files: { 'package.json': packageJson('1.4.2') } },
    { tag: 'v1.4.2' },
    { branch: DEMO_RELEASE_BRANCH },
    { commit: 'Add stripQuery for 1.x users', files: { 'lib/resolve.js': resolveRelease } },
    {
      commit: 'Release 1.4.3',
      files: {
        'package.json': packageJson('1.4.3'),
        'README.md': readme('\nThis is the 1.x line; it supports Node 8.\n'),
      },
    },
    { tag: 'v1.4.3' },
    { checkout: 'main' },
    { commit: 'Add contentType helper', files: { 'lib/resolve.js': resolveMain } },
    { commit: 'Release 2.0.0', files: { 'package.json': packageJson('2.0.0') } },
    { tag: 'v2.0.0' },
    {
      commit:
        'Reject request paths that escape the root folder\n\nA request path with `..` segments, plain or percent-encoded, resolved to\na file outside the root folder. Resolve the path and refuse anything that\nis not inside the root.',
      id: DEMO_FIX_ID,
      files: { 'lib/resolve.js': resolveFixed, 'test/resolve.test.js': testFixed },
    },
    { commit: 'Release 2.0.1', files: { 'package.json': packageJson('2.0.1') } },
    { tag: 'v2.0.1' },
  ],
};

/** The advisory for the fix, as an OSV record naming the fix commit. */
export function demoAdvisory(fixCommit: string): OsvRecord {
  return {
    schema_version: '1.6.0',
    id: DEMO_ADVISORY_ID,
    modified: '2026-01-05T00:00:00Z',
    published: '2026-01-05T00:00:00Z',
    summary: 'tinyserve: path traversal in resolvePath',
    details:
      'resolvePath joined the decoded request path to the root folder without checking the result, so `..` segments reached files outside it.',
    severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N' }],
    affected: [
      {
        package: { ecosystem: 'npm', name: 'tinyserve' },
        ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '2.0.1' }] }],
      },
    ],
    references: [{ type: 'FIX', url: `https://git.example.org/tinyserve/commit/${fixCommit}` }],
  };
}
