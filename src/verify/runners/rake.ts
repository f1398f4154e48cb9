// Ruby projects tested with minitest: `rake test` when the Rakefile defines a test task, else
// the test files loaded by ruby itself; verbose (`-v`) so minitest prints one line per test.
import { parseMinitest } from '../parse-minitest.js';
import type { ProjectFiles, TestRunner } from './types.js';

const RUBY_TEST_FILE = /^test\/(.*\/)?(test_[^/]*|[^/]*_test)\.rb$/;
/** Requires the files before `--` and leaves what follows (`-v`) for minitest's own options. */
const LOAD_FILES =
  'files = ARGV.take_while { |a| a != "--" }; ARGV.replace(ARGV.drop(files.size + 1)); files.each { |f| require File.expand_path(f) }';

export const rakeRunner: TestRunner = {
  id: 'rake',
  manifests: ['Rakefile'],
  detect: (project) =>
    hasRakeTestTask(project) || project.files.some((f) => RUBY_TEST_FILE.test(f)),
  suite(project) {
    if (hasRakeTestTask(project)) return { argv: ['rake', 'test', 'TESTOPTS=-v'], reportDirs: [] };
    return { argv: loadFiles(project.files.filter((f) => RUBY_TEST_FILE.test(f))), reportDirs: [] };
  },
  focus(_project, testPaths) {
    const files = testPaths.filter((file) => file.endsWith('.rb') && file.startsWith('test/'));
    if (files.length === 0) return null;
    return { argv: loadFiles(files), reportDirs: [] };
  },
  parse: (output) => parseMinitest(output),
};

function hasRakeTestTask(project: ProjectFiles): boolean {
  const rakefile = project.manifests['Rakefile'];
  return !!rakefile && /TestTask|task\s*\(?\s*[:"']?test\b/.test(rakefile);
}

function loadFiles(files: string[]): string[] {
  return ['ruby', '-Ilib', '-Itest', '-e', LOAD_FILES, ...files, '--', '-v'];
}
