// Merges the JUnit XML reports a run wrote; one unreadable report does not lose the others.
import { parseJUnitXml } from './parse-junit-xml.js';
import { recordResult, type TestResults } from './parse-test-output.js';
import type { ReportFile } from './runners/types.js';

export function parseJUnitReports(reports: ReportFile[]): TestResults {
  const results: TestResults = new Map();
  for (const report of reports) {
    if (!report.path.endsWith('.xml')) continue;
    let parsed: TestResults;
    try {
      parsed = parseJUnitXml(report.text);
    } catch {
      // A report cut off when its run was killed: the tests it named are simply missing.
      continue;
    }
    for (const [name, status] of parsed) recordResult(results, name, status);
  }
  return results;
}
