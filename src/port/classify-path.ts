// Sorts the files of a fix by role (test, docs, changelog, build, lockfile, code), so the port
// and the verification can treat each kind differently: tests prove the fix, changelogs and
// lockfiles are regenerated rather than ported, code is what must move.

export type PathRole = 'test' | 'docs' | 'changelog' | 'build' | 'lockfile' | 'code';

const CHANGELOG = [
  /(^|\/)(change[-_]?log|changes|history|news|release[-_]?notes)(\.(md|markdown|rst|txt|adoc))?$/i,
  // Fragment folders of towncrier, changesets and friends: one file per change, merged at release.
  // Top level only: a `changes/` folder deeper down is as likely to be code.
  /^(changelog\.d|changes|newsfragments|\.changeset|changelogs\/unreleased)\//i,
  /(^|\/)debian\/changelog$/i,
];

/** The test classifier the brief fixed; also used to pick the regression tests to run. */
const TEST =
  /(^|\/)(tests?|spec|specs|__tests__|testing)(\/|$)|(^|\/)test_[^/]*$|[._-](test|spec)\.[a-z]+$|_test\.[a-z]+$/i;

const LOCKFILE =
  /(^|\/)(package-lock\.json|npm-shrinkwrap\.json|yarn\.lock|pnpm-lock\.yaml|bun\.lockb?|Cargo\.lock|Gemfile\.lock|poetry\.lock|Pipfile\.lock|pdm\.lock|uv\.lock|composer\.lock|go\.sum|mix\.lock|flake\.lock|packages\.lock\.json|gradle\.lockfile|Package\.resolved)$/i;

const BUILD = [
  /(^|\/)(package\.json|tsconfig[^/]*\.json|Makefile|GNUmakefile|makefile|CMakeLists\.txt|meson\.build|meson_options\.txt|configure\.ac|configure\.in|Makefile\.am|Makefile\.in|setup\.py|setup\.cfg|pyproject\.toml|MANIFEST\.in|tox\.ini|noxfile\.py|requirements[^/]*\.txt|Pipfile|Cargo\.toml|build\.rs|go\.mod|pom\.xml|build\.gradle(\.kts)?|settings\.gradle(\.kts)?|gradle\.properties|Gemfile|Rakefile|composer\.json|BUILD(\.bazel)?|WORKSPACE(\.bazel)?|MODULE\.bazel|Dockerfile|Containerfile|\.travis\.yml|\.gitlab-ci\.yml|appveyor\.yml|Jenkinsfile)$/,
  /\.(cmake|gemspec|mk|bzl)$/i,
  /(^|\/)(\.github\/workflows|\.circleci|\.buildkite)\//,
  /(^|\/)debian\/(rules|control|compat|patches\/series)$/,
];

const DOCS = [
  /(^|\/)(docs?|documentation|man|examples?)\//i,
  /\.(md|markdown|rst|adoc|asciidoc|txt|texi|[1-9])$/i,
  /(^|\/)(README|AUTHORS|CONTRIBUTORS|CONTRIBUTING|SECURITY|COPYING|LICEN[CS]E|NOTICE)(\.[a-z]+)?$/i,
];

/**
 * The role of one path. Checked most specific first: a changelog is also a Markdown file, and
 * a `package.json` under `test/fixtures/` is part of the tests, not of the build.
 */
export function classifyPath(path: string): PathRole {
  if (CHANGELOG.some((re) => re.test(path))) return 'changelog';
  if (TEST.test(path)) return 'test';
  if (LOCKFILE.test(path)) return 'lockfile';
  if (BUILD.some((re) => re.test(path))) return 'build';
  if (DOCS.some((re) => re.test(path))) return 'docs';
  return 'code';
}

/**
 * Git pathspecs that leave out what `classifyPath` calls tests, and the folders it calls
 * documentation and examples: searching a repository's code for what code can use (code
 * never calls into its tests or its examples). Folder and file-name patterns; a `.md` file
 * is left to the caller's own globs.
 */
export const NOT_CODE_PATHSPECS: string[] = [
  ...['test', 'tests', 'spec', 'specs', '__tests__', 'testing', 'doc', 'docs', 'documentation']
    .concat(['man', 'example', 'examples'])
    .map((folder) => `**/${folder}/**`),
  '**/test_*',
  '**/*[._-]test.*',
  '**/*[._-]spec.*',
].map((glob) => `:(exclude,glob,icase)${glob}`);
