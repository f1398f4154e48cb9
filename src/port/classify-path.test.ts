import { describe, expect, it } from 'vitest';
import { classifyPath, type PathRole } from './classify-path.js';

const cases: Array<[string, PathRole]> = [
  // tests: folders, prefixes and suffixes, any depth, any case
  ['test/parser.js', 'test'],
  ['tests/unit/test_parser.py', 'test'],
  ['packages/core/__tests__/parse.ts', 'test'],
  ['src/spec/helper.rb', 'test'],
  ['Testing/CMakeLists.txt', 'test'],
  ['lib/parser.test.ts', 'test'],
  ['lib/parser.spec.js', 'test'],
  ['lib/parser-test.js', 'test'],
  ['pkg/url/url_test.go', 'test'],
  ['test_utils.py', 'test'],
  ['test/fixtures/package.json', 'test'],
  ['src/Test/Helper.java', 'test'],
  // not tests, despite the letters
  ['src/latest.js', 'code'],
  ['src/contest.py', 'code'],
  ['src/attestation.ts', 'code'],
  ['src/testdata.go', 'code'],
  // changelogs, including fragment folders and the Debian one
  ['CHANGELOG.md', 'changelog'],
  ['packages/core/CHANGELOG.md', 'changelog'],
  ['CHANGES.rst', 'changelog'],
  ['HISTORY.md', 'changelog'],
  ['NEWS', 'changelog'],
  ['changelog.d/1234.bugfix.md', 'changelog'],
  ['.changeset/brave-lions-dance.md', 'changelog'],
  ['newsfragments/567.security', 'changelog'],
  ['debian/changelog', 'changelog'],
  ['src/history.js', 'code'],
  ['src/changes/apply.py', 'code'],
  // lockfiles
  ['package-lock.json', 'lockfile'],
  ['yarn.lock', 'lockfile'],
  ['pnpm-lock.yaml', 'lockfile'],
  ['Cargo.lock', 'lockfile'],
  ['go.sum', 'lockfile'],
  ['poetry.lock', 'lockfile'],
  ['services/api/Gemfile.lock', 'lockfile'],
  // build
  ['package.json', 'build'],
  ['tsconfig.build.json', 'build'],
  ['Makefile', 'build'],
  ['CMakeLists.txt', 'build'],
  ['cmake/FindZLIB.cmake', 'build'],
  ['pyproject.toml', 'build'],
  ['requirements-dev.txt', 'build'],
  ['go.mod', 'build'],
  ['pom.xml', 'build'],
  ['build.gradle.kts', 'build'],
  ['.github/workflows/ci.yml', 'build'],
  ['Dockerfile', 'build'],
  ['debian/rules', 'build'],
  ['mylib.gemspec', 'build'],
  // docs
  ['README.md', 'docs'],
  ['docs/api.md', 'docs'],
  ['doc/conf.py', 'docs'],
  ['man/retrofit.1', 'docs'],
  ['SECURITY.md', 'docs'],
  ['LICENSE', 'docs'],
  ['notes.txt', 'docs'],
  // code
  ['src/parser.ts', 'code'],
  ['lib/url.c', 'code'],
  ['include/url.h', 'code'],
  ['setup_helpers.py', 'code'],
];

describe('classifyPath', () => {
  it.each(cases)('%s is %s', (path, role) => {
    expect(classifyPath(path)).toBe(role);
  });
});
