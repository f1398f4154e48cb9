import { describe, expect, it } from 'vitest';
import type { ShipEvidence } from './evidence.js';
import { buildPullRequest } from './pull-request.js';

const evidence: ShipEvidence = {
  advisories: ['GHSA-aaaa-bbbb-cccc', 'CVE-2026-0001'],
  upstream: [{ sha: '1'.repeat(40), subject: 'Clamp to the lower bound too' }],
  upstreamMessage: { subject: 'Clamp to the lower bound too', body: '' },
  target: { ref: 'v1.x', commit: '2'.repeat(40) },
  commit: '3'.repeat(40),
  branch: 'retrofit/GHSA-aaaa-bbbb-cccc/v1.x',
  adaptations: ['lib/clamp.js hunk 1: context drift, aligned 3 of 4 lines'],
  verification: {
    status: 'verified',
    command: ['npm', 'test'],
    sandboxed: true,
    fixedTests: ['raises to lo'],
    regressedTests: [],
    preExistingFailures: ['flaky clock'],
    notes: ['the before run was stopped after 600 s'],
  },
};

describe('buildPullRequest', () => {
  it('names the branch, the fix and the advisory in the title', () => {
    expect(buildPullRequest(evidence).title).toBe(
      '[v1.x] Clamp to the lower bound too (GHSA-aaaa-bbbb-cccc)',
    );
  });

  it('carries the evidence a reviewer needs in the body', () => {
    const { body } = buildPullRequest(evidence);
    for (const part of [
      '**GHSA-aaaa-bbbb-cccc** (CVE-2026-0001)',
      `- ${'1'.repeat(40)} Clamp to the lower bound too`,
      '  - lib/clamp.js hunk 1: context drift, aligned 3 of 4 lines',
      '- status: **verified**',
      '- command: `npm test`',
      '- sandbox: bubblewrap',
      '- tests that failed before the port and pass after:\n  - `raises to lo`',
      '- tests that passed before and fail after: none',
      '- failing before and after (not caused by the port):\n  - `flaky clock`',
      '  - the before run was stopped after 600 s',
    ]) {
      expect(body).toContain(part);
    }
  });

  it('says plainly when no verification is on record', () => {
    const { body } = buildPullRequest({ ...evidence, verification: undefined, adaptations: [] });
    expect(body).toContain('**Not verified**');
    expect(body).toContain('no hunk was adapted');
  });
});
