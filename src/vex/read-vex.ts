// A VEX document's text to its statements: JSON, then whichever of OpenVEX, CycloneDX and
// CSAF it is (each says so in its own top-level field).
import { invalidVex, parseVexJson } from './invalid-vex.js';
import { isCsaf, parseCsaf } from './parse-csaf.js';
import { isCycloneDx, parseCycloneDx } from './parse-cyclonedx.js';
import { isOpenVex, parseOpenVex } from './parse-openvex.js';
import type { ImportedVexStatement, VexFormat } from './types.js';

const READERS: Array<{
  format: VexFormat;
  detect: (doc: unknown) => boolean;
  parse: (doc: unknown, file: string) => ImportedVexStatement[];
}> = [
  { format: 'openvex', detect: isOpenVex, parse: parseOpenVex },
  { format: 'cyclonedx', detect: isCycloneDx, parse: parseCycloneDx },
  { format: 'csaf', detect: isCsaf, parse: parseCsaf },
];

export function readVexDocument(
  text: string,
  file: string,
): { format: VexFormat; statements: ImportedVexStatement[] } {
  const doc = parseVexJson(text, file);
  const reader = READERS.find((r) => r.detect(doc));
  if (!reader) {
    throw invalidVex(
      file,
      'not an OpenVEX (@context), CycloneDX (bomFormat) or CSAF (document.csaf_version) document',
      { pointer: '' },
    );
  }
  return { format: reader.format, statements: reader.parse(doc, file) };
}
