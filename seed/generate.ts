/**
 * Regenerates the seed catalog in seed/: catalog.jsonl, factories.json,
 * bundle-rules.json, bundles.json and README.md. Deterministic: seeded PRNG,
 * no clock, so two runs write byte-identical files.
 *
 *   npm run seed:generate
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { format, resolveConfig } from 'prettier';
import { generateSeparates } from './src/apparel.ts';
import { generateBags } from './src/bags.ts';
import { generateBelts, generateScarves } from './src/belts-scarves.ts';
import { curateBundles } from './src/bundles.ts';
import { anchorSkus, type CatalogRow } from './src/common.ts';
import { checkCoverage } from './src/coverage.ts';
import { generateDresses } from './src/dresses.ts';
import { FACTORIES } from './src/factories.ts';
import { generateHats, generateSunglasses } from './src/hats-sunglasses.ts';
import { generateJewelry } from './src/jewelry.ts';
import { generateShoes } from './src/shoes.ts';
import { streamFor } from './src/random.ts';
import { readme } from './src/readme.ts';
import { bundleRules } from './src/rules.ts';

const SEED_DIR = path.dirname(fileURLToPath(import.meta.url));
const ARCHIVED = 10;

const bySku = (a: CatalogRow, b: CatalogRow): number => (a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0);

const products: CatalogRow[] = [
  ...generateDresses(),
  ...generateSeparates(),
  ...generateShoes(),
  ...generateBags(),
  ...generateJewelry(),
  ...generateBelts(),
  ...generateScarves(),
  ...generateHats(),
  ...generateSunglasses(),
].sort(bySku);

// A few discontinued products, never anchors, so the importer's archived handling has data.
const archivable = products.filter((p) => !anchorSkus.has(p.sku));
for (const p of streamFor('archive').sample(archivable, ARCHIVED)) p.status = 'archived';

const problems = checkCoverage(products);
const skus = new Set(products.map((p) => p.sku));
if (skus.size !== products.length) problems.push('duplicate SKUs');
const factoryNames = new Set(FACTORIES.map((f) => f.name));
for (const p of products) if (!factoryNames.has(p.factory)) problems.push(`${p.sku}: unknown factory ${p.factory}`);
if (problems.length) {
  console.error(problems.join('\n'));
  process.exit(1);
}

const bundles = curateBundles(products);
const counts: Record<string, number> = {};
for (const p of products) counts[p.category] = (counts[p.category] ?? 0) + 1;
const active = products.filter((p) => p.status === 'active').length;

/** Files other than catalog.jsonl are formatted like the rest of the repo, so `npm run lint` stays clean. */
async function write(name: string, text: string): Promise<void> {
  const file = path.join(SEED_DIR, name);
  const options = (await resolveConfig(file)) ?? {};
  const out = name.endsWith('.jsonl') ? text : await format(text, { ...options, filepath: file });
  writeFileSync(file, out, 'utf8');
}

await write('catalog.jsonl', products.map((p) => JSON.stringify(p)).join('\n') + '\n');
await write('factories.json', JSON.stringify(FACTORIES, null, 2));
await write('bundle-rules.json', JSON.stringify(bundleRules(), null, 2));
await write('bundles.json', JSON.stringify(bundles, null, 2));
await write('README.md', readme(counts, products.length, active));
console.error(
  `seed: ${products.length} products (${active} active), ${FACTORIES.length} factories, ${bundles.length} bundles`,
);
