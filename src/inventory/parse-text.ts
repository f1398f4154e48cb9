// Parsing a lockfile's text as TOML or YAML, with a syntax error turned into `invalid-lockfile`
// naming the file and the line, and the line of a table or key for errors found afterwards.
import { parse as parseToml } from 'smol-toml';
import { LineCounter, parseAllDocuments, type Document } from 'yaml';
import { invalidLockfile } from './types.js';

export function parseTomlFile(text: string, source: string): Record<string, unknown> {
  try {
    return parseToml(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    const line = (error as { line?: unknown }).line;
    throw invalidLockfile(
      source,
      `not valid TOML (${(error as Error).message.split('\n')[0]})`,
      typeof line === 'number' ? line : undefined,
    );
  }
}

export interface YamlFile {
  /** Each document of the file (most lockfiles have one). */
  documents: Document[];
  /** The 1-based line of a node of one of the documents, when it has a position. */
  lineOf(node: unknown): number | undefined;
}

/** YAML documents; the first syntax error of any of them is thrown with its line. */
export function parseYamlFile(text: string, source: string): YamlFile {
  const lineCounter = new LineCounter();
  const documents = parseAllDocuments(text.replace(/^\uFEFF/, ''), {
    lineCounter,
    // A key written twice is a broken file: which of the two the tool meant is unknown.
    uniqueKeys: true,
  });
  const list = Array.isArray(documents) ? documents : [];
  for (const document of list) {
    const [error] = document.errors;
    if (error) {
      const reason = error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
      throw invalidLockfile(source, `not valid YAML (${reason})`, error.linePos?.[0].line);
    }
  }
  return {
    documents: list,
    lineOf(node) {
      const range = (node as { range?: [number, number, number] } | null)?.range;
      return range ? lineCounter.linePos(range[0]).line : undefined;
    },
  };
}

/** The 1-based line on which the `index`-th (0-based) occurrence of `header` starts a line. */
export function lineOfHeader(text: string, header: string, index: number): number | undefined {
  let seen = 0;
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (lines[i]!.trim() === header && seen++ === index) return i + 1;
  }
  return undefined;
}

/** The 1-based line of the first `key = ...` or `[key]` of a TOML file. */
export function lineOfKey(text: string, key: string): number | undefined {
  const index = text
    .split('\n')
    .findIndex((line) => new RegExp(`^\\s*(\\[+\\s*${key}\\s*\\]+|${key}\\s*=)`).test(line));
  return index < 0 ? undefined : index + 1;
}
