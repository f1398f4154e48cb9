import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseComposerLock } from './composer-lock.js';

const fixture = fs.readFileSync(
  new URL('../../../test/fixtures/lockfiles/composer.lock', import.meta.url),
  'utf8',
);

describe('parseComposerLock', () => {
  it("reads composer's own lockfile, runtime and dev packages", () => {
    const packages = parseComposerLock(fixture, 'composer.lock');
    const lock = JSON.parse(fixture) as Record<string, Array<{ name: string; version: string }>>;
    const all = [...lock.packages!, ...lock['packages-dev']!];
    expect(packages).toHaveLength(all.length);
    expect(packages.map((p) => p.name)).toEqual(all.map((p) => p.name));
    expect(packages.find((p) => p.name === 'composer/semver')).toEqual({
      ecosystem: 'Packagist',
      name: 'composer/semver',
      version: all.find((p) => p.name === 'composer/semver')!.version,
      source: 'composer.lock',
    });
    expect(packages.map((p) => p.name)).toContain('phpstan/phpstan');
  });

  it('skips branches, which name no release', () => {
    const text = JSON.stringify({
      packages: [
        { name: 'symfony/console', version: 'v5.4.31' },
        { name: 'acme/tool', version: 'dev-main' },
        { name: 'acme/lib', version: '2.x-dev' },
      ],
      'packages-dev': [],
    });
    expect(parseComposerLock(text, 'composer.lock').map((p) => `${p.name}@${p.version}`)).toEqual([
      'symfony/console@v5.4.31',
    ]);
  });

  it('rejects broken JSON naming the file and line, and JSON that is not a lockfile', () => {
    expect(() =>
      parseComposerLock('{\n  "packages": [\n    {,\n  ]\n}', 'app/composer.lock'),
    ).toThrowError(
      expect.objectContaining({
        code: 'invalid-lockfile',
        message: expect.stringMatching(/^cannot read app\/composer\.lock:3: not valid JSON/),
      }),
    );
    expect(() => parseComposerLock('{"packages": {}}', 'composer.lock')).toThrow(
      /"packages" is not a list/,
    );
    expect(() => parseComposerLock('{"packages": [{"name": "a/b"}]}', 'composer.lock')).toThrow(
      /no name and version/,
    );
  });
});
