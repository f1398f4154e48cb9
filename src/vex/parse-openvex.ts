// OpenVEX (0.0.x and 0.2.0) documents to VEX statements. Only the parts retrofit acts on are
// checked, so a document with extra or newer fields still reads.
import { z } from 'zod';
import { invalidVexFromZod } from './invalid-vex.js';
import type { ImportedVexStatement, VexProduct } from './types.js';

const component = z.union([
  z.string().min(1),
  z.object({
    '@id': z.string().optional(),
    identifiers: z.record(z.string(), z.string()).optional(),
  }),
]);

const product = z.union([
  z.string().min(1),
  z.object({
    '@id': z.string().optional(),
    identifiers: z.record(z.string(), z.string()).optional(),
    subcomponents: z.array(component).optional(),
  }),
]);

const statement = z.object({
  // 0.2.0 makes the vulnerability an object; 0.0.x documents give its name as a string.
  vulnerability: z.union([
    z.string().min(1),
    z.object({
      name: z.string().min(1),
      '@id': z.string().optional(),
      aliases: z.array(z.string()).optional(),
    }),
  ]),
  products: z.array(product).optional(),
  status: z.enum(['not_affected', 'affected', 'fixed', 'under_investigation']),
  justification: z.string().optional(),
  impact_statement: z.string().optional(),
  status_notes: z.string().optional(),
  action_statement: z.string().optional(),
  timestamp: z.string().optional(),
});

const document = z.object({
  '@context': z.string().startsWith('https://openvex.dev/ns'),
  timestamp: z.string().optional(),
  statements: z.array(statement),
});

export function isOpenVex(doc: unknown): boolean {
  const context = (doc as Record<string, unknown> | null)?.['@context'];
  return typeof context === 'string' && context.startsWith('https://openvex.dev/ns');
}

export function parseOpenVex(doc: unknown, file: string): ImportedVexStatement[] {
  const parsed = document.safeParse(doc);
  if (!parsed.success) throw invalidVexFromZod(file, parsed.error);
  return parsed.data.statements.map((s, index) => {
    const vulnerability =
      typeof s.vulnerability === 'string' ? { name: s.vulnerability } : s.vulnerability;
    const result: ImportedVexStatement = {
      file,
      format: 'openvex',
      pointer: `/statements/${index}`,
      vulnerabilities: [vulnerability.name, ...(vulnerability.aliases ?? [])],
      products: (s.products ?? []).flatMap(productsOf),
      status: s.status,
    };
    if (s.justification) result.justification = s.justification;
    const detail = [s.impact_statement, s.status_notes].filter(Boolean).join(' ');
    if (detail) result.detail = detail;
    const timestamp = s.timestamp ?? parsed.data.timestamp;
    if (timestamp) result.timestamp = timestamp;
    return result;
  });
}

/**
 * With subcomponents, the statement is about those packages inside the product (an image,
 * an application), so they are what a package finding is matched against.
 */
function productsOf(p: z.infer<typeof product>): VexProduct[] {
  if (typeof p !== 'string' && p.subcomponents && p.subcomponents.length > 0) {
    return p.subcomponents.map(identify);
  }
  return [identify(p)];
}

function identify(c: z.infer<typeof component>): VexProduct {
  if (typeof c === 'string') return c.startsWith('pkg:') ? { purl: c } : { name: c };
  const purl = c.identifiers?.purl ?? (c['@id']?.startsWith('pkg:') ? c['@id'] : undefined);
  return purl ? { purl } : { name: c['@id'] ?? '' };
}
