// Times the port engine against git's cherry-pick merge one case at a time, alternating which
// goes first (the first warms the disk cache), on the corpus cases whose snapshots are present.
// The bench itself runs two cases at once (`--jobs 2`), where each method's git processes
// compete with the other case's; this is the quieter measurement, split by whether git merges
// the case cleanly. Scores nothing: `retrofit bench` does that.
// Usage: RETROFIT_MIRRORS=<snapshots> node bench/timing.mjs OUT.json [repos.txt] [cases.jsonl]
import fs from 'node:fs';
import path from 'node:path';
import { parseManifest, parseRepoList } from '../dist/bench/corpus.js';
import { CleanupScope } from '../dist/cleanup.js';
import { createIsolatedRepo } from '../dist/git/isolated-repo.js';
import { cherryPickTree } from '../dist/git/merge-tree.js';
import { GitRepo } from '../dist/git/repo.js';
import { runPortEngine } from '../dist/app/port-engine.js';
import { readInput } from './read-input.mjs';

const [out, reposFile, manifestFile = '../shared/bench/cases.jsonl'] = process.argv.slice(2);
const mirrors = process.env.RETROFIT_MIRRORS;
if (!out || !mirrors) {
  console.error(
    'usage: RETROFIT_MIRRORS=<snapshots> node bench/timing.mjs OUT.json [repos.txt] [cases.jsonl]',
  );
  process.exit(2);
}
let cases = parseManifest(readInput('timing', manifestFile, 'corpus manifest'), manifestFile);
if (reposFile) {
  const wanted = new Set(parseRepoList(readInput('timing', reposFile, 'repository list')));
  cases = cases.filter((c) => wanted.has(c.repo));
}
const scope = new CleanupScope();
const results = [];
for (const benchCase of cases) {
  const base = path.join(mirrors, benchCase.repo.replace('/', '+'), 'repo');
  const gitDir = [base, path.join(base, '.git')].find((d) =>
    fs.existsSync(path.join(d, 'objects')),
  );
  if (!gitDir) continue;
  const mirror = await GitRepo.open(gitDir);
  const upstream = await mirror.commitInfo(benchCase.upstream);
  const backport = await mirror.commitInfo(benchCase.backport);
  const isolated = await createIsolatedRepo({
    objectsDir: mirror.objectsDir,
    refs: { upstream: upstream.sha, target: backport.parents[0] },
    scope,
  });
  const input = {
    parent: upstream.parents[0],
    upstream: upstream.sha,
    target: backport.parents[0],
    upstreamParents: upstream.parents,
  };
  const record = { id: benchCase.id };
  const runs = [
    async () => {
      const started = performance.now();
      const merge = await cherryPickTree(isolated.repo, input);
      record.cherryPickMs = performance.now() - started;
      record.clean = merge.clean;
    },
    async () => {
      const started = performance.now();
      const port = await runPortEngine(isolated.repo, input);
      record.engineMs = performance.now() - started;
      record.status = port.status;
    },
  ];
  if (results.length % 2) runs.reverse();
  for (const run of runs) await run();
  results.push(record);
  isolated.dispose();
}
scope.disposeAll();
fs.writeFileSync(out, JSON.stringify(results, null, 1));
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};
for (const [name, group] of [
  ['all', results],
  ['merged cleanly by git', results.filter((r) => r.clean)],
  ['conflicted in git', results.filter((r) => !r.clean)],
]) {
  if (group.length === 0) continue;
  const engine = median(group.map((r) => r.engineMs));
  const cherryPick = median(group.map((r) => r.cherryPickMs));
  console.log(
    `${name}: ${group.length} cases, engine ${engine.toFixed(1)} ms, cherry-pick ${cherryPick.toFixed(1)} ms, ratio ${(engine / cherryPick).toFixed(2)}`,
  );
}
