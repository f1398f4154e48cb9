// Reads a file under test/fixtures, and what a parser should throw for a broken one.
import fs from 'node:fs';
import { expect } from 'vitest';

export function readFixture(relative: string): string {
  return fs.readFileSync(new URL(`./fixtures/${relative}`, import.meta.url), 'utf8');
}

/** What an `invalid-lockfile` error naming `source` and `line` looks like, for toThrowError. */
export function invalidLockfileAt(source: string, line: number): unknown {
  return expect.objectContaining({
    code: 'invalid-lockfile',
    message: expect.stringContaining(`cannot read ${source}:${line}: `),
    data: expect.objectContaining({ input: source, line }),
  });
}
