/** ~55 pieces of fashion jewellery from the Yiwu accessories factory. */
import { anchor, designAll, type Kind, type MaterialOption } from './accessory-kit.ts';
import { numbered, type CatalogRow, type Profile } from './common.ts';
import { ACCESSORY_FACTORY } from './factories.ts';
import { streamFor } from './random.ts';

const PROFILE: Profile = {
  moqs: [
    [10, 3],
    [20, 4],
    [50, 6],
    [100, 6],
    [200, 4],
    [300, 2],
    [500, 2],
  ],
  dropshipRate: 0.15,
  leadTime: [7, 25],
  sampleDays: [2, 6],
  sampleFactor: [2, 4],
  certifications: ['REACH', 'ISO 9001', 'SEDEX'],
  certificationRate: 0.3,
  customization: ['logo', 'private_label', 'custom_packaging', 'custom_color'],
};

const none = (): string[] => [];

const BRASS: MaterialOption = {
  title: 'Gold-plated',
  occasions: ['evening', 'wedding guest', 'party', 'cocktail', 'office', 'prom'],
  materials: ['gold-plated brass'],
  phrase: '18K gold-plated brass, nickel-free',
  colors: ['gold', 'rose gold'],
};
const SILVER: MaterialOption = {
  title: '925 silver',
  occasions: ['office', 'casual', 'wedding guest', 'evening', 'vacation'],
  materials: ['925 silver'],
  phrase: 'solid 925 sterling silver',
  priceFactor: 2.2,
  colors: ['silver', 'gold', 'rose gold'],
};
const STEEL: MaterialOption = {
  title: 'Stainless steel',
  occasions: ['casual', 'office', 'beach', 'vacation'],
  materials: ['stainless steel'],
  phrase: 'tarnish-resistant 316L stainless steel',
  colors: ['gold', 'silver', 'rose gold'],
};
const PEARL: MaterialOption = {
  title: 'Pearl',
  occasions: ['wedding guest', 'office', 'evening', 'cocktail'],
  materials: ['freshwater pearl', 'gold-plated brass'],
  phrase: 'freshwater pearls on gold-plated brass',
  priceFactor: 1.4,
  colors: ['white', 'cream', 'gold'],
};
const RHINESTONE: MaterialOption = {
  title: 'Rhinestone',
  occasions: ['evening', 'prom', 'party', 'wedding guest', 'cocktail'],
  materials: ['rhinestone', 'alloy'],
  phrase: 'sparkling rhinestones set in plated alloy',
  colors: ['silver', 'gold', 'clear', 'champagne'],
};
const ACRYLIC: MaterialOption = {
  title: 'Acrylic',
  occasions: ['beach', 'vacation', 'casual', 'party'],
  materials: ['acrylic', 'alloy'],
  phrase: 'lightweight acrylic with alloy fittings',
  priceFactor: 0.7,
  colors: ['tortoise', 'black', 'white', 'red', 'pink', 'green', 'yellow', 'multicolor'],
};
const ALL = [BRASS, SILVER, STEEL, PEARL, RHINESTONE, ACRYLIC];
const OCCASIONS = ['evening', 'wedding guest', 'party', 'office', 'casual', 'cocktail', 'prom', 'beach', 'vacation'];
const STYLES = ['elegant', 'minimalist', 'boho', 'romantic', 'streetwear'];
const SEASONS = ['spring', 'summer', 'autumn', 'winter'];

const FEATURES = [
  'crystal accents',
  'textured finish',
  'hammered finish',
  'heart charm',
  'star charm',
  'minimal design',
  'gift pouch',
];

function kind(
  subcategory: string,
  count: number,
  price: [number, number],
  types: string[],
  blurb: string,
  materials = ALL,
): Kind {
  return {
    category: 'jewelry',
    subcategory,
    noun: subcategory,
    types,
    count,
    factory: ACCESSORY_FACTORY,
    materials,
    colors: ['gold', 'silver'],
    maxColors: 3,
    occasions: OCCASIONS,
    styles: STYLES,
    seasons: SEASONS,
    price,
    features: FEATURES,
    blurb,
    sizes: subcategory === 'ring' ? () => ['6', '7', '8', '9'] : none,
  };
}

const KINDS: Kind[] = [
  kind(
    'necklace',
    12,
    [1, 8],
    ['layered', 'pendant', 'choker', 'paperclip chain', 'herringbone', 'bead'],
    'Lobster clasp with a 5 cm extender',
  ),
  kind(
    'earrings',
    14,
    [0.5, 4.5],
    ['hoop', 'drop', 'stud', 'huggie', 'tassel', 'chandelier', 'statement'],
    'Hypoallergenic posts, sold by the pair',
  ),
  kind('bracelet', 10, [0.6, 5.5], ['cuff', 'bangle', 'tennis', 'chain link', 'charm'], 'Fits wrists of 15–18 cm'),
  kind('ring', 8, [0.5, 3.5], ['stackable', 'signet', 'open', 'cocktail', 'twisted'], 'Comfort-fit inner band', [
    BRASS,
    SILVER,
    STEEL,
    RHINESTONE,
  ]),
  kind(
    'jewelry set',
    7,
    [2.5, 8],
    ['bridal', 'three-piece', 'two-piece', 'party'],
    'Necklace and earrings packed together in a gift box',
    [BRASS, PEARL, RHINESTONE, STEEL],
  ),
];

const ANCHORS = [
  anchor({
    title: 'Gold-plated statement drop earrings, crystal accents',
    category: 'jewelry',
    subcategory: 'earrings',
    factory: ACCESSORY_FACTORY,
    description:
      'Long drop earrings in 18K gold-plated brass with rhinestone accents and nickel-free posts. Made for evening events, wedding guests and prom; comes in gold.',
    colors: ['gold'],
    sizes: [],
    materials: ['gold-plated brass', 'rhinestone'],
    tags: ['evening', 'wedding guest', 'prom', 'party', 'elegant', 'winter', 'summer'],
    basePrice: 2.4,
    fixedTiers: [
      { min_qty: 20, unit_price: 2.4 },
      { min_qty: 100, unit_price: 2.1 },
      { min_qty: 500, unit_price: 1.85 },
    ],
    customization: ['custom_packaging', 'logo'],
    certifications: ['REACH'],
    samplePrice: 3,
    stock: 5000,
  }),
  anchor({
    title: 'Gold-plated layered necklace, coin pendant',
    category: 'jewelry',
    subcategory: 'necklace',
    factory: ACCESSORY_FACTORY,
    description:
      'Three-layer chain necklace in 18K gold-plated brass with a small pendant and an adjustable extender. Made for evening events, cocktail parties and the office; comes in gold.',
    colors: ['gold'],
    sizes: [],
    materials: ['gold-plated brass'],
    tags: ['evening', 'cocktail', 'office', 'party', 'elegant', 'minimalist', 'spring', 'autumn'],
    basePrice: 3.2,
    dropship: true,
    fixedTiers: [
      { min_qty: 1, unit_price: 4.5 },
      { min_qty: 20, unit_price: 3.6 },
      { min_qty: 100, unit_price: 3.2 },
    ],
    customization: ['logo', 'custom_packaging', 'private_label'],
    certifications: ['REACH'],
    samplePrice: 0,
    stock: 2600,
  }),
  anchor({
    title: 'Gold-plated bridal jewelry set, crystal accents',
    category: 'jewelry',
    subcategory: 'jewelry set',
    factory: ACCESSORY_FACTORY,
    description:
      'Matching necklace and drop earrings in gold-plated brass with clear crystals, packed in a gift box. Made for evening events, wedding guests and prom; available in gold and silver.',
    colors: ['gold', 'silver'],
    sizes: [],
    materials: ['gold-plated brass', 'rhinestone'],
    tags: ['evening', 'wedding guest', 'prom', 'elegant', 'romantic', 'winter', 'spring'],
    basePrice: 5.4,
    fixedTiers: [
      { min_qty: 50, unit_price: 5.4 },
      { min_qty: 200, unit_price: 4.8 },
      { min_qty: 1000, unit_price: 4.3 },
    ],
    customization: ['logo', 'custom_packaging'],
    samplePrice: 6,
  }),
  anchor({
    title: 'Stainless steel huggie hoop earrings, textured finish',
    category: 'jewelry',
    subcategory: 'earrings',
    factory: ACCESSORY_FACTORY,
    description:
      'Chunky huggie hoops in 316L stainless steel with 18K gold PVD plating that will not tarnish in water. Made for beach days, everyday wear and holidays; available in gold and silver.',
    colors: ['gold', 'silver'],
    sizes: [],
    materials: ['stainless steel'],
    tags: ['beach', 'casual', 'vacation', 'minimalist', 'summer'],
    basePrice: 1.3,
    fixedTiers: [
      { min_qty: 100, unit_price: 1.3 },
      { min_qty: 500, unit_price: 1.15 },
      { min_qty: 2000, unit_price: 0.98 },
    ],
    customization: ['logo', 'private_label', 'custom_packaging'],
    certifications: ['REACH', 'ISO 9001'],
    samplePrice: 2,
    stock: 12000,
  }),
];

export function generateJewelry(): CatalogRow[] {
  const rng = streamFor('jewelry');
  return numbered(rng, 'JW', 4001, designAll(rng, KINDS, ANCHORS), PROFILE);
}
