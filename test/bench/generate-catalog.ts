import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { CATALOG_FIELDS } from '../../src/catalog/product.ts';
import { mulberry32 } from '../../seed/src/random.ts';
import {
  ADJECTIVES,
  CERTIFICATIONS,
  COLORS,
  CURRENCIES,
  CUSTOMIZATION,
  FACTORIES,
  KINDS,
  PACKING_NOTES,
  SELLING_POINTS,
  TAGS,
} from './catalog-vocabulary.ts';

/**
 * Deterministic catalog generator for the import benchmark: N realistic
 * fashion-accessory products (titles with commas, category synonyms, 1–4
 * quantity price tiers, list fields, ~30 factories, a few archived rows),
 * streamed to a CSV or JSONL file so even 100k rows never sit in memory.
 * The same seed and N always give the same bytes, so runs are comparable.
 *
 * Stand-alone: npx tsx bench/generate-catalog.ts 1000 csv /tmp/catalog.csv
 */

export type GeneratedFormat = 'csv' | 'jsonl';

type Rng = () => number;

/** The seed generator's mulberry32: one PRNG for all generated test data. */
export const seededRandom = (seed: number): Rng => mulberry32(seed);

/** One product as plain values; serialised to CSV or JSONL below. Absent optional fields are null. */
export type GeneratedProduct = Record<
  (typeof CATALOG_FIELDS)[number],
  string | number | boolean | null | string[] | [number, number][]
>;

export function generateProduct(index: number, rng: Rng): GeneratedProduct {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rng() * items.length)]!;
  const some = <T>(items: readonly T[], min: number, max: number): T[] => {
    const count = Math.min(items.length, min + Math.floor(rng() * (max - min + 1)));
    const pool = [...items]; // partial Fisher–Yates: the first `count` become a random sample
    for (let i = 0; i < count; i++) {
      const j = i + Math.floor(rng() * (pool.length - i));
      [pool[i], pool[j]] = [pool[j]!, pool[i]!];
    }
    return pool.slice(0, count);
  };
  const maybe = <T>(chance: number, value: () => T): T | null => (rng() < chance ? value() : null);
  const { categories, skuPrefix, subcategories, materials, sizes, features, price } = pick(KINDS);
  const [low, high] = price;
  const subcategory = pick(subcategories);
  const material = pick(materials);
  const [feature, second] = some(features, 2, 2);
  const title = `${pick(ADJECTIVES)} ${material} ${subcategory}, ${feature}${rng() < 0.5 ? `, ${second}` : ''}`;
  // Ascending quantities, unit price falling 4–15% per tier, in cents.
  let qty = pick([1, 2, 5, 10, 20, 50, 100]);
  let cents = Math.round((low + rng() * (high - low)) * 100);
  const tiers: [number, number][] = [];
  for (let t = 0, count = 1 + Math.floor(rng() * 4); t < count; t++) {
    tiers.push([qty, cents / 100]);
    qty *= pick([2, 4, 5, 10]);
    cents = Math.max(1, Math.round(cents * (0.85 + rng() * 0.11)));
  }
  const sku = `${skuPrefix}-${String(index + 1).padStart(6, '0')}`;
  const description =
    `${title}. Made of ${material}${rng() < 0.5 ? `; ${some(features, 1, 2).join(', ')}` : ''}. ` +
    `${pick(SELLING_POINTS)} ${pick(PACKING_NOTES)}`;
  return {
    sku,
    title,
    category: pick(categories),
    subcategory: maybe(0.9, () => subcategory),
    description: maybe(0.85, () => description),
    factory: maybe(0.9, () => pick(FACTORIES)),
    colors: some(COLORS, 1, 5),
    sizes: sizes.length === 1 ? sizes : sizes.slice(0, 2 + Math.floor(rng() * (sizes.length - 1))),
    materials: some(materials, 1, 2),
    tags: some(TAGS, 2, 5),
    price_tiers: tiers,
    currency: pick(CURRENCIES),
    moq: maybe(0.3, () => tiers[0]![0]),
    sample_price: maybe(0.7, () => Math.round(tiers[0]![1] * (150 + rng() * 150)) / 100),
    sample_days: maybe(0.7, () => 2 + Math.floor(rng() * 6)),
    lead_time_days: maybe(0.8, () => 7 + Math.floor(rng() * 38)),
    customization: some(CUSTOMIZATION, 0, 3),
    certifications: some(CERTIFICATIONS, 0, 2),
    dropship: rng() < 0.3,
    stock: maybe(0.6, () => Math.floor(rng() * 5000)),
    image_urls: Array.from(
      { length: 1 + Math.floor(rng() * 4) },
      (_, i) => `https://cdn.example-showroom.com/p/${sku}-${i + 1}.jpg`,
    ),
    status: rng() < 0.05 ? 'archived' : 'active',
  };
}

function csvCell(value: GeneratedProduct[keyof GeneratedProduct]): string {
  if (value === null) return '';
  let text: string;
  if (Array.isArray(value)) {
    text = value.map((item) => (Array.isArray(item) ? `${item[0]}:${item[1].toFixed(2)}` : item)).join('|');
  } else text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsvLine(product: GeneratedProduct): string {
  return CATALOG_FIELDS.map((field) => csvCell(product[field])).join(',') + '\n';
}

export function toJsonLine(product: GeneratedProduct): string {
  const object: Record<string, unknown> = {};
  for (const field of CATALOG_FIELDS) {
    const value = product[field];
    if (value === null) continue;
    object[field] =
      field === 'price_tiers'
        ? (value as [number, number][]).map(([min_qty, unit_price]) => ({ min_qty, unit_price }))
        : value;
  }
  return JSON.stringify(object) + '\n';
}

/** Writes N products to `file`, respecting back-pressure; returns the bytes written. */
export async function writeCatalog(file: string, count: number, format: GeneratedFormat, seed = 42): Promise<number> {
  const rng = seededRandom(seed);
  const out = createWriteStream(file);
  const serialise = format === 'csv' ? toCsvLine : toJsonLine;
  let bytes = 0;
  const write = async (text: string) => {
    bytes += Buffer.byteLength(text);
    if (!out.write(text)) await once(out, 'drain');
  };
  if (format === 'csv') await write(CATALOG_FIELDS.join(',') + '\n');
  for (let start = 0; start < count; start += 1000) {
    let chunk = '';
    for (let i = start; i < Math.min(count, start + 1000); i++) chunk += serialise(generateProduct(i, rng));
    await write(chunk);
  }
  out.end();
  await once(out, 'finish');
  return bytes;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [count = '1000', format = 'csv', file = `/tmp/catalog-${count}.${format}`] = process.argv.slice(2);
  const bytes = await writeCatalog(file, Number(count), format as GeneratedFormat);
  console.log(`${file}: ${count} products, ${(bytes / 1024 / 1024).toFixed(1)} MiB`);
}
