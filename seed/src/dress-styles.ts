/** The everyday dress styles the random part of the dress catalog is drawn from (occasion styles: occasion-styles.ts). */
import { DRESS_FACTORY } from './factories.ts';

export type SizeMode = 'standard' | 'plus' | 'one size';

export interface DressStyle {
  /** Defaults to "dress"; tops, skirts and jumpsuits reuse the same shape. */
  category?: string;
  subcategory: string;
  /** Title noun, e.g. "maxi dress"; the fabric is put before it. */
  noun: string;
  count: number;
  factory: string;
  fabrics: string[];
  colors: string[];
  occasions: string[];
  styles: string[];
  seasons: string[];
  price: [number, number];
  necklines: string[];
  details: string[];
  sizes: SizeMode;
  /** Description opener, e.g. "Flowing maxi dress". */
  fit: string;
  extraTags?: string[];
  titlePrefix?: string;
}

const SOLIDS = ['red', 'black', 'white', 'navy', 'emerald', 'green', 'pink', 'blush', 'beige', 'nude', 'yellow'];
const MORE = ['orange', 'purple', 'lavender', 'blue', 'sky blue', 'burgundy', 'champagne', 'brown', 'sage', 'coral'];
const NECKS = [
  'V-neck',
  'square neck',
  'round neck',
  'halter neck',
  'off-shoulder',
  'spaghetti straps',
  'one shoulder',
];

export const DAY_STYLES: DressStyle[] = [
  {
    subcategory: 'maxi dress',
    noun: 'maxi dress',
    count: 20,
    factory: DRESS_FACTORY,
    fabrics: ['chiffon', 'linen', 'cotton', 'viscose', 'satin', 'polyester'],
    colors: [...SOLIDS, ...MORE, 'floral', 'leopard'],
    occasions: ['beach', 'vacation', 'wedding guest', 'casual', 'party'],
    styles: ['boho', 'romantic', 'elegant', 'minimalist'],
    seasons: ['summer', 'spring'],
    price: [7, 18],
    necklines: NECKS,
    details: [
      'ruffle hem',
      'tiered skirt',
      'side slit',
      'smocked waist',
      'tie waist',
      'puff sleeves',
      'open back',
      'flutter sleeves',
    ],
    sizes: 'standard',
    fit: 'Floor-length maxi dress with a relaxed, flowing skirt',
  },
  {
    subcategory: 'midi dress',
    noun: 'midi dress',
    count: 16,
    factory: DRESS_FACTORY,
    fabrics: ['crepe', 'satin', 'linen', 'cotton', 'viscose', 'knit'],
    colors: [...SOLIDS, ...MORE, 'floral'],
    occasions: ['office', 'wedding guest', 'casual', 'cocktail', 'party'],
    styles: ['elegant', 'minimalist', 'romantic'],
    seasons: ['spring', 'summer', 'autumn'],
    price: [7, 16],
    necklines: ['V-neck', 'square neck', 'round neck', 'cowl neck'],
    details: ['belted waist', 'pleated skirt', 'puff sleeves', 'side slit', 'button front', 'ruched bodice'],
    sizes: 'standard',
    fit: 'Calf-length midi dress with a fitted waist',
  },
  {
    subcategory: 'mini dress',
    noun: 'mini dress',
    count: 14,
    factory: DRESS_FACTORY,
    fabrics: ['cotton', 'sequin', 'satin', 'denim', 'knit', 'velvet'],
    colors: [...SOLIDS, 'purple', 'sky blue', 'silver', 'gold', 'leopard'],
    occasions: ['party', 'casual', 'cocktail', 'vacation'],
    styles: ['streetwear', 'romantic', 'minimalist'],
    seasons: ['summer', 'spring', 'autumn'],
    price: [5, 12],
    necklines: ['square neck', 'V-neck', 'halter neck', 'spaghetti straps'],
    details: ['puff sleeves', 'ruched sides', 'bow back', 'tiered ruffles', 'cut-out waist', 'A-line skirt'],
    sizes: 'standard',
    fit: 'Short, flirty mini dress that sits above the knee',
  },
  {
    subcategory: 'bodycon dress',
    noun: 'bodycon dress',
    count: 12,
    factory: DRESS_FACTORY,
    fabrics: ['knit', 'polyester', 'velvet', 'sequin'],
    colors: ['black', 'red', 'white', 'nude', 'burgundy', 'emerald', 'pink', 'brown', 'leopard', 'navy'],
    occasions: ['party', 'evening', 'cocktail'],
    styles: ['streetwear', 'elegant', 'minimalist'],
    seasons: ['autumn', 'winter', 'spring'],
    price: [5, 13],
    necklines: ['one shoulder', 'square neck', 'V-neck', 'high neck'],
    details: ['ruched sides', 'long sleeves', 'cut-out', 'midi length', 'side slit'],
    sizes: 'standard',
    fit: 'Figure-hugging bodycon dress with stretch for a close fit',
  },
  {
    subcategory: 'wrap dress',
    noun: 'wrap dress',
    count: 12,
    factory: DRESS_FACTORY,
    fabrics: ['viscose', 'crepe', 'chiffon', 'polyester', 'knit'],
    colors: [...SOLIDS, 'floral', 'leopard', 'burgundy', 'blue'],
    occasions: ['office', 'casual', 'wedding guest', 'vacation'],
    styles: ['romantic', 'elegant', 'boho'],
    seasons: ['spring', 'summer', 'autumn'],
    price: [7, 15],
    necklines: ['V-neck', 'surplice neck'],
    details: ['tie waist', 'flutter sleeves', 'ruffle hem', 'long sleeves', 'midi length'],
    sizes: 'standard',
    fit: 'True wrap dress with a self-tie waist that flatters most shapes',
  },
  {
    subcategory: 'slip dress',
    noun: 'slip dress',
    count: 10,
    factory: DRESS_FACTORY,
    fabrics: ['satin', 'silk', 'viscose'],
    colors: ['black', 'champagne', 'emerald', 'blush', 'navy', 'burgundy', 'silver', 'lavender', 'red'],
    occasions: ['evening', 'party', 'cocktail', 'wedding guest'],
    styles: ['minimalist', 'elegant'],
    seasons: ['summer', 'spring'],
    price: [8, 22],
    necklines: ['cowl neck', 'V-neck', 'square neck'],
    details: ['bias cut', 'lace trim', 'adjustable straps', 'side slit', 'open back'],
    sizes: 'standard',
    fit: 'Bias-cut slip dress that skims the body and drapes softly',
  },
  {
    subcategory: 'shirt dress',
    noun: 'shirt dress',
    count: 10,
    factory: DRESS_FACTORY,
    fabrics: ['cotton', 'linen', 'denim', 'viscose'],
    colors: ['white', 'blue', 'sky blue', 'beige', 'khaki', 'black', 'navy', 'sage', 'green', 'brown'],
    occasions: ['office', 'casual', 'vacation'],
    styles: ['minimalist', 'streetwear'],
    seasons: ['spring', 'summer', 'autumn'],
    price: [7, 15],
    necklines: ['shirt collar', 'band collar'],
    details: ['button front', 'tie waist', 'roll-up sleeves', 'patch pockets', 'belted waist'],
    sizes: 'standard',
    fit: 'Relaxed button-through shirt dress with a classic collar',
  },
  {
    subcategory: 'A-line dress',
    noun: 'A-line dress',
    count: 12,
    factory: DRESS_FACTORY,
    fabrics: ['cotton', 'crepe', 'linen', 'lace', 'tulle'],
    colors: [...SOLIDS, 'lavender', 'sky blue', 'burgundy', 'floral'],
    occasions: ['office', 'casual', 'wedding guest', 'party', 'prom'],
    styles: ['romantic', 'elegant', 'minimalist'],
    seasons: ['spring', 'summer', 'autumn'],
    price: [6, 14],
    necklines: ['round neck', 'V-neck', 'square neck', 'boat neck'],
    details: ['cap sleeves', 'pleated skirt', 'pockets', 'bow waist', 'knee length'],
    sizes: 'standard',
    fit: 'Fitted-bodice A-line dress with a skirt that flares from the waist',
  },
];
