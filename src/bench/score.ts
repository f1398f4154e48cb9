// Scoring one method on one case, exactly as the bench README defines it, and adding the
// scores up per method and per group. Pure.
import { isBenchDoc, isBenchTest, type BenchCase } from './corpus.js';

export interface FileComparison {
  path: string;
  equal: boolean;
}

export interface CaseScore {
  exact: boolean;
  code: boolean;
  src: boolean;
  /** Reported a complete, conflict-free port whose src is wrong. */
  silentWrong: boolean;
  abstained: boolean;
  ms: number;
  error?: string;
}

export function scoreCase(files: FileComparison[], reportedClean: boolean, ms: number): CaseScore {
  const exact = files.every((f) => f.equal);
  const code = files.every((f) => f.equal || isBenchDoc(f.path));
  const src = files.every((f) => f.equal || isBenchDoc(f.path) || isBenchTest(f.path));
  return { exact, code, src, silentWrong: reportedClean && !src, abstained: !reportedClean, ms };
}

export interface MethodTotals {
  exact: number;
  code: number;
  src: number;
  silentWrong: number;
  abstained: number;
  errors: number;
  medianMs: number;
}

export function totals(scores: CaseScore[]): MethodTotals {
  const count = (key: 'exact' | 'code' | 'src' | 'silentWrong' | 'abstained') =>
    scores.filter((s) => s[key]).length;
  const times = scores.map((s) => s.ms).sort((a, b) => a - b);
  const mid = Math.floor(times.length / 2);
  const medianMs =
    times.length === 0 ? 0 : times.length % 2 ? times[mid]! : (times[mid - 1]! + times[mid]!) / 2;
  return {
    exact: count('exact'),
    code: count('code'),
    src: count('src'),
    silentWrong: count('silentWrong'),
    abstained: count('abstained'),
    errors: scores.filter((s) => s.error).length,
    medianMs: Math.round(medianMs * 10) / 10,
  };
}

export interface CaseResult {
  case: BenchCase;
  scores: Record<string, CaseScore>;
}

export interface GroupTotals {
  cases: number;
  methods: Record<string, MethodTotals>;
}

export function groupTotals(results: CaseResult[], methods: string[]): GroupTotals {
  const out: GroupTotals = { cases: results.length, methods: {} };
  for (const method of methods)
    out.methods[method] = totals(results.map((r) => r.scores[method]!).filter(Boolean));
  return out;
}

export interface BenchSummary extends GroupTotals {
  security: GroupTotals;
  byLabel: Record<string, GroupTotals>;
  byRepo: Record<string, GroupTotals>;
}

export function summarize(results: CaseResult[], methods: string[]): BenchSummary {
  const by = (key: (r: CaseResult) => string | undefined) => {
    const groups = new Map<string, CaseResult[]>();
    for (const result of results) {
      const k = key(result);
      if (k) groups.set(k, [...(groups.get(k) ?? []), result]);
    }
    return Object.fromEntries(
      [...groups.entries()]
        .sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]))
        .map(([k, v]) => [k, groupTotals(v, methods)]),
    );
  };
  return {
    ...groupTotals(results, methods),
    security: groupTotals(
      results.filter((r) => r.case.security),
      methods,
    ),
    byLabel: by((r) => r.case.labelContent),
    byRepo: by((r) => r.case.repo),
  };
}

/** One table row per group: each method's exact / code / src / silent-wrong / abstained as shares. */
export function formatSummary(summary: BenchSummary, methods: string[]): string {
  const pct = (n: number, of: number) => (of === 0 ? '-' : `${Math.round((100 * n) / of)}%`);
  const cell = (g: GroupTotals, m: string) => {
    const t = g.methods[m]!;
    return `${pct(t.exact, g.cases)} / ${pct(t.code, g.cases)} / ${pct(t.src, g.cases)} / ${pct(t.silentWrong, g.cases)} / ${pct(t.abstained, g.cases)}`;
  };
  const header = `| group | cases | ${methods.map((m) => `${m}: exact / code / src / silent-wrong / abstained`).join(' | ')} |`;
  const rows = [
    header,
    `|---|---:|${methods.map(() => '---').join('|')}|`,
    `| all | ${summary.cases} | ${methods.map((m) => cell(summary, m)).join(' | ')} |`,
    `| security | ${summary.security.cases} | ${methods.map((m) => cell(summary.security, m)).join(' | ')} |`,
    ...Object.entries(summary.byLabel).map(
      ([k, g]) => `| label: ${k} | ${g.cases} | ${methods.map((m) => cell(g, m)).join(' | ')} |`,
    ),
    ...Object.entries(summary.byRepo).map(
      ([k, g]) => `| ${k} | ${g.cases} | ${methods.map((m) => cell(g, m)).join(' | ')} |`,
    ),
  ];
  const times = methods.map((m) => `${m} ${summary.methods[m]!.medianMs} ms`).join(', ');
  const errors = methods
    .filter((m) => summary.methods[m]!.errors > 0)
    .map((m) => `${m} ${summary.methods[m]!.errors}`);
  return [
    ...rows,
    '',
    `median time per case: ${times}`,
    ...(errors.length ? [`errors (counted as abstained): ${errors.join(', ')}`] : []),
  ].join('\n');
}
