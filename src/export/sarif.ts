// Scan findings as a SARIF 2.1.0 log, for code-scanning dashboards: one rule per advisory,
// one result per finding. Findings that need no action are still results, marked as
// suppressed (with the evidence as justification) or as passing, never left out.
import type { Log, ReportingDescriptor, Result } from 'sarif';
import {
  firstSource,
  suppressionReason,
  type ExportFinding,
  type ExportScan,
} from './scan-findings.js';

export const SARIF_SCHEMA =
  'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

export function buildSarif(scan: ExportScan, tool: { version: string }): Log {
  const rules: ReportingDescriptor[] = [];
  const ruleIndex = new Map<string, number>();
  for (const finding of scan.findings) {
    if (ruleIndex.has(finding.advisory)) continue;
    ruleIndex.set(finding.advisory, rules.length);
    rules.push(ruleOf(finding));
  }
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'retrofit',
            version: tool.version,
            rules,
          },
        },
        automationDetails: { id: `retrofit/scan/${scan.target}` },
        properties: { target: scan.target, ...(scan.commit ? { commit: scan.commit } : {}) },
        results: scan.findings.map((f) => resultOf(scan, f, ruleIndex.get(f.advisory)!)),
      },
    ],
  };
}

function ruleOf(finding: ExportFinding): ReportingDescriptor {
  const title = finding.summary ?? finding.advisory;
  return {
    id: finding.advisory,
    shortDescription: { text: title },
    fullDescription: {
      text: finding.aliases.length > 0 ? `${title} (${finding.aliases.join(', ')})` : title,
    },
    helpUri: `https://osv.dev/vulnerability/${encodeURIComponent(finding.advisory)}`,
    defaultConfiguration: { level: levelOf(finding.severity) },
    properties: {
      tags: ['security', 'vulnerability'],
      aliases: finding.aliases,
      ...(finding.severity ? { severity: finding.severity } : {}),
    },
  };
}

function resultOf(scan: ExportScan, finding: ExportFinding, index: number): Result {
  const what = `${finding.package} ${finding.version} (${finding.ecosystem})`;
  const text =
    finding.status === 'affected'
      ? `${what} is affected by ${finding.advisory}${finding.summary ? `: ${finding.summary}` : ''}`
      : `${what} is ${finding.status} for ${finding.advisory}: ${suppressionReason(finding)}`;
  const result: Result = {
    ruleId: finding.advisory,
    ruleIndex: index,
    kind: finding.status === 'fixed' ? 'pass' : 'fail',
    level: finding.status === 'fixed' ? 'none' : levelOf(finding.severity),
    message: { text },
    locations: [
      {
        physicalLocation: { artifactLocation: { uri: encodeURI(firstSource(scan, finding)) } },
        logicalLocations: [{ name: `${finding.package}@${finding.version}`, kind: 'package' }],
      },
    ],
    partialFingerprints: {
      'retrofit/finding/v1': `${finding.ecosystem}/${finding.package}@${finding.version}/${finding.advisory}`,
    },
    properties: {
      status: finding.status,
      ecosystem: finding.ecosystem,
      package: finding.package,
      version: finding.version,
      sources: finding.source.split(', '),
      evidence: finding.evidence.map((e) => e.summary),
    },
  };
  // A version outside the range is a pass; a version in range that evidence clears is a
  // result someone has looked at and accepted: a suppression, which dashboards honour.
  if (finding.status === 'fixed-by-backport' || finding.status === 'not-affected') {
    result.suppressions = [
      { kind: 'external', status: 'accepted', justification: suppressionReason(finding) },
    ];
  }
  return result;
}

/** GitHub's qualitative severities to SARIF levels. */
function levelOf(severity: string | undefined): 'error' | 'warning' | 'note' {
  switch (severity?.toUpperCase()) {
    case 'CRITICAL':
    case 'HIGH':
      return 'error';
    case 'LOW':
      return 'note';
    default:
      return 'warning';
  }
}
