// The layer rules of STYLE.md are lint rules; this checks that they bite.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: new URL('..', import.meta.url).pathname });

async function ruleIds(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
}

describe('layer boundaries', () => {
  it.each([
    ["import fs from 'node:fs';\nexport const x = fs;\n", 'src/port/bad.ts'],
    ["import fs from 'node:fs';\nexport const x = fs;\n", 'src/inventory/bad.ts'],
    ["import { spawn } from 'node:child_process';\nexport const x = spawn;\n", 'src/match/bad.ts'],
    ["import fs from 'node:fs';\nexport const x = fs;\n", 'src/vex/bad.ts'],
    [
      "import { runGit } from '../git/run-git.js';\nexport const x = runGit;\n",
      'src/export/bad.ts',
    ],
    ["import { spawn } from 'node:child_process';\nexport const x = spawn;\n", 'src/app/bad.ts'],
    ["import { Kysely } from 'kysely';\nexport const x = Kysely;\n", 'src/app/bad.ts'],
    [
      "import { openStore } from '../../store/open-store.js';\nexport const x = openStore;\n",
      'src/cli/commands/bad.ts',
    ],
    ["import { GitRepo } from '../git/repo.js';\nexport const x = GitRepo;\n", 'src/cli/bad.ts'],
  ])('rejects %j in %s', async (code, file) => {
    expect(await ruleIds(code, file)).toContain('no-restricted-imports');
  });

  it.each([
    ["import { spawn } from 'node:child_process';\nexport const x = spawn;\n", 'src/git/ok.ts'],
    ["import { Kysely } from 'kysely';\nexport const x = Kysely;\n", 'src/store/ok.ts'],
    ["import { GitRepo } from '../git/repo.js';\nexport const x = GitRepo;\n", 'src/app/ok.ts'],
  ])('allows %j in %s', async (code, file) => {
    expect(await ruleIds(code, file)).not.toContain('no-restricted-imports');
  });
});
