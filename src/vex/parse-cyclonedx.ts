// CycloneDX VEX (JSON, spec 1.4 and later) to VEX statements: each vulnerability's
// `analysis.state` applies to the components its `affects` refs name.
import { PackageURL } from 'packageurl-js';
import { z } from 'zod';
import { invalidVex, invalidVexFromZod } from './invalid-vex.js';
import type { ImportedVexStatement, ImportedVexStatus, VexProduct } from './types.js';

interface Component {
  'bom-ref'?: string;
  name?: string;
  group?: string;
  version?: string;
  purl?: string;
  components?: Component[];
}

const component: z.ZodType<Component> = z.lazy(() =>
  z.object({
    'bom-ref': z.string().optional(),
    name: z.string().optional(),
    group: z.string().optional(),
    version: z.string().optional(),
    purl: z.string().optional(),
    components: z.array(component).optional(),
  }),
);

const vulnerability = z.object({
  id: z.string().min(1),
  references: z.array(z.object({ id: z.string().min(1) })).optional(),
  analysis: z
    .object({
      state: z
        .enum([
          'resolved',
          'resolved_with_pedigree',
          'exploitable',
          'in_triage',
          'false_positive',
          'not_affected',
        ])
        .optional(),
      justification: z.string().optional(),
      response: z.array(z.string()).optional(),
      detail: z.string().optional(),
      lastUpdated: z.string().optional(),
    })
    .optional(),
  affects: z
    .array(
      z.object({
        ref: z.string().min(1),
        versions: z
          .array(
            z.object({
              version: z.string().optional(),
              range: z.string().optional(),
              status: z.enum(['affected', 'unaffected', 'unknown']).optional(),
            }),
          )
          .optional(),
      }),
    )
    .optional(),
  updated: z.string().optional(),
});

const document = z.object({
  bomFormat: z.literal('CycloneDX'),
  specVersion: z.string(),
  metadata: z.object({ component: component.optional() }).optional(),
  components: z.array(component).optional(),
  vulnerabilities: z.array(vulnerability).optional(),
});

/** CycloneDX analysis states in OpenVEX's words (as CycloneDX's own VEX guide maps them). */
const STATES: Record<string, ImportedVexStatus> = {
  not_affected: 'not_affected',
  false_positive: 'not_affected',
  resolved: 'fixed',
  resolved_with_pedigree: 'fixed',
  exploitable: 'affected',
  in_triage: 'under_investigation',
};

export function isCycloneDx(doc: unknown): boolean {
  return (doc as Record<string, unknown> | null)?.bomFormat === 'CycloneDX';
}

export function parseCycloneDx(doc: unknown, file: string): ImportedVexStatement[] {
  const parsed = document.safeParse(doc);
  if (!parsed.success) throw invalidVexFromZod(file, parsed.error);
  const { data } = parsed;
  const byRef = new Map<string, Component>();
  const index = (list: Component[] | undefined) => {
    for (const c of list ?? []) {
      if (c['bom-ref']) byRef.set(c['bom-ref'], c);
      index(c.components);
    }
  };
  index(data.metadata?.component ? [data.metadata.component] : []);
  index(data.components);
  return (data.vulnerabilities ?? []).map((v, i) => {
    const pointer = `/vulnerabilities/${i}`;
    const state = v.analysis?.state;
    const resolve = (affect: { ref: string }, j: number): VexProduct => {
      const found = byRef.get(affect.ref);
      if (found) return productOf(found);
      // VEX-only documents often name the product by its purl instead of a local bom-ref.
      if (affect.ref.startsWith('pkg:')) return { purl: affect.ref };
      // A BOM-Link (urn:cdx:serial/version#bom-ref) names an element of a BOM, this one or
      // another. Its bom-ref may be in this document, or be the component's purl (as many
      // tools write them); otherwise it stays a name that matches no package.
      if (affect.ref.startsWith('urn:cdx:')) {
        const hash = affect.ref.indexOf('#');
        let ref = '';
        try {
          ref = hash < 0 ? '' : decodeURIComponent(affect.ref.slice(hash + 1));
        } catch {
          throw invalidVex(file, `affects ref "${affect.ref}" is not a valid BOM-Link`, {
            pointer: `${pointer}/affects/${j}/ref`,
          });
        }
        const linked = byRef.get(ref);
        if (linked) return productOf(linked);
        return ref.startsWith('pkg:') ? { purl: ref } : { name: affect.ref };
      }
      throw invalidVex(file, `affects ref "${affect.ref}" names no component in the document`, {
        pointer: `${pointer}/affects/${j}/ref`,
      });
    };
    const status: ImportedVexStatus = state ? STATES[state]! : 'under_investigation';
    const hides = status === 'not_affected' || status === 'fixed';
    const products = (v.affects ?? []).flatMap((affect, j) => {
      const listed = affect.versions && affect.versions.length > 0 ? affect.versions : undefined;
      // A version the entry itself calls affected (or unknown) is never hidden by it.
      const versions =
        listed && hides
          ? listed.filter((e) => (e.status ?? 'unaffected') === 'unaffected')
          : listed;
      return withVersions(resolve(affect, j), versions);
    });
    const result: ImportedVexStatement = {
      file,
      format: 'cyclonedx',
      pointer,
      vulnerabilities: [v.id, ...(v.references ?? []).map((r) => r.id)],
      products,
      // No analysis says nothing about this product: it hides nothing.
      status,
    };
    if (v.analysis?.justification) result.justification = v.analysis.justification;
    if (v.analysis?.detail) result.detail = v.analysis.detail;
    const timestamp = v.analysis?.lastUpdated ?? v.updated;
    if (timestamp) result.timestamp = timestamp;
    return result;
  });
}

/**
 * `affects[].versions` narrows a statement to the versions it lists. A listed version is
 * matched exactly; ranges (`vers:`) are not evaluated, so a statement that names only ranges
 * matches nothing rather than every version.
 */
function withVersions(
  product: VexProduct,
  versions: Array<{ version?: string | undefined }> | undefined,
): VexProduct[] {
  if (!versions) return [product];
  return versions.flatMap(({ version }): VexProduct[] => {
    if (!version) return [];
    if (product.purl) {
      try {
        const purl = PackageURL.fromString(product.purl);
        purl.version = version;
        return [{ purl: purl.toString() }];
      } catch {
        return [];
      }
    }
    return [{ ...product, version }];
  });
}

function productOf(c: Component): VexProduct {
  const product: VexProduct = {};
  if (c.purl) product.purl = c.purl;
  if (c.name) product.name = c.group ? `${c.group}/${c.name}` : c.name;
  if (c.version) product.version = c.version;
  return product;
}
