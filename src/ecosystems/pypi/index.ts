// PyPI: PEP 440 versions and PEP 503 names.
import { compare, valid } from '@renovatebot/pep440';
import type { Ecosystem } from '../types.js';

export const pypi: Ecosystem = {
  name: 'PyPI',
  // PEP 503: runs of `-`, `_` and `.` are one separator, and case does not matter.
  normalizeName: (name) =>
    name
      .trim()
      .toLowerCase()
      .replace(/[-_.]+/g, '-'),
  isValidVersion: (version) => valid(version) !== null,
  compareVersions(a, b) {
    if (valid(a) === null || valid(b) === null) {
      throw new TypeError(`not a PEP 440 version: ${valid(a) === null ? a : b}`);
    }
    return compare(a, b);
  },
};
