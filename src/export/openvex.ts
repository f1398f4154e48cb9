// Builds OpenVEX 0.2.0 documents: one statement per vulnerability and status, listing every
// product it covers. Pure: the caller passes the document id and the time; nothing here reads
// the clock or generates ids.
import { RetrofitError } from '../errors.js';

export const OPENVEX_CONTEXT = 'https://openvex.dev/ns/v0.2.0';

export type VexStatus = 'fixed' | 'affected' | 'not_affected' | 'under_investigation';

export type VexJustification =
  | 'component_not_present'
  | 'vulnerable_code_not_present'
  | 'vulnerable_code_not_in_execute_path'
  | 'vulnerable_code_cannot_be_controlled_by_adversary'
  | 'inline_mitigations_already_exist';

export interface VexStatementInput {
  vulnerability: { name: string; aliases: string[] };
  /** A package URL (purl). */
  productId: string;
  status: VexStatus;
  statusNotes?: string;
  /** Required for `affected`: what to do about it. */
  actionStatement?: string;
  /** `not_affected` needs a justification or an impact statement. */
  justification?: VexJustification;
  impactStatement?: string;
  /** When the statement was known to be true (ISO 8601). */
  timestamp: string;
}

export interface OpenVexStatement {
  vulnerability: { name: string; aliases?: string[] };
  timestamp: string;
  products: Array<{ '@id': string; identifiers: { purl: string } }>;
  status: VexStatus;
  status_notes?: string;
  justification?: VexJustification;
  impact_statement?: string;
  action_statement?: string;
}

export interface OpenVexDocument {
  '@context': typeof OPENVEX_CONTEXT;
  '@id': string;
  author: string;
  timestamp: string;
  version: number;
  tooling: string;
  statements: OpenVexStatement[];
}

export function buildOpenVex(input: {
  /** The document IRI, e.g. `urn:uuid:…` or an https URL. */
  id: string;
  author: string;
  /** Issue time (ISO 8601); the caller's clock. */
  timestamp: string;
  statements: VexStatementInput[];
}): OpenVexDocument {
  if (input.statements.length === 0) {
    // The schema requires at least one statement; an empty VEX document says nothing.
    throw new RetrofitError('input-not-found', 'no statements to put in the OpenVEX document', {
      input: input.id,
      hint: 'Ship a backport first (retrofit run), or export without narrowing to one advisory.',
    });
  }
  const merged = new Map<string, OpenVexStatement>();
  for (const statement of input.statements) {
    checkStatement(statement);
    const key = `${statement.vulnerability.name}\0${statement.status}`;
    const existing = merged.get(key);
    if (existing) mergeInto(existing, statement);
    else merged.set(key, toStatement(statement));
  }
  return {
    '@context': OPENVEX_CONTEXT,
    '@id': input.id,
    author: input.author,
    timestamp: input.timestamp,
    version: 1,
    tooling: 'retrofit',
    statements: [...merged.values()],
  };
}

/** The spec's per-status requirements, checked here so a bad statement names itself. */
function checkStatement(statement: VexStatementInput): void {
  const name = `${statement.vulnerability.name} (${statement.productId})`;
  if (statement.status === 'affected' && !statement.actionStatement) {
    throw new RetrofitError('unsupported-input', `affected statement for ${name} has no action`, {
      input: statement.vulnerability.name,
      hint: 'OpenVEX requires an action_statement for `affected`: say how to remediate.',
    });
  }
  if (
    statement.status === 'not_affected' &&
    !statement.justification &&
    !statement.impactStatement
  ) {
    throw new RetrofitError(
      'unsupported-input',
      `not_affected statement for ${name} says not why`,
      {
        input: statement.vulnerability.name,
        hint: 'OpenVEX requires a justification or an impact_statement for `not_affected`.',
      },
    );
  }
}

function toStatement(input: VexStatementInput): OpenVexStatement {
  const aliases = unique(input.vulnerability.aliases.filter((a) => a !== input.vulnerability.name));
  return {
    vulnerability: {
      name: input.vulnerability.name,
      ...(aliases.length > 0 ? { aliases } : {}),
    },
    timestamp: input.timestamp,
    products: [product(input.productId)],
    status: input.status,
    ...(input.statusNotes ? { status_notes: input.statusNotes } : {}),
    ...(input.justification ? { justification: input.justification } : {}),
    ...(input.impactStatement ? { impact_statement: input.impactStatement } : {}),
    ...(input.actionStatement ? { action_statement: input.actionStatement } : {}),
  };
}

/** A second product for the same vulnerability and status joins the first statement. */
function mergeInto(target: OpenVexStatement, input: VexStatementInput): void {
  if (!target.products.some((p) => p['@id'] === input.productId)) {
    target.products.push(product(input.productId));
  }
  const aliases = unique([...(target.vulnerability.aliases ?? []), ...input.vulnerability.aliases]);
  const others = aliases.filter((a) => a !== target.vulnerability.name);
  if (others.length > 0) target.vulnerability.aliases = others;
  target.status_notes = joinText(target.status_notes, input.statusNotes);
  target.impact_statement = joinText(target.impact_statement, input.impactStatement);
  target.action_statement = joinText(target.action_statement, input.actionStatement);
  target.justification ??= input.justification;
  for (const key of [
    'status_notes',
    'impact_statement',
    'action_statement',
    'justification',
  ] as const) {
    if (target[key] === undefined) delete target[key];
  }
  // The merged statement is known to be true from when its newest part was.
  if (Date.parse(input.timestamp) > Date.parse(target.timestamp))
    target.timestamp = input.timestamp;
}

function product(purl: string): { '@id': string; identifiers: { purl: string } } {
  return { '@id': purl, identifiers: { purl } };
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

/** Notes of merged statements are kept side by side; each names its own branch or product. */
function joinText(existing: string | undefined, more: string | undefined): string | undefined {
  if (!more || existing?.includes(more)) return existing;
  return existing ? `${existing} ${more}` : more;
}
