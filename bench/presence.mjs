// Measures patch presence on the backport corpus: for each case, is the upstream fix found in
// the maintainers' backport (it should be) and in the commit just before it (it should not)?
// Usage: RETROFIT_MIRRORS=<snapshots> node bench/presence.mjs [cases.jsonl] [--repos FILE]
import fs from 'node:fs';
import path from 'node:path';
import { GitRepo } from '../dist/git/repo.js';
import { findPatchPresence } from '../dist/app/patch-presence.js';

const args = process.argv.slice(2);
const reposAt = args.indexOf('--repos');
const only =
  reposAt >= 0
    ? new Set(
        fs
          .readFileSync(args[reposAt + 1], 'utf8')
          .split('\n')
          .map((l) => l.trim())
          .filter((l) => l && !l.startsWith('#')),
      )
    : null;
const manifest =
  args.find((a, i) => !a.startsWith('--') && i !== reposAt + 1) ?? '../shared/bench/cases.jsonl';
const mirrors = process.env.RETROFIT_MIRRORS;
if (!mirrors) {
  console.error(
    'presence: set RETROFIT_MIRRORS to the folder holding the OWNER+NAME/repo snapshots',
  );
  process.exit(2);
}
const cases = fs
  .readFileSync(manifest, 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => JSON.parse(l))
  .filter((c) => !only || only.has(c.repo));
const tally = {
  cases: 0,
  after: { present: 0, partial: 0, absent: 0, undecidable: 0 },
  before: { present: 0, partial: 0, absent: 0, undecidable: 0 },
  errors: 0,
  ms: [],
};
const falsePositives = [];
const misses = [];
let next = 0;
async function worker() {
  while (next < cases.length) {
    const c = cases[next++];
    const dir = path.join(mirrors, c.repo.replace('/', '+'), 'repo');
    try {
      const repo = await GitRepo.open(dir);
      const started = performance.now();
      const after = await findPatchPresence({ repo, ref: c.backport, fix: c.upstream });
      const before = await findPatchPresence({ repo, ref: `${c.backport}^`, fix: c.upstream });
      tally.ms.push((performance.now() - started) / 2);
      tally.cases++;
      tally.after[after.status]++;
      tally.before[before.status]++;
      if (before.status === 'present') falsePositives.push(c.id);
      if (after.status !== 'present') misses.push(`${c.id}:${after.status}`);
    } catch (error) {
      tally.errors++;
      console.error(`${c.id}: ${error.message.split('\n')[0]}`);
    }
  }
}
await Promise.all([worker(), worker()]);
tally.ms.sort((a, b) => a - b);
const median = tally.ms[Math.floor(tally.ms.length / 2)] ?? 0;
const pct = (n) => `${((100 * n) / tally.cases).toFixed(1)}%`;
console.log(
  `cases ${tally.cases} (errors ${tally.errors}), median ${median.toFixed(0)} ms per check`,
);
console.log(
  `in the maintainers' backport: present ${tally.after.present} (${pct(tally.after.present)}), partial ${tally.after.partial}, absent ${tally.after.absent}, undecidable ${tally.after.undecidable}`,
);
console.log(
  `just before it:               present ${tally.before.present} (${pct(tally.before.present)}), partial ${tally.before.partial}, absent ${tally.before.absent}, undecidable ${tally.before.undecidable}`,
);
if (process.env.PRESENCE_VERBOSE) console.log(JSON.stringify({ falsePositives, misses }));
