// `retrofit demo`: the whole pipeline on a sample project built on the spot — scan (the old
// branch is affected), backport the fix, scan again (fixed by the backport, with evidence),
// and write the VEX document. Everything lands in one temporary folder that is kept for a
// look around.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildRepo } from '../git/recipe.js';
import type { AppContext } from './context.js';
import {
  DEMO_ADVISORY_ID,
  DEMO_FIX_ID,
  DEMO_RELEASE_BRANCH,
  demoAdvisory,
  demoRecipe,
} from './demo-project.js';
import { importAdvisories } from './import-advisories.js';
import { runBackport, type BranchResult } from './run.js';
import { scanRepoRef, type ScanReport } from './scan.js';
import { exportVex } from './vex.js';

export interface DemoScan {
  ref: string;
  affected: number;
  fixed: number;
  fixedByBackport: number;
  notAffected: number;
  findings: ScanReport['findings'];
}

export interface DemoReport {
  folder: string;
  project: string;
  database: string;
  advisory: string;
  before: DemoScan;
  backports: Array<BranchResult & { advisory: string }>;
  after: DemoScan;
  vex: string;
}

export async function runDemo(
  ctx: AppContext,
  options: { folder?: string; sandbox: boolean | 'auto'; now?: () => Date },
): Promise<DemoReport> {
  const folder = options.folder
    ? path.resolve(ctx.cwd, options.folder)
    : fs.mkdtempSync(path.join(os.tmpdir(), 'retrofit-demo-'));
  fs.mkdirSync(folder, { recursive: true });
  const project = path.join(folder, 'tinyserve');
  const demoCtx: AppContext = {
    ...ctx,
    cwd: folder,
    db: ctx.db ? path.resolve(ctx.cwd, ctx.db) : path.join(folder, '.retrofit', 'retrofit.db'),
  };

  ctx.progress(`building the sample project in ${project}`);
  const built = await buildRepo(project, demoRecipe);
  const advisoryFile = path.join(folder, 'advisories', `${DEMO_ADVISORY_ID}.json`);
  fs.mkdirSync(path.dirname(advisoryFile), { recursive: true });
  fs.writeFileSync(
    advisoryFile,
    `${JSON.stringify(demoAdvisory(built.commits[DEMO_FIX_ID]!), null, 2)}\n`,
  );
  await importAdvisories(demoCtx, path.dirname(advisoryFile));

  ctx.progress(`scanning ${DEMO_RELEASE_BRANCH}`);
  const before = summarize(
    DEMO_RELEASE_BRANCH,
    await scanRepoRef(demoCtx, { repo: project, ref: DEMO_RELEASE_BRANCH }),
  );
  const run = await runBackport(demoCtx, {
    advisory: DEMO_ADVISORY_ID,
    repo: project,
    onto: [DEMO_RELEASE_BRANCH],
    sandbox: options.sandbox,
    now: options.now,
  });
  const shipped = run.results.find((r) => r.shipped && r.backportBranch);
  const afterRef = shipped?.backportBranch ?? DEMO_RELEASE_BRANCH;
  ctx.progress(`scanning ${afterRef}`);
  const after = summarize(afterRef, await scanRepoRef(demoCtx, { repo: project, ref: afterRef }));
  const vex = await exportVex(demoCtx, {
    out: path.join(folder, 'tinyserve.openvex.json'),
    now: options.now,
  });
  return {
    folder,
    project,
    database: demoCtx.db!,
    advisory: DEMO_ADVISORY_ID,
    before,
    backports: run.results.map((r) => ({ advisory: run.advisory, ...r })),
    after,
    vex: vex.path,
  };
}

function summarize(ref: string, report: ScanReport): DemoScan {
  const count = (status: string) => report.findings.filter((f) => f.status === status).length;
  return {
    ref,
    affected: count('affected'),
    fixed: count('fixed'),
    fixedByBackport: count('fixed-by-backport'),
    notAffected: count('not-affected'),
    findings: report.findings,
  };
}
