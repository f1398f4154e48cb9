// The pull/merge request a backport is proposed in: a title a maintainer can triage from the
// list, and a body that carries the evidence a reviewer needs without leaving the page.
import type { ShipEvidence } from './evidence.js';

export interface PullRequestText {
  title: string;
  body: string;
}

/** Forges cap titles (GitHub at 256 characters); a long subject is cut with an ellipsis. */
const TITLE_LIMIT = 200;

export function buildPullRequest(evidence: ShipEvidence): PullRequestText {
  const [advisory, ...aliases] = evidence.advisories;
  const subject = evidence.upstreamMessage.subject || `fix for ${advisory}`;
  let title = `[${evidence.target.ref}] ${subject} (${advisory})`;
  if (title.length > TITLE_LIMIT) title = `${title.slice(0, TITLE_LIMIT - 1)}…`;
  const lines: string[] = [
    `Backport of the fix for **${advisory}**${aliases.length ? ` (${aliases.join(', ')})` : ''} to \`${evidence.target.ref}\`.`,
    '',
    '### Upstream',
    ...evidence.upstream.map((u) => `- ${u.sha}${u.subject ? ` ${u.subject}` : ''}`),
    '',
    '### Port',
    `- target: \`${evidence.target.ref}\` at ${evidence.target.commit}`,
    `- backport commit: ${evidence.commit} on \`${evidence.branch}\``,
  ];
  if (evidence.adaptations.length === 0) {
    lines.push('- applied as upstream wrote it; no hunk was adapted');
  } else {
    lines.push('- adapted hunks (check these first):');
    lines.push(...evidence.adaptations.map((a) => `  - ${a}`));
  }
  lines.push('', '### Verification');
  const v = evidence.verification;
  if (!v) {
    lines.push('**Not verified**: no test run of this commit is on record.');
  } else {
    lines.push(
      `- status: **${v.status}**`,
      `- command: \`${v.command.join(' ')}\``,
      `- sandbox: ${v.sandboxed ? 'bubblewrap (no network, only the worktree writable)' : '**none** (tests ran unconfined)'}`,
    );
    lines.push(...testList('tests that failed before the port and pass after', v.fixedTests));
    lines.push(...testList('tests that passed before and fail after', v.regressedTests));
    lines.push(
      ...testList('failing before and after (not caused by the port)', v.preExistingFailures),
    );
    if (v.notes && v.notes.length > 0) {
      lines.push('- notes:', ...v.notes.map((n) => `  - ${n}`));
    }
  }
  lines.push('', '_Prepared by retrofit; the commit carries the same provenance as trailers._', '');
  return { title, body: lines.join('\n') };
}

function testList(title: string, names: string[]): string[] {
  if (names.length === 0) return [`- ${title}: none`];
  return [`- ${title}:`, ...names.map((n) => `  - \`${n}\``)];
}
