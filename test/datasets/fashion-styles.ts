import { createReadStream, existsSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse';
import { seededRandom } from '../bench/generate-catalog.ts';

/**
 * The Kaggle/Myntra "Fashion Product Images" styles.csv (41,025 rows, see
 * ../shared/datasets/fashion-product-images-styles/SOURCE.md) as Showroom
 * catalog products: CONTRACT.md objects as `importCatalog` reads them from
 * JSONL. Used by test/eval/datasets-eval.ts and test/bench/search/.
 *
 * The data is read from ../shared/datasets at run time and never copied into
 * the repository; callers skip cleanly when `fashionStylesFile()` is undefined.
 *
 *  - sku `FP-<id>`, title = productDisplayName (the 8 rows whose name holds an
 *    unquoted comma are rebuilt by joining fields 10–12 with ",");
 *  - category: articleType mapped to src/catalog/taxonomy.ts (ARTICLE_CATEGORIES),
 *    else the lower-cased articleType (import keeps it and warns);
 *  - subcategory = articleType; colors = [baseColour lower-cased];
 *  - tags = [usage, season, gender] lower-cased (usage "NA", the file's
 *    missing-value marker, is left out);
 *  - price_tiers are SYNTHETIC: the file has no prices. They are derived
 *    deterministically from the id (same id, same tiers, every run), in a
 *    per-category range, so price filters have something to work on. They say
 *    nothing about the real products. moq = the first tier's quantity.
 *
 * Only Apparel, Accessories and Footwear rows are kept by default (38,568 of
 * 41,025); Personal Care, Free Items, Sporting Goods and Home are dropped.
 */

export const DATASETS_DIR =
  process.env.SHOWROOM_DATASETS_DIR ?? fileURLToPath(new URL('../../../shared/datasets/', import.meta.url));
export const FASHION_STYLES_FILE = path.join(DATASETS_DIR, 'fashion-product-images-styles', 'styles.csv');

/** The styles.csv path, or undefined when the shared datasets folder is absent. */
export function fashionStylesFile(): string | undefined {
  return existsSync(FASHION_STYLES_FILE) ? FASHION_STYLES_FILE : undefined;
}

export const APPAREL_MASTER_CATEGORIES = ['Apparel', 'Accessories', 'Footwear'] as const;

/** One styles.csv row. */
export interface FashionStyle {
  id: number;
  gender: string;
  masterCategory: string;
  subCategory: string;
  articleType: string;
  baseColour: string;
  season: string;
  year: number | null;
  usage: string;
  productDisplayName: string;
}

/** The catalog row for one style: CONTRACT.md field names, price tiers as objects (JSONL form). */
export interface FashionCatalogRow {
  sku: string;
  title: string;
  category: string;
  subcategory: string;
  colors: string[];
  tags: string[];
  price_tiers: { min_qty: number; unit_price: number }[];
  currency: 'USD';
  moq: number;
}

/** articleType → taxonomy category; anything else becomes its lower-cased articleType. */
export const ARTICLE_CATEGORIES: Readonly<Record<string, string>> = {
  Dresses: 'dress',
  Heels: 'shoes',
  Flats: 'shoes',
  Sandals: 'shoes',
  'Casual Shoes': 'shoes',
  'Sports Shoes': 'shoes',
  'Flip Flops': 'shoes',
  'Formal Shoes': 'shoes',
  Handbags: 'bag',
  Clutches: 'bag',
  Earrings: 'jewelry',
  'Necklace and Chains': 'jewelry',
  'Jewellery Set': 'jewelry',
  Bracelet: 'jewelry',
  Bangle: 'jewelry',
  Pendant: 'jewelry',
  Ring: 'jewelry',
  Belts: 'belt',
  Scarves: 'scarf',
  Stoles: 'scarf',
  Caps: 'hat',
  Hats: 'hat',
  Sunglasses: 'sunglasses',
  Watches: 'watch',
  Tops: 'top',
  Tshirts: 'top',
  Shirts: 'top',
  Skirts: 'skirt',
  Jeans: 'pants',
  Trousers: 'pants',
  'Track Pants': 'pants',
  Jumpsuit: 'jumpsuit',
  Jackets: 'outerwear',
};

export function fashionCategory(articleType: string): string {
  return ARTICLE_CATEGORIES[articleType] ?? articleType.trim().toLowerCase();
}

/** First-tier unit price range in USD per category (synthetic; the dataset has no prices). */
const PRICE_RANGES: Record<string, [number, number]> = {
  dress: [6, 28],
  shoes: [8, 35],
  bag: [5, 30],
  jewelry: [1.2, 12],
  belt: [2, 10],
  scarf: [2, 9],
  hat: [2, 8],
  sunglasses: [1.5, 9],
  watch: [6, 40],
  top: [3, 15],
  skirt: [5, 18],
  pants: [6, 22],
  jumpsuit: [8, 25],
  outerwear: [12, 45],
};
const DEFAULT_PRICE_RANGE: [number, number] = [3, 20];

/**
 * Synthetic, deterministic quantity price tiers for a style id: 1–4 tiers,
 * quantities rising (first 5–100), unit price falling 4–15% per tier.
 */
export function syntheticPriceTiers(id: number, category: string): { min_qty: number; unit_price: number }[] {
  const rng = seededRandom(Math.imul(id, 0x9e3779b1) ^ 0x5f3759df);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rng() * items.length)]!;
  const [low, high] = PRICE_RANGES[category] ?? DEFAULT_PRICE_RANGE;
  let quantity = pick([5, 10, 20, 50, 100]);
  let cents = Math.round((low + rng() * (high - low)) * 100);
  const tiers: { min_qty: number; unit_price: number }[] = [];
  for (let t = 0, count = 1 + Math.floor(rng() * 4); t < count; t++) {
    tiers.push({ min_qty: quantity, unit_price: cents / 100 });
    quantity *= pick([2, 4, 5, 10]);
    cents = Math.max(1, Math.round(cents * (0.85 + rng() * 0.11)));
  }
  return tiers;
}

export function toCatalogRow(style: FashionStyle): FashionCatalogRow {
  const category = fashionCategory(style.articleType);
  const price_tiers = syntheticPriceTiers(style.id, category);
  const tags = [style.usage, style.season, style.gender]
    .map((tag) => tag.trim().toLowerCase())
    .filter((tag) => tag && tag !== 'na');
  return {
    sku: `FP-${style.id}`,
    title: style.productDisplayName,
    category,
    subcategory: style.articleType,
    colors: style.baseColour.trim() ? [style.baseColour.trim().toLowerCase()] : [],
    tags: [...new Set(tags)],
    price_tiers,
    currency: 'USD',
    moq: price_tiers[0]!.min_qty,
  };
}

export interface ReadOptions {
  file?: string;
  /** keep only these masterCategory values (default: Apparel, Accessories, Footwear); null keeps every row */
  masterCategories?: readonly string[] | null;
  /** stop after this many kept rows */
  limit?: number;
}

/** Streams styles.csv rows (file order), filtered to the apparel master categories by default. */
export async function* readFashionStyles(options: ReadOptions = {}): AsyncGenerator<FashionStyle> {
  const file = options.file ?? FASHION_STYLES_FILE;
  const keep = options.masterCategories === undefined ? APPAREL_MASTER_CATEGORIES : options.masterCategories;
  const parser = createReadStream(file).pipe(parse({ from_line: 2, relax_column_count: true, bom: true }));
  let kept = 0;
  for await (const fields of parser as AsyncIterable<string[]>) {
    if (fields.length < 10) continue;
    const [id, gender, masterCategory, subCategory, articleType, baseColour, season, year, usage] = fields;
    if (keep && !keep.includes(masterCategory!)) continue;
    // A name with an unquoted comma spills into the two trailing (unnamed) columns.
    const productDisplayName = fields.slice(9).join(',').replace(/,+$/, '').trim();
    yield {
      id: Number(id),
      gender: gender!.trim(),
      masterCategory: masterCategory!.trim(),
      subCategory: subCategory!.trim(),
      articleType: articleType!.trim(),
      baseColour: baseColour!.trim(),
      season: season!.trim(),
      year: year && /^\d+$/.test(year.trim()) ? Number(year) : null,
      usage: usage!.trim(),
      productDisplayName,
    };
    if (options.limit !== undefined && ++kept >= options.limit) break;
  }
}

export async function loadFashionStyles(options: ReadOptions = {}): Promise<FashionStyle[]> {
  const styles: FashionStyle[] = [];
  for await (const style of readFashionStyles(options)) styles.push(style);
  return styles;
}

export async function* fashionCatalogRows(options: ReadOptions = {}): AsyncGenerator<FashionCatalogRow> {
  for await (const style of readFashionStyles(options)) yield toCatalogRow(style);
}

/**
 * The converted catalog as a JSONL byte stream, for
 * `importCatalog(db, fashionCatalogJsonl(), { format: 'jsonl', … })`.
 * Lines are emitted in chunks of 500 so 41k rows stream without being held whole.
 */
export function fashionCatalogJsonl(options: ReadOptions = {}): Readable {
  async function* lines(): AsyncGenerator<string> {
    let chunk = '';
    let count = 0;
    for await (const row of fashionCatalogRows(options)) {
      chunk += JSON.stringify(row) + '\n';
      if (++count % 500 === 0) {
        yield chunk;
        chunk = '';
      }
    }
    if (chunk) yield chunk;
  }
  return Readable.from(lines(), { objectMode: false });
}

// Stand-alone: npx tsx test/datasets/fashion-styles.ts [limit] > /tmp/fashion.jsonl
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (!fashionStylesFile()) {
    process.stderr.write(`fashion-styles: ${FASHION_STYLES_FILE} not found; nothing to convert\n`);
  } else {
    const limit = process.argv[2] ? Number(process.argv[2]) : undefined;
    fashionCatalogJsonl({ limit }).pipe(process.stdout);
  }
}
