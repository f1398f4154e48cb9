import { describe, expect, it } from 'vitest';
import { invalidLockfileAt, readFixture } from '../../test/fixtures.js';
import { parseYarnLock } from './yarn-lock.js';

const versionsOf = (text: string, name: string) =>
  parseYarnLock(text, 'yarn.lock')
    .filter((p) => p.name === name)
    .map((p) => p.version)
    .sort();

describe('parseYarnLock', () => {
  // The same project locked by yarn 1.22 and by yarn 4 (see test/fixtures/lockfiles/SOURCES.md).
  it.each([['yarn-v1'], ['yarn-berry']])('reads every package of the %s fixture', (dir) => {
    const text = readFixture(`lockfiles/${dir}/yarn.lock`);
    const packages = parseYarnLock(text, `${dir}/yarn.lock`);
    expect(packages).toHaveLength(67);
    expect(packages).toContainEqual({
      ecosystem: 'npm',
      name: 'express',
      version: '4.17.1',
      source: `${dir}/yarn.lock`,
    });
    expect(versionsOf(text, 'qs')).toEqual(['6.7.0']);
    expect(versionsOf(text, '@sindresorhus/is')).toEqual(['4.0.0']);
    // Two versions of one package are two entries.
    expect(versionsOf(text, 'http-errors')).toEqual(['1.7.2', '1.7.3']);
    // `"strip-ansi-cjs": "npm:strip-ansi@^6.0.1"` installs strip-ansi.
    expect(versionsOf(text, 'strip-ansi')).toEqual(['6.0.1']);
    expect(versionsOf(text, 'strip-ansi-cjs')).toEqual([]);
    // yarn 4 also locks a patched resolve; it is resolve 1.20.0 all the same, listed once.
    expect(versionsOf(text, 'resolve')).toEqual(['1.20.0']);
    // The project itself (berry's `lockfile-sample@workspace:.`) is not a dependency.
    expect(versionsOf(text, 'lockfile-sample')).toEqual([]);
  });

  it('leaves out git, file and link entries of a v1 lockfile', () => {
    const text = [
      '# yarn lockfile v1',
      '',
      '"mine@github:me/mine#abc":',
      '  version "1.0.0"',
      '  resolved "https://codeload.github.com/me/mine/tar.gz/abc"',
      '',
      'local@file:../local:',
      '  version "0.1.0"',
      '',
      'ws@^7.4.0, ws@~7.4.5:',
      '  version "7.4.5"',
      '',
    ].join('\n');
    expect(parseYarnLock(text, 'yarn.lock').map((p) => `${p.name}@${p.version}`)).toEqual([
      'ws@7.4.5',
    ]);
  });

  it('leaves out workspace, git and portal resolutions of a berry lockfile', () => {
    const text = [
      '__metadata:',
      '  version: 8',
      '',
      '"app@workspace:.":',
      '  version: 0.0.0-use.local',
      '  resolution: "app@workspace:."',
      '',
      '"mine@https://github.com/me/mine.git#commit=abc":',
      '  version: 1.0.0',
      '  resolution: "mine@https://github.com/me/mine.git#commit=abc"',
      '',
      '"ws@npm:^7.4.0":',
      '  version: 7.4.6',
      '  resolution: "ws@npm:7.4.6"',
      '',
    ].join('\n');
    expect(parseYarnLock(text, 'yarn.lock').map((p) => `${p.name}@${p.version}`)).toEqual([
      'ws@7.4.6',
    ]);
  });

  it.each([
    ['a v1 entry without a version', 'ws@^7:\n  resolved "x"\n\nqs@6:\n  version "6.7.0"\n', 1],
    ['a v1 line out of place', 'ws@^7:\n  version "7.4.5"\n   dependencies:\n', 3],
    ['a v1 key without its colon', 'ws@^7:\n  version "7.4.5"\nqs@6\n', 3],
    [
      'berry YAML with a key twice',
      '__metadata:\n  version: 8\n"ws@npm:7":\n  version: 7.4.5\n  version: 7.4.6\n',
      5,
    ],
    [
      'a berry entry without a resolution',
      '__metadata:\n  version: 8\n\n"ws@npm:7":\n  version: 7.4.5\n',
      4,
    ],
  ])('rejects %s, naming the file and the line', (_what, text, line) => {
    expect(() => parseYarnLock(text, 'app/yarn.lock')).toThrowError(
      invalidLockfileAt('app/yarn.lock', line),
    );
  });
});
