// The backport corpus: reading the manifest (one JSON case per line) and the bench README's
// path classes. Pure.
import { RetrofitError } from '../errors.js';

export interface BenchCase {
  id: string;
  repo: string;
  branch: string;
  upstream: string;
  backport: string;
  upstreamIsMerge: boolean;
  security: boolean;
  advisories: string[];
  subject: string;
  labelContent?: string;
}

export function parseManifest(text: string, source: string): BenchCase[] {
  const cases: BenchCase[] = [];
  for (const [index, line] of text.split('\n').entries()) {
    if (line.trim() === '') continue;
    let raw: Record<string, unknown>;
    try {
      raw = JSON.parse(line) as Record<string, unknown>;
    } catch (error) {
      throw new RetrofitError(
        'unsupported-input',
        `${source}:${index + 1} is not JSON: ${(error as Error).message}`,
        {
          input: `${source}:${index + 1}`,
          hint: 'The manifest has one JSON case per line (see the bench README).',
        },
      );
    }
    const need = (key: string) => {
      const value = raw[key];
      if (typeof value !== 'string' || value === '') {
        throw new RetrofitError('unsupported-input', `${source}:${index + 1} has no "${key}"`, {
          input: `${source}:${index + 1}`,
          hint: 'Each case needs id, repo, branch, upstream and backport.',
        });
      }
      return value;
    };
    cases.push({
      id: need('id'),
      repo: need('repo'),
      branch: need('branch'),
      upstream: need('upstream'),
      backport: need('backport'),
      upstreamIsMerge: raw.upstream_is_merge === true,
      security: raw.security === true,
      advisories: Array.isArray(raw.advisories) ? raw.advisories.map(String) : [],
      subject: typeof raw.subject === 'string' ? raw.subject : '',
      ...(typeof raw.label_content === 'string' ? { labelContent: raw.label_content } : {}),
    });
  }
  return cases;
}

/** The repository list (`owner/name` per line; `#` comments and a TSV header allowed). */
export function parseRepoList(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.split('\t')[0]!.trim())
    .filter((line) => line !== '' && !line.startsWith('#') && line.includes('/'));
}

// The bench README's definitions, verbatim.
const DOCS =
  /(^|\/)(docs?|documentation|changelog|changes|news|history|release[-_]?notes)(\/|\.|$)|\.(md|rst|txt|adoc)$/i;
const TEST =
  /(^|\/)(tests?|spec|specs|__tests__|testing|testdata|fixtures?)(\/|$)|(^|\/)test_[^/]*$|[._-](test|spec)\.[a-z]+$|_test\.[a-z]+$|Tests?\.java$/i;

export function isBenchDoc(path: string): boolean {
  return DOCS.test(path);
}

export function isBenchTest(path: string): boolean {
  return TEST.test(path);
}
