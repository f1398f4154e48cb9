import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDpkgStatus } from './dpkg-status.js';

// Stanzas of a Debian 12 system's /var/lib/dpkg/status (Debian package metadata).
const fixture = fs.readFileSync(
  new URL('../../../test/fixtures/lockfiles/dpkg-status', import.meta.url),
  'utf8',
);

const stanza = (fields: Record<string, string>) =>
  Object.entries(fields)
    .map(([key, value]) => `${key}: ${value}`)
    .join('\n');

describe('parseDpkgStatus', () => {
  it('reads source packages at source versions, for the release base-files names', () => {
    const result = parseDpkgStatus(fixture, '/var/lib/dpkg/status');
    expect(result.ecosystem).toBe('Debian:12');
    expect(result.skipped).toEqual([]);
    expect(result.packages.map((p) => `${p.name} ${p.version}`).sort()).toEqual([
      // base-files, and binNMU bash 5.2.15-2+b8 as its source 5.2.15-2.
      'base-files 12.4+deb12u11',
      'bash 5.2.15-2',
      // libc6 → glibc; libssl3 and openssl → openssl once; perl-base and libperl5.36 → perl.
      'glibc 2.36-9+deb12u14',
      'openssl 3.0.19-1~deb12u2',
      'perl 5.36.0-7+deb12u2',
      'systemd 252.38-1~deb12u1',
      'tzdata 2025b-0+deb12u2',
      // bsdutils 1:2.38.1-5+deb12u3 comes from util-linux 2.38.1-5+deb12u3 (no epoch).
      'util-linux 2.38.1-5+deb12u3',
      'zlib 1:1.2.13.dfsg-1',
    ]);
    expect(result.packages[0]).toMatchObject({
      ecosystem: 'Debian:12',
      source: '/var/lib/dpkg/status',
    });
  });

  it('skips packages whose files are gone, keeps half-installed ones', () => {
    const text = [
      stanza({ Package: 'base-files', Status: 'install ok installed', Version: '11.1+deb11u9' }),
      stanza({ Package: 'old', Status: 'deinstall ok config-files', Version: '1.0-1' }),
      stanza({ Package: 'gone', Status: 'purge ok not-installed' }),
      stanza({ Package: 'half', Status: 'install reinstreq half-configured', Version: '2.0-1' }),
    ].join('\n\n');
    const result = parseDpkgStatus(text, 'status');
    expect(result.ecosystem).toBe('Debian:11');
    expect(result.packages.map((p) => p.name)).toEqual(['base-files', 'half']);
  });

  it('says so when it cannot tell the release', () => {
    const text = stanza({ Package: 'curl', Status: 'install ok installed', Version: '7.88.1-10' });
    const result = parseDpkgStatus(text, 'status');
    expect(result.packages[0]?.ecosystem).toBe('Debian');
    expect(result.skipped).toEqual([expect.stringContaining('every Debian release')]);
  });

  it('reads nothing from an Ubuntu system, and says why', () => {
    const text = [
      stanza({ Package: 'base-files', Status: 'install ok installed', Version: '12ubuntu4.6' }),
      stanza({ Package: 'curl', Status: 'install ok installed', Version: '8.5.0-2ubuntu10.6' }),
    ].join('\n\n');
    const result = parseDpkgStatus(text, 'status');
    expect(result.packages).toEqual([]);
    expect(result.skipped).toEqual([expect.stringContaining('Ubuntu system')]);
  });

  it('rejects what is not a status file, naming the file and line', () => {
    const noPackage =
      'Package: a\nStatus: install ok installed\nVersion: 1.0\n\nStatus: install ok installed\n';
    expect(() => parseDpkgStatus(noPackage, 'x/status')).toThrowError(
      expect.objectContaining({
        code: 'invalid-lockfile',
        message: 'cannot read x/status:5: a stanza has no Package field',
        data: expect.objectContaining({ input: 'x/status', line: 5 }),
      }),
    );
    expect(() => parseDpkgStatus('hello world\n', 'status')).toThrow(
      /status:1: not a "Field: value"/,
    );
    expect(() =>
      parseDpkgStatus('Package: a\nStatus: install ok installed\nVersion: x y\n', 'status'),
    ).toThrow(/status:3: a has no valid Version/);
  });
});
