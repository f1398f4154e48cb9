import { describe, expect, it } from 'vitest';
import { parseRpmList } from './rpm-qa.js';

// Package names and versions as Rocky Linux 9.4 and AlmaLinux 9 ship them.
const nevra = [
  'gpg-pubkey-350d275d-6279464b',
  'rocky-release-9.4-1.7.el9.noarch',
  'openssl-libs-3.0.7-27.el9.x86_64',
  'openssl-libs-1:3.0.7-27.el9.i686',
  'glibc-2.34-100.el9_4.2.x86_64',
  'tzdata-2024a-1.el9.noarch',
].join('\n');

const queryFormat = [
  'almalinux-release (none):9.4-1.el9 almalinux-release-9.4-1.el9.src.rpm',
  'openssl-libs 1:3.0.7-27.el9.alma.1 openssl-3.0.7-27.el9.alma.1.src.rpm',
  'openssl 1:3.0.7-27.el9.alma.1 openssl-3.0.7-27.el9.alma.1.src.rpm',
  'glibc-common (none):2.34-100.el9_4.2 glibc-2.34-100.el9_4.2.src.rpm',
].join('\n');

describe('parseRpmList', () => {
  it('reads plain rpm -qa output, for the release rocky-release names', () => {
    const result = parseRpmList(nevra, 'rpm-qa.txt');
    expect(result.ecosystem).toBe('Rocky Linux:9');
    expect(result.packages.map((p) => `${p.name} ${p.version}`)).toEqual([
      'rocky-release 9.4-1.7.el9',
      'openssl-libs 3.0.7-27.el9',
      'openssl-libs 1:3.0.7-27.el9',
      'glibc 2.34-100.el9_4.2',
      'tzdata 2024a-1.el9',
    ]);
    expect(result.packages[0]).toMatchObject({ ecosystem: 'Rocky Linux:9', source: 'rpm-qa.txt' });
    // Without source RPMs or epochs, the report says what may be off and how to do better.
    expect(result.skipped).toEqual([
      expect.stringContaining('without their source RPM'),
      expect.stringContaining('no epochs'),
    ]);
  });

  it('reads the query format, naming packages by their source RPM', () => {
    const result = parseRpmList(queryFormat, 'rpm-qa.txt');
    expect(result.ecosystem).toBe('AlmaLinux:9');
    expect(result.packages.map((p) => `${p.name} ${p.version}`)).toEqual([
      'almalinux-release 9.4-1.el9',
      'openssl 1:3.0.7-27.el9.alma.1',
      'glibc 2.34-100.el9_4.2',
    ]);
    expect(result.skipped).toEqual([]);
  });

  it('keeps binary names for Red Hat, whose advisories name binary RPMs', () => {
    const text =
      'redhat-release (none):9.4-0.5.el9 redhat-release-9.4-0.5.el9.src.rpm\nopenssl-libs 1:3.0.7-27.el9 openssl-3.0.7-27.el9.src.rpm';
    const result = parseRpmList(text, 'rpm-qa.txt');
    expect(result.ecosystem).toBe('Red Hat:enterprise_linux:9');
    expect(result.packages.map((p) => p.name)).toEqual(['redhat-release', 'openssl-libs']);
  });

  it('reads nothing when no release package names the distribution, and says so', () => {
    const result = parseRpmList(
      'fedora-release-40-39.noarch\nbash-5.2.26-3.fc40.x86_64',
      'rpm-qa.txt',
    );
    expect(result.packages).toEqual([]);
    expect(result.skipped).toEqual([expect.stringContaining('nothing was scanned')]);
  });

  it('rejects a line that is not a package, naming the file and line', () => {
    expect(() =>
      parseRpmList('rocky-release-9.4-1.7.el9.noarch\nnot a package at all\n', 'host/rpm-qa.txt'),
    ).toThrowError(
      expect.objectContaining({
        code: 'invalid-lockfile',
        message: expect.stringContaining('host/rpm-qa.txt:2'),
        data: expect.objectContaining({ line: 2 }),
      }),
    );
    expect(() => parseRpmList('justaname\n', 'rpm-qa.txt')).toThrow(/rpm-qa\.txt:1/);
  });
});
