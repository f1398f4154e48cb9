// Porting a patch file (a mailing-list patch, a distro patch) instead of commits: the same
// hunk strategies, without the three-way merge, since a patch carries no base versions.
// Nothing is written: the result says what would change, file by file and hunk by hunk.
import fs from 'node:fs';
import path from 'node:path';
import { RetrofitError } from '../errors.js';
import { GitRepo } from '../git/repo.js';
import { classifyPath } from '../port/classify-path.js';
import { splitLines } from '../port/engine/lines.js';
import { rollUp, weakest } from '../port/engine/roll-up.js';
import { placeHunks } from '../port/engine/place-hunks.js';
import { parsePatch, type PatchFile } from '../port/patch/parse-patch.js';
import type { AppContext } from './context.js';
import { DEFAULT_MIN_CONFIDENCE, type EngineFile, type EngineResult } from './port-engine.js';

export interface PatchPortReport {
  patch: string;
  subject?: string;
  onto: string;
  targetCommit: string;
  status: EngineResult['status'];
  confidence: number;
  files: EngineFile[];
}

export async function previewPatchPort(
  ctx: AppContext,
  input: { patch: string; repo: string; onto: string; minConfidence?: number },
): Promise<PatchPortReport> {
  const file = path.resolve(ctx.cwd, input.patch);
  if (!fs.existsSync(file)) {
    throw new RetrofitError('input-not-found', `no patch file ${input.patch}`, {
      input: input.patch,
      hint: 'Check the path of the patch.',
    });
  }
  const patch = parsePatch(fs.readFileSync(file, 'utf8'), input.patch);
  const repo = await GitRepo.open(input.repo);
  const targetCommit = await repo.resolveCommit(input.onto);
  const minConfidence = input.minConfidence ?? DEFAULT_MIN_CONFIDENCE;
  const files: EngineFile[] = [];
  for (const change of patch.files)
    files.push(await portPatchFile(repo, targetCommit, change, minConfidence));
  const status = rollUp(files.map((f) => f.status));
  const confidence = weakest(files);
  return {
    patch: input.patch,
    subject: patch.subject,
    onto: input.onto,
    targetCommit,
    status,
    confidence,
    files,
  };
}

async function portPatchFile(
  repo: GitRepo,
  target: string,
  change: PatchFile,
  minConfidence: number,
): Promise<EngineFile> {
  const shown = change.newPath ?? change.oldPath ?? '';
  const base = {
    path: shown,
    kind: classifyPath(shown),
    hunks: [] as EngineFile['hunks'],
    ...(change.oldPath && change.oldPath !== shown ? { oldPath: change.oldPath } : {}),
  };
  const conflict = (reason: EngineFile['reason']): EngineFile => ({
    ...base,
    status: 'conflict',
    strategy: 'none',
    confidence: 0,
    reason,
  });
  if (change.binary) return conflict('binary');
  if (change.hunks.length === 0)
    return { ...base, status: 'applied', strategy: 'none', confidence: 1 };
  const current = await repo.readBlob(target, change.oldPath ?? change.newPath!);
  if (change.status === 'added') {
    const content = change.hunks
      .flatMap((h) => h.lines.filter((l) => l.op === '+').map((l) => l.text))
      .join('');
    if (current === null) return { ...base, status: 'applied', strategy: 'none', confidence: 1 };
    return current.toString('utf8') === content
      ? { ...base, status: 'already-present', strategy: 'none', confidence: 1 }
      : conflict('exists-in-target');
  }
  if (current === null) {
    return change.status === 'deleted'
      ? { ...base, status: 'already-present', strategy: 'none', confidence: 1 }
      : conflict('missing-file');
  }
  if (current.includes(0)) return conflict('binary');
  const placed = placeHunks(splitLines(current.toString('utf8')), change.hunks, { minConfidence });
  const status = rollUp(placed.hunks.map((h) => h.status));
  return {
    ...base,
    status,
    strategy: 'hunks',
    confidence: status === 'conflict' ? 0 : placed.confidence,
    hunks: placed.hunks,
    ...(status === 'conflict' ? { reason: 'hunk-conflict' as const } : {}),
  };
}
