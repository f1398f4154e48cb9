// One error type for the whole tool: a kebab-case code, a payload, and one formatter that
// names the bad input and says what to do. Expected outcomes (a conflict, an advisory that
// does not apply) are return values, never throws.

export type ErrorCode =
  | 'usage'
  | 'not-a-repository'
  | 'ref-not-found'
  | 'branch-exists'
  | 'dirty-worktree'
  | 'git-command-failed'
  | 'git-timeout'
  | 'advisory-not-found'
  | 'invalid-advisory'
  | 'invalid-lockfile'
  | 'invalid-patch'
  | 'invalid-vex'
  | 'cannot-write-output'
  | 'input-not-found'
  | 'unsupported-input'
  | 'no-fix-commit'
  | 'no-test-command'
  | 'sandbox-unavailable'
  | 'database-error'
  | 'push-failed'
  | 'forge-request-failed'
  | 'download-failed';

export interface ErrorPayload {
  /** The input the error is about: a path, an id, a ref. Named in the message. */
  input?: string;
  /** What the user can do about it. */
  hint?: string;
  /** For command failures: the command line and what it wrote to stderr. */
  command?: string[];
  stderr?: string;
  exitCode?: number | null;
  [key: string]: unknown;
}

export class RetrofitError extends Error {
  readonly code: ErrorCode;
  readonly data: ErrorPayload;

  constructor(code: ErrorCode, message: string, data: ErrorPayload = {}) {
    super(message);
    this.name = 'RetrofitError';
    this.code = code;
    this.data = data;
  }

  toJSON(): { code: ErrorCode; message: string; data: ErrorPayload } {
    return { code: this.code, message: this.message, data: this.data };
  }
}

export function isRetrofitError(error: unknown): error is RetrofitError {
  return error instanceof RetrofitError;
}

/** Exit code for an error: 2 for anything the user can fix in their input, 3 for internal faults. */
export function exitCodeFor(error: unknown): number {
  if (!isRetrofitError(error)) return 3;
  return error.code === 'git-command-failed' || error.code === 'database-error' ? 3 : 2;
}

/** The one human formatter: message, then the input and the hint on their own lines. */
export function formatError(error: unknown): string {
  if (!isRetrofitError(error)) {
    const message = error instanceof Error ? error.message : String(error);
    return `retrofit: internal error: ${message}\nThis is a bug; please report it with the command you ran.`;
  }
  const lines = [`retrofit: ${error.message}`];
  if (error.data.command) lines.push(`  command: ${error.data.command.join(' ')}`);
  if (error.data.stderr)
    lines.push(
      `  stderr: ${String(error.data.stderr).trim().split('\n').slice(-5).join('\n          ')}`,
    );
  if (error.data.hint) lines.push(`  hint: ${error.data.hint}`);
  return lines.join('\n');
}
