// Reads what the patch-presence verdict needs from git: the fix's files before and after, the
// same paths at the scanned ref, and — for code that moved — the other files at the ref that
// contain the fix's most specific new lines.
import type { GitRepo } from '../git/repo.js';
import { diffHunks } from '../port/engine/hunks.js';
import { looseLine, splitLines } from '../port/engine/lines.js';
import {
  assessPresence,
  distinctiveLines,
  filesThatProve,
  type CandidateFile,
  type FixFile,
  type PresenceVerdict,
} from '../locate/patch-presence.js';

export interface FixPresence extends PresenceVerdict {
  /** The upstream fix commit whose change was looked for. */
  upstream: string;
}

/** How many of a fix's most specific lines are searched for across the tree. */
const NEEDLES = 4;

/** Whether the change of `fix` (a commit in `repo`) is in the source at `ref`. */
export async function findPatchPresence(input: {
  repo: GitRepo;
  ref: string;
  fix: string;
}): Promise<FixPresence> {
  const { repo, ref } = input;
  const info = await repo.commitInfo(input.fix);
  const base = info.parents[0];
  const undecidable: FixPresence = {
    upstream: info.sha,
    status: 'undecidable',
    files: [],
    locations: [],
    present: 0,
    informative: 0,
  };
  if (!base) return undecidable;
  const changed = (await repo.changedFiles(info.sha)).filter((f) => f.status !== 'D');
  const proving = new Set(filesThatProve(changed.map((f) => f.path)));
  const wanted = changed.filter((f) => proving.has(f.path));
  const blobs = await repo.readBlobs(
    wanted.flatMap((f) => [
      `${base}:${f.oldPath ?? f.path}`,
      `${info.sha}:${f.path}`,
      `${ref}:${f.path}`,
    ]),
  );
  const files: FixFile[] = [];
  const samePath = new Map<string, CandidateFile>();
  wanted.forEach((f, k) => {
    const [before, after, atRef] = [blobs[3 * k], blobs[3 * k + 1], blobs[3 * k + 2]];
    if (!after || isBinary(after) || (before && isBinary(before))) return;
    files.push({
      path: f.path,
      base: before?.toString('utf8') ?? '',
      result: after.toString('utf8'),
    });
    if (atRef && !isBinary(atRef))
      samePath.set(f.path, { path: f.path, text: atRef.toString('utf8') });
  });
  if (files.length === 0) return undecidable;

  const first = assessPresence({ files, candidates: (p) => listOf(samePath.get(p)) });
  if (first.status === 'present' || first.status === 'undecidable')
    return { upstream: info.sha, ...first };

  // Some hunks were not found where the fix put them: the code may live in another file now.
  const moved = await otherCandidates(repo, ref, files, samePath);
  const second = assessPresence({
    files,
    candidates: (p) => [...listOf(samePath.get(p)), ...moved.filter((c) => c.path !== p)],
  });
  return { upstream: info.sha, ...(second.present > first.present ? second : first) };
}

async function otherCandidates(
  repo: GitRepo,
  ref: string,
  files: FixFile[],
  samePath: Map<string, CandidateFile>,
): Promise<CandidateFile[]> {
  const lines: string[] = [];
  for (const file of files) {
    const baseLines = new Set(splitLines(file.base).map(looseLine));
    for (const hunk of diffHunks(file.base, file.result))
      lines.push(...distinctiveLines(hunk, baseLines));
  }
  // `git grep -F` wants literal text, and the loose form collapsed whitespace: search for the
  // longest whitespace-free piece of the longest lines instead.
  const needles = [...new Set(lines.map(longestToken))]
    .filter((t) => t.length >= 8)
    .sort((a, b) => b.length - a.length)
    .slice(0, NEEDLES);
  const paths = (await repo.grepFiles(ref, needles)).filter((p) => !samePath.has(p));
  const blobs = await repo.readBlobs(paths.map((p) => `${ref}:${p}`));
  const out: CandidateFile[] = [];
  paths.forEach((p, k) => {
    const blob = blobs[k];
    if (blob && !isBinary(blob)) out.push({ path: p, text: blob.toString('utf8') });
  });
  return out;
}

function longestToken(line: string): string {
  return line.split(' ').reduce((a, b) => (b.length > a.length ? b : a), '');
}

function listOf<T>(value: T | undefined): T[] {
  return value === undefined ? [] : [value];
}

function isBinary(blob: Buffer): boolean {
  return blob.subarray(0, 8000).includes(0);
}
