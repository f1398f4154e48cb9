// The shape of one CLI command. A command parses its arguments, calls one use case in app/,
// and returns the JSON document and the human text; main.ts prints one of them.
import type { Command } from 'commander';
import type { AppContext } from '../app/context.js';
import { RetrofitError } from '../errors.js';

export interface CommandOutput {
  /** The one JSON document printed under --json. */
  json: unknown;
  /** What a person reads. */
  human: string;
  /** 0 ok, 1 findings or conflicts, 2 usage or input error. */
  exitCode: number;
}

export interface CommandSpec {
  /** Command path, e.g. `scan` or `advisories import`. */
  name: string;
  summary: string;
  /** Usage examples shown at the end of --help. */
  examples: string[];
  /** Declares arguments and options on the commander command. */
  configure(command: Command): void;
  run(input: {
    args: string[];
    options: Record<string, unknown>;
    ctx: AppContext;
  }): Promise<CommandOutput>;
}

/** A required option, or a usage error that names it and shows an example. */
export function requireOption(
  options: Record<string, unknown>,
  name: string,
  example: string,
): string {
  const value = options[name];
  if (typeof value !== 'string' || value.length === 0) {
    throw new RetrofitError('usage', `missing --${name}`, { hint: `For example: ${example}` });
  }
  return value;
}

/** A required positional argument, or a usage error. */
export function requireArg(args: string[], index: number, what: string, example: string): string {
  const value = args[index];
  if (!value)
    throw new RetrofitError('usage', `missing ${what}`, { hint: `For example: ${example}` });
  return value;
}

/** `--min-confidence`: a number from 0 to 1, or a usage error. */
export function parseConfidence(value: unknown): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0 || n > 1) {
    throw new RetrofitError(
      'usage',
      `--min-confidence ${String(value)} is not a number from 0 to 1`,
      {
        input: String(value),
        hint: 'For example: --min-confidence 0.8',
      },
    );
  }
  return n;
}
