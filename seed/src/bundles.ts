/**
 * bundles.json: curated looks. Each recipe names a main product by what it
 * must be (category, colour, occasion...); the items are then the best-fitting
 * active products of each complementary category: tagged for the occasion, in
 * a colour from the main colour's palette, priced within the price band.
 */
import type { CatalogRow } from './common.ts';
import { NEUTRALS, PALETTES, complementsFor } from './rules.ts';
import { listPhrase } from './text.ts';

export interface Bundle {
  id: string;
  name: string;
  main_sku: string;
  item_skus: string[];
  occasion: string;
  note: string;
}

interface Recipe {
  id: string;
  name: string;
  occasion: string;
  /** The main product's colour the look is built around. */
  color: string;
  main: (p: CatalogRow) => boolean;
  note: string;
}

const has = (p: CatalogRow, list: 'tags' | 'colors' | 'materials', value: string): boolean => p[list].includes(value);
const isDress = (p: CatalogRow, subcategory?: string): boolean =>
  p.category === 'dress' && (subcategory === undefined || p.subcategory === subcategory);

const RECIPES: Recipe[] = [
  {
    id: 'beach-wedding-red',
    name: 'Beach wedding guest in red',
    occasion: 'beach',
    color: 'red',
    main: (p) =>
      isDress(p, 'maxi dress') &&
      has(p, 'colors', 'red') &&
      has(p, 'materials', 'chiffon') &&
      has(p, 'tags', 'wedding guest') &&
      has(p, 'tags', 'beach'),
    note: 'A red chiffon maxi for a beach wedding, with pieces that cope with sand and sun.',
  },
  {
    id: 'garden-wedding-red',
    name: 'Garden wedding guest',
    occasion: 'wedding guest',
    color: 'red',
    main: (p) => isDress(p, 'maxi dress') && has(p, 'colors', 'red') && has(p, 'tags', 'wedding guest'),
    note: 'A red maxi for a daytime wedding, finished with neutral and gold accents.',
  },
  {
    id: 'black-tie-sequin',
    name: 'Black-tie sequin night',
    occasion: 'evening',
    color: 'black',
    main: (p) => isDress(p, 'evening gown') && has(p, 'colors', 'black') && has(p, 'materials', 'sequin'),
    note: 'A black sequin gown kept sharp with metallic accessories.',
  },
  {
    id: 'cheap-red-evening',
    name: 'Red evening on a budget',
    occasion: 'evening',
    color: 'red',
    main: (p) => isDress(p, 'evening gown') && has(p, 'colors', 'red') && (p.price_tiers[0]?.unit_price ?? 99) < 10,
    note: 'A budget red evening gown with accessories that keep the whole look affordable.',
  },
  {
    id: 'cocktail-emerald',
    name: 'Emerald cocktail hour',
    occasion: 'cocktail',
    color: 'emerald',
    main: (p) => isDress(p, 'cocktail dress') && has(p, 'colors', 'emerald'),
    note: 'Emerald and gold: a cocktail look that photographs well.',
  },
  {
    id: 'party-black-mini',
    name: 'Night out in black',
    occasion: 'party',
    color: 'black',
    main: (p) =>
      ['mini dress', 'bodycon dress', 'slip dress', 'cocktail dress'].includes(p.subcategory) &&
      has(p, 'tags', 'party') &&
      p.moq <= 50 &&
      p.sizes.includes('M'),
    note: 'A little black party dress in size M upwards, with low-MOQ accessories.',
  },
  {
    id: 'office-shirt-dress',
    name: 'Office-ready shirt dress',
    occasion: 'office',
    color: 'white',
    main: (p) => isDress(p, 'shirt dress') && has(p, 'colors', 'white') && p.certifications.includes('OEKO-TEX'),
    note: 'An OEKO-TEX certified cotton shirt dress set up for the workweek.',
  },
  {
    id: 'white-vacation-maxi',
    name: 'White maxi holiday',
    occasion: 'vacation',
    color: 'white',
    main: (p) => isDress(p, 'maxi dress') && has(p, 'colors', 'white') && has(p, 'tags', 'vacation'),
    note: 'A white maxi for resort holidays, with natural and tan accessories.',
  },
  {
    id: 'modest-evening',
    name: 'Modest evening',
    occasion: 'modest',
    color: 'black',
    main: (p) => isDress(p, 'modest maxi dress') && has(p, 'colors', 'black') && p.sizes.includes('XL'),
    note: 'A long-sleeve modest maxi with a matching hijab for evening events.',
  },
  {
    id: 'plus-floral-wedding',
    name: 'Plus-size floral wedding guest',
    occasion: 'wedding guest',
    color: 'floral',
    main: (p) => isDress(p, 'wrap dress') && has(p, 'tags', 'plus size') && has(p, 'colors', 'floral'),
    note: 'A plus-size floral wrap dress with comfortable, neutral accessories.',
  },
  {
    id: 'kaftan-beach',
    name: 'Kaftan by the pool',
    occasion: 'beach',
    color: 'white',
    main: (p) => isDress(p, 'kaftan') && has(p, 'colors', 'white'),
    note: 'A one-size kaftan to wear over swimwear by the pool.',
  },
  {
    id: 'prom-black',
    name: 'Prom night in black',
    occasion: 'prom',
    color: 'black',
    main: (p) => isDress(p) && has(p, 'tags', 'prom') && has(p, 'colors', 'black'),
    note: 'A black prom look with sparkle in the accessories.',
  },
  {
    id: 'jumpsuit-evening',
    name: 'Evening jumpsuit',
    occasion: 'evening',
    color: 'black',
    main: (p) => p.category === 'jumpsuit' && has(p, 'tags', 'evening'),
    note: 'A wide-leg jumpsuit dressed up as an alternative to a gown.',
  },
];

function colorScore(main: string, item: CatalogRow): number {
  if (item.colors.includes(main)) return 2;
  if (item.colors.some((c) => (PALETTES[main] ?? []).includes(c))) return 2;
  return item.colors.some((c) => NEUTRALS.includes(c)) ? 1 : 0;
}

/** "nude block heels": the item's best-matching colour and its subcategory. */
function describeItem(item: CatalogRow, mainColor: string): string {
  const palette = PALETTES[mainColor] ?? [];
  const color =
    item.colors.find((c) => c === mainColor || palette.includes(c)) ??
    item.colors.find((c) => NEUTRALS.includes(c)) ??
    item.colors[0] ??
    '';
  return `${color} ${item.subcategory}`.trim();
}

function usd(p: CatalogRow): number {
  return p.price_tiers[0]?.unit_price ?? 0;
}

/** How often each accessory has been used by earlier bundles: spreads the looks over the catalog. */
const usage = new Map<string, number>();

function pickItem(
  pool: CatalogRow[],
  category: string,
  recipe: Recipe,
  main: CatalogRow,
  used: Set<string>,
): CatalogRow | undefined {
  const candidates = pool.filter(
    (p) => p.category === category && !used.has(p.sku) && colorScore(recipe.color, p) > 0 && usd(p) <= usd(main) * 1.5,
  );
  const score = (p: CatalogRow): number =>
    (p.tags.includes(recipe.occasion) ? 4 : 0) +
    colorScore(recipe.color, p) +
    (p.moq <= main.moq ? 1 : 0) -
    1.5 * (usage.get(p.sku) ?? 0);
  candidates.sort((a, b) => score(b) - score(a) || (a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0));
  return candidates[0];
}

export function curateBundles(products: CatalogRow[]): Bundle[] {
  const active = products.filter((p) => p.status === 'active' && p.currency === 'USD');
  const usedMains = new Set<string>();
  return RECIPES.map((recipe) => {
    const main = active.find((p) => recipe.main(p) && p.colors.includes(recipe.color) && !usedMains.has(p.sku));
    if (!main) throw new Error(`bundle ${recipe.id}: no main product matches`);
    usedMains.add(main.sku);
    const used = new Set<string>([main.sku]);
    const items: string[] = [];
    for (const category of complementsFor(main.category, recipe.occasion)) {
      const item = pickItem(active, category, recipe, main, used);
      if (!item) continue;
      used.add(item.sku);
      usage.set(item.sku, (usage.get(item.sku) ?? 0) + 1);
      items.push(item.sku);
    }
    if (items.length < 2) throw new Error(`bundle ${recipe.id}: only ${items.length} items fit`);
    const pieces = items.map((sku) =>
      describeItem(
        active.find((p) => p.sku === sku)!,
        recipe.color,
      ),
    );
    const note = `${recipe.note} Pairs it with ${listPhrase(pieces)}.`;
    return { id: recipe.id, name: recipe.name, main_sku: main.sku, item_skus: items, occasion: recipe.occasion, note };
  });
}
