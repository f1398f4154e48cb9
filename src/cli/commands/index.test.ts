import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { CommandSpec } from '../command.js';
import { commands } from './index.js';

const folder = path.dirname(fileURLToPath(import.meta.url));

describe('command registry', () => {
  it('registers every command file in this folder, and nothing else', async () => {
    const files = fs
      .readdirSync(folder)
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && f !== 'index.ts');
    const specs: CommandSpec[] = [];
    for (const file of files) {
      const module = (await import(path.join(folder, file))) as Record<string, unknown>;
      const exported = Object.values(module).filter(
        (v): v is CommandSpec =>
          typeof v === 'object' && v !== null && 'run' in v && 'configure' in v,
      );
      expect(exported, `${file} exports one CommandSpec`).toHaveLength(1);
      specs.push(exported[0]!);
    }
    expect(new Set(commands)).toEqual(new Set(specs));
  });

  it('gives every command a summary and an example', () => {
    for (const spec of commands) {
      expect(spec.summary.length, spec.name).toBeGreaterThan(10);
      expect(spec.examples.length, spec.name).toBeGreaterThan(0);
    }
  });
});
