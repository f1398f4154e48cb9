// One model for the VEX statements retrofit reads, whatever format they came in: which
// vulnerability, which products, what status, why, and where in which file it was said.

export type VexFormat = 'openvex' | 'cyclonedx' | 'csaf';

/** The four statuses every VEX format can say, in OpenVEX's words. */
export type ImportedVexStatus = 'not_affected' | 'affected' | 'fixed' | 'under_investigation';

/** A product as a statement names it: a purl, or a name and version, or both. */
export interface VexProduct {
  purl?: string;
  name?: string;
  version?: string;
}

export interface ImportedVexStatement {
  /** The file the statement was read from, as the user named it. */
  file: string;
  format: VexFormat;
  /** JSON pointer to the statement in its document, e.g. `/statements/2`. */
  pointer: string;
  /** The vulnerability's ids: its name and every alias the statement gives. */
  vulnerabilities: string[];
  products: VexProduct[];
  status: ImportedVexStatus;
  /** The justification as the document says it (each format has its own words). */
  justification?: string;
  /** Free text: impact statement, status notes, analysis detail, threat details. */
  detail?: string;
  /** When the statement was made (ISO 8601), if the document says. */
  timestamp?: string;
}
