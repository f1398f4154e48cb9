// The release tags around an advisory's fixed versions: for each `fixed` version, the tag that
// released it and the tag of the newest release before it, so the fix is among the commits
// between the two.
import type { OsvRecord } from '../advisories/osv.js';
import { getEcosystem } from '../ecosystems/index.js';

export interface ReleaseWindow {
  fixed: string;
  fixedTag: string;
  /** The newest tagged release before `fixed` (at or after `introduced` when known). */
  previousTag: string;
}

/** The version a tag names: `1.2.3`, `v1.2.3`, `name@1.2.3`, `name-1.2.3`, `name-v1.2.3`. */
function tagVersion(tag: string, name: string): string {
  const lower = tag.toLowerCase();
  const bare = name.toLowerCase().split('/').pop()!;
  for (const prefix of [`${name.toLowerCase()}@`, `${bare}@`, `${bare}-`, 'release-', 'rel-']) {
    if (lower.startsWith(prefix)) return tag.slice(prefix.length).replace(/^v/i, '');
  }
  return tag.replace(/^v/i, '');
}

export function releaseWindows(record: OsvRecord, tags: string[]): ReleaseWindow[] {
  const windows: ReleaseWindow[] = [];
  for (const affected of record.affected ?? []) {
    const name = affected.package?.name;
    const ecosystem = affected.package && getEcosystem(affected.package.ecosystem);
    if (!name || !ecosystem) continue;
    const versions = tags
      .map((tag) => ({ tag, version: tagVersion(tag, name) }))
      .filter((t) => ecosystem.isValidVersion(t.version));
    for (const range of affected.ranges ?? []) {
      if (range.type === 'GIT') continue;
      let introduced: string | undefined;
      for (const event of range.events) {
        if (event.introduced !== undefined) introduced = event.introduced;
        const fixed = event.fixed;
        if (fixed === undefined || !ecosystem.isValidVersion(fixed)) continue;
        const fixedTag = versions.find((t) => ecosystem.compareVersions(t.version, fixed) === 0);
        if (!fixedTag) continue;
        const floor =
          introduced && introduced !== '0' && ecosystem.isValidVersion(introduced)
            ? introduced
            : undefined;
        const before = versions
          .filter((t) => ecosystem.compareVersions(t.version, fixed) < 0)
          .filter((t) => !floor || ecosystem.compareVersions(t.version, floor) >= 0)
          .sort((a, b) => ecosystem.compareVersions(b.version, a.version))[0];
        if (!before) continue;
        if (!windows.some((w) => w.fixedTag === fixedTag.tag))
          windows.push({ fixed, fixedTag: fixedTag.tag, previousTag: before.tag });
      }
    }
  }
  return windows;
}
