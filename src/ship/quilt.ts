// A backport as a Debian quilt patch: the DEP-3 header (https://dep-team.pages.debian.net/deps/dep3/),
// the next name in debian/patches/series, and a debian/changelog stanza. Pure: the caller reads
// the files, this decides their new content, the caller writes.
import { RetrofitError } from '../errors.js';
import { primaryAdvisory, type ShipEvidence } from './evidence.js';

export interface ChangelogHead {
  source: string;
  version: string;
  distribution: string;
  urgency: string;
}

/**
 * The first line of debian/changelog: `source (version) distribution; urgency=...`.
 * By hand, not with a library: this one line is all we read, and its grammar is fixed by
 * Debian Policy 4.4 (no npm package parses it better than this).
 */
export function parseChangelogHead(text: string): ChangelogHead | null {
  const first = text.split('\n').find((line) => line.trim() !== '') ?? '';
  const match =
    /^([a-z0-9][a-z0-9.+-]+) \(([^()\s]+)\) ([a-zA-Z0-9.+\s-]+?)\s*;.*\burgency=([a-zA-Z]+)/.exec(
      first,
    );
  if (!match) return null;
  return {
    source: match[1]!,
    version: match[2]!,
    distribution: match[3]!.trim().split(/\s+/)[0]!,
    urgency: match[4]!,
  };
}

/** Debian stable codenames to release numbers, for the `+debNuM` security suffix. */
const DEBIAN_RELEASES: Record<string, number> = {
  jessie: 8,
  stretch: 9,
  buster: 10,
  bullseye: 11,
  bookworm: 12,
  trixie: 13,
  forky: 14,
};

/**
 * The version and distribution of a security update, by the Debian convention for stable
 * (Developer's Reference, "Preparing packages to address security issues"): `+debNuM` after
 * the current version, N the release number and M counting updates, uploaded to
 * `<codename>-security`. A version that already has `+debNuM` gets M + 1. Null when the
 * distribution is not a Debian stable release (unstable, UNRELEASED, another vendor): then
 * the version is the maintainer's call.
 */
export function securityUpdateVersion(
  head: ChangelogHead,
): { version: string; distribution: string } | null {
  const codename = head.distribution.replace(/-(security|proposed-updates|updates)$/, '');
  const release = DEBIAN_RELEASES[codename];
  const bumped = /^(.*\+deb(\d+)u)(\d+)$/.exec(head.version);
  if (bumped) {
    return {
      version: `${bumped[1]}${Number(bumped[3]) + 1}`,
      distribution: release ? `${codename}-security` : head.distribution,
    };
  }
  if (!release) return null;
  return { version: `${head.version}+deb${release}u1`, distribution: `${codename}-security` };
}

/** `NNNN-<advisory>.patch`, NNNN one past the highest number among the existing patches. */
export function nextPatchName(existing: string[], advisories: string[]): string {
  let highest = 0;
  for (const name of existing) {
    const match = /^(?:.*\/)?(\d{1,4})-/.exec(name);
    if (match) highest = Math.max(highest, Number(match[1]));
  }
  const number = String(Math.max(highest, existing.length) + 1).padStart(4, '0');
  const id = primaryAdvisory(advisories).replace(/[^A-Za-z0-9.+_-]+/g, '-');
  return `${number}-${id}.patch`;
}

/** The series file with the patch appended (one name a line, trailing newline kept). */
export function appendSeries(series: string | null, name: string): string {
  const text = series ?? '';
  const lines = text.split('\n').map((line) => line.replace(/\s+#.*$/, '').trim());
  if (lines.includes(name)) {
    throw new RetrofitError('usage', `debian/patches/series already lists ${name}`, {
      input: name,
    });
  }
  return `${text}${text === '' || text.endsWith('\n') ? '' : '\n'}${name}\n`;
}

export interface PatchHeaderInput {
  evidence: ShipEvidence;
  /** Web URLs of the upstream commits, when the advisory names them. */
  upstreamUrls: string[];
  /** Advisory URLs for the Bug field. */
  bugUrls: string[];
  /** YYYY-MM-DD */
  lastUpdate: string;
}

/** The DEP-3 header followed by `---` and the diff; `quilt push` and dpkg-source skip the header. */
export function buildQuiltPatch(input: PatchHeaderInput, diff: string): string {
  const { evidence } = input;
  const message = evidence.upstreamMessage;
  const description = [message.subject, ...wrapBody(message.body)];
  if (evidence.adaptations.length > 0) {
    description.push('', 'Adapted to the old code by retrofit:');
    description.push(...evidence.adaptations.map((a) => `  ${a}`));
  }
  if (evidence.verification) {
    const v = evidence.verification;
    description.push(
      '',
      `Verification: ${v.status}${v.sandboxed ? ' (sandboxed)' : ' (not sandboxed)'}, ${v.command.join(' ')}`,
    );
    for (const test of v.fixedTests) description.push(`  fixed: ${test}`);
  }
  // Origin's keyword: "upstream" for a cherry-pick, "backport" when it had to be modified.
  const kind = evidence.adaptations.length > 0 ? 'backport' : 'upstream';
  const origins =
    input.upstreamUrls.length > 0
      ? input.upstreamUrls
      : evidence.upstream.map((u) => `commit:${u.sha}`);
  const fields: Array<[string, string]> = [
    ['Description', formatDescription(description)],
    ['Origin', `${kind}, ${origins.join(', ')}`],
  ];
  if (message.author) fields.push(['Author', message.author]);
  for (const url of input.bugUrls) fields.push(['Bug', url]);
  fields.push(['Applied-Upstream', evidence.upstream.map((u) => `commit:${u.sha}`).join(', ')]);
  fields.push(['Forwarded', 'not-needed']);
  fields.push(['Last-Update', input.lastUpdate]);
  const header = fields.map(([k, v]) => `${k}: ${v}`).join('\n');
  return `${header}\n---\n${diff.endsWith('\n') ? diff : `${diff}\n`}`;
}

/** Description continuation lines start with a space; an empty line is ` .` (RFC 822 style). */
function formatDescription(lines: string[]): string {
  const [first, ...rest] = lines;
  return [first ?? '', ...rest.map((line) => (line.trim() === '' ? ' .' : ` ${line}`))].join('\n');
}

/** The upstream body without its trailers, which the patch's own fields replace. */
function wrapBody(body: string): string[] {
  const lines = body
    .split('\n')
    .filter((line) => !/^[A-Za-z-]+: /.test(line) && !/^\(cherry picked from/.test(line));
  while (lines.length > 0 && lines[lines.length - 1]!.trim() === '') lines.pop();
  return lines.length > 0 ? ['', ...lines] : [];
}

export interface ChangelogInput {
  head: ChangelogHead;
  version: string;
  distribution: string;
  evidence: ShipEvidence;
  patchName: string;
  maintainer: string;
  date: Date;
}

/** A dch-style stanza, to be put in front of the existing changelog. */
export function buildChangelogStanza(input: ChangelogInput): string {
  const [advisory] = input.evidence.advisories;
  const id = primaryAdvisory(input.evidence.advisories);
  const others = input.evidence.advisories.filter((a) => a !== id);
  const named = others.length > 0 ? `${id} (${others.join(', ')})` : id;
  const subject = input.evidence.upstreamMessage.subject || `fix for ${advisory}`;
  const upstream = input.evidence.upstream.map((u) => u.sha.slice(0, 12)).join(', ');
  const items = [
    ...wrap(`* ${named}: ${subject}`, '  ', '    '),
    ...wrap(
      `- debian/patches/${input.patchName}: ${input.evidence.adaptations.length > 0 ? 'backport' : 'cherry-pick'} of upstream commit ${upstream}`,
      '    ',
      '      ',
    ),
  ];
  return [
    `${input.head.source} (${input.version}) ${input.distribution}; urgency=${input.head.urgency === 'low' ? 'medium' : input.head.urgency}`,
    '',
    ...items,
    '',
    ` -- ${input.maintainer}  ${rfc2822(input.date)}`,
    '',
    '',
  ].join('\n');
}

/** Wraps at 80 columns, the width dch keeps. */
function wrap(text: string, first: string, rest: string): string[] {
  const out: string[] = [];
  let line = first;
  for (const word of text.split(/\s+/)) {
    const prefix = out.length === 0 ? first : rest;
    if (line.length > prefix.length && line.length + 1 + word.length > 80) {
      out.push(line);
      line = rest + word;
    } else {
      line += (line.length > prefix.length ? ' ' : '') + word;
    }
  }
  out.push(line);
  return out;
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `Fri, 27 Nov 2026 16:00:00 +0000`, the date format of a changelog trailer line (`date -R`). */
export function rfc2822(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${DAYS[date.getUTCDay()]}, ${pad(date.getUTCDate())} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()} ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} +0000`;
}
