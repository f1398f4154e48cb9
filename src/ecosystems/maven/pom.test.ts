import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractPom, parsePom } from './pom.js';

const fixture = (name: string) =>
  fs.readFileSync(new URL(`../../../test/fixtures/lockfiles/${name}`, import.meta.url), 'utf8');

const pom = (body: string) => `<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
${body}
</project>
`;

describe('parsePom', () => {
  it('reads spring-petclinic: property versions resolved, parent-managed ones reported', () => {
    const result = parsePom(fixture('pom.xml'), 'pom.xml');
    expect(result.packages.map((p) => `${p.name}@${p.version}`)).toEqual([
      'org.webjars:webjars-locator-lite@1.1.3',
      'org.webjars.npm:bootstrap@5.3.8',
      'org.webjars.npm:font-awesome@4.7.0',
    ]);
    expect(result.packages[0]).toEqual({
      ecosystem: 'Maven',
      name: 'org.webjars:webjars-locator-lite',
      version: '1.1.3',
      source: 'pom.xml',
    });
    // Plugins and their dependencies are build tools, not part of the application.
    expect(result.packages.map((p) => p.name)).not.toContain('com.puppycrawl.tools:checkstyle');
    expect(result.unresolved).toContainEqual({
      name: 'org.springframework.boot:spring-boot-starter-actuator',
      reason: expect.stringContaining('managed outside this file'),
    });
    // 24 declared dependencies, 3 resolved: the other 21 get their version from the parent.
    expect(result.unresolved).toHaveLength(21);
  });

  it('resolves nested properties, project coordinates and dependencyManagement', () => {
    const text = pom(`
  <parent><groupId>org.example</groupId><artifactId>parent</artifactId><version>2.1.0</version></parent>
  <artifactId>app</artifactId>
  <properties>
    <jackson.major>2.13</jackson.major>
    <jackson.version>\${jackson.major}.1</jackson.version>
    <a>\${b}</a>
    <b>\${a}</b>
  </properties>
  <dependencyManagement>
    <dependencies>
      <dependency><groupId>org.yaml</groupId><artifactId>snakeyaml</artifactId><version>1.33</version></dependency>
      <dependency><groupId>org.example</groupId><artifactId>bom</artifactId><version>1</version><scope>import</scope><type>pom</type></dependency>
    </dependencies>
  </dependencyManagement>
  <dependencies>
    <dependency>
      <groupId>com.fasterxml.jackson.core</groupId>
      <artifactId>jackson-databind</artifactId>
      <version>\${jackson.version}</version>
    </dependency>
    <dependency><groupId>\${project.groupId}</groupId><artifactId>core</artifactId><version>\${project.version}</version></dependency>
    <dependency><groupId>org.yaml</groupId><artifactId>snakeyaml</artifactId></dependency>
    <dependency><groupId>log4j</groupId><artifactId>log4j</artifactId><version>\${log4j.version}</version></dependency>
    <dependency><groupId>org.x</groupId><artifactId>ranged</artifactId><version>[1.0,2.0)</version></dependency>
    <dependency><groupId>org.x</groupId><artifactId>cycle</artifactId><version>\${a}</version></dependency>
  </dependencies>`);
    const result = parsePom(text, 'app/pom.xml');
    expect(result.packages.map((p) => `${p.name}@${p.version}`)).toEqual([
      'com.fasterxml.jackson.core:jackson-databind@2.13.1',
      'org.example:core@2.1.0',
      'org.yaml:snakeyaml@1.33',
    ]);
    expect(result.unresolved).toEqual([
      {
        name: 'log4j:log4j',
        reason: 'its version ${log4j.version} uses a property this file does not set',
      },
      { name: 'org.x:ranged', reason: 'its version [1.0,2.0) is a range, not one version' },
      { name: 'org.x:cycle', reason: 'its version ${a} uses a property this file does not set' },
    ]);
  });

  it('groups what was not scanned by reason for the report', () => {
    const text = pom(`
  <dependencies>
    <dependency><groupId>a</groupId><artifactId>one</artifactId></dependency>
    <dependency><groupId>a</groupId><artifactId>two</artifactId></dependency>
  </dependencies>`);
    expect(extractPom(text, 'pom.xml').skipped).toEqual([
      '2 dependencies were not scanned because its version is managed outside this file (by the parent pom or an imported BOM): a:one, a:two',
    ]);
  });

  it('rejects broken XML naming the file and line', () => {
    const broken = pom('  <dependencies>\n    <dependency>\n  </dependencies>');
    expect(() => parsePom(broken, 'svc/pom.xml')).toThrowError(
      expect.objectContaining({
        code: 'invalid-lockfile',
        message: expect.stringMatching(/^cannot read svc\/pom\.xml:6: not valid XML/),
        data: expect.objectContaining({ input: 'svc/pom.xml', line: 6 }),
      }),
    );
  });

  it('rejects XML that is not a pom', () => {
    expect(() => parsePom('<settings/>', 'pom.xml')).toThrow(/pom\.xml.*<project>/);
  });
});
