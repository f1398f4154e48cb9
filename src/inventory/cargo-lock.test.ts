import { describe, expect, it } from 'vitest';
import { invalidLockfileAt, readFixture } from '../../test/fixtures.js';
import { parseCargoLock } from './cargo-lock.js';

describe('parseCargoLock', () => {
  // One crate locked by cargo in each lockfile format (test/fixtures/lockfiles/SOURCES.md).
  it.each([['cargo-v1'], ['cargo-v2'], ['cargo-v3'], ['cargo-v4']])(
    'reads the crates.io crates of the %s fixture, without the crate itself',
    (dir) => {
      const result = parseCargoLock(readFixture(`lockfiles/${dir}/Cargo.lock`), 'Cargo.lock');
      expect(result.problems).toEqual([]);
      expect(result.packages.map((p) => `${p.name}@${p.version}`).sort()).toEqual([
        'regex-syntax@0.6.27',
        'regex@1.7.1',
        'serde@1.0.152',
        'smallvec@1.9.0',
      ]);
      expect(result.packages[0]).toMatchObject({ ecosystem: 'crates.io', source: 'Cargo.lock' });
    },
  );

  it('leaves out git and path crates, and reports crates of other registries', () => {
    const text = `version = 4

[[package]]
name = "app"
version = "0.1.0"

[[package]]
name = "forked"
version = "0.2.0"
source = "git+https://github.com/me/forked?branch=main#0123abc"

[[package]]
name = "internal"
version = "1.0.0"
source = "registry+https://crates.example.com/index"

[[package]]
name = "time"
version = "0.1.43"
source = "sparse+https://index.crates.io/"
`;
    const result = parseCargoLock(text, 'Cargo.lock');
    expect(result.packages.map((p) => `${p.name}@${p.version}`)).toEqual(['time@0.1.43']);
    expect(result.problems).toEqual([
      'crates from the registry registry+https://crates.example.com/index are not crates.io releases and were not scanned',
    ]);
  });

  it.each([
    ['TOML that does not parse', 'version = 3\n\n[[package]]\nname = "a"\nversion = 1.0.0\n', 5],
    [
      'a package without a version',
      'version = 3\n\n[[package]]\nname = "a"\n\n[[package]]\nname = "b"\nversion = "x"\n',
      3,
    ],
    [
      'a package with an invalid version',
      '[[package]]\nname = "a"\nversion = "1.0.0"\n\n[[package]]\nname = "b"\nversion = "1.0"\n',
      5,
    ],
  ])('rejects %s, naming the file and the line', (_what, text, line) => {
    expect(() => parseCargoLock(text, 'crate/Cargo.lock')).toThrowError(
      invalidLockfileAt('crate/Cargo.lock', line),
    );
  });
});
