import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseGradleLockfile } from './gradle-lockfile.js';

const fixture = fs.readFileSync(
  new URL('../../../test/fixtures/lockfiles/gradle.lockfile', import.meta.url),
  'utf8',
);

describe('parseGradleLockfile', () => {
  // 68 module lines (grep -vc '^#\|^empty=' gradle.lockfile).
  it('reads every locked module of a real lockfile', () => {
    const packages = parseGradleLockfile(fixture, 'gradle.lockfile');
    expect(packages).toHaveLength(68);
    expect(packages).toContainEqual({
      ecosystem: 'Maven',
      name: 'com.fasterxml.jackson.core:jackson-databind',
      version: '2.15.4',
      source: 'gradle.lockfile',
    });
    expect(packages.map((p) => p.name)).toContain('org.projectlombok:lombok');
    expect(packages.map((p) => p.name)).not.toContain('empty');
  });

  it('rejects a line that is not a locked module, naming the file and line', () => {
    const text = '# comment\norg.a:b:1.0=runtimeClasspath\norg.a:b=runtimeClasspath\n';
    expect(() => parseGradleLockfile(text, 'app/gradle.lockfile')).toThrowError(
      expect.objectContaining({
        code: 'invalid-lockfile',
        message: expect.stringContaining('app/gradle.lockfile:3'),
        data: expect.objectContaining({ line: 3 }),
      }),
    );
  });
});
