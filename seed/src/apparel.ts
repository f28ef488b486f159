/** A few tops, skirts and jumpsuits from the Guangzhou garment factory, so separates can be bundled too. */
import { numbered, type CatalogRow } from './common.ts';
import { APPAREL_PROFILE, designDress } from './dresses.ts';
import type { DressStyle } from './dress-styles.ts';
import { DRESS_FACTORY } from './factories.ts';
import { streamFor } from './random.ts';

const TOPS: DressStyle[] = [
  {
    category: 'top',
    subcategory: 'blouse',
    noun: 'blouse',
    count: 3,
    factory: DRESS_FACTORY,
    fabrics: ['chiffon', 'satin', 'viscose', 'silk'],
    colors: ['white', 'black', 'blush', 'navy', 'champagne', 'sky blue', 'floral'],
    occasions: ['office', 'casual', 'evening'],
    styles: ['elegant', 'minimalist', 'romantic'],
    seasons: ['spring', 'autumn', 'summer'],
    price: [4, 10],
    necklines: ['V-neck', 'bow neck', 'round neck'],
    details: ['puff sleeves', 'button front', 'long sleeves', 'ruffle cuffs'],
    sizes: 'standard',
    fit: 'Relaxed blouse to tuck into skirts and trousers',
  },
  {
    category: 'top',
    subcategory: 'crop top',
    noun: 'crop top',
    count: 2,
    factory: DRESS_FACTORY,
    fabrics: ['knit', 'cotton', 'linen'],
    colors: ['white', 'black', 'red', 'beige', 'pink', 'sage'],
    occasions: ['casual', 'party', 'vacation', 'beach'],
    styles: ['streetwear', 'boho'],
    seasons: ['summer', 'spring'],
    price: [2.5, 6],
    necklines: ['square neck', 'halter neck', 'off-shoulder'],
    details: ['tie front', 'puff sleeves', 'ruched front'],
    sizes: 'standard',
    fit: 'Cropped top that pairs with high-waisted skirts',
  },
];

const SKIRTS: DressStyle[] = [
  {
    category: 'skirt',
    subcategory: 'midi skirt',
    noun: 'midi skirt',
    count: 3,
    factory: DRESS_FACTORY,
    fabrics: ['satin', 'chiffon', 'linen', 'crepe'],
    colors: ['black', 'champagne', 'emerald', 'beige', 'navy', 'blush', 'floral', 'leopard'],
    occasions: ['office', 'wedding guest', 'casual', 'evening'],
    styles: ['elegant', 'minimalist'],
    seasons: ['spring', 'autumn', 'summer'],
    price: [4, 10],
    necklines: ['elastic waist', 'high waist'],
    details: ['bias cut', 'knife pleats', 'side slit', 'A-line shape'],
    sizes: 'standard',
    fit: 'Midi skirt that sits on the natural waist',
  },
  {
    category: 'skirt',
    subcategory: 'maxi skirt',
    noun: 'maxi skirt',
    count: 2,
    factory: DRESS_FACTORY,
    fabrics: ['chiffon', 'viscose', 'cotton'],
    colors: ['white', 'floral', 'black', 'yellow', 'sage', 'orange'],
    occasions: ['beach', 'vacation', 'casual', 'modest'],
    styles: ['boho'],
    seasons: ['summer'],
    price: [4, 9],
    necklines: ['elastic waist', 'drawstring waist'],
    details: ['tiered layers', 'ruffle hem', 'side slit'],
    sizes: 'standard',
    fit: 'Floor-length maxi skirt with plenty of movement',
  },
];

const JUMPSUITS: DressStyle[] = [
  {
    category: 'jumpsuit',
    subcategory: 'wide-leg jumpsuit',
    noun: 'wide-leg jumpsuit',
    count: 3,
    factory: DRESS_FACTORY,
    fabrics: ['crepe', 'satin', 'linen', 'viscose'],
    colors: ['black', 'white', 'emerald', 'navy', 'red', 'beige', 'burgundy'],
    occasions: ['evening', 'wedding guest', 'office', 'party', 'cocktail'],
    styles: ['elegant', 'minimalist'],
    seasons: ['spring', 'summer', 'autumn'],
    price: [8, 18],
    necklines: ['V-neck', 'halter neck', 'one shoulder', 'square neck'],
    details: ['belted waist', 'pleated trousers', 'open back'],
    sizes: 'standard',
    fit: 'Wide-leg jumpsuit with a fitted bodice and side pockets',
  },
  {
    category: 'jumpsuit',
    subcategory: 'romper',
    noun: 'romper',
    count: 2,
    factory: DRESS_FACTORY,
    fabrics: ['cotton', 'linen', 'viscose'],
    colors: ['white', 'floral', 'yellow', 'sky blue', 'black', 'coral'],
    occasions: ['beach', 'vacation', 'casual'],
    styles: ['boho', 'streetwear'],
    seasons: ['summer'],
    price: [5, 10],
    necklines: ['square neck', 'spaghetti straps', 'off-shoulder'],
    details: ['smocked waist', 'ruffle hem', 'tie waist'],
    sizes: 'standard',
    fit: 'Easy short romper with an elastic waist',
  },
];

function generate(name: string, prefix: string, styles: DressStyle[]): CatalogRow[] {
  const rng = streamFor(name);
  const titles = new Set<string>();
  const designs = styles.flatMap((style) => Array.from({ length: style.count }, () => designDress(rng, style, titles)));
  return numbered(rng, prefix, 1001, designs, APPAREL_PROFILE);
}

export function generateSeparates(): CatalogRow[] {
  return [
    ...generate('tops', 'TP', TOPS),
    ...generate('skirts', 'SK', SKIRTS),
    ...generate('jumpsuits', 'JS', JUMPSUITS),
  ];
}
