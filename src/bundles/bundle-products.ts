import { parsePriceTiers, PRICE_TIERS_JSON } from '../catalog/catalog-repository.ts';
import { priceAtQuantity, type PriceTier } from '../catalog/product.ts';
import type { Queryable } from '../db/database.ts';

/**
 * What the suggester reads about a product, in one query: catalog fields,
 * price tiers, the factory's name and, when the search index exists, the
 * lexicon concepts it found in its fields and title (occasion:beach for a "straw beach bag").
 */

export interface BundleProduct {
  sku: string;
  title: string;
  category: string;
  subcategory: string | null;
  /** null for the default factory */
  factory: string | null;
  colors: string[];
  materials: string[];
  tags: string[];
  currency: string;
  moq: number;
  image_url: string | null;
  status: 'active' | 'archived';
  price_tiers: PriceTier[];
  /** product_search.search_concepts; empty when the search index was never built */
  concepts: string[];
}

type Row = Omit<BundleProduct, 'price_tiers'> & { price_tiers: PriceTier[] | string } & Record<string, unknown>;

async function hasSearchIndex(db: Queryable): Promise<boolean> {
  const { rows } = await db.query<{ present: boolean }>(`select to_regclass('product_search') is not null as present`);
  return Boolean(rows[0]?.present);
}

function selectSql(withConcepts: boolean, where: string): string {
  return `
    select p.sku, p.title, lower(p.category) as category, p.subcategory,
      case when f.is_default then null else f.name end as factory,
      p.colors, p.materials, p.tags, trim(p.currency) as currency, p.moq, p.image_urls[1] as image_url, p.status,
      ${PRICE_TIERS_JSON} as price_tiers,
      ${withConcepts ? `coalesce(s.search_concepts, '{}')` : `'{}'::text[]`} as concepts
    from products p join factories f on f.id = p.factory_id
    ${withConcepts ? 'left join product_search s on s.product_id = p.id' : ''}
    where ${where}
    order by p.sku collate "C"`;
}

function toProduct(row: Row): BundleProduct {
  return { ...row, price_tiers: parsePriceTiers(row.price_tiers) };
}

/**
 * A cheap first cut, done in SQL because a 10k catalog has thousands of
 * accessories and reading each costs more than judging it: only products in
 * one of these colours (lower case) whose price at the quantity, in US
 * dollars, is at most `maxUsd`. The suggester still judges every piece itself.
 */
export interface CandidateNarrowing {
  colors?: readonly string[];
  maxUsd: number;
  /** US dollars per unit of each currency (currency_rates), to apply the same cut in memory */
  usdPerUnit: ReadonlyMap<string, number>;
}

/**
 * Accessory rows kept between buyer messages, keyed by category list: a 10k
 * catalog has thousands, and reading them costs more than everything else a
 * bundle does. Each use checks `catalog_version` (bumped by triggers on every
 * catalog write, migration 007) in the caller's transaction, so a stale copy
 * is never used, on any replica.
 */
export type CandidateCache = Map<string, { version: string; products: BundleProduct[] }>;

/** Past this many rows a category list is read from the database each time instead. */
const CACHE_MAX_ROWS = 50_000;

export interface BundleProductSource {
  bySku(skus: readonly string[]): Promise<BundleProduct[]>;
  /** Active products of these categories whose MOQ fits the quantity, narrowed when asked. */
  candidates(categories: readonly string[], quantity: number, narrowing?: CandidateNarrowing): Promise<BundleProduct[]>;
}

// Within rounding of the suggester's own check, so SQL never drops a piece the suggester would take.
const NARROWING_SLACK = 1.000001;

export function createBundleProductSource(db: Queryable, cache?: CandidateCache): BundleProductSource {
  // The search index is created at start-up, so asking once per source is enough.
  let indexed: Promise<boolean> | undefined;
  const withConcepts = () => (indexed ??= hasSearchIndex(db));
  return {
    async bySku(skus) {
      if (skus.length === 0) return [];
      const { rows } = await db.query<Row>(selectSql(await withConcepts(), 'p.sku = any($1::text[])'), [skus]);
      return rows.map(toProduct);
    },
    async candidates(categories, quantity, narrowing) {
      if (categories.length === 0) return [];
      if (cache) {
        const cached = await cachedCandidates(categories);
        if (cached)
          return cached.filter((p) => p.moq <= quantity && (!narrowing || fitsNarrowing(p, quantity, narrowing)));
      }
      const where = [`p.status = 'active' and lower(p.category) = any($1::text[]) and p.moq <= $2::integer`];
      const params: unknown[] = [categories, quantity];
      if (narrowing) {
        params.push(narrowing.maxUsd * NARROWING_SLACK);
        where.push(`(select t.unit_price from price_tiers t where t.product_id = p.id and t.min_qty <= $2::integer
                     order by t.min_qty desc limit 1)
                    * (select r.usd_per_unit from currency_rates r where r.currency = upper(trim(p.currency)))
                    <= $${params.length}`);
        if (narrowing.colors) {
          params.push(narrowing.colors);
          where.push(`exists (select 1 from unnest(p.colors) c where lower(c) = any($${params.length}::text[]))`);
        }
      }
      const { rows } = await db.query<Row>(selectSql(await withConcepts(), where.join(' and ')), params);
      return rows.map(toProduct);
    },
  };

  /** Every active product of these categories, from memory when the catalog has not changed since. */
  async function cachedCandidates(categories: readonly string[]): Promise<BundleProduct[] | undefined> {
    const { rows } = await db.query<{ version: string }>('select version::text as version from catalog_version');
    const version = rows[0]?.version;
    if (version === undefined) return undefined;
    const key = [...categories].sort().join(',');
    const entry = cache!.get(key);
    if (entry?.version === version) return entry.products;
    const fresh = await db.query<Row>(
      `${selectSql(await withConcepts(), `p.status = 'active' and lower(p.category) = any($1::text[])`)} limit ${CACHE_MAX_ROWS + 1}`,
      [categories],
    );
    if (fresh.rows.length > CACHE_MAX_ROWS) return undefined;
    const products = fresh.rows.map(toProduct);
    cache!.set(key, { version, products });
    return products;
  }
}

/** The SQL narrowing, in memory: price at the quantity in USD within the bound, a colour in the list. */
function fitsNarrowing(product: BundleProduct, quantity: number, narrowing: CandidateNarrowing): boolean {
  const price = priceAtQuantity(product.price_tiers, quantity);
  const rate = narrowing.usdPerUnit.get(product.currency.toUpperCase());
  if (price === null || rate === undefined || price * rate > narrowing.maxUsd * NARROWING_SLACK) return false;
  return !narrowing.colors || product.colors.some((color) => narrowing.colors!.includes(color.toLowerCase()));
}

/** US dollars per unit of each currency, from the admin-set currency_rates. */
export async function loadUsdRates(db: Queryable): Promise<Map<string, number>> {
  const { rows } = await db.query<{ currency: string; usd_per_unit: number }>(
    'select currency, usd_per_unit from currency_rates',
  );
  return new Map(rows.map((row) => [row.currency.trim().toUpperCase(), Number(row.usd_per_unit)]));
}
