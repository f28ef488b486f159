import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { SEED_DIR } from '../catalog/seed-catalog.ts';
import { SKU_PATTERN } from '../catalog/product.ts';
import type { Database, Queryable } from '../db/database.ts';
import { bundleError } from './bundle-error.ts';

/**
 * Curated bundles: looks a person put together around one main product. They
 * live in `curated_bundles` (migration 003); seed/bundles.json fills an empty
 * table. The suggester prefers them over its own picks, piece by piece, while
 * each piece still fits the buyer's quantity and the rules.
 */

export interface CuratedBundle {
  id: string;
  name: string;
  main_sku: string;
  item_skus: string[];
  occasion: string | null;
  note: string | null;
}

const sku = z.string().regex(SKU_PATTERN, { message: 'expected a SKU of 1–64 letters, digits, ".", "_" or "-"' });
const curatedBundlesSchema = z.array(
  z.object({
    id: z.string().trim().min(1),
    name: z.string().trim().min(1),
    main_sku: sku,
    item_skus: z.array(sku).min(1),
    occasion: z
      .string()
      .trim()
      .min(1)
      .transform((value) => value.toLowerCase())
      .nullish()
      .transform((value) => value ?? null),
    note: z
      .string()
      .nullish()
      .transform((value) => value ?? null),
  }),
);

export async function readCuratedBundles(file = path.join(SEED_DIR, 'bundles.json')): Promise<CuratedBundle[]> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(file, 'utf8'));
  } catch (cause) {
    throw bundleError('CURATED_INVALID', `Cannot read curated bundles from ${file}: ${(cause as Error).message}`, {
      cause,
    });
  }
  const parsed = curatedBundlesSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw bundleError('CURATED_INVALID', `The curated bundles in ${file} are not valid: ${problems.join('; ')}`);
  }
  const ids = parsed.data.map((bundle) => bundle.id);
  const twice = ids.find((id, i) => ids.indexOf(id) !== i);
  if (twice) throw bundleError('CURATED_INVALID', `The curated bundles in ${file} use the id "${twice}" twice`);
  return parsed.data;
}

/**
 * Loads the curated bundles into an empty `curated_bundles` table, keeping
 * those whose main product is in the catalog (a catalog imported instead of
 * the seed gets none of the seed's looks). Returns how many it inserted.
 */
export async function seedCuratedBundles(db: Database, options: { file?: string } = {}): Promise<number> {
  const bundles = await readCuratedBundles(options.file);
  return db.transaction(async (tx) => {
    // Serialises two processes seeding one PostgreSQL database at once.
    await tx.exec('lock table curated_bundles in share row exclusive mode');
    const { rows } = await tx.query<{ empty: boolean }>('select not exists (select 1 from curated_bundles) as empty');
    if (!rows[0]?.empty) return 0;
    const result = await tx.query(
      `insert into curated_bundles (id, name, main_sku, item_skus, occasion, note)
       select b.id, b.name, b.main_sku, b.item_skus, b.occasion, b.note
       from jsonb_to_recordset($1::jsonb) as b(id text, name text, main_sku text, item_skus text[], occasion text, note text)
       where exists (select 1 from products p where p.sku = b.main_sku)`,
      [JSON.stringify(bundles)],
    );
    return result.rowCount;
  });
}

/** The curated bundles around one main product, by id. */
export async function curatedBundlesFor(db: Queryable, mainSku: string): Promise<CuratedBundle[]> {
  const { rows } = await db.query<CuratedBundle & Record<string, unknown>>(
    `select id, name, main_sku, item_skus, occasion, note from curated_bundles where main_sku = $1 order by id collate "C"`,
    [mainSku],
  );
  return rows;
}
