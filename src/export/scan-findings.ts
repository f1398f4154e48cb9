// What the scan exporters (SARIF, CycloneDX VEX) need of a scan report. The same shape as
// app's ScanReport, declared here because export/ is pure and does not import use cases.

export type ExportStatus = 'affected' | 'fixed' | 'fixed-by-backport' | 'not-affected';

export interface ExportEvidence {
  kind: string;
  summary: string;
  vex?: { justification?: string; detail?: string };
}

export interface ExportFinding {
  advisory: string;
  aliases: string[];
  ecosystem: string;
  package: string;
  version: string;
  status: ExportStatus;
  evidence: ExportEvidence[];
  /** The file(s) the package version was read from, comma-separated (`ref:file` for a ref). */
  source: string;
  severity?: string;
  summary?: string;
}

export interface ExportScan {
  target: string;
  commit?: string;
  findings: ExportFinding[];
}

/** purl types for the OSV ecosystems retrofit scans (purl-spec's type list). */
const PURL_TYPES: Record<string, string> = {
  npm: 'npm',
  PyPI: 'pypi',
  Go: 'golang',
  Maven: 'maven',
  'crates.io': 'cargo',
};

/** The package's purl: an npm scope is its namespace; unknown ecosystems are `generic`. */
export function purlParts(finding: Pick<ExportFinding, 'ecosystem' | 'package' | 'version'>): {
  type: string;
  namespace?: string;
  name: string;
  version: string;
} {
  const type = PURL_TYPES[finding.ecosystem] ?? 'generic';
  const slash = finding.package.lastIndexOf('/');
  if (type === 'npm' && finding.package.startsWith('@') && slash > 0) {
    return {
      type,
      namespace: finding.package.slice(0, slash),
      name: finding.package.slice(slash + 1),
      version: finding.version,
    };
  }
  return { type, name: finding.package, version: finding.version };
}

/** One line on why a finding needs no action, from its evidence. */
export function suppressionReason(finding: ExportFinding): string {
  if (finding.status === 'fixed') return `${finding.version} is outside the affected range`;
  return finding.evidence.map((e) => e.summary).join('; ') || finding.status;
}

/** The first file a finding was read from; for a ref, the path without the `ref:` prefix. */
export function firstSource(scan: Pick<ExportScan, 'commit'>, finding: ExportFinding): string {
  const first = finding.source.split(', ')[0] ?? finding.source;
  // git refs cannot contain ':', so the first one ends the ref.
  return scan.commit && first.includes(':') ? first.slice(first.indexOf(':') + 1) : first;
}
