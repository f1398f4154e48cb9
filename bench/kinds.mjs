// Sorts the corpus cases by what the maintainers changed (the kinds of `baseline.md`: the same
// lines as upstream, only tests rewritten, a subset, a superset, small or large edits) and
// scores each method per kind from a `retrofit bench --json --cases` report. It shows where a
// method's points can still come from: a port that only moves upstream lines can reach code
// and src on the cases whose lines the maintainers kept, and nowhere else.
// Usage: RETROFIT_MIRRORS=<snapshots> node bench/kinds.mjs REPORT.json [cases.jsonl]
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { isBenchDoc, isBenchTest, parseManifest } from '../dist/bench/corpus.js';
import { readInput } from './read-input.mjs';

const [reportFile, manifestFile = '../shared/bench/cases.jsonl'] = process.argv.slice(2);
const mirrors = process.env.RETROFIT_MIRRORS;
if (!reportFile || !mirrors) {
  console.error(
    'usage: RETROFIT_MIRRORS=<snapshots> node bench/kinds.mjs REPORT.json [cases.jsonl]',
  );
  process.exit(2);
}
let report;
try {
  report = JSON.parse(readInput('kinds', reportFile, 'report'));
} catch (error) {
  console.error(`kinds: ${reportFile} is not a JSON report (${error.message})`);
  process.exit(2);
}
if (!Array.isArray(report.results)) {
  console.error(`kinds: ${reportFile} has no per-case results; run the bench with --json --cases`);
  process.exit(2);
}
const cases = new Map(
  parseManifest(readInput('kinds', manifestFile, 'corpus manifest'), manifestFile).map((c) => [
    c.id,
    c,
  ]),
);

/** Added and removed lines (trimmed, sorted) of a commit's diff against its first parent. */
function changedLines(gitDir, sha, keep) {
  const text = execFileSync(
    'git',
    ['--git-dir', gitDir, 'diff', '--no-renames', '--no-color', '--no-ext-diff', `${sha}^`, sha],
    { maxBuffer: 1 << 28 },
  ).toString('utf8');
  const out = { add: [], del: [] };
  let file = null;
  for (const line of text.split('\n')) {
    if (line.startsWith('diff --git ')) {
      file = / b\/(.*)$/.exec(line)?.[1] ?? null;
      continue;
    }
    if (!file || !keep(file) || line.startsWith('+++') || line.startsWith('---')) continue;
    if (line.startsWith('+')) out.add.push(line.slice(1).trim());
    else if (line.startsWith('-')) out.del.push(line.slice(1).trim());
  }
  out.add.sort();
  out.del.sort();
  return out;
}

const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
const within = (small, big) => {
  const left = new Map();
  for (const x of big) left.set(x, (left.get(x) ?? 0) + 1);
  for (const x of small) {
    if (!left.get(x)) return false;
    left.set(x, left.get(x) - 1);
  }
  return true;
};
const distance = (a, b) => {
  const left = new Map();
  for (const x of a) left.set(x, (left.get(x) ?? 0) + 1);
  let d = 0;
  for (const x of b) {
    if (left.get(x)) left.set(x, left.get(x) - 1);
    else d++;
  }
  for (const n of left.values()) d += n;
  return d;
};

function kindOf(benchCase) {
  // A snapshot is a git directory, or a clone holding one in `.git`.
  const base = path.join(mirrors, benchCase.repo.replace('/', '+'), 'repo');
  const gitDir = fs.existsSync(path.join(base, '.git')) ? path.join(base, '.git') : base;
  const code = (f) => !isBenchDoc(f);
  const src = (f) => !isBenchDoc(f) && !isBenchTest(f);
  const up = changedLines(gitDir, benchCase.upstream, code);
  const bp = changedLines(gitDir, benchCase.backport, code);
  if (same(up, bp)) return 'same lines';
  const upSrc = changedLines(gitDir, benchCase.upstream, src);
  const bpSrc = changedLines(gitDir, benchCase.backport, src);
  if (same(upSrc, bpSrc)) return 'same source lines, tests rewritten';
  if (within(bpSrc.add, upSrc.add) && within(bpSrc.del, upSrc.del)) return 'source subset';
  if (within(upSrc.add, bpSrc.add) && within(upSrc.del, bpSrc.del)) return 'source superset';
  const d = distance(upSrc.add, bpSrc.add) + distance(upSrc.del, bpSrc.del);
  return d <= 4 ? 'source edited, ≤ 4 lines' : 'source edited, more';
}

const groups = new Map();
for (const result of report.results) {
  const benchCase = cases.get(result.id);
  if (!benchCase) continue;
  const kind = kindOf(benchCase);
  const group = groups.get(kind) ?? { cases: 0, methods: {} };
  group.cases++;
  for (const [method, score] of Object.entries(result.scores)) {
    const m = (group.methods[method] ??= { code: 0, src: 0, silentWrong: 0 });
    m.code += score.code ? 1 : 0;
    m.src += score.src ? 1 : 0;
    m.silentWrong += score.silentWrong ? 1 : 0;
  }
  groups.set(kind, group);
}
const methods = Object.keys(report.methods);
console.log(
  `| kind | cases | ${methods.map((m) => `${m}: code / src / silent-wrong`).join(' | ')} |`,
);
console.log(`|---|---:|${methods.map(() => '---').join('|')}|`);
for (const [kind, group] of [...groups].sort((a, b) => b[1].cases - a[1].cases)) {
  const cells = methods.map((m) => {
    const s = group.methods[m] ?? { code: 0, src: 0, silentWrong: 0 };
    return `${s.code} / ${s.src} / ${s.silentWrong}`;
  });
  console.log(`| ${kind} | ${group.cases} | ${cells.join(' | ')} |`);
}
