// Scan findings as a CycloneDX 1.6 VEX document (JSON), built and serialised with the
// CycloneDX library: one component per package version, one vulnerability per finding with
// its analysis state. Pure: the caller passes the serial number and the time.
import { Enums, Models, Serialize, Spec } from '@cyclonedx/cyclonedx-library';
import { PackageURL } from 'packageurl-js';
import {
  purlParts,
  suppressionReason,
  type ExportFinding,
  type ExportScan,
} from './scan-findings.js';

const { AnalysisState, AnalysisJustification, Severity } = Enums.Vulnerability;

/** OpenVEX and CSAF justifications (the same words) in CycloneDX's, as CycloneDX maps them. */
const JUSTIFICATIONS: Record<string, Enums.Vulnerability.AnalysisJustification> = {
  component_not_present: AnalysisJustification.CodeNotPresent,
  vulnerable_code_not_present: AnalysisJustification.CodeNotPresent,
  vulnerable_code_not_in_execute_path: AnalysisJustification.CodeNotReachable,
  vulnerable_code_cannot_be_controlled_by_adversary: AnalysisJustification.RequiresEnvironment,
  inline_mitigations_already_exist: AnalysisJustification.ProtectedByMitigatingControl,
  ...Object.fromEntries(Object.values(AnalysisJustification).map((j) => [j, j])),
};

const SEVERITIES: Record<string, Enums.Vulnerability.Severity> = {
  CRITICAL: Severity.Critical,
  HIGH: Severity.High,
  MODERATE: Severity.Medium,
  MEDIUM: Severity.Medium,
  LOW: Severity.Low,
};

export function buildCycloneDxVex(
  scan: ExportScan,
  input: { serialNumber: string; timestamp: Date; toolVersion: string },
): string {
  const bom = new Models.Bom({ serialNumber: input.serialNumber });
  bom.metadata.timestamp = input.timestamp;
  bom.metadata.tools.components.add(
    new Models.Component(Enums.ComponentType.Application, 'retrofit', {
      version: input.toolVersion,
    }),
  );
  const components = new Map<string, Models.Component>();
  for (const finding of scan.findings) {
    const purl = purlOf(finding);
    const key = purl.toString();
    if (components.has(key)) continue;
    const parts = purlParts(finding);
    const component = new Models.Component(Enums.ComponentType.Library, parts.name, {
      version: finding.version,
      purl: key,
      bomRef: key,
      ...(parts.namespace ? { group: parts.namespace } : {}),
    });
    components.set(key, component);
    bom.components.add(component);
  }
  for (const finding of scan.findings) {
    bom.vulnerabilities.add(vulnerabilityOf(finding, components.get(purlOf(finding).toString())!));
  }
  const serializer = new Serialize.JsonSerializer(
    new Serialize.JSON.Normalize.Factory(Spec.Spec1dot6),
  );
  return serializer.serialize(bom, { sortLists: false, space: 2 });
}

function vulnerabilityOf(
  finding: ExportFinding,
  component: Models.Component,
): Models.Vulnerability.Vulnerability {
  const source = (id: string) =>
    new Models.Vulnerability.Source({
      name: 'OSV',
      url: `https://osv.dev/vulnerability/${encodeURIComponent(id)}`,
    });
  const vulnerability = new Models.Vulnerability.Vulnerability({
    bomRef: `${finding.advisory}/${component.bomRef.value}`,
    id: finding.advisory,
    source: source(finding.advisory),
    analysis: analysisOf(finding),
  });
  if (finding.summary) vulnerability.description = finding.summary;
  for (const alias of finding.aliases) {
    vulnerability.references.add(new Models.Vulnerability.Reference(alias, source(alias)));
  }
  const severity = SEVERITIES[finding.severity?.toUpperCase() ?? ''];
  if (severity) vulnerability.ratings.add(new Models.Vulnerability.Rating({ severity }));
  vulnerability.affects.add(new Models.Vulnerability.Affect(component.bomRef));
  return vulnerability;
}

/**
 * Statuses as CycloneDX's VEX guide maps OpenVEX's: affected → exploitable, fixed → resolved,
 * not_affected → not_affected. A version outside the affected range is resolved upstream.
 */
function analysisOf(finding: ExportFinding): Models.Vulnerability.Analysis {
  switch (finding.status) {
    case 'affected':
      return new Models.Vulnerability.Analysis({
        state: AnalysisState.Exploitable,
        detail: `${finding.package} ${finding.version} is in the affected range of ${finding.advisory}.`,
      });
    case 'fixed':
    case 'fixed-by-backport':
      return new Models.Vulnerability.Analysis({
        state: AnalysisState.Resolved,
        detail: suppressionReason(finding),
      });
    case 'not-affected': {
      const stated = finding.evidence.find((e) => e.vex?.justification)?.vex?.justification;
      const justification = stated ? JUSTIFICATIONS[stated] : undefined;
      return new Models.Vulnerability.Analysis({
        state: AnalysisState.NotAffected,
        detail: suppressionReason(finding),
        ...(justification ? { justification } : {}),
      });
    }
  }
}

function purlOf(finding: ExportFinding): PackageURL {
  const parts = purlParts(finding);
  return new PackageURL(
    parts.type,
    parts.namespace,
    parts.name,
    parts.version,
    undefined,
    undefined,
  );
}
