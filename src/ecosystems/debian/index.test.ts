// dpkg's version order, checked against dpkg's own test vectors (guillemj/dpkg, the dpkg
// repository's mirror, commit c5efef926d16a72fd9270c8efceeba8872419292): the __DATA__ table
// of scripts/t/Dpkg_Version.t and the compare and parse cases of lib/dpkg/t/t-version.c.
import { describe, expect, it } from 'vitest';
import { debian } from './index.js';
import { compareDpkgVersions, parseDpkgVersion } from './dpkg-version.js';

const DPKG_VERSION_T = `
1.0-1 2.0-2 -1
2.2~rc-4 2.2-1 -1
2.2-1 2.2~rc-4 1
1.0000-1 1.0-1 0
1 0:1 0
0 0:0-0 0
2:2.5 1:7.5 1
1:0foo 0foo 1
0:0foo 0foo 0
0foo 0foo 0
0foo-0 0foo 0
0foo 0foo-0 0
0foo 0fo 1
0foo-0 0foo+ -1
0foo~1 0foo -1
0foo~foo+Bar 0foo~foo+bar -1
0foo~~ 0foo~ -1
1~ 1 -1
12345+that-really-is-some-ver-0 12345+that-really-is-some-ver-10 -1
0foo-0 0foo-01 -1
0foo.bar 0foobar 1
0foo.bar 0foo1bar 1
0foo.bar 0foo0bar 1
0foo1bar-1 0foobar-1 -1
0foo2.0 0foo2 1
0foo2.0.0 0foo2.10.0 -1
0foo2.0 0foo2.0.0 -1
0foo2.0 0foo2.10 -1
0foo2.1 0foo2.10 -1
1.09 1.9 0
1.0.8+nmu1 1.0.8 1
3.11 3.10+nmu1 1
0.9j-20080306-4 0.9i-20070324-2 1
1.2.0~b7-1 1.2.0~b6-1 1
1.011-1 1.06-2 1
0.0.9+dfsg1-1 0.0.8+dfsg1-3 1
4.6.99+svn6582-1 4.6.99+svn6496-1 1
53 52 1
0.9.9~pre122-1 0.9.9~pre111-1 1
2:2.3.2-2+lenny2 2:2.3.2-2 1
1:3.8.1-1 3.8.GA-1 1
1.0.1+gpl-1 1.0.1-2 1
1a 1000a -1
`
  .trim()
  .split('\n')
  .map((line) => line.split(' ') as [string, string, string]);

describe('dpkg version order (scripts/t/Dpkg_Version.t)', () => {
  it.each(DPKG_VERSION_T)('%s against %s is %s', (a, b, expected) => {
    const sign = Number(expected);
    expect(Math.sign(debian.compareVersions(a, b))).toBe(sign);
    expect(Math.sign(debian.compareVersions(b, a))).toBe(sign === 0 ? 0 : -sign);
  });

  it('rejects the one row dpkg itself rejects: -0.6.5 has an empty upstream version', () => {
    // The table's last row, "-0.6.5 0.9.1 -1", is only compared by the Perl module;
    // `dpkg --compare-versions` says "version number is empty".
    expect(debian.isValidVersion('-0.6.5')).toBe(false);
  });
});

describe('dpkg version parsing and comparison (lib/dpkg/t/t-version.c)', () => {
  const v = (epoch: number, upstream: string, revision: string) => ({ epoch, upstream, revision });
  const parse = (text: string) => parseDpkgVersion(text)!;

  it('test_version_compare', () => {
    expect(compareDpkgVersions(v(1, '', ''), v(2, '', ''))).not.toBe(0);
    expect(compareDpkgVersions(v(0, '1', '1'), v(0, '2', '1'))).not.toBe(0);
    expect(compareDpkgVersions(v(0, '1', '1'), v(0, '1', '2'))).not.toBe(0);
    expect(compareDpkgVersions(v(0, '0', '0'), v(0, '0', '0'))).toBe(0);
    expect(compareDpkgVersions(v(0, '0', '00'), v(0, '00', '0'))).toBe(0);
    expect(compareDpkgVersions(v(1, '2', '3'), v(1, '2', '3'))).toBe(0);
    expect(compareDpkgVersions(v(0, '0', '0'), v(1, '0', '0'))).toBeLessThan(0);
    expect(compareDpkgVersions(v(0, 'a', '0'), v(0, 'b', '0'))).toBeLessThan(0);
    expect(compareDpkgVersions(v(0, '0', 'a'), v(0, '0', 'b'))).toBeLessThan(0);
    expect(compareDpkgVersions(v(0, '0', 'b'), v(0, '0', 'a'))).toBeGreaterThan(0);
  });

  it.each([
    ['0', v(0, '0', '')],
    ['0:0', v(0, '0', '')],
    ['0:0-0', v(0, '0', '0')],
    ['0:0.0-0.0', v(0, '0.0', '0.0')],
    ['1:0', v(1, '0', '')],
    ['5:1', v(5, '1', '')],
    ['0:0-0-0', v(0, '0-0', '0')],
    ['0:0-0-0-0', v(0, '0-0-0', '0')],
    ['0:0:0-0', v(0, '0:0', '0')],
    ['0:0:0:0-0', v(0, '0:0:0', '0')],
    ['0:0:0-0-0', v(0, '0:0-0', '0')],
    ['0:0-0:0-0', v(0, '0-0:0', '0')],
    ['0:09azAZ.-+~:-0', v(0, '09azAZ.-+~:', '0')],
    ['0:0-azAZ09.+~', v(0, '0', 'azAZ09.+~')],
    ['  \t0:0-1', v(0, '0', '1')],
    ['0:0-1\t  ', v(0, '0', '1')],
    ['\t  0:0-1  \t', v(0, '0', '1')],
  ])('test_version_parse: %j', (text, expected) => {
    expect(compareDpkgVersions(parse(text), expected)).toBe(0);
  });

  it('test_version_parse: what dpkg refuses', () => {
    const bad = [
      '',
      '  ',
      '0:',
      ':1.0',
      '1.0-',
      '0:0 0-1',
      '-1:0-1',
      '999999999999999999999999:0-1',
      'a:0-0',
      'A:0-0',
      '-0',
      '0:-0',
      '0:abc3-0',
      '0:0-0:0',
      ...[..."!#@$%&/|\\<>()[]{};,_=*^'"].map((c) => `0:0${c}-0`),
      ...[..."!#@$%&/|\\<>()[]{}:;,_=*^'"].map((c) => `0:0-0${c}`),
    ];
    for (const text of bad) expect(parseDpkgVersion(text), JSON.stringify(text)).toBeNull();
  });
});

describe('Debian ecosystem', () => {
  it('orders security updates after the release they patch', () => {
    expect(debian.compareVersions('3.0.11-1~deb12u2', '3.0.11-1')).toBeLessThan(0);
    expect(debian.compareVersions('3.0.11-1~deb12u2', '3.0.11-1~deb12u1')).toBeGreaterThan(0);
    expect(debian.compareVersions('2.36-9+deb12u4', '2.36-9')).toBeGreaterThan(0);
    expect(() => debian.compareVersions('1.0', 'abc')).toThrow(/abc/);
  });
});
