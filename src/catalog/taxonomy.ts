/**
 * The catalog's category taxonomy. Import normalises a row's `category`
 * against it: a known synonym becomes its canonical name ("Dresses" → dress,
 * "heels" → shoes); an unknown value is kept as given and reported as a warning.
 */

export const CATEGORIES = [
  'dress',
  'shoes',
  'bag',
  'jewelry',
  'belt',
  'scarf',
  'hat',
  'sunglasses',
  'watch',
  'top',
  'skirt',
  'pants',
  'jumpsuit',
  'outerwear',
  'swimwear',
  'lingerie',
  'hair accessory',
] as const;

export type Category = (typeof CATEGORIES)[number];

/** Synonyms an admin's spreadsheet is likely to use, lower-cased, singular and plural. */
const SYNONYMS: Record<string, Category> = {
  dresses: 'dress',
  gown: 'dress',
  gowns: 'dress',
  shoe: 'shoes',
  footwear: 'shoes',
  heels: 'shoes',
  sandals: 'shoes',
  sneakers: 'shoes',
  flats: 'shoes',
  boots: 'shoes',
  bags: 'bag',
  handbag: 'bag',
  handbags: 'bag',
  purse: 'bag',
  purses: 'bag',
  clutch: 'bag',
  tote: 'bag',
  jewellery: 'jewelry',
  jewelery: 'jewelry',
  necklace: 'jewelry',
  necklaces: 'jewelry',
  earrings: 'jewelry',
  bracelet: 'jewelry',
  bracelets: 'jewelry',
  ring: 'jewelry',
  rings: 'jewelry',
  belts: 'belt',
  scarves: 'scarf',
  scarfs: 'scarf',
  shawl: 'scarf',
  hats: 'hat',
  cap: 'hat',
  caps: 'hat',
  'sun glasses': 'sunglasses',
  eyewear: 'sunglasses',
  watches: 'watch',
  tops: 'top',
  blouse: 'top',
  blouses: 'top',
  shirt: 'top',
  shirts: 'top',
  't-shirt': 'top',
  skirts: 'skirt',
  trousers: 'pants',
  jeans: 'pants',
  jumpsuits: 'jumpsuit',
  romper: 'jumpsuit',
  jacket: 'outerwear',
  jackets: 'outerwear',
  coat: 'outerwear',
  coats: 'outerwear',
  blazer: 'outerwear',
  swimsuit: 'swimwear',
  bikini: 'swimwear',
  'hair accessories': 'hair accessory',
  'hair clip': 'hair accessory',
};

const CANONICAL = new Set<string>(CATEGORIES);

export interface NormalisedCategory {
  category: string;
  known: boolean;
}

export function normaliseCategory(raw: string): NormalisedCategory {
  const key = raw.trim().toLowerCase().replace(/\s+/g, ' ');
  if (CANONICAL.has(key)) return { category: key, known: true };
  const synonym = SYNONYMS[key];
  if (synonym) return { category: synonym, known: true };
  return { category: raw.trim(), known: false };
}
