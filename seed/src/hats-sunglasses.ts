/** Hats and sunglasses from the Yiwu accessories factory. */
import { anchor, designAll, type Kind } from './accessory-kit.ts';
import { numbered, type CatalogRow, type Profile } from './common.ts';
import { ACCESSORY_FACTORY } from './factories.ts';
import { streamFor } from './random.ts';

const PROFILE: Profile = {
  moqs: [
    [10, 3],
    [20, 4],
    [50, 6],
    [100, 6],
    [200, 3],
    [300, 2],
    [500, 1],
  ],
  dropshipRate: 0.15,
  leadTime: [7, 30],
  sampleDays: [2, 7],
  sampleFactor: [2, 3],
  certifications: ['REACH', 'ISO 9001', 'BSCI'],
  certificationRate: 0.25,
  customization: ['logo', 'private_label', 'custom_packaging', 'custom_color'],
};

const hatSize = (): string[] => ['56-58 cm'];

const HATS: Kind[] = [
  {
    category: 'hat',
    subcategory: 'straw sun hat',
    noun: 'sun hat',
    count: 5,
    factory: ACCESSORY_FACTORY,
    materials: [
      { title: 'Straw', materials: ['paper straw'], phrase: 'woven paper straw' },
      { title: 'Raffia', materials: ['raffia'], phrase: 'natural raffia', priceFactor: 1.4 },
    ],
    colors: ['natural', 'beige', 'white', 'black', 'tan'],
    occasions: ['beach', 'vacation', 'casual'],
    styles: ['boho', 'elegant'],
    seasons: ['summer'],
    price: [2, 8],
    features: ['wide brim', 'floppy brim', 'ribbon band', 'UPF 50+', 'packable crown'],
    blurb: 'Summer sun hat with an inner sweatband',
    sizes: hatSize,
  },
  {
    category: 'hat',
    subcategory: 'fedora',
    noun: 'fedora',
    count: 3,
    factory: ACCESSORY_FACTORY,
    materials: [
      { title: 'Straw', materials: ['paper straw'], phrase: 'tightly woven paper straw' },
      { title: 'Wool felt', materials: ['wool', 'polyester'], phrase: 'wool-blend felt', priceFactor: 1.3 },
    ],
    colors: ['natural', 'beige', 'black', 'brown', 'tan', 'cream'],
    occasions: ['vacation', 'casual', 'beach'],
    styles: ['boho', 'streetwear'],
    seasons: ['summer', 'autumn'],
    price: [3, 9],
    features: ['leather band', 'chain band', 'pinched crown', 'short brim'],
    blurb: 'Classic fedora with a shaped crown',
    sizes: hatSize,
  },
  {
    category: 'hat',
    subcategory: 'bucket hat',
    noun: 'bucket hat',
    count: 3,
    factory: ACCESSORY_FACTORY,
    materials: [
      { title: 'Cotton', materials: ['cotton'], phrase: 'washed cotton twill' },
      { title: 'Crochet', materials: ['cotton'], phrase: 'hand-crocheted cotton yarn' },
    ],
    colors: ['white', 'black', 'beige', 'pink', 'sky blue', 'leopard'],
    occasions: ['casual', 'vacation', 'beach'],
    styles: ['streetwear', 'boho'],
    seasons: ['summer', 'spring'],
    price: [1.5, 5],
    features: ['reversible', 'embroidered logo area', 'stitched brim', 'packable'],
    blurb: 'Soft bucket hat that folds into a bag',
    sizes: hatSize,
  },
  {
    category: 'hat',
    subcategory: 'fascinator',
    noun: 'fascinator',
    count: 3,
    factory: ACCESSORY_FACTORY,
    materials: [
      { title: 'Sinamay', materials: ['sinamay', 'feather', 'polyester'], phrase: 'sinamay with feather trim' },
    ],
    colors: ['black', 'white', 'navy', 'red', 'blush', 'champagne', 'emerald', 'nude'],
    occasions: ['wedding guest', 'evening', 'cocktail'],
    styles: ['elegant', 'romantic'],
    seasons: ['spring', 'summer'],
    price: [2, 9],
    features: ['headband base', 'clip base', 'short veil', 'flower detail'],
    blurb: 'Race-day and wedding fascinator',
    sizes: () => ['one size'],
  },
];

const SUNGLASSES: Kind[] = [
  {
    category: 'sunglasses',
    subcategory: 'cat-eye sunglasses',
    noun: 'cat-eye sunglasses',
    count: 3,
    factory: ACCESSORY_FACTORY,
    materials: [
      {
        title: 'Acetate',
        materials: ['acetate', 'polycarbonate'],
        phrase: 'acetate frames with UV400 lenses',
        priceFactor: 1.6,
      },
      { title: 'Plastic', materials: ['polycarbonate'], phrase: 'lightweight PC frames with UV400 lenses' },
    ],
    colors: ['black', 'tortoise', 'white', 'red', 'nude'],
    occasions: ['vacation', 'beach', 'casual', 'party'],
    styles: ['elegant', 'streetwear'],
    seasons: ['summer', 'spring'],
    price: [1, 5],
    features: ['gradient lenses', 'gold temples', 'rhinestone corners', 'polarized lenses'],
    blurb: 'Retro cat-eye sunglasses',
    sizes: () => ['one size'],
  },
  {
    category: 'sunglasses',
    subcategory: 'oversized sunglasses',
    noun: 'oversized sunglasses',
    count: 3,
    factory: ACCESSORY_FACTORY,
    materials: [{ title: 'Square', materials: ['polycarbonate'], phrase: 'oversized PC frames with UV400 lenses' }],
    colors: ['black', 'tortoise', 'brown', 'beige', 'white'],
    occasions: ['vacation', 'beach', 'casual'],
    styles: ['elegant', 'streetwear'],
    seasons: ['summer'],
    price: [1, 4.5],
    features: ['gradient lenses', 'chain strap', 'gold logo plate', 'polarized lenses'],
    blurb: 'Big, glamorous sunglasses',
    sizes: () => ['one size'],
  },
  {
    category: 'sunglasses',
    subcategory: 'aviator sunglasses',
    noun: 'aviator sunglasses',
    count: 3,
    factory: ACCESSORY_FACTORY,
    materials: [
      {
        title: 'Metal',
        materials: ['metal alloy', 'polycarbonate'],
        phrase: 'thin metal frames with UV400 lenses',
        colors: ['gold', 'silver', 'black'],
      },
    ],
    colors: ['gold', 'silver'],
    occasions: ['vacation', 'casual', 'beach'],
    styles: ['streetwear', 'minimalist'],
    seasons: ['summer', 'spring'],
    price: [1.5, 6],
    features: ['mirrored lenses', 'polarized lenses', 'spring hinges', 'gradient lenses'],
    blurb: 'Classic teardrop aviators',
    sizes: () => ['one size'],
  },
  {
    category: 'sunglasses',
    subcategory: 'round sunglasses',
    noun: 'round sunglasses',
    count: 3,
    factory: ACCESSORY_FACTORY,
    materials: [
      {
        title: 'Metal',
        materials: ['metal alloy', 'polycarbonate'],
        phrase: 'slim metal frames with UV400 lenses',
        colors: ['gold', 'silver'],
      },
      {
        title: 'Acetate',
        materials: ['acetate', 'polycarbonate'],
        phrase: 'acetate frames with UV400 lenses',
        priceFactor: 1.5,
      },
    ],
    colors: ['tortoise', 'black', 'clear', 'brown'],
    occasions: ['vacation', 'casual', 'beach'],
    styles: ['boho', 'minimalist'],
    seasons: ['summer', 'spring'],
    price: [1, 5],
    features: ['tinted lenses', 'keyhole bridge', 'gradient lenses'],
    blurb: 'Round retro sunglasses',
    sizes: () => ['one size'],
  },
];

const HAT_ANCHORS = [
  anchor({
    title: 'Straw sun hat, wide brim, ribbon band',
    category: 'hat',
    subcategory: 'straw sun hat',
    factory: ACCESSORY_FACTORY,
    description:
      'Wide-brim straw sun hat with a black grosgrain ribbon and an inner sweatband; packs flat. Made for beach days and holidays; available in natural, beige and white.',
    colors: ['natural', 'beige', 'white'],
    sizes: ['56-58 cm'],
    materials: ['paper straw'],
    tags: ['beach', 'vacation', 'boho', 'elegant', 'summer'],
    basePrice: 3.4,
    fixedTiers: [
      { min_qty: 50, unit_price: 3.4 },
      { min_qty: 200, unit_price: 2.95 },
      { min_qty: 1000, unit_price: 2.6 },
    ],
    customization: ['logo', 'custom_packaging', 'custom_color'],
    samplePrice: 5,
    stock: 4000,
  }),
  anchor({
    title: 'Straw sun hat, floppy brim, personalised band',
    category: 'hat',
    subcategory: 'straw sun hat',
    factory: ACCESSORY_FACTORY,
    description:
      'Floppy straw beach hat with a band that can be embroidered with your logo or a slogan. Made for beach days, holidays and wedding guests at beach weddings; comes in natural.',
    colors: ['natural'],
    sizes: ['56-58 cm'],
    materials: ['paper straw', 'polyester'],
    tags: ['beach', 'vacation', 'wedding guest', 'boho', 'summer'],
    basePrice: 4.2,
    dropship: true,
    fixedTiers: [
      { min_qty: 1, unit_price: 5.5 },
      { min_qty: 20, unit_price: 4.6 },
      { min_qty: 100, unit_price: 4.2 },
    ],
    customization: ['logo', 'private_label'],
    samplePrice: 0,
    stock: 900,
  }),
];

export function generateHats(): CatalogRow[] {
  const rng = streamFor('hats');
  return numbered(rng, 'HT', 7001, designAll(rng, HATS, HAT_ANCHORS), PROFILE);
}

export function generateSunglasses(): CatalogRow[] {
  const rng = streamFor('sunglasses');
  return numbered(rng, 'SG', 8001, designAll(rng, SUNGLASSES, []), PROFILE);
}
