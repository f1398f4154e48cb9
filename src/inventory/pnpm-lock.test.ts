import { describe, expect, it } from 'vitest';
import { invalidLockfileAt, readFixture } from '../../test/fixtures.js';
import { parsePnpmLock } from './pnpm-lock.js';

const versionsOf = (text: string, name: string) =>
  parsePnpmLock(text, 'pnpm-lock.yaml')
    .filter((p) => p.name === name)
    .map((p) => p.version)
    .sort();

describe('parsePnpmLock', () => {
  // One project locked by pnpm 7, 8 and 9 (see test/fixtures/lockfiles/SOURCES.md).
  it.each([
    ['pnpm-v5', '5.4'],
    ['pnpm-v6', "'6.0'"],
    ['pnpm-v9', "'9.0'"],
  ])('reads every package of the %s fixture (lockfileVersion %s)', (dir, version) => {
    const text = readFixture(`lockfiles/${dir}/pnpm-lock.yaml`);
    expect(text.startsWith(`lockfileVersion: ${version}\n`)).toBe(true);
    const packages = parsePnpmLock(text, `${dir}/pnpm-lock.yaml`);
    expect(packages).toHaveLength(67);
    expect(packages).toContainEqual({
      ecosystem: 'npm',
      name: 'send',
      version: '0.17.1',
      source: `${dir}/pnpm-lock.yaml`,
    });
    expect(versionsOf(text, '@sindresorhus/is')).toEqual(['4.0.0']);
    expect(versionsOf(text, 'http-errors')).toEqual(['1.7.2', '1.7.3']);
    expect(versionsOf(text, 'strip-ansi')).toEqual(['6.0.1']);
    expect(versionsOf(text, 'ws')).toEqual(['7.4.5']);
  });

  it.each([
    [
      '5.4',
      [
        '/react-dom/17.0.2_react@17.0.2:',
        '/@babel/core/7.12.3:',
        'github.com/me/mine/0123abc:',
        '/@types/node/14.14.6:',
      ],
    ],
    [
      "'6.0'",
      [
        '/react-dom@17.0.2(react@17.0.2):',
        '/@babel/core@7.12.3:',
        "'@github.com/me/mine/0123abc':",
        '/@types/node@14.14.6:',
      ],
    ],
    [
      "'9.0'",
      [
        'react-dom@17.0.2:',
        "'@babel/core@7.12.3':",
        'mine@https://codeload.github.com/me/mine/tar.gz/0123abc:',
        "'@types/node@14.14.6':",
      ],
    ],
  ])('reads v%s keys: scopes and peers, and no git packages', (version, keys) => {
    const text = [
      `lockfileVersion: ${version}`,
      '',
      'packages:',
      ...keys.flatMap((key) => [`  ${key}`, '    resolution: {integrity: sha512-x}', '']),
    ].join('\n');
    expect(parsePnpmLock(text, 'pnpm-lock.yaml').map((p) => `${p.name}@${p.version}`)).toEqual([
      'react-dom@17.0.2',
      '@babel/core@7.12.3',
      '@types/node@14.14.6',
    ]);
  });

  it('reads the project document when pnpm wrote one about itself first', () => {
    const text = [
      "lockfileVersion: '9.0'",
      'importers:',
      '  .:',
      '    configDependencies: {}',
      'packages:',
      '  pnpm@9.15.0:',
      '    resolution: {integrity: sha512-x}',
      '---',
      "lockfileVersion: '9.0'",
      'packages:',
      '  ws@7.4.5:',
      '    resolution: {integrity: sha512-y}',
      '',
    ].join('\n');
    expect(parsePnpmLock(text, 'pnpm-lock.yaml').map((p) => p.name)).toEqual(['ws']);
  });

  it('reads a lockfile with no packages as empty', () => {
    expect(parsePnpmLock("lockfileVersion: '9.0'\n\nimporters:\n  .: {}\n", 'x')).toEqual([]);
  });

  it.each([
    [
      'YAML that does not parse',
      "lockfileVersion: '9.0'\npackages:\n  ws@7.4.5:\n    resolution: {integrity: x\n  qs@6.7.0: {}\n",
      5,
    ],
    ['a package that is not a map', "lockfileVersion: '9.0'\npackages:\n  ws@7.4.5: 1\n", 3],
    ['packages that are not a map', "lockfileVersion: '9.0'\npackages: [ws]\n", 2],
    ['no lockfileVersion', 'packages:\n  ws@7.4.5: {}\n', 1],
  ])('rejects %s, naming the file and the line', (_what, text, line) => {
    expect(() => parsePnpmLock(text, 'app/pnpm-lock.yaml')).toThrowError(
      invalidLockfileAt('app/pnpm-lock.yaml', line),
    );
  });
});
