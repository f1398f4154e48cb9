// Go modules: `go test -json`, one event per test, for every package or only the fix's.
import { parseGoTestJson } from '../parse-go-test-json.js';
import type { TestRunner } from './types.js';

export const goRunner: TestRunner = {
  id: 'go',
  manifests: ['go.mod'],
  detect: (project) =>
    project.files.includes('go.mod') && project.files.some((file) => file.endsWith('_test.go')),
  suite: () => ({ argv: ['go', 'test', '-json', './...'], reportDirs: [] }),
  focus(_project, testPaths) {
    const packages = new Set(
      testPaths
        .filter((file) => file.endsWith('.go'))
        .map((file) => (file.includes('/') ? `./${file.slice(0, file.lastIndexOf('/'))}` : '.')),
    );
    if (packages.size === 0) return null;
    return { argv: ['go', 'test', '-json', ...[...packages].sort()], reportDirs: [] };
  },
  parse: (output) => parseGoTestJson(output),
};
