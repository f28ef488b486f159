/** Belts (Shiling and Yiwu) and scarves and hijabs (Hangzhou silk mill). */
import { anchor, designAll, type Kind } from './accessory-kit.ts';
import { numbered, type CatalogRow, type Profile } from './common.ts';
import { ACCESSORY_FACTORY, BAG_FACTORY, SILK_FACTORY } from './factories.ts';
import { streamFor } from './random.ts';

const BELT_PROFILE: Profile = {
  moqs: [
    [10, 3],
    [20, 4],
    [50, 5],
    [100, 5],
    [200, 3],
    [500, 1],
  ],
  dropshipRate: 0.15,
  leadTime: [7, 30],
  sampleDays: [2, 7],
  sampleFactor: [2, 3],
  certifications: ['REACH', 'BSCI', 'ISO 9001'],
  certificationRate: 0.25,
  customization: ['logo', 'private_label', 'custom_packaging', 'custom_color', 'custom_size'],
};

const SCARF_PROFILE: Profile = {
  ...BELT_PROFILE,
  moqs: [
    [10, 2],
    [20, 3],
    [50, 6],
    [100, 6],
    [200, 3],
    [300, 2],
  ],
  certifications: ['OEKO-TEX', 'GRS', 'BSCI', 'ISO 9001'],
  certificationRate: 0.35,
  customization: ['logo', 'private_label', 'custom_packaging', 'custom_color'],
};

const beltSizes = (): string[] => ['S', 'M', 'L'];
const BELT_COLORS = ['black', 'tan', 'brown', 'white', 'beige', 'nude', 'red', 'cream'];

const BELTS: Kind[] = [
  {
    category: 'belt',
    subcategory: 'leather belt',
    noun: 'belt',
    count: 5,
    factory: BAG_FACTORY,
    materials: [
      {
        title: 'Leather',
        materials: ['genuine leather', 'zinc alloy'],
        phrase: 'full-grain cow leather',
        priceFactor: 1.3,
      },
      { title: 'PU leather', materials: ['PU leather', 'zinc alloy'], phrase: 'smooth PU leather' },
    ],
    colors: BELT_COLORS,
    occasions: ['office', 'casual'],
    styles: ['minimalist', 'elegant'],
    seasons: ['spring', 'autumn', 'winter'],
    price: [2, 8],
    features: ['gold buckle', 'silver buckle', '3 cm width', 'horsebit buckle', 'covered buckle'],
    blurb: 'Everyday trouser and dress belt',
    sizes: beltSizes,
  },
  {
    category: 'belt',
    subcategory: 'waist belt',
    noun: 'waist belt',
    count: 4,
    factory: BAG_FACTORY,
    materials: [
      { title: 'PU leather', materials: ['PU leather', 'elastic'], phrase: 'PU leather on a stretch elastic back' },
      { title: 'Faux suede', materials: ['faux suede', 'elastic'], phrase: 'faux suede with an elastic back' },
    ],
    colors: BELT_COLORS,
    occasions: ['office', 'wedding guest', 'party', 'casual'],
    styles: ['elegant', 'romantic'],
    seasons: ['spring', 'summer', 'autumn'],
    price: [1.5, 5],
    features: ['bow detail', 'gold buckle', 'wide corset shape', 'interlocking clasp'],
    blurb: 'Wide waist belt that cinches dresses and coats',
    sizes: beltSizes,
  },
  {
    category: 'belt',
    subcategory: 'chain belt',
    noun: 'chain belt',
    count: 3,
    factory: ACCESSORY_FACTORY,
    materials: [{ title: 'Metal', materials: ['zinc alloy'], phrase: 'plated zinc alloy', colors: ['gold', 'silver'] }],
    colors: ['gold', 'silver'],
    occasions: ['party', 'evening', 'beach', 'vacation'],
    styles: ['boho', 'streetwear'],
    seasons: ['summer', 'spring'],
    price: [1.5, 6],
    features: ['coin charms', 'pearl drops', 'adjustable length', 'layered chains'],
    blurb: 'Adjustable chain belt to wear on the waist or hips',
    sizes: () => ['one size'],
  },
  {
    category: 'belt',
    subcategory: 'woven belt',
    noun: 'woven belt',
    count: 2,
    factory: ACCESSORY_FACTORY,
    materials: [
      { title: 'Straw', materials: ['paper straw', 'PU leather'], phrase: 'woven paper straw with PU leather tabs' },
    ],
    colors: ['natural', 'tan', 'white', 'black'],
    occasions: ['beach', 'vacation', 'casual'],
    styles: ['boho'],
    seasons: ['summer'],
    price: [1.5, 4],
    features: ['wooden buckle', 'tie closure', 'braided edge'],
    blurb: 'Summer woven belt for linen dresses and shorts',
    sizes: beltSizes,
  },
];

const ALL_SEASONS = ['spring', 'summer', 'autumn', 'winter'];
const SILK_COLORS = ['floral', 'navy', 'red', 'black', 'emerald', 'pink', 'beige', 'leopard', 'gold', 'blue', 'white'];
const HIJAB_COLORS = [
  'black',
  'navy',
  'beige',
  'nude',
  'grey',
  'blush',
  'lavender',
  'emerald',
  'burgundy',
  'white',
  'brown',
  'sky blue',
];

const SCARVES: Kind[] = [
  {
    category: 'scarf',
    subcategory: 'silk scarf',
    noun: 'scarf',
    count: 6,
    factory: SILK_FACTORY,
    materials: [
      { title: 'Silk twill', materials: ['silk'], phrase: '14 momme mulberry silk twill', priceFactor: 1.3 },
      { title: 'Silk satin', materials: ['silk'], phrase: '16 momme silk charmeuse' },
    ],
    colors: SILK_COLORS,
    occasions: ['office', 'evening', 'wedding guest', 'vacation', 'casual'],
    styles: ['elegant', 'romantic'],
    seasons: ['spring', 'autumn', 'winter', 'summer'],
    price: [4, 14],
    types: ['square', 'skinny', 'bandana'],
    features: ['hand-rolled hem', 'digital print', 'chain print', 'paisley print', 'border print'],
    blurb: 'Tie it at the neck, in the hair or on a bag handle',
    sizes: () => ['one size'],
  },
  {
    category: 'scarf',
    subcategory: 'chiffon scarf',
    noun: 'scarf',
    count: 5,
    factory: SILK_FACTORY,
    materials: [{ title: 'Chiffon', materials: ['chiffon', 'polyester'], phrase: 'sheer polyester chiffon' }],
    colors: [...SILK_COLORS, 'blush', 'lavender'],
    occasions: ['evening', 'wedding guest', 'beach', 'vacation', 'casual'],
    styles: ['romantic', 'boho'],
    seasons: ['spring', 'summer'],
    price: [1, 4],
    types: ['long', 'oversized'],
    features: ['ombre dye', 'tassel ends', 'soft drape', 'rolled edges'],
    blurb: 'Light chiffon scarf that doubles as an evening shawl',
    sizes: () => ['70 x 180 cm'],
  },
  {
    category: 'scarf',
    subcategory: 'hijab',
    noun: 'hijab',
    count: 5,
    factory: SILK_FACTORY,
    materials: [
      { title: 'Chiffon', materials: ['chiffon', 'polyester'], phrase: 'premium bubble chiffon' },
      { title: 'Jersey', materials: ['modal', 'spandex'], phrase: 'stretch modal jersey' },
      { title: 'Cotton voile', materials: ['cotton'], phrase: 'breathable cotton voile' },
    ],
    colors: HIJAB_COLORS,
    maxColors: 5,
    occasions: ['modest', 'casual', 'office', 'evening'],
    styles: ['minimalist', 'elegant'],
    seasons: ALL_SEASONS,
    price: [1, 4],
    features: ['no-slip texture', 'matching underscarf', 'soft edges', 'easy-wrap length'],
    blurb: 'Everyday hijab that drapes without pins slipping',
    sizes: () => ['70 x 175 cm'],
  },
];

const SCARF_ANCHORS = [
  anchor({
    title: 'Chiffon hijab, matching underscarf, soft edges',
    category: 'scarf',
    subcategory: 'hijab',
    factory: SILK_FACTORY,
    description:
      'Premium chiffon hijab with a matching jersey underscarf, in 40+ stock colours. Made for modest dressing, the office and evening events; available in black, nude, navy, blush and emerald.',
    colors: ['black', 'nude', 'navy', 'blush', 'emerald'],
    sizes: ['70 x 175 cm'],
    materials: ['chiffon', 'polyester'],
    tags: ['modest', 'office', 'evening', 'elegant', 'spring', 'summer', 'autumn', 'winter'],
    basePrice: 1.9,
    dropship: true,
    fixedTiers: [
      { min_qty: 1, unit_price: 2.8 },
      { min_qty: 50, unit_price: 2.1 },
      { min_qty: 300, unit_price: 1.9 },
    ],
    customization: ['logo', 'private_label', 'custom_packaging', 'custom_color'],
    certifications: ['OEKO-TEX'],
    samplePrice: 0,
    stock: 8000,
  }),
];

export function generateBelts(): CatalogRow[] {
  const rng = streamFor('belts');
  return numbered(rng, 'BT', 5001, designAll(rng, BELTS, []), BELT_PROFILE);
}

export function generateScarves(): CatalogRow[] {
  const rng = streamFor('scarves');
  return numbered(rng, 'SC', 6001, designAll(rng, SCARVES, SCARF_ANCHORS), SCARF_PROFILE);
}
