// The CLI entry point: builds the commands from the registry, prints JSON or human output,
// maps errors to exit codes (0 ok, 1 findings/conflicts, 2 usage or input, 3 internal), and
// removes temporary directories on Ctrl-C.
import { Command, CommanderError } from 'commander';
import type { AppContext } from '../app/context.js';
import { CleanupScope } from '../cleanup.js';
import { exitCodeFor, formatError, isRetrofitError } from '../errors.js';
import { RETROFIT_VERSION } from '../version.js';
import { commands } from './commands/index.js';
import type { CommandSpec } from './command.js';

export interface MainIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
  env: NodeJS.ProcessEnv;
}

const defaultIo: MainIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  cwd: process.cwd(),
  env: process.env,
};

export async function main(argv: string[], io: MainIo = defaultIo): Promise<number> {
  const scope = new CleanupScope();
  const onSignal = (signal: NodeJS.Signals) => {
    scope.disposeAll();
    io.stderr(`retrofit: interrupted (${signal}); temporary worktrees removed\n`);
    process.exit(130);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  let exitCode = 0;
  const program = buildProgram(io, scope, (code) => (exitCode = code));
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end here with code 0; everything else is a usage error.
      exitCode = error.exitCode === 0 ? 0 : 2;
    } else {
      exitCode = exitCodeFor(error);
      io.stderr(`${formatError(error)}\n`);
    }
  } finally {
    scope.disposeAll();
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
  }
  return exitCode;
}

function buildProgram(io: MainIo, scope: CleanupScope, setExit: (code: number) => void): Command {
  const program = new Command('retrofit')
    .description('Backport security fixes to the software versions people actually run.')
    .version(RETROFIT_VERSION)
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .showHelpAfterError('(run with --help for usage and examples)');
  program.addHelpText(
    'after',
    '\nExamples:\n  retrofit demo\n  retrofit scan --repo . --ref v1.4.2\n  retrofit run GHSA-3h5v-q93c-6h6q --repo ./ws --onto v7.x,v6.x\n',
  );
  const groups = new Map<string, Command>();
  for (const spec of commands) {
    const parts = spec.name.split(' ');
    let parent = program;
    for (const part of parts.slice(0, -1)) {
      let group = groups.get(part);
      if (!group) {
        group = parent.command(part).description(`${part} commands`).exitOverride();
        group.configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
        groups.set(part, group);
      }
      parent = group;
    }
    const command = parent
      .command(parts[parts.length - 1] ?? spec.name)
      .description(spec.summary)
      .option('--json', 'print one JSON document on stdout')
      .option('--db <file>', 'database file (default: .retrofit/retrofit.db; env RETROFIT_DB)')
      .exitOverride()
      .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
    spec.configure(command);
    command.addHelpText('after', `\nExamples:\n${spec.examples.map((e) => `  ${e}`).join('\n')}\n`);
    command.action(async (...actionArgs: unknown[]) => {
      const cmd = actionArgs[actionArgs.length - 1] as Command;
      const options = cmd.opts();
      const args = cmd.args;
      setExit(await runCommand(spec, { args, options, io, scope }));
    });
  }
  return program;
}

async function runCommand(
  spec: CommandSpec,
  input: { args: string[]; options: Record<string, unknown>; io: MainIo; scope: CleanupScope },
): Promise<number> {
  const { io, options } = input;
  // `--format json` (scan) is the long form of --json.
  const json = options.json === true || options.format === 'json';
  const ctx: AppContext = {
    cwd: io.cwd,
    env: io.env,
    db: typeof options.db === 'string' ? options.db : undefined,
    scope: input.scope,
    progress: json ? () => {} : (line) => io.stderr(`${line}\n`),
  };
  try {
    const output = await spec.run({ args: input.args, options, ctx });
    io.stdout(json ? `${JSON.stringify(output.json, null, 2)}\n` : ensureNewline(output.human));
    return output.exitCode;
  } catch (error) {
    if (json) {
      const payload = isRetrofitError(error)
        ? error.toJSON()
        : { code: 'internal', message: error instanceof Error ? error.message : String(error) };
      io.stdout(`${JSON.stringify({ error: payload }, null, 2)}\n`);
    }
    io.stderr(`${formatError(error)}\n`);
    return exitCodeFor(error);
  }
}

function ensureNewline(text: string): string {
  return text.endsWith('\n') ? text : `${text}\n`;
}
