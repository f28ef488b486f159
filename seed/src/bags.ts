/** ~45 handbags from the Shiling (Guangzhou) leather-goods factory. */
import { anchor, designAll, type Kind, type MaterialOption } from './accessory-kit.ts';
import { numbered, type CatalogRow, type Profile } from './common.ts';
import { BAG_FACTORY } from './factories.ts';
import type { Rng } from './random.ts';
import { streamFor } from './random.ts';

export const BAG_PROFILE: Profile = {
  moqs: [
    [5, 3],
    [10, 4],
    [20, 5],
    [50, 6],
    [100, 5],
    [200, 3],
    [300, 1],
  ],
  dropshipRate: 0.15,
  leadTime: [12, 35],
  sampleDays: [3, 8],
  sampleFactor: [1.5, 3],
  certifications: ['BSCI', 'REACH', 'GRS', 'SEDEX'],
  certificationRate: 0.3,
  customization: ['logo', 'private_label', 'custom_packaging', 'custom_color'],
};

const oneSize = (): string[] => ['one size'];
const dims =
  (w: [number, number], h: [number, number]) =>
  (rng: Rng): string =>
    `Measures about ${rng.int(...w)} × ${rng.int(...h)} cm.`;

const PU: MaterialOption = {
  title: 'PU leather',
  materials: ['PU leather', 'polyester lining'],
  phrase: 'vegan PU leather',
};
const CROC: MaterialOption = { title: 'Croc-embossed', materials: ['PU leather'], phrase: 'croc-embossed PU leather' };
const LEATHER: MaterialOption = {
  title: 'Split leather',
  materials: ['split leather', 'polyester lining'],
  phrase: 'soft split cow leather',
  priceFactor: 1.5,
};
const SATIN: MaterialOption = {
  title: 'Satin',
  materials: ['satin', 'metal frame'],
  phrase: 'pleated satin on a metal frame',
  colors: ['black', 'champagne', 'silver', 'gold', 'nude', 'blush', 'red', 'emerald', 'white'],
};
const SEQUIN: MaterialOption = {
  title: 'Rhinestone',
  materials: ['rhinestone', 'metal frame'],
  phrase: 'hand-set rhinestones on a metal frame',
  priceFactor: 1.4,
  colors: ['silver', 'gold', 'champagne', 'black'],
};
const STRAW: MaterialOption[] = [
  {
    title: 'Straw',
    materials: ['paper straw', 'cotton lining'],
    phrase: 'hand-woven paper straw',
    colors: ['natural', 'beige', 'white', 'tan', 'black'],
  },
  {
    title: 'Rattan',
    materials: ['rattan', 'cotton lining'],
    phrase: 'hand-woven rattan',
    priceFactor: 1.3,
    colors: ['natural', 'tan', 'brown'],
  },
  {
    title: 'Raffia',
    materials: ['raffia', 'cotton lining'],
    phrase: 'crocheted raffia',
    colors: ['natural', 'beige', 'white', 'pink', 'yellow'],
  },
];
const EVERYDAY = ['black', 'white', 'tan', 'beige', 'brown', 'nude', 'cream', 'red', 'navy', 'burgundy', 'leopard'];

const KINDS: Kind[] = [
  {
    category: 'bag',
    subcategory: 'clutch',
    noun: 'clutch',
    count: 8,
    factory: BAG_FACTORY,
    materials: [PU, SATIN, CROC, SEQUIN],
    colors: ['black', 'gold', 'silver', 'nude', 'red', 'white', 'champagne'],
    occasions: ['evening', 'wedding guest', 'party', 'cocktail', 'prom'],
    styles: ['elegant', 'minimalist'],
    seasons: ['spring', 'summer', 'autumn', 'winter'],
    price: [3, 14],
    features: ['chain strap', 'magnetic flap', 'envelope shape', 'gold clasp', 'wristlet strap'],
    blurb: 'Slim clutch that fits a phone, cards and lipstick',
    sizes: oneSize,
    extra: dims([20, 28], [11, 15]),
  },
  {
    category: 'bag',
    subcategory: 'evening bag',
    noun: 'evening bag',
    count: 7,
    factory: BAG_FACTORY,
    materials: [
      SATIN,
      SEQUIN,
      {
        title: 'Pearl-beaded',
        materials: ['faux pearl', 'metal frame'],
        phrase: 'faux pearl beading',
        colors: ['white', 'cream', 'champagne'],
      },
    ],
    colors: ['black', 'gold', 'silver', 'champagne'],
    occasions: ['evening', 'prom', 'wedding guest', 'cocktail', 'party'],
    styles: ['elegant', 'romantic'],
    seasons: ['winter', 'autumn', 'spring', 'summer'],
    price: [4, 15],
    features: ['kiss-lock frame', 'detachable chain', 'top handle', 'crystal clasp'],
    blurb: 'Structured evening bag with a satin lining',
    sizes: oneSize,
    extra: dims([16, 22], [10, 14]),
  },
  {
    category: 'bag',
    subcategory: 'tote',
    noun: 'tote bag',
    count: 7,
    factory: BAG_FACTORY,
    materials: [
      PU,
      LEATHER,
      { title: 'Canvas', materials: ['cotton canvas'], phrase: 'heavy cotton canvas', priceFactor: 0.6 },
    ],
    colors: EVERYDAY,
    occasions: ['office', 'casual', 'vacation'],
    styles: ['minimalist', 'streetwear'],
    seasons: ['spring', 'summer', 'autumn', 'winter'],
    price: [4, 16],
    features: ['laptop sleeve', 'zip top', 'inner pouch', 'long handles', 'magnetic closure'],
    blurb: 'Roomy everyday tote that fits a 14-inch laptop',
    sizes: oneSize,
    extra: dims([36, 42], [28, 32]),
  },
  {
    category: 'bag',
    subcategory: 'crossbody',
    noun: 'crossbody bag',
    count: 7,
    factory: BAG_FACTORY,
    materials: [PU, CROC, LEATHER],
    colors: EVERYDAY,
    occasions: ['casual', 'vacation', 'office', 'party'],
    styles: ['minimalist', 'streetwear'],
    seasons: ['spring', 'summer', 'autumn'],
    price: [4, 14],
    features: ['adjustable strap', 'chain strap', 'zip pocket', 'camera shape', 'flap closure'],
    blurb: 'Compact crossbody bag with an adjustable strap',
    sizes: oneSize,
    extra: dims([18, 24], [12, 16]),
  },
  {
    category: 'bag',
    subcategory: 'shoulder bag',
    noun: 'shoulder bag',
    count: 7,
    factory: BAG_FACTORY,
    materials: [PU, CROC, LEATHER],
    colors: EVERYDAY,
    occasions: ['office', 'casual', 'party', 'evening'],
    styles: ['minimalist', 'elegant', 'streetwear'],
    seasons: ['spring', 'summer', 'autumn', 'winter'],
    price: [5, 18],
    features: ['baguette shape', 'gold hardware', 'top zip', 'padded strap', 'knot handle'],
    blurb: 'Under-arm shoulder bag with a structured base',
    sizes: oneSize,
    extra: dims([24, 32], [13, 20]),
  },
  {
    category: 'bag',
    subcategory: 'straw beach bag',
    noun: 'beach bag',
    count: 6,
    factory: BAG_FACTORY,
    materials: STRAW,
    colors: ['natural'],
    occasions: ['beach', 'vacation', 'casual'],
    styles: ['boho'],
    seasons: ['summer'],
    price: [3, 12],
    features: ['leather handles', 'pom-pom trim', 'drawstring top', 'round shape', 'tassel charm'],
    blurb: 'Generous summer beach bag',
    sizes: oneSize,
    extra: dims([30, 45], [25, 35]),
  },
];

const ANCHORS = [
  anchor({
    title: 'Straw beach bag, leather handles, tassel charm',
    category: 'bag',
    subcategory: 'straw beach bag',
    factory: BAG_FACTORY,
    description:
      'Hand-woven paper straw beach tote with PU leather handles, a cotton lining and a tassel charm. Made for beach days and holidays; available in natural, white and black.',
    colors: ['natural', 'white', 'black'],
    sizes: ['one size'],
    materials: ['paper straw', 'PU leather', 'cotton lining'],
    tags: ['beach', 'vacation', 'casual', 'boho', 'summer'],
    basePrice: 5.6,
    fixedTiers: [
      { min_qty: 50, unit_price: 5.6 },
      { min_qty: 200, unit_price: 4.9 },
      { min_qty: 1000, unit_price: 4.3 },
    ],
    customization: ['logo', 'private_label', 'custom_packaging'],
    samplePrice: 8,
    stock: 3000,
  }),
  anchor({
    title: 'Rattan beach bag, round shape, crossbody strap',
    category: 'bag',
    subcategory: 'straw beach bag',
    factory: BAG_FACTORY,
    description:
      'Round hand-woven rattan bag with a leather crossbody strap and a printed cotton lining. Made for beach days and holidays; available in natural and tan.',
    colors: ['natural', 'tan'],
    sizes: ['one size'],
    materials: ['rattan', 'PU leather', 'cotton lining'],
    tags: ['beach', 'vacation', 'boho', 'summer'],
    basePrice: 7.2,
    dropship: true,
    fixedTiers: [
      { min_qty: 1, unit_price: 9.5 },
      { min_qty: 10, unit_price: 8.2 },
      { min_qty: 50, unit_price: 7.2 },
    ],
    customization: ['logo'],
    samplePrice: 0,
    stock: 450,
  }),
  anchor({
    title: 'Satin clutch, gold clasp, chain strap',
    category: 'bag',
    subcategory: 'clutch',
    factory: BAG_FACTORY,
    description:
      'Pleated satin clutch with a gold-tone clasp and a detachable chain strap. Made for evening events, wedding guests and prom; available in gold, black, nude and red.',
    colors: ['gold', 'black', 'nude', 'red'],
    sizes: ['one size'],
    materials: ['satin', 'metal frame'],
    tags: ['evening', 'wedding guest', 'prom', 'party', 'elegant', 'winter', 'summer'],
    basePrice: 6.8,
    fixedTiers: [
      { min_qty: 20, unit_price: 6.8 },
      { min_qty: 100, unit_price: 6.1 },
      { min_qty: 500, unit_price: 5.5 },
    ],
    customization: ['logo', 'custom_packaging', 'custom_color'],
    samplePrice: 10,
    stock: 800,
  }),
];

export function generateBags(): CatalogRow[] {
  const rng = streamFor('bags');
  return numbered(rng, 'BG', 3001, designAll(rng, KINDS, ANCHORS), BAG_PROFILE);
}
