// The backport's commit message: the upstream message kept whole, then one trailer block with
// the provenance a reviewer, a scanner and `git log --grep` can read back.

export interface BackportMessageInput {
  /** The upstream commit message (subject and body). */
  upstreamMessage: string;
  /** Upstream commits in the order they were ported. */
  upstream: string[];
  /** Advisory id first, then its aliases. */
  advisories: string[];
  /** One line per adapted part, when the port was not a plain pick. */
  adaptations?: string[];
  /** When the port started from another release line's backport rather than upstream. */
  portedFrom?: { commit: string; branch: string };
  /** For a prerequisite commit: the fix it is ported for (no `Fixes:` of its own). */
  prerequisiteFor?: string;
  signedOffBy?: string;
}

const TRAILER_LINE = /^[A-Za-z][A-Za-z0-9-]*: .+$|^\(cherry picked from commit [0-9a-f]+\)$/;

/** Upstream trailers (Signed-off-by, Reviewed-by…) stay in the one final trailer block. */
function splitTrailers(message: string): { body: string; trailers: string[] } {
  const lines = message.trimEnd().split('\n');
  let start = lines.length;
  while (start > 1 && TRAILER_LINE.test(lines[start - 1] ?? '')) start--;
  if (start === lines.length || (lines[start - 1] ?? '').trim() !== '')
    return { body: lines.join('\n'), trailers: [] };
  return { body: lines.slice(0, start).join('\n').trimEnd(), trailers: lines.slice(start) };
}

export function buildBackportMessage(input: BackportMessageInput): string {
  const { body, trailers } = splitTrailers(input.upstreamMessage);
  const block = [
    ...trailers,
    ...input.upstream.map((sha) => `(cherry picked from commit ${sha})`),
    ...input.upstream.map((sha) => `Backport-of: ${sha}`),
    ...(input.advisories.length > 0 ? [`Fixes: ${input.advisories.join(', ')}`] : []),
    ...(input.prerequisiteFor ? [`Prerequisite-for: ${input.prerequisiteFor}`] : []),
    ...(input.portedFrom
      ? [
          `Retrofit-Ported-From: ${input.portedFrom.commit} (backport on ${input.portedFrom.branch})`,
        ]
      : []),
    ...(input.adaptations ?? []).map((line) => `Retrofit-Adapted: ${line}`),
    ...(input.signedOffBy ? [`Signed-off-by: ${input.signedOffBy}`] : []),
  ];
  return `${body}\n\n${block.join('\n')}\n`;
}

/** Reads the provenance trailers back from a commit message. */
export function readProvenance(message: string): { upstream: string[]; advisories: string[] } {
  const upstream = new Set<string>();
  const advisories = new Set<string>();
  for (const match of message.matchAll(/^\(cherry picked from commit ([0-9a-f]{7,40})\)$/gm))
    upstream.add(match[1]!);
  for (const match of message.matchAll(/^Backport-of: ([0-9a-f]{7,40})\s*$/gm))
    upstream.add(match[1]!);
  for (const match of message.matchAll(/^Fixes: (.+)$/gm)) {
    for (const id of match[1]!.split(/[,\s]+/)) if (id) advisories.add(id);
  }
  return { upstream: [...upstream], advisories: [...advisories] };
}

/** `retrofit/<advisory>/<target>`, with characters git refuses in branch names replaced. */
export function backportBranchName(advisory: string, target: string): string {
  // Control characters are among those git refuses in ref names (git check-ref-format).
  const clean = (part: string) =>
    part
      // eslint-disable-next-line no-control-regex
      .replace(/[\s~^:?*[\\\x00-\x1f\x7f]+/g, '-')
      .replace(/\.\.+/g, '.')
      .replace(/@\{/g, '-')
      .replace(/^[.-]+|[./]+$/g, '')
      .replace(/\.lock$/, '-lock') || 'x';
  return `retrofit/${clean(advisory)}/${target.split('/').map(clean).join('/')}`;
}

/** The `Retrofit-Adapted:` trailers of a backport commit: one line per adapted hunk. */
export function readAdaptations(message: string): string[] {
  return [...message.matchAll(/^Retrofit-Adapted: (.+)$/gm)].map((match) => match[1]!);
}
