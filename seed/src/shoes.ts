/** ~60 pairs of women's shoes from the Wenzhou factory, EU sizes 35–41. */
import { designAll, type Kind, type MaterialOption } from './accessory-kit.ts';
import { numbered, type CatalogRow, type Profile } from './common.ts';
import { SHOE_FACTORY } from './factories.ts';
import { SHOE_ANCHORS } from './shoe-anchors.ts';
import { streamFor, type Rng } from './random.ts';
import { SHOE_SIZES, sizeRun } from './text.ts';

const PROFILE: Profile = {
  moqs: [
    [2, 2],
    [10, 4],
    [20, 5],
    [30, 6],
    [50, 5],
    [100, 4],
    [200, 2],
  ],
  dropshipRate: 0.15,
  leadTime: [15, 40],
  sampleDays: [4, 10],
  sampleFactor: [1.5, 2.5],
  certifications: ['BSCI', 'REACH', 'ISO 9001', 'SEDEX'],
  certificationRate: 0.3,
  customization: ['logo', 'private_label', 'custom_packaging', 'custom_color', 'custom_size'],
};

const sizes = (rng: Rng): string[] => sizeRun(rng, SHOE_SIZES, 5);

const PU: MaterialOption = { title: 'PU leather', materials: ['PU leather', 'rubber'], phrase: 'smooth PU leather' };
const PATENT: MaterialOption = { title: 'Patent', materials: ['patent PU', 'rubber'], phrase: 'high-shine patent PU' };
const SUEDE: MaterialOption = { title: 'Faux suede', materials: ['faux suede', 'rubber'], phrase: 'soft faux suede' };
const LEATHER: MaterialOption = {
  title: 'Leather',
  materials: ['genuine leather', 'rubber'],
  phrase: 'leather-lined genuine cow leather',
  priceFactor: 1.4,
};
const SATIN: MaterialOption = {
  title: 'Satin',
  materials: ['satin', 'rhinestone', 'rubber'],
  phrase: 'satin with rhinestone detail',
  colors: ['silver', 'champagne', 'black', 'nude', 'gold', 'blush'],
};

const DRESSY = ['black', 'nude', 'red', 'silver', 'gold', 'white', 'champagne', 'blush', 'navy', 'leopard', 'emerald'];
const EVERYDAY = ['black', 'white', 'tan', 'beige', 'nude', 'brown', 'gold', 'silver', 'cream'];

const KINDS: Kind[] = [
  {
    category: 'shoes',
    subcategory: 'heels',
    noun: 'stiletto heels',
    count: 10,
    factory: SHOE_FACTORY,
    materials: [PU, PATENT, SUEDE, SATIN],
    colors: DRESSY,
    occasions: ['evening', 'party', 'wedding guest', 'prom', 'cocktail', 'office'],
    styles: ['elegant', 'minimalist'],
    seasons: ['spring', 'summer', 'autumn', 'winter'],
    price: [6, 24],
    features: ['pointed toe', 'ankle strap', '9 cm heel', '10 cm heel', 'slingback', 'peep toe', 'clear strap'],
    blurb: 'Classic stiletto pumps with a padded insole',
    sizes,
  },
  {
    category: 'shoes',
    subcategory: 'block heels',
    noun: 'block heels',
    count: 10,
    factory: SHOE_FACTORY,
    materials: [PU, PATENT, SUEDE, LEATHER],
    colors: [...EVERYDAY, 'red', 'blush', 'emerald'],
    occasions: ['office', 'wedding guest', 'party', 'casual', 'cocktail'],
    styles: ['minimalist', 'elegant'],
    seasons: ['spring', 'summer', 'autumn'],
    price: [8, 20],
    features: ['6 cm block heel', '8 cm block heel', 'ankle strap', 'square toe', 'slingback', 'buckle strap'],
    blurb: 'Comfortable block-heel sandals that are easy to wear all day',
    sizes,
  },
  {
    category: 'shoes',
    subcategory: 'sandals',
    noun: 'strappy sandals',
    count: 7,
    factory: SHOE_FACTORY,
    materials: [PU, SUEDE, LEATHER],
    colors: ['gold', 'silver', 'tan', 'black', 'white', 'nude', 'brown'],
    occasions: ['beach', 'vacation', 'party', 'casual', 'wedding guest'],
    styles: ['boho', 'elegant'],
    seasons: ['summer', 'spring'],
    price: [5, 14],
    features: ['low heel', 'toe ring', 'lace-up ankle', 'braided straps', 'metal buckle'],
    blurb: 'Strappy sandals on a cushioned footbed',
    sizes,
  },
  {
    category: 'shoes',
    subcategory: 'flat sandals',
    noun: 'flat sandals',
    count: 7,
    factory: SHOE_FACTORY,
    materials: [PU, LEATHER],
    colors: ['tan', 'brown', 'white', 'black', 'gold', 'nude', 'silver'],
    occasions: ['beach', 'vacation', 'casual'],
    styles: ['boho', 'minimalist'],
    seasons: ['summer'],
    price: [4, 10],
    features: ['thong toe post', 'cross straps', 'shell charms', 'braided straps', 'padded footbed'],
    blurb: 'Lightweight flat sandals with a non-slip rubber sole',
    sizes,
  },
  {
    category: 'shoes',
    subcategory: 'espadrilles',
    noun: 'espadrilles',
    count: 5,
    factory: SHOE_FACTORY,
    materials: [
      { title: 'Canvas', materials: ['canvas', 'jute', 'rubber'], phrase: 'cotton canvas on a braided jute sole' },
      { title: 'Linen', materials: ['linen', 'jute', 'rubber'], phrase: 'washed linen on a jute sole' },
    ],
    colors: ['white', 'beige', 'navy', 'black', 'red', 'tan', 'cream'],
    occasions: ['beach', 'vacation', 'casual'],
    styles: ['boho', 'minimalist'],
    seasons: ['summer', 'spring'],
    price: [5, 12],
    features: ['wedge heel', 'ankle ties', 'flat sole', 'striped upper'],
    blurb: 'Summer espadrilles with a hand-stitched jute sole',
    sizes,
  },
  {
    category: 'shoes',
    subcategory: 'flats',
    noun: 'ballet flats',
    count: 5,
    factory: SHOE_FACTORY,
    materials: [PU, PATENT, SUEDE, LEATHER],
    colors: [...EVERYDAY, 'red', 'leopard'],
    occasions: ['office', 'casual', 'modest'],
    styles: ['minimalist', 'elegant'],
    seasons: ['spring', 'autumn'],
    price: [5, 12],
    features: ['pointed toe', 'bow trim', 'chain trim', 'round toe', 'foldable sole'],
    blurb: 'Soft ballet flats with a cushioned heel pad',
    sizes,
  },
  {
    category: 'shoes',
    subcategory: 'sneakers',
    noun: 'sneakers',
    count: 5,
    factory: SHOE_FACTORY,
    materials: [PU, { title: 'Mesh', materials: ['mesh', 'EVA', 'rubber'], phrase: 'breathable knit mesh' }],
    colors: ['white', 'black', 'beige', 'pink', 'silver', 'grey'],
    occasions: ['casual', 'vacation'],
    styles: ['streetwear', 'minimalist'],
    seasons: ['spring', 'autumn', 'summer'],
    price: [8, 20],
    features: ['chunky sole', 'platform sole', 'lace-up front', 'elastic gussets', 'contrast heel tab'],
    blurb: 'Everyday low-top sneakers with a lightweight sole',
    sizes,
  },
  {
    category: 'shoes',
    subcategory: 'mules',
    noun: 'mules',
    count: 5,
    factory: SHOE_FACTORY,
    materials: [PU, SUEDE, LEATHER],
    colors: [...EVERYDAY, 'leopard'],
    occasions: ['casual', 'office', 'party'],
    styles: ['minimalist', 'streetwear'],
    seasons: ['spring', 'summer'],
    price: [6, 16],
    features: ['square toe', 'kitten heel', 'woven upper', 'flat sole', 'block heel'],
    blurb: 'Backless slip-on mules',
    sizes,
  },
  {
    category: 'shoes',
    subcategory: 'ankle boots',
    noun: 'ankle boots',
    count: 5,
    factory: SHOE_FACTORY,
    materials: [PU, SUEDE, LEATHER],
    colors: ['black', 'brown', 'tan', 'beige', 'white', 'cream'],
    occasions: ['casual', 'party', 'office'],
    styles: ['streetwear', 'minimalist'],
    seasons: ['autumn', 'winter'],
    price: [12, 25],
    features: ['side zip', 'chelsea gussets', '7 cm block heel', 'pointed toe', 'lug sole'],
    blurb: 'Ankle boots with a warm lining and a durable rubber sole',
    sizes,
  },
];

export function generateShoes(): CatalogRow[] {
  const rng = streamFor('shoes');
  return numbered(rng, 'SH', 2001, designAll(rng, KINDS, SHOE_ANCHORS), PROFILE);
}
