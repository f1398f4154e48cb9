import { describe, expect, it } from 'vitest';
import type { ShipEvidence } from './evidence.js';
import {
  appendSeries,
  buildChangelogStanza,
  buildQuiltPatch,
  nextPatchName,
  parseChangelogHead,
  rfc2822,
  securityUpdateVersion,
} from './quilt.js';

const evidence: ShipEvidence = {
  advisories: ['GHSA-aaaa-bbbb-cccc', 'CVE-2026-0001'],
  upstream: [{ sha: 'a'.repeat(40), subject: 'Clamp to the lower bound too' }],
  upstreamMessage: {
    subject: 'Clamp to the lower bound too',
    body: 'Values below lo came back unchanged.\n\nSigned-off-by: Up Stream <up@example.org>',
    author: 'Up Stream <up@example.org>',
  },
  target: { ref: 'debian/bookworm', commit: 'b'.repeat(40) },
  commit: 'c'.repeat(40),
  branch: 'retrofit/GHSA-aaaa-bbbb-cccc/debian/bookworm',
  adaptations: [],
  verification: {
    status: 'verified',
    command: ['npm', 'test'],
    sandboxed: true,
    fixedTests: ['raises to lo'],
    regressedTests: [],
    preExistingFailures: [],
  },
};

describe('Debian changelog versions for a security update', () => {
  it.each([
    ['calc (1.0.1-1) bookworm; urgency=medium', '1.0.1-1+deb12u1', 'bookworm-security'],
    [
      'calc (1.0.1-1+deb12u1) bookworm-security; urgency=high',
      '1.0.1-1+deb12u2',
      'bookworm-security',
    ],
    ['calc (2:1.0-3) bullseye; urgency=low', '2:1.0-3+deb11u1', 'bullseye-security'],
    [
      'calc (1.0-3+deb11u4) bullseye-security; urgency=medium',
      '1.0-3+deb11u5',
      'bullseye-security',
    ],
  ])('%s → %s %s', (line, version, distribution) => {
    expect(securityUpdateVersion(parseChangelogHead(`${line}\n\n  * x\n`)!)).toEqual({
      version,
      distribution,
    });
  });

  it('leaves unstable and other vendors to the maintainer', () => {
    expect(
      securityUpdateVersion(parseChangelogHead('calc (1.0-1) unstable; urgency=medium')!),
    ).toBeNull();
    expect(
      securityUpdateVersion(parseChangelogHead('calc (1.0-1ubuntu1) noble; urgency=medium')!),
    ).toBeNull();
  });

  it('rejects a first line that is not a changelog entry', () => {
    expect(parseChangelogHead('Version 1.0\n')).toBeNull();
  });
});

describe('quilt series', () => {
  it('numbers the patch after the highest existing one and names it by the CVE', () => {
    expect(nextPatchName(['0001-build.patch', '0007-x.patch'], evidence.advisories)).toBe(
      '0008-CVE-2026-0001.patch',
    );
    expect(nextPatchName(['fix-doc.patch', 'b.patch'], ['GHSA-aaaa-bbbb-cccc'])).toBe(
      '0003-GHSA-aaaa-bbbb-cccc.patch',
    );
    expect(nextPatchName([], ['GHSA-aaaa-bbbb-cccc'])).toBe('0001-GHSA-aaaa-bbbb-cccc.patch');
  });

  it('appends to the series, adding the missing final newline', () => {
    expect(appendSeries(null, '0001-a.patch')).toBe('0001-a.patch\n');
    expect(appendSeries('0001-a.patch', '0002-b.patch')).toBe('0001-a.patch\n0002-b.patch\n');
    expect(() => appendSeries('0001-a.patch\n', '0001-a.patch')).toThrow(/already lists/);
  });
});

describe('the DEP-3 patch', () => {
  it('heads the diff with the fields a Debian reviewer reads', () => {
    const patch = buildQuiltPatch(
      {
        evidence,
        upstreamUrls: [`https://github.com/o/calc/commit/${'a'.repeat(40)}`],
        bugUrls: ['https://github.com/o/calc/security/advisories/GHSA-aaaa-bbbb-cccc'],
        lastUpdate: '2026-11-27',
      },
      'diff --git a/x b/x\n',
    );
    expect(patch).toBe(
      [
        'Description: Clamp to the lower bound too',
        ' .',
        ' Values below lo came back unchanged.',
        ' .',
        ' Verification: verified (sandboxed), npm test',
        '   fixed: raises to lo',
        `Origin: upstream, https://github.com/o/calc/commit/${'a'.repeat(40)}`,
        'Author: Up Stream <up@example.org>',
        'Bug: https://github.com/o/calc/security/advisories/GHSA-aaaa-bbbb-cccc',
        `Applied-Upstream: commit:${'a'.repeat(40)}`,
        'Forwarded: not-needed',
        'Last-Update: 2026-11-27',
        '---',
        'diff --git a/x b/x',
        '',
      ].join('\n'),
    );
  });

  it('says backport, with the adaptations, when hunks had to be adapted', () => {
    const patch = buildQuiltPatch(
      {
        evidence: { ...evidence, adaptations: ['lib/clamp.js hunk 1: context drift'] },
        upstreamUrls: [],
        bugUrls: [],
        lastUpdate: '2026-11-27',
      },
      'diff\n',
    );
    expect(patch).toContain(`Origin: backport, commit:${'a'.repeat(40)}\n`);
    expect(patch).toContain(
      ' Adapted to the old code by retrofit:\n   lib/clamp.js hunk 1: context drift\n',
    );
  });
});

describe('the changelog stanza', () => {
  it('is a dch-style entry with the patch, the ids and an RFC 2822 date', () => {
    const stanza = buildChangelogStanza({
      head: parseChangelogHead('calc (1.0.1-1) bookworm; urgency=medium')!,
      version: '1.0.1-1+deb12u1',
      distribution: 'bookworm-security',
      evidence,
      patchName: '0002-CVE-2026-0001.patch',
      maintainer: 'Ada Lovelace <ada@example.org>',
      date: new Date('2026-11-27T16:05:09Z'),
    });
    expect(stanza).toBe(
      [
        'calc (1.0.1-1+deb12u1) bookworm-security; urgency=medium',
        '',
        '  * CVE-2026-0001 (GHSA-aaaa-bbbb-cccc): Clamp to the lower bound too',
        '    - debian/patches/0002-CVE-2026-0001.patch: cherry-pick of upstream commit',
        '      aaaaaaaaaaaa',
        '',
        ' -- Ada Lovelace <ada@example.org>  Fri, 27 Nov 2026 16:05:09 +0000',
        '',
        '',
      ].join('\n'),
    );
    expect(stanza.split('\n').every((line) => line.length <= 80)).toBe(true);
  });

  it('formats dates as date -R does', () => {
    expect(rfc2822(new Date('2024-02-29T01:02:03Z'))).toBe('Thu, 29 Feb 2024 01:02:03 +0000');
  });
});
