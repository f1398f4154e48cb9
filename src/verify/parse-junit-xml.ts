// Reads per-test verdicts from a JUnit XML report, the format Maven surefire, vitest, Gradle,
// go-junit-report and most CI tools write. Names are `classname > name` (surefire: the class and
// the method; vitest: the file and the test's title path), the same in the runs before and after.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { recordResult, type TestResults, type TestStatus } from './parse-test-output.js';

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  // Messages and stack traces are not needed, and entities in them must not expand.
  processEntities: true,
  parseAttributeValue: false,
  parseTagValue: false,
  isArray: (name) => ['testsuite', 'testcase'].includes(name),
});

interface XmlNode {
  [key: string]: unknown;
}

/** Throws on text that is not well-formed XML (a report cut off when its run was killed). */
export function parseJUnitXml(text: string): TestResults {
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    throw new Error(`not well-formed XML: ${valid.err.msg} (line ${valid.err.line})`);
  }
  const results: TestResults = new Map();
  const root = parser.parse(text) as XmlNode;
  const visit = (node: XmlNode) => {
    for (const testcase of asNodes(node.testcase)) {
      const { name, status } = readTestcase(testcase);
      if (name) recordResult(results, name, status);
    }
    // Suites nest: <testsuites> holds <testsuite>s, and some tools nest <testsuite> in <testsuite>.
    for (const suite of asNodes(node.testsuite)) visit(suite);
    for (const suites of asNodes(node.testsuites)) visit(suites);
  };
  visit(root);
  return results;
}

function asNodes(value: unknown): XmlNode[] {
  if (value === undefined || value === null) return [];
  const list = Array.isArray(value) ? value : [value];
  // An empty element parses as '' rather than an object; it still exists.
  return list.map((item) => (typeof item === 'object' && item ? (item as XmlNode) : {}));
}

function readTestcase(testcase: XmlNode): { name: string; status: TestStatus } {
  const classname = typeof testcase.classname === 'string' ? testcase.classname.trim() : '';
  const title = typeof testcase.name === 'string' ? testcase.name.trim() : '';
  // Surefire reports a class that failed before any test ran (a static initialiser, @BeforeAll)
  // as a testcase named after the class, or with no name: the class itself failed.
  const name =
    !title || title === classname ? classname : classname ? `${classname} > ${title}` : title;
  const has = (child: string) => child in testcase;
  // A surefire rerun that passed keeps its earlier attempts as flakyFailure/flakyError: a pass.
  const status: TestStatus =
    has('failure') || has('error') ? 'fail' : has('skipped') ? 'skip' : 'pass';
  return { name, status };
}
