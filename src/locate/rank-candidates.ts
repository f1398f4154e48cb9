// When an advisory names no commit, the fix is among the commits between the last affected
// release and the first fixed one. Ranks them by what a person reading the advisory would
// look for: the files and symbols it names, security wording, a test added beside the code.
import type { OsvRecord } from '../advisories/osv.js';
import { classifyPath } from '../port/classify-path.js';

export interface CandidateCommit {
  sha: string;
  subject: string;
  body: string;
  files: string[];
}

export interface RankedCandidate {
  sha: string;
  subject: string;
  score: number;
  /** The signals that scored, for the `reason` a person reads. */
  signals: string[];
}

const SECURITY_WORDS =
  /\b(security|vulnerab\w*|cve-\d{4}-\d+|ghsa-[\w-]+|exploit\w*|overflow|injection|traversal|redos|denial of service|dos|xss|csrf|ssrf|sanitiz\w*|escap\w*|prototype pollution|crash\w*|out[- ]of[- ]bounds|use[- ]after[- ]free|malicious|untrusted|bypass\w*|leak\w*|unauthori[sz]ed)\b/gi;
const RELEASE_SUBJECT =
  /^(\[dist\]|release|bump|v?\d+\.\d+\.\d+$|prepare|chore\(release\)|version)/i;

/** Words of the advisory worth finding in a commit: `code spans`, file names, identifiers. */
export function advisoryTerms(record: OsvRecord): { files: string[]; symbols: string[] } {
  const text = `${record.summary ?? ''}\n${record.details ?? ''}`;
  const files = new Set<string>();
  const symbols = new Set<string>();
  for (const match of text.matchAll(
    /[\w./-]+\.(?:js|mjs|cjs|ts|py|rb|go|java|c|h|cc|cpp|rs|php)\b/g,
  ))
    files.add(match[0].replace(/^\.?\//, ''));
  for (const match of text.matchAll(/`([^`\n]{3,60})`/g)) {
    for (const id of match[1]!.matchAll(/[A-Za-z_$][\w$]{2,}/g)) symbols.add(id[0]);
  }
  // camelCase or snake_case words outside code spans are identifiers too.
  for (const match of text.matchAll(/\b[a-z]+(?:[A-Z][a-z0-9]+)+\b|\b[a-z]+_[a-z_]+\b/g))
    symbols.add(match[0]);
  return { files: [...files], symbols: [...symbols] };
}

export function rankCandidates(
  record: OsvRecord,
  commits: CandidateCommit[],
  diffs: Map<string, string>,
): RankedCandidate[] {
  const terms = advisoryTerms(record);
  const ids = [record.id, ...(record.aliases ?? [])].map((id) => id.toLowerCase());
  const ranked: RankedCandidate[] = [];
  for (const commit of commits) {
    const signals: string[] = [];
    let score = 0;
    const message = `${commit.subject}\n${commit.body}`;
    if (ids.some((id) => message.toLowerCase().includes(id))) {
      score += 10;
      signals.push('names the advisory');
    }
    const words = new Set([...message.matchAll(SECURITY_WORDS)].map((m) => m[0].toLowerCase()));
    if (words.size > 0) {
      score += 3;
      signals.push(`security wording (${[...words].slice(0, 3).join(', ')})`);
    }
    const namedFiles = commit.files.filter((f) =>
      terms.files.some((t) => f === t || f.endsWith(`/${t}`) || f.endsWith(t)),
    );
    if (namedFiles.length > 0) {
      score += 4;
      signals.push(`changes ${namedFiles.slice(0, 2).join(', ')} named by the advisory`);
    }
    const diff = diffs.get(commit.sha) ?? '';
    const symbols = terms.symbols.filter((s) => diff.includes(s) || message.includes(s));
    if (symbols.length > 0) {
      score += Math.min(4, symbols.length * 2);
      signals.push(`mentions ${symbols.slice(0, 3).join(', ')}`);
    }
    const roles = commit.files.map(classifyPath);
    if (roles.includes('code') && roles.includes('test')) {
      score += 2;
      signals.push('changes code and adds a test');
    } else if (!roles.includes('code')) {
      score -= 3; // docs, tests or build only: not where a fix lives
    }
    if (RELEASE_SUBJECT.test(commit.subject)) score -= 5;
    ranked.push({ sha: commit.sha, subject: commit.subject, score, signals });
  }
  return ranked.sort((a, b) => b.score - a.score);
}
