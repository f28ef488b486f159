import type { Bundle } from '../../src/bundles/bundle.ts';
import { loadBundleRules, type BundleRules } from '../../src/bundles/bundle-rules.ts';
import { createBundleSuggester, type BundleSuggester } from '../../src/bundles/bundle-suggester.ts';
import { colorRelation } from '../../src/bundles/color-harmony.ts';
import { seedCuratedBundles } from '../../src/bundles/curated-bundles.ts';
import type { Product } from '../../src/catalog/product.ts';
import { openSeedCatalog, type EvalCatalog } from '../helpers/seed-catalog.ts';

/** The seed catalog in memory with its curated looks, the seed rules and a suggester over them. */
export interface BundleFixture {
  catalog: EvalCatalog;
  rules: BundleRules;
  suggester: BundleSuggester;
  curatedLoaded: number;
  product(sku: string): Product;
  /** US dollars per unit, from currency_rates. */
  usd(currency: string): number;
  close(): Promise<void>;
}

export async function openBundleFixture(): Promise<BundleFixture> {
  const catalog = await openSeedCatalog();
  const curatedLoaded = await seedCuratedBundles(catalog.db);
  const rules = await loadBundleRules();
  const { rows } = await catalog.db.query<{ currency: string; usd_per_unit: number }>(
    'select currency, usd_per_unit from currency_rates',
  );
  const rates = new Map(rows.map((row) => [row.currency.trim(), row.usd_per_unit]));
  const bySku = new Map(catalog.products.map((p) => [p.sku, p]));
  return {
    catalog,
    rules,
    suggester: createBundleSuggester(catalog.db, { rules, lexicon: catalog.lexicon }),
    curatedLoaded,
    product(sku) {
      const product = bySku.get(sku);
      if (!product) throw new Error(`${sku} is not in the seed catalog`);
      return product;
    },
    usd: (currency) => rates.get(currency)!,
    close: () => catalog.close(),
  };
}

export function categories(bundle: Bundle): string[] {
  return bundle.items.map((item) => item.category);
}

export function skus(bundle: Bundle): string[] {
  return bundle.items.map((item) => item.sku);
}

/** Whether the item's offered colour is one it is made in and goes with the main's colour under the rules. */
export function harmonises(
  rules: BundleRules,
  bundle: Bundle,
  item: Bundle['items'][number],
  product: Product,
): boolean {
  return (
    item.color !== null &&
    product.colors.includes(item.color) &&
    Boolean(colorRelation(rules, bundle.main.color, item.color))
  );
}
