import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mavenRunner, pomModules } from './maven.js';

const fixture = (name: string) =>
  fs.readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8');

describe('maven runner', () => {
  it("merges the surefire reports of every module, and ignores surefire's text summaries", () => {
    const results = mavenRunner.parse('[ERROR] Tests run: 7, Failures: 1', [
      {
        path: 'target/surefire-reports/TEST-org.example.clamp.ClampTest.xml',
        text: fixture('surefire-report.xml'),
      },
      {
        path: 'core/target/surefire-reports/TEST-org.example.clamp.RangeTest.xml',
        text: fixture('surefire-class-error.xml'),
      },
      { path: 'target/surefire-reports/org.example.clamp.ClampTest.txt', text: 'Tests run: 6' },
    ]);
    expect(results.size).toBe(7);
    expect(results.get('org.example.clamp.RangeTest')).toBe('fail');
    expect(results.get('org.example.clamp.ClampTest > keepsValuesInRange')).toBe('pass');
  });

  it('reads the modules of an aggregator pom, keeping them inside the project', () => {
    const pom = `<?xml version="1.0"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <modules>
    <module>core</module>
    <module> cli/ </module>
    <module>../sibling</module>
    <module>/etc</module>
  </modules>
</project>`;
    expect(pomModules(pom)).toEqual(['core', 'cli']);
    expect(pomModules('<project><modules><module>only</module></modules></project>')).toEqual([
      'only',
    ]);
    expect(pomModules('<project>')).toEqual([]);
    expect(pomModules(null)).toEqual([]);
  });
});
