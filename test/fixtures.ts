// Reads a file under test/fixtures.
import fs from 'node:fs';

export function readFixture(relative: string): string {
  return fs.readFileSync(new URL(`./fixtures/${relative}`, import.meta.url), 'utf8');
}
