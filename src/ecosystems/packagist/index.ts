// Packagist: Composer package names (`vendor/package`) and Composer's version order.
import type { Ecosystem } from '../types.js';
import { compareComposerVersions, normalizeComposerVersion } from './version-compare.js';

export const packagist: Ecosystem = {
  name: 'Packagist',
  // Composer lowercases package names; Packagist and OSV use the lowercase form.
  normalizeName: (name) => name.trim().toLowerCase(),
  isValidVersion: (version) => normalizeComposerVersion(version) !== null,
  compareVersions: compareComposerVersions,
};
