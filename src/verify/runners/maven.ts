// Maven projects: `mvn -q -o test` (offline: the sandbox has no network, so dependencies must
// already be in the local repository), verdicts from surefire's JUnit XML reports.
import { XMLParser } from 'fast-xml-parser';
import { parseJUnitReports } from '../junit-reports.js';
import type { ProjectFiles, TestRunner } from './types.js';

const REPORTS = 'target/surefire-reports';
// Surefire 2.x and 3.x spell "a -Dtest filter that matches nothing in this module is fine" differently.
const FILTER_LENIENCY = ['-Dsurefire.failIfNoSpecifiedTests=false', '-DfailIfNoTests=false'];

export const mavenRunner: TestRunner = {
  id: 'maven',
  manifests: ['pom.xml'],
  detect: (project) => project.files.includes('pom.xml'),
  suite: (project) => ({ argv: ['mvn', '-q', '-o', 'test'], reportDirs: reportDirs(project) }),
  focus(project, testPaths) {
    const classes = testPaths
      .filter((file) => /(^|\/)src\/test\/.*\.(java|kt|groovy)$/.test(file))
      .map((file) => file.slice(file.lastIndexOf('/') + 1).replace(/\.\w+$/, ''));
    if (classes.length === 0) return null;
    return {
      argv: [
        'mvn',
        '-q',
        '-o',
        'test',
        `-Dtest=${[...new Set(classes)].join(',')}`,
        ...FILTER_LENIENCY,
      ],
      reportDirs: reportDirs(project),
    };
  },
  parse: (_output, reports) => parseJUnitReports(reports),
};

/** The root's reports and each listed module's (one level; nested aggregators are not followed). */
export function reportDirs(project: ProjectFiles): string[] {
  return [REPORTS, ...pomModules(project.manifests['pom.xml']).map((m) => `${m}/${REPORTS}`)];
}

export function pomModules(pom: string | null | undefined): string[] {
  if (!pom) return [];
  try {
    const parsed = new XMLParser({ isArray: (name) => name === 'module' }).parse(pom) as {
      project?: { modules?: { module?: unknown[] } };
    };
    return (
      (parsed.project?.modules?.module ?? [])
        .filter((module): module is string => typeof module === 'string')
        .map((module) => module.trim().replace(/\/+$/, ''))
        // A module path must stay inside the project.
        .filter((module) => module && !module.split('/').includes('..') && !module.startsWith('/'))
    );
  } catch {
    return [];
  }
}
