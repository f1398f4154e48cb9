// RubyGems: Gem::Version order (segments, with any letter making a prerelease).
import { create, type Version } from '@renovatebot/ruby-semver/dist/ruby/version.js';
import type { Ecosystem } from '../types.js';

/** Gem::Version reads a blank string as "0"; a blank version in a lockfile is a mistake. */
function parse(version: string): Version | null {
  return version.trim() === '' ? null : (create(version) as Version | null);
}

export const rubygems: Ecosystem = {
  name: 'RubyGems',
  // Gem names are matched exactly by rubygems.org and by OSV.
  normalizeName: (name) => name.trim(),
  isValidVersion: (version) => parse(version) !== null,
  compareVersions(a, b) {
    const left = parse(a);
    const right = parse(b);
    if (!left || !right) throw new TypeError(`not a RubyGems version: ${left ? b : a}`);
    return left.compare(right);
  },
};
