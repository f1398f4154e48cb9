import { describe, expect, it } from 'vitest';
import { assessPresence, filesThatProve } from './patch-presence.js';

const base = [
  'function handleUpgrade(req, socket) {',
  '  const key = req.headers["sec-websocket-key"];',
  '  const version = +req.headers["sec-websocket-version"];',
  '  if (!this.shouldHandle(req)) {',
  '    return abortHandshake(socket, 400);',
  '  }',
  '  complete(key, socket);',
  '}',
  '',
].join('\n');

const fixed = [
  'function handleUpgrade(req, socket) {',
  '  const key = req.headers["sec-websocket-key"];',
  '  const version = +req.headers["sec-websocket-version"];',
  '  if (req.headers.upgrade === undefined) {',
  '    const message = "Missing Upgrade header field";',
  '    abortHandshakeOrEmitwsClientError(this, req, socket, 400, message);',
  '    return;',
  '  }',
  '  if (!this.shouldHandle(req)) {',
  '    return abortHandshake(socket, 400);',
  '  }',
  '  complete(key, socket);',
  '}',
  '',
].join('\n');

const fix = [{ path: 'lib/server.js', base, result: fixed }];

function at(path: string, text: string) {
  return () => [{ path, text }];
}

describe('assessPresence', () => {
  it('finds the fix in a source that has it verbatim', () => {
    const verdict = assessPresence({ files: fix, candidates: at('lib/server.js', fixed) });
    expect(verdict.status).toBe('present');
    expect(verdict.locations).toEqual(['lib/server.js:4']);
  });

  it('does not find it in the source before the fix', () => {
    const verdict = assessPresence({ files: fix, candidates: at('lib/server.js', base) });
    expect(verdict.status).toBe('absent');
    expect(verdict.locations).toEqual([]);
  });

  it('finds it re-indented, moved down, and among lines the target added itself', () => {
    const drifted = [
      '// a header the old branch has',
      "'use strict';",
      '',
      'class Server {',
      '  handleUpgrade(req, socket) {',
      '    const key = req.headers["sec-websocket-key"];',
      '    if (req.headers.upgrade === undefined) {',
      '      // old branches keep their own comment here',
      '      const message = "Missing Upgrade header field";',
      '      abortHandshakeOrEmitwsClientError(this, req, socket, 400, message);',
      '      return;',
      '    }',
      '  }',
      '}',
      '',
    ].join('\n');
    const verdict = assessPresence({ files: fix, candidates: at('lib/server.js', drifted) });
    expect(verdict.status).toBe('present');
    expect(verdict.locations).toEqual(['lib/server.js:7']);
  });

  it('finds code that moved to another file', () => {
    const verdict = assessPresence({
      files: fix,
      candidates: () => [
        { path: 'lib/server.js', text: 'module.exports = require("./upgrade");\n' },
        { path: 'lib/upgrade.js', text: fixed },
      ],
    });
    expect(verdict.status).toBe('present');
    expect(verdict.locations).toEqual(['lib/upgrade.js:4']);
  });

  it('tolerates one adapted line in a hunk, but not a hunk that is mostly missing', () => {
    const adapted = fixed.replace('"Missing Upgrade header field"', '"Missing Upgrade header"');
    expect(assessPresence({ files: fix, candidates: at('lib/server.js', adapted) }).status).toBe(
      'present',
    );
    const half = fixed
      .replace('"Missing Upgrade header field"', '"no upgrade"')
      .replace('abortHandshakeOrEmitwsClientError(this, req, socket, 400, message);', 'fail();');
    const verdict = assessPresence({ files: fix, candidates: at('lib/server.js', half) });
    expect(verdict.status).toBe('absent');
    expect(verdict.files[0]!.hunks[0]).toMatchObject({ status: 'absent', matched: 1, of: 3 });
  });

  it('takes a one-word change only where the hunk belongs, and not beside the removed line', () => {
    const loop = (stop: string) =>
      [
        'const now = Date.now();',
        'for (const value of values) {',
        '  if (now >= value.deleteAt && !canBeExpired) {',
        `    ${stop}`,
        '  }',
        '  let matches = true;',
        '  if (!matches) {',
        '    break;',
        '  }',
        '}',
        '',
      ].join('\n');
    const oneWord = [
      { path: 'store.js', base: loop('return undefined;'), result: loop('continue;') },
    ];
    // An old branch whose loop has a "continue;" of its own a few lines below the line the fix
    // removes: the old code with a look-alike, not the fix.
    const lookAlike = loop('return undefined;').replace('break;', 'continue;');
    expect(assessPresence({ files: oneWord, candidates: at('store.js', lookAlike) }).status).toBe(
      'absent',
    );
    // Another file's "continue;" far from the hunk's context is no proof either.
    const elsewhere = () => [
      { path: 'store.js', text: 'module.exports = {};\n' },
      { path: 'client.js', text: 'while (next()) {\n  if (skip) {\n    continue;\n  }\n}\n' },
    ];
    expect(assessPresence({ files: oneWord, candidates: elsewhere }).status).toBe('absent');
    expect(
      assessPresence({ files: oneWord, candidates: at('store.js', loop('continue;')) }),
    ).toMatchObject({
      status: 'present',
      locations: ['store.js:4'],
    });
  });

  it('says partial when only some hunks of the fix are there', () => {
    const twoFiles = [
      ...fix,
      { path: 'lib/client.js', base: 'a();\n', result: 'a();\nverifyUpgradeHeader(res);\n' },
    ];
    const verdict = assessPresence({
      files: twoFiles,
      candidates: (p) =>
        p === 'lib/server.js' ? [{ path: p, text: fixed }] : [{ path: p, text: 'a();\n' }],
    });
    expect(verdict).toMatchObject({ status: 'partial', present: 1, informative: 2 });
  });

  it('cannot decide from a fix whose new lines prove nothing', () => {
    const trivial = [{ path: 'a.js', base: 'f(x);\n}\n', result: 'f(x);\n}\n}\n' }];
    const verdict = assessPresence({ files: trivial, candidates: at('a.js', 'g();\n') });
    expect(verdict.status).toBe('undecidable');
  });

  it('does not count lines the base already had anywhere as proof', () => {
    const copied = [
      {
        path: 'a.js',
        base: 'const limit = computeLimit(options);\nrun();\n',
        result: 'run();\nconst limit = computeLimit(options);\n',
      },
    ];
    const verdict = assessPresence({ files: copied, candidates: at('a.js', copied[0]!.base) });
    expect(verdict.status).toBe('undecidable');
  });
});

describe('filesThatProve', () => {
  it('rests on code files, or on tests when the fix has no code', () => {
    expect(filesThatProve(['lib/a.js', 'test/a.test.js', 'CHANGELOG.md'])).toEqual(['lib/a.js']);
    expect(filesThatProve(['test/a.test.js', 'README.md'])).toEqual(['test/a.test.js']);
  });
});
