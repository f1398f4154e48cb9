// rpmvercmp, checked against every case of rpm's own test suite: rpm-software-management/rpm
// tests/rpmvercmp.at (commit 7f3fdf6868d72fbdef3386345ff39b3744fa4b14), including the tilde
// and caret cases, but not the "oddities" the file itself leaves commented out.
import { describe, expect, it } from 'vitest';
import { rockyLinux, suse } from './index.js';
import { rpmvercmp } from './rpmvercmp.js';

const RPMVERCMP_AT = `
1.0, 1.0, 0
1.0, 2.0, -1
2.0, 1.0, 1
2.0.1, 2.0.1, 0
2.0, 2.0.1, -1
2.0.1, 2.0, 1
2.0.1a, 2.0.1a, 0
2.0.1a, 2.0.1, 1
2.0.1, 2.0.1a, -1
5.5p1, 5.5p1, 0
5.5p1, 5.5p2, -1
5.5p2, 5.5p1, 1
5.5p10, 5.5p10, 0
5.5p1, 5.5p10, -1
5.5p10, 5.5p1, 1
10xyz, 10.1xyz, -1
10.1xyz, 10xyz, 1
xyz10, xyz10, 0
xyz10, xyz10.1, -1
xyz10.1, xyz10, 1
xyz.4, xyz.4, 0
xyz.4, 8, -1
8, xyz.4, 1
xyz.4, 2, -1
2, xyz.4, 1
5.5p2, 5.6p1, -1
5.6p1, 5.5p2, 1
5.6p1, 6.5p1, -1
6.5p1, 5.6p1, 1
6.0.rc1, 6.0, 1
6.0, 6.0.rc1, -1
10b2, 10a1, 1
10a2, 10b2, -1
1.0aa, 1.0aa, 0
1.0a, 1.0aa, -1
1.0aa, 1.0a, 1
10.0001, 10.0001, 0
10.0001, 10.1, 0
10.1, 10.0001, 0
10.0001, 10.0039, -1
10.0039, 10.0001, 1
4.999.9, 5.0, -1
5.0, 4.999.9, 1
20101121, 20101121, 0
20101121, 20101122, -1
20101122, 20101121, 1
2_0, 2_0, 0
2.0, 2_0, 0
2_0, 2.0, 0
a, a, 0
a+, a+, 0
a+, a_, 0
a_, a+, 0
+a, +a, 0
+a, _a, 0
_a, +a, 0
+_, +_, 0
_+, +_, 0
_+, _+, 0
+, _, 0
_, +, 0
1.0~rc1, 1.0~rc1, 0
1.0~rc1, 1.0, -1
1.0, 1.0~rc1, 1
1.0~rc1, 1.0~rc2, -1
1.0~rc2, 1.0~rc1, 1
1.0~rc1~git123, 1.0~rc1~git123, 0
1.0~rc1~git123, 1.0~rc1, -1
1.0~rc1, 1.0~rc1~git123, 1
1.0^, 1.0^, 0
1.0^, 1.0, 1
1.0, 1.0^, -1
1.0^git1, 1.0^git1, 0
1.0^git1, 1.0, 1
1.0, 1.0^git1, -1
1.0^git1, 1.0^git2, -1
1.0^git2, 1.0^git1, 1
1.0^git1, 1.01, -1
1.01, 1.0^git1, 1
1.0^20160101, 1.0^20160101, 0
1.0^20160101, 1.0.1, -1
1.0.1, 1.0^20160101, 1
1.0^20160101^git1, 1.0^20160101^git1, 0
1.0^20160102, 1.0^20160101^git1, 1
1.0^20160101^git1, 1.0^20160102, -1
1.0~rc1^git1, 1.0~rc1^git1, 0
1.0~rc1^git1, 1.0~rc1, 1
1.0~rc1, 1.0~rc1^git1, -1
1.0^git1~pre, 1.0^git1~pre, 0
1.0^git1, 1.0^git1~pre, 1
1.0^git1~pre, 1.0^git1, -1
`
  .trim()
  .split('\n')
  .map((line) => line.split(', ') as [string, string, string]);

describe('rpmvercmp (tests/rpmvercmp.at)', () => {
  it.each(RPMVERCMP_AT)('rpmvercmp(%s, %s) = %s', (a, b, expected) => {
    expect(rpmvercmp(a, b)).toBe(Number(expected));
  });
});

describe('RPM ecosystems', () => {
  it('compare epoch, then version, then release', () => {
    expect(rockyLinux.compareVersions('1:3.0.7-24.el9', '3.0.7-25.el9')).toBe(1);
    expect(rockyLinux.compareVersions('3.0.7-24.el9', '0:3.0.7-24.el9')).toBe(0);
    expect(rockyLinux.compareVersions('3.0.7-24.el9', '3.0.7-24.el9_3.1')).toBe(-1);
    // As rpm.vercmp(): no release sorts before any release.
    expect(rockyLinux.compareVersions('2.0', '2.0-5.el9')).toBe(-1);
    expect(suse.compareVersions('1.1.1w-150600.5.3.1', '1.1.1w-150600.5.10.1')).toBe(-1);
  });

  it('rejects what is not epoch:version-release', () => {
    expect(rockyLinux.isValidVersion('a:1.0-1')).toBe(false);
    expect(rockyLinux.isValidVersion('1.0 -1')).toBe(false);
    expect(() => rockyLinux.compareVersions('1.0', '')).toThrow(/not an RPM version/);
  });
});
