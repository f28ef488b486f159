/**
 * Checks the generated catalog still answers the requests the tests rely on;
 * the generator refuses to write files that would not.
 */
import type { CatalogRow } from './common.ts';
import { PALETTES } from './rules.ts';

const priceAt = (p: CatalogRow, qty: number): number | null => {
  let found: number | null = null;
  for (const tier of p.price_tiers) if (tier.min_qty <= qty) found = tier.unit_price;
  return found;
};
const tagged = (p: CatalogRow, ...tags: string[]): boolean => tags.every((t) => p.tags.includes(t));
const colored = (p: CatalogRow, color: string): boolean => p.colors.includes(color);
const usd = (p: CatalogRow): boolean => p.currency === 'USD';

const GUARANTEES: [string, number, (p: CatalogRow) => boolean][] = [
  [
    'red chiffon maxi, beach + wedding guest, ≤ $12 at 300 pcs',
    2,
    (p) =>
      p.subcategory === 'maxi dress' &&
      colored(p, 'red') &&
      p.materials.includes('chiffon') &&
      tagged(p, 'beach', 'wedding guest') &&
      usd(p) &&
      (priceAt(p, 300) ?? 99) <= 12,
  ],
  [
    'black evening/party dress in M, MOQ ≤ 50',
    3,
    (p) =>
      p.category === 'dress' &&
      colored(p, 'black') &&
      (tagged(p, 'evening') || tagged(p, 'party')) &&
      p.sizes.includes('M') &&
      p.moq <= 50,
  ],
  ['white maxi dress', 3, (p) => p.category === 'dress' && /maxi/.test(p.subcategory) && colored(p, 'white')],
  [
    'cheap red evening dress (< $10)',
    2,
    (p) =>
      p.category === 'dress' &&
      colored(p, 'red') &&
      tagged(p, 'evening') &&
      usd(p) &&
      p.price_tiers[0]!.unit_price < 10,
  ],
  [
    'plus-size floral wrap dress',
    2,
    (p) => p.subcategory === 'wrap dress' && tagged(p, 'plus size') && colored(p, 'floral'),
  ],
  [
    'modest long-sleeve maxi',
    3,
    (p) => p.category === 'dress' && tagged(p, 'modest') && /long sleeves/.test(p.title) && /maxi/.test(p.title),
  ],
  ['gold jewellery tagged evening', 3, (p) => p.category === 'jewelry' && colored(p, 'gold') && tagged(p, 'evening')],
  ['straw beach bag', 3, (p) => p.subcategory === 'straw beach bag'],
  ['straw sun hat', 3, (p) => p.subcategory === 'straw sun hat'],
  ['nude block heels', 2, (p) => p.subcategory === 'block heels' && colored(p, 'nude')],
  [
    'OEKO-TEX cotton dress',
    3,
    (p) => p.category === 'dress' && p.materials.includes('cotton') && p.certifications.includes('OEKO-TEX'),
  ],
  ['dropship with MOQ 1', 40, (p) => p.dropship && p.moq === 1],
  ['logo customization', 150, (p) => p.customization.includes('logo')],
];

export function checkCoverage(products: CatalogRow[]): string[] {
  const active = products.filter((p) => p.status === 'active');
  const problems: string[] = [];
  for (const [name, min, test] of GUARANTEES) {
    const found = active.filter(test).length;
    if (found < min) problems.push(`coverage: ${name}: ${found} active, want ≥ ${min}`);
  }
  const garments = new Set(['dress', 'top', 'skirt', 'jumpsuit']);
  for (const p of products) {
    if (!garments.has(p.category)) continue;
    for (const color of p.colors) {
      if (!PALETTES[color]) problems.push(`palette: ${p.sku} uses "${color}", which has no palette entry`);
    }
  }
  return problems;
}
