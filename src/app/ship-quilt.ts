// Exporting a backport into a Debian source tree the user names: debian/patches/NNNN-<id>.patch
// with DEP-3 headers, its name appended to debian/patches/series, and a security-update stanza
// on top of debian/changelog. Everything is computed and checked first; the three files are
// then each written to a temporary name and renamed into place.
import fs from 'node:fs';
import path from 'node:path';
import { RetrofitError } from '../errors.js';
import type { GitRepo } from '../git/repo.js';
import type { ShipEvidence } from '../ship/evidence.js';
import {
  appendSeries,
  buildChangelogStanza,
  buildQuiltPatch,
  nextPatchName,
  parseChangelogHead,
  securityUpdateVersion,
  type ChangelogHead,
} from '../ship/quilt.js';

export interface QuiltTarget {
  dir: string;
  head: ChangelogHead;
  version: string;
  distribution: string;
  maintainer: string;
}

export interface QuiltExport {
  dir: string;
  /** Relative to `dir`: debian/patches/NNNN-<id>.patch */
  patch: string;
  version: string;
  distribution: string;
}

/** Checks the directory and settles version and distribution, or throws naming what is wrong. */
export function planQuilt(input: {
  dir: string;
  maintainer: string | null;
  version?: string;
  distribution?: string;
}): QuiltTarget {
  const dir = path.resolve(input.dir);
  const changelogFile = path.join(dir, 'debian', 'changelog');
  if (!fs.existsSync(changelogFile)) {
    throw new RetrofitError('input-not-found', `${dir} has no debian/changelog`, {
      input: dir,
      hint: 'Pass --quilt-dir with the top directory of an unpacked Debian source package.',
    });
  }
  const format = readIfExists(path.join(dir, 'debian', 'source', 'format'));
  if (format !== null && format.trim() !== '3.0 (quilt)') {
    throw new RetrofitError(
      'unsupported-input',
      `${dir} is a "${format.trim()}" source package; quilt patches need "3.0 (quilt)"`,
      { input: path.join(dir, 'debian', 'source', 'format') },
    );
  }
  const head = parseChangelogHead(fs.readFileSync(changelogFile, 'utf8'));
  if (!head) {
    throw new RetrofitError(
      'unsupported-input',
      `the first entry of ${changelogFile} is not a Debian changelog line`,
      {
        input: changelogFile,
        hint: 'It should read like: package (1.2-3) bookworm; urgency=medium',
      },
    );
  }
  const derived = securityUpdateVersion(head);
  const version = input.version ?? derived?.version;
  const distribution = input.distribution ?? derived?.distribution;
  if (!version || !distribution) {
    throw new RetrofitError(
      'usage',
      `cannot derive a security-update version from ${head.version} in ${head.distribution}`,
      {
        input: changelogFile,
        hint: 'Debian stable releases get +debNuM; for other distributions pass --debian-version and --debian-distribution.',
      },
    );
  }
  if (!input.maintainer) {
    throw new RetrofitError('usage', 'no maintainer name for the debian/changelog entry', {
      hint: "Pass --author 'Name <email>', or set DEBFULLNAME and DEBEMAIL, or git's user.name and user.email.",
    });
  }
  return { dir, head, version, distribution, maintainer: input.maintainer };
}

export interface PreparedQuilt {
  target: QuiltTarget;
  patchName: string;
  files: Array<{ file: string; content: string }>;
}

/** Computes the three files from the backport commit; writes nothing. */
export async function prepareQuilt(input: {
  repo: GitRepo;
  target: QuiltTarget;
  evidence: ShipEvidence;
  upstreamUrls: string[];
  bugUrls: string[];
  now: Date;
}): Promise<PreparedQuilt> {
  const { repo, target, evidence } = input;
  const touched = await repo.changedPaths(evidence.target.commit, evidence.commit);
  const packaging = touched.filter((file) => file === 'debian' || file.startsWith('debian/'));
  if (packaging.length > 0) {
    throw new RetrofitError(
      'unsupported-input',
      `the backport changes packaging files (${packaging.join(', ')}); a quilt patch may only change the upstream source`,
      { input: evidence.commit },
    );
  }
  // Explicit prefixes and no colour: the user's diff config must not change the patch text.
  const diff = (
    await repo.run([
      'diff',
      '--no-color',
      '--no-renames',
      '--no-ext-diff',
      '--no-textconv',
      '--src-prefix=a/',
      '--dst-prefix=b/',
      evidence.target.commit,
      evidence.commit,
    ])
  ).stdout;
  if (/^(Binary files .* differ|GIT binary patch)$/m.test(diff)) {
    throw new RetrofitError(
      'unsupported-input',
      'the backport changes a binary file, which a quilt patch cannot carry',
      { input: evidence.commit },
    );
  }
  if (diff.trim() === '') {
    throw new RetrofitError('unsupported-input', 'the backport changes nothing', {
      input: evidence.commit,
    });
  }
  const patchesDir = path.join(target.dir, 'debian', 'patches');
  const seriesFile = path.join(patchesDir, 'series');
  const series = readIfExists(seriesFile);
  const existing = [
    ...(series ?? '').split('\n').map((line) => line.replace(/#.*$/, '').trim()),
    ...(fs.existsSync(patchesDir) ? fs.readdirSync(patchesDir) : []),
  ].filter((name) => name && name !== 'series');
  const patchName = nextPatchName([...new Set(existing)], evidence.advisories);
  const patchFile = path.join(patchesDir, patchName);
  if (fs.existsSync(patchFile)) {
    throw new RetrofitError('usage', `${patchFile} already exists`, { input: patchFile });
  }
  const changelogFile = path.join(target.dir, 'debian', 'changelog');
  const stanza = buildChangelogStanza({
    head: target.head,
    version: target.version,
    distribution: target.distribution,
    evidence,
    patchName,
    maintainer: target.maintainer,
    date: input.now,
  });
  return {
    target,
    patchName,
    files: [
      {
        file: patchFile,
        content: buildQuiltPatch(
          {
            evidence,
            upstreamUrls: input.upstreamUrls,
            bugUrls: input.bugUrls,
            lastUpdate: input.now.toISOString().slice(0, 10),
          },
          diff,
        ),
      },
      { file: seriesFile, content: appendSeries(series, patchName) },
      { file: changelogFile, content: stanza + fs.readFileSync(changelogFile, 'utf8') },
    ],
  };
}

export function writeQuilt(prepared: PreparedQuilt): QuiltExport {
  const temps: string[] = [];
  try {
    fs.mkdirSync(path.join(prepared.target.dir, 'debian', 'patches'), { recursive: true });
    for (const { file, content } of prepared.files) {
      const temp = `${file}.retrofit-${process.pid}.tmp`;
      fs.writeFileSync(temp, content);
      temps.push(temp);
    }
    prepared.files.forEach(({ file }, i) => fs.renameSync(temps[i]!, file));
  } finally {
    for (const temp of temps) fs.rmSync(temp, { force: true });
  }
  return {
    dir: prepared.target.dir,
    patch: `debian/patches/${prepared.patchName}`,
    version: prepared.target.version,
    distribution: prepared.target.distribution,
  };
}

function readIfExists(file: string): string | null {
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : null;
}
