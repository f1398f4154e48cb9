import { describe, expect, it } from 'vitest';
import { invalidLockfileAt, readFixture } from '../../test/fixtures.js';
import { parseGoMod } from './go-mod.js';

const listed = (text: string) =>
  parseGoMod(text, 'go.mod').packages.map((p) => `${p.name}@${p.version}`);

describe('parseGoMod', () => {
  it('reads both require blocks of client_golang v1.14.0, without the module itself', () => {
    const { packages, problems } = parseGoMod(readFixture('lockfiles/go-mod/go.mod'), 'go.mod');
    expect(problems).toEqual([]);
    expect(packages).toHaveLength(20);
    expect(packages).toContainEqual({
      ecosystem: 'Go',
      name: 'github.com/cespare/xxhash/v2',
      version: '2.1.2',
      source: 'go.mod',
    });
    const names = packages.map((p) => `${p.name}@${p.version}`);
    // A pseudo-version, and an `// indirect` requirement from the second block.
    expect(names).toContain('golang.org/x/sys@0.0.0-20220520151302-bc2c85ada10a');
    expect(names).toContain('gopkg.in/yaml.v2@2.4.0');
    expect(names.some((n) => n.startsWith('github.com/prometheus/client_golang@'))).toBe(false);
  });

  it('applies replace directives: another module counts, a local folder is reported', () => {
    const text = `module example.com/app

go 1.21

require (
	github.com/old/lib v1.2.0
	github.com/pinned/lib v1.0.0 // indirect
	"github.com/quoted/lib" v0.3.0
	github.com/local/lib v0.1.0
	github.com/docker/docker v20.10.7+incompatible
)

require golang.org/x/text v0.3.7 // a comment

replace github.com/old/lib => github.com/fork/lib v1.2.1
replace (
	github.com/pinned/lib v1.0.0 => github.com/pinned/lib v1.0.1
	github.com/pinned/lib v0.9.0 => github.com/other/lib v9.9.9
	github.com/local/lib => ../lib // a folder
)
exclude golang.org/x/text v0.3.6
retract v0.0.1
`;
    const result = parseGoMod(text, 'go.mod');
    expect(result.packages.map((p) => `${p.name}@${p.version}`)).toEqual([
      'github.com/fork/lib@1.2.1',
      'github.com/pinned/lib@1.0.1',
      'github.com/quoted/lib@0.3.0',
      'github.com/docker/docker@20.10.7+incompatible',
      'golang.org/x/text@0.3.7',
    ]);
    expect(result.problems).toEqual([
      'github.com/local/lib is replaced by the folder ../lib and was not scanned',
    ]);
  });

  it('reads an empty go.mod and one-line empty blocks', () => {
    expect(listed('module example.com/m\n\ngo 1.22\nrequire ()\n')).toEqual([]);
  });

  it.each([
    ['a require without a version', 'module m\n\nrequire (\n\tgithub.com/a/b\n)\n', 4],
    ['a version Go would refuse', 'module m\n\nrequire github.com/a/b v1.2\n', 3],
    ['a replace without its arrow', 'module m\nreplace github.com/a/b github.com/c/d v1.0.0\n', 2],
    ['a bad quoted path', 'module m\nrequire "github.com/a\\q" v1.0.0\n', 2],
  ])('rejects %s, naming the file and the line', (_what, text, line) => {
    expect(() => parseGoMod(text, 'svc/go.mod')).toThrowError(
      invalidLockfileAt('svc/go.mod', line),
    );
  });

  it('rejects a block that is never closed', () => {
    expect(() => parseGoMod('module m\nrequire (\n\tgithub.com/a/b v1.0.0\n', 'go.mod')).toThrow(
      /go\.mod: the require block is not closed/,
    );
  });
});
