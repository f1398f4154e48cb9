// CSAF 2.0 (VEX profile) to VEX statements: each vulnerability's product_status lists product
// ids from the product_tree; flags give not_affected justifications, impact threats the detail.
import { z } from 'zod';
import { invalidVex, invalidVexFromZod } from './invalid-vex.js';
import type { ImportedVexStatement, ImportedVexStatus, VexProduct } from './types.js';

const helper = z.object({ purl: z.string().optional(), cpe: z.string().optional() }).optional();

const fullProductName = z.object({
  product_id: z.string().min(1),
  name: z.string(),
  product_identification_helper: helper,
});

interface Branch {
  category?: string;
  name?: string;
  product?: z.infer<typeof fullProductName>;
  branches?: Branch[];
}

const branch: z.ZodType<Branch> = z.lazy(() =>
  z.object({
    category: z.string().optional(),
    name: z.string().optional(),
    product: fullProductName.optional(),
    branches: z.array(branch).optional(),
  }),
);

const ids = z.array(z.string().min(1)).optional();

const vulnerability = z.object({
  cve: z.string().optional(),
  ids: z.array(z.object({ system_name: z.string(), text: z.string() })).optional(),
  product_status: z
    .object({
      known_not_affected: ids,
      fixed: ids,
      first_fixed: ids,
      known_affected: ids,
      first_affected: ids,
      last_affected: ids,
      under_investigation: ids,
    })
    .optional(),
  flags: z
    .array(
      z.object({
        label: z.string(),
        product_ids: ids,
        group_ids: ids,
        date: z.string().optional(),
      }),
    )
    .optional(),
  threats: z
    .array(
      z.object({
        category: z.string(),
        details: z.string(),
        product_ids: ids,
        group_ids: ids,
      }),
    )
    .optional(),
});

const document = z.object({
  document: z.object({
    csaf_version: z.literal('2.0'),
    tracking: z.object({ current_release_date: z.string().optional() }).optional(),
  }),
  product_tree: z
    .object({
      branches: z.array(branch).optional(),
      full_product_names: z.array(fullProductName).optional(),
      relationships: z
        .array(
          z.object({
            product_reference: z.string(),
            relates_to_product_reference: z.string(),
            full_product_name: fullProductName,
          }),
        )
        .optional(),
      product_groups: z
        .array(z.object({ group_id: z.string(), product_ids: z.array(z.string()) }))
        .optional(),
    })
    .optional(),
  vulnerabilities: z.array(vulnerability).optional(),
});

const STATUS_LISTS: Array<
  [keyof NonNullable<z.infer<typeof vulnerability>['product_status']>, ImportedVexStatus]
> = [
  ['known_not_affected', 'not_affected'],
  ['fixed', 'fixed'],
  ['first_fixed', 'fixed'],
  ['known_affected', 'affected'],
  ['first_affected', 'affected'],
  ['last_affected', 'affected'],
  ['under_investigation', 'under_investigation'],
];

export function isCsaf(doc: unknown): boolean {
  const meta = (doc as Record<string, unknown> | null)?.document as
    Record<string, unknown> | undefined;
  return typeof meta?.csaf_version === 'string';
}

export function parseCsaf(doc: unknown, file: string): ImportedVexStatement[] {
  const parsed = document.safeParse(doc);
  if (!parsed.success) throw invalidVexFromZod(file, parsed.error);
  const { data } = parsed;
  const products = productIndex(data.product_tree);
  const groups = new Map(
    (data.product_tree?.product_groups ?? []).map((g) => [g.group_id, g.product_ids]),
  );
  const timestamp = data.document.tracking?.current_release_date;
  const statements: ImportedVexStatement[] = [];
  (data.vulnerabilities ?? []).forEach((v, i) => {
    const pointer = `/vulnerabilities/${i}`;
    const names = [...(v.cve ? [v.cve] : []), ...(v.ids ?? []).map((id) => id.text)];
    if (names.length === 0) return; // A vulnerability without an id cannot match a finding.
    const reach = (entry: { product_ids?: string[]; group_ids?: string[] }) => [
      ...(entry.product_ids ?? []),
      ...(entry.group_ids ?? []).flatMap((g) => groups.get(g) ?? []),
    ];
    for (const [list, status] of STATUS_LISTS) {
      (v.product_status?.[list] ?? []).forEach((productId, j) => {
        const product = products.get(productId);
        if (!product) {
          throw invalidVex(file, `product id "${productId}" is not in the product_tree`, {
            pointer: `${pointer}/product_status/${list}/${j}`,
          });
        }
        const statement: ImportedVexStatement = {
          file,
          format: 'csaf',
          pointer: `${pointer}/product_status/${list}/${j}`,
          vulnerabilities: names,
          products: [product],
          status,
        };
        const flag = v.flags?.find((f) => reach(f).includes(productId));
        if (flag) statement.justification = flag.label;
        const impact = (v.threats ?? [])
          .filter((t) => t.category === 'impact' && reach(t).includes(productId))
          .map((t) => t.details)
          .join(' ');
        if (impact) statement.detail = impact;
        const date = flag?.date ?? timestamp;
        if (date) statement.timestamp = date;
        statements.push(statement);
      });
    }
  });
  return statements;
}

/**
 * Every product id in the tree, as a package: a leaf's purl (or name), and for a
 * relationship ("component X as part of product Y") the component it is about.
 */
function productIndex(tree: z.infer<typeof document>['product_tree']): Map<string, VexProduct> {
  const index = new Map<string, VexProduct>();
  const add = (p: z.infer<typeof fullProductName>, branchPath: Branch[]) => {
    const purl = p.product_identification_helper?.purl;
    if (purl) {
      index.set(p.product_id, { purl });
      return;
    }
    // Without a purl, the branches say vendor / product_name / product_version.
    const name = [...branchPath].reverse().find((b) => b.category === 'product_name')?.name;
    const version = [...branchPath].reverse().find((b) => b.category === 'product_version')?.name;
    index.set(p.product_id, {
      name: name ?? p.name,
      ...(version ? { version } : {}),
    });
  };
  const walk = (branches: Branch[] | undefined, path: Branch[]) => {
    for (const b of branches ?? []) {
      const here = [...path, b];
      if (b.product) add(b.product, here);
      walk(b.branches, here);
    }
  };
  walk(tree?.branches, []);
  for (const p of tree?.full_product_names ?? []) add(p, []);
  for (const r of tree?.relationships ?? []) {
    const component = index.get(r.product_reference);
    if (component) index.set(r.full_product_name.product_id, component);
    else add(r.full_product_name, []);
  }
  return index;
}
