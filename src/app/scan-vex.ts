// VEX documents applied to a scan: read every --vex file first (a bad one stops the scan
// before anything is looked up or written), then let their statements decide affected findings.
import fs from 'node:fs';
import path from 'node:path';
import { RetrofitError } from '../errors.js';
import type { ImportedVexStatement, VexFormat } from '../vex/types.js';
import type { AppContext } from './context.js';
import type { Evidence } from './backport-evidence.js';
import type { Finding, ScanReport } from './scan-types.js';

export interface VexDocuments {
  documents: Array<{ file: string; format: VexFormat; statements: number }>;
  statements: ImportedVexStatement[];
}

const FORMAT_NAMES: Record<VexFormat, string> = {
  openvex: 'OpenVEX',
  cyclonedx: 'CycloneDX',
  csaf: 'CSAF',
};

/** Reads and parses each file, in order; the first that is missing or invalid is the error. */
export async function readVexFiles(
  ctx: AppContext,
  files: readonly string[],
): Promise<VexDocuments> {
  // Loaded on demand, with the schema library behind it, so scans without --vex start faster.
  const { readVexDocument } = await import('../vex/read-vex.js');
  const result: VexDocuments = { documents: [], statements: [] };
  for (const file of files) {
    let text: string;
    try {
      text = fs.readFileSync(path.resolve(ctx.cwd, file), 'utf8');
    } catch (error) {
      throw new RetrofitError(
        'input-not-found',
        `cannot read VEX document ${file}: ${(error as Error).message}`,
        {
          input: file,
          hint: 'Pass the path of an OpenVEX, CycloneDX or CSAF VEX document with --vex.',
        },
      );
    }
    const { format, statements } = readVexDocument(text, file);
    result.documents.push({ file, format, statements: statements.length });
    result.statements.push(...statements);
  }
  return result;
}

/**
 * The report with each affected finding that a statement says is `not_affected` or `fixed`
 * turned `not-affected` or `fixed-by-backport`, the statement as its evidence, and the
 * summary counted again. Findings that are not affected by their version are left alone.
 */
export async function applyVex(report: ScanReport, vex: VexDocuments): Promise<ScanReport> {
  const { decideVex } = await import('../vex/match-vex.js');
  let applied = 0;
  const findings = report.findings.map((finding): Finding => {
    if (finding.status !== 'affected') return finding;
    const decision = decideVex(finding, vex.statements);
    if (!decision || decision.status === 'affected') return finding;
    applied += 1;
    return {
      ...finding,
      status: decision.status,
      evidence: [...finding.evidence, vexEvidence(decision.statement)],
    };
  });
  const count = (status: Finding['status']) => findings.filter((f) => f.status === status).length;
  return {
    ...report,
    findings,
    summary: {
      ...report.summary,
      affected: count('affected'),
      fixed: count('fixed'),
      fixedByBackport: count('fixed-by-backport'),
      notAffected: count('not-affected'),
    },
    vex: { documents: vex.documents, applied },
  };
}

function vexEvidence(statement: ImportedVexStatement): Evidence {
  const why = statement.justification ? ` (${statement.justification})` : '';
  const detail = statement.detail ? `: ${statement.detail}` : '';
  const evidence: Evidence = {
    kind: 'vex',
    summary: `${statement.status} per ${FORMAT_NAMES[statement.format]} ${statement.file}#${statement.pointer}${why}${detail}`,
    vex: {
      file: statement.file,
      format: statement.format,
      statement: statement.pointer,
      status: statement.status,
    },
  };
  if (statement.justification) evidence.vex!.justification = statement.justification;
  if (statement.detail) evidence.vex!.detail = statement.detail;
  return evidence;
}
