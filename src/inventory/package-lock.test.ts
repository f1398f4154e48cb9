import { describe, expect, it } from 'vitest';
import { parsePackageLock } from './package-lock.js';

const v1 = JSON.stringify({
  name: 'app',
  version: '1.0.0',
  lockfileVersion: 1,
  requires: true,
  dependencies: {
    ws: { version: '7.5.9', resolved: 'https://registry.npmjs.org/ws/-/ws-7.5.9.tgz' },
    express: {
      version: '4.17.1',
      requires: { qs: '6.7.0' },
      dependencies: { qs: { version: '6.7.0' }, ws: { version: '7.5.9' } },
    },
    '@scope/lib': { version: '2.0.0', dev: true },
    'strip-ansi-cjs': { version: 'npm:strip-ansi@6.0.1' },
    mine: { version: 'github:me/mine#0123456789abcdef' },
  },
});

const v2 = (lockfileVersion: number) =>
  JSON.stringify({
    name: 'app',
    version: '1.0.0',
    lockfileVersion,
    packages: {
      '': { name: 'app', version: '1.0.0', dependencies: { ws: '^7.5.9' } },
      'node_modules/ws': { version: '7.5.9' },
      'node_modules/express': { version: '4.17.1' },
      'node_modules/express/node_modules/qs': { version: '6.7.0' },
      'node_modules/@scope/lib': { version: '2.0.0', dev: true },
      'node_modules/a/node_modules/@scope/lib': { version: '2.0.0' },
      'node_modules/strip-ansi-cjs': { name: 'strip-ansi', version: '6.0.1' },
      'node_modules/local': { resolved: 'packages/local', link: true },
      'packages/local': { name: 'local', version: '0.0.1' },
    },
    // v2 also carries the v1 section; the parser must not count packages twice.
    ...(lockfileVersion === 2 ? { dependencies: { ws: { version: '7.5.9' } } } : {}),
  });

const expected = [
  ['@scope/lib', '2.0.0'],
  ['express', '4.17.1'],
  ['qs', '6.7.0'],
  ['strip-ansi', '6.0.1'],
  ['ws', '7.5.9'],
];

function names(text: string) {
  return parsePackageLock(text, 'package-lock.json')
    .map((p) => [p.name, p.version])
    .sort((a, b) => a[0]!.localeCompare(b[0]!));
}

describe('parsePackageLock', () => {
  it.each([
    ['v1', v1],
    ['v2', v2(2)],
    ['v3', v2(3)],
  ])('reads a %s lockfile, deduplicated, without the root, links or git deps', (_v, text) => {
    expect(names(text)).toEqual(expected);
  });

  it('names the file as the source of each package', () => {
    const [first] = parsePackageLock(v2(3), 'app/package-lock.json');
    expect(first).toMatchObject({ ecosystem: 'npm', source: 'app/package-lock.json' });
  });

  it('reads a lockfile with no dependencies as empty', () => {
    expect(parsePackageLock('{"lockfileVersion": 3, "packages": {"": {}}}', 'x')).toEqual([]);
  });

  it('rejects a broken file, naming it and the line', () => {
    const broken =
      '{\n  "lockfileVersion": 3,\n  "packages": {\n    "node_modules/ws": {\n  }\n  ]\n}';
    expect(() => parsePackageLock(broken, 'app/package-lock.json')).toThrowError(
      expect.objectContaining({
        code: 'invalid-lockfile',
        message: expect.stringMatching(/^cannot read app\/package-lock\.json:6: not valid JSON/),
        data: expect.objectContaining({ input: 'app/package-lock.json', line: 6 }),
      }),
    );
  });

  it('rejects JSON that is not a lockfile', () => {
    expect(() => parsePackageLock('[1, 2]', 'p.json')).toThrow(/p\.json.*object/);
    expect(() => parsePackageLock('{"packages": []}', 'p.json')).toThrow(/"packages"/);
  });
});
