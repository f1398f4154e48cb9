// A scan report in the format asked for (JSON, SARIF, CycloneDX VEX), and the atomic write of
// it to --output: a temporary file in the same folder renamed into place, so a reader never
// sees half a document and a failed write leaves the old file as it was.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { RetrofitError } from '../errors.js';
import { buildSarif } from '../export/sarif.js';
import { RETROFIT_VERSION } from '../version.js';
import type { AppContext } from './context.js';
import type { ScanReport } from './scan-types.js';

export type ScanDocumentFormat = 'json' | 'sarif' | 'cyclonedx';

export async function renderScanDocument(
  report: ScanReport,
  format: ScanDocumentFormat,
  options: { now?: () => Date } = {},
): Promise<string> {
  switch (format) {
    case 'json':
      return `${JSON.stringify(report, null, 2)}\n`;
    case 'sarif':
      return `${JSON.stringify(buildSarif(report, { version: RETROFIT_VERSION }), null, 2)}\n`;
    case 'cyclonedx': {
      // Loaded on demand: the CycloneDX library takes a noticeable part of a second to load,
      // which every other command would pay at start-up.
      const { buildCycloneDxVex } = await import('../export/cyclonedx-vex.js');
      return `${buildCycloneDxVex(report, {
        serialNumber: `urn:uuid:${randomUUID()}`,
        timestamp: (options.now ?? (() => new Date()))(),
        toolVersion: RETROFIT_VERSION,
      })}\n`;
    }
  }
}

/** Writes `text` to `file` (relative to the working directory) or leaves it untouched. */
export function writeOutputFile(ctx: AppContext, file: string, text: string): string {
  const target = path.resolve(ctx.cwd, file);
  const temporary = path.join(
    path.dirname(target),
    `.${path.basename(target)}.${process.pid}.${randomUUID().slice(0, 8)}.tmp`,
  );
  try {
    fs.writeFileSync(temporary, text, { flag: 'wx' });
    fs.renameSync(temporary, target);
  } catch (error) {
    fs.rmSync(temporary, { force: true });
    throw new RetrofitError(
      'cannot-write-output',
      `cannot write ${file}: ${(error as Error).message}`,
      {
        input: file,
        hint: 'Check that the folder exists and is writable, and that the path is not a folder.',
      },
    );
  }
  return target;
}
