// Spotting a test that tried to reach the network: inside the sandbox there is none, so such a
// test fails with a connection or name-resolution error. The verdict should say so, or a
// reader takes the failure for a bug in the port (or in the old code).

export interface NetworkAttempt {
  /** The failing test the error was printed under, when the output says. */
  test?: string;
  /** The error line, trimmed. */
  evidence: string;
}

/** Errors of Node, Python, Go, Java and curl for a connection or a lookup that cannot happen. */
const NETWORK_ERROR =
  /\b(?:ECONNREFUSED|ENETUNREACH|EHOSTUNREACH|EAI_AGAIN|ENOTFOUND|getaddrinfo|Temporary failure in name resolution|Network is unreachable|Could not resolve host|UnknownHostException|no such host)\b/;

/** Lines that name the test whose failure details follow: TAP, pytest, mocha. */
const TEST_HEADER = [
  /^\s*not ok \d+ - (.+?)(?: # .*)?$/,
  /^_{3,} (\S.*?) _{3,}$/,
  /^\s*\d+\) (.+?):?$/,
];

/** At most this many attempts are reported: one is enough to explain, a few show the spread. */
const LIMIT = 5;

export function findNetworkAttempts(output: string): NetworkAttempt[] {
  const attempts: NetworkAttempt[] = [];
  const seen = new Set<string>();
  let test: string | undefined;
  for (const line of output.split('\n')) {
    for (const header of TEST_HEADER) {
      const match = header.exec(line);
      if (match) {
        test = match[1]!.trim();
        break;
      }
    }
    const error = NETWORK_ERROR.exec(line);
    if (!error) continue;
    const key = test ?? error[0];
    if (seen.has(key)) continue;
    seen.add(key);
    attempts.push({ ...(test ? { test } : {}), evidence: line.trim().slice(0, 200) });
    if (attempts.length >= LIMIT) break;
  }
  return attempts;
}

/** One note per run: "network access blocked: ..." when sandboxed, else what failed. */
export function describeNetworkAttempts(
  attempts: NetworkAttempt[],
  run: { label: string; sandboxed: boolean },
): string | null {
  if (attempts.length === 0) return null;
  const where = attempts
    .map((a) => (a.test ? `test '${a.test}' (${a.evidence})` : a.evidence))
    .join('; ');
  return run.sandboxed
    ? `network access blocked: the ${run.label} run tried to reach the network, which the sandbox does not allow: ${where}`
    : `the ${run.label} run failed to reach the network: ${where}`;
}
