/**
 * Hand-written dresses that guarantee the catalog answers the requests the
 * search, bundle and chat tests ask about (red chiffon beach maxi for 300 pcs
 * under $12, black evening dress in M with a low MOQ, and so on).
 */
import type { Design } from './common.ts';
import { DRESS_FACTORY, EVENING_FACTORY } from './factories.ts';

export function dress(fields: Omit<Design, 'category' | 'anchor'>): Design {
  return { category: 'dress', anchor: true, ...fields };
}

export const DRESS_ANCHORS: Design[] = [
  dress({
    title: 'Chiffon maxi dress, V-neck, ruffle hem',
    subcategory: 'maxi dress',
    description:
      'Floor-length chiffon maxi dress with a V-neck, fluttery ruffle hem and soft lining. Made for beach weddings, wedding guests and vacation. Available in red, blush, sky blue and white.',
    factory: DRESS_FACTORY,
    colors: ['red', 'blush', 'sky blue', 'white'],
    sizes: ['XS', 'S', 'M', 'L', 'XL', 'XXL'],
    materials: ['chiffon', 'polyester'],
    tags: ['beach', 'wedding guest', 'vacation', 'boho', 'romantic', 'summer'],
    basePrice: 13.2,
    fixedTiers: [
      { min_qty: 50, unit_price: 13.2 },
      { min_qty: 200, unit_price: 11.8 },
      { min_qty: 500, unit_price: 10.9 },
      { min_qty: 1000, unit_price: 9.9 },
    ],
    customization: ['logo', 'private_label', 'custom_packaging', 'custom_color'],
    certifications: ['BSCI'],
    samplePrice: 18,
    stock: 1800,
  }),
  dress({
    title: 'Chiffon maxi dress, halter neck, tiered skirt',
    subcategory: 'maxi dress',
    description:
      'Halter-neck chiffon maxi with a three-tier skirt that moves in the breeze. Made for beach days, wedding guests and resort wear. Available in red, coral and emerald.',
    factory: DRESS_FACTORY,
    colors: ['red', 'coral', 'emerald'],
    sizes: ['S', 'M', 'L', 'XL'],
    materials: ['chiffon', 'polyester'],
    tags: ['beach', 'wedding guest', 'vacation', 'boho', 'summer'],
    basePrice: 11.5,
    fixedTiers: [
      { min_qty: 100, unit_price: 11.5 },
      { min_qty: 300, unit_price: 10.2 },
      { min_qty: 1000, unit_price: 9.4 },
    ],
    customization: ['logo', 'private_label'],
    certifications: [],
    samplePrice: 15,
  }),
  dress({
    title: 'Chiffon maxi dress, off-shoulder, side slit',
    subcategory: 'maxi dress',
    description:
      'Off-shoulder chiffon maxi dress with a thigh-high side slit and elastic neckline. Made for beach weddings, wedding guests and summer parties. Available in red, black and emerald.',
    factory: DRESS_FACTORY,
    colors: ['red', 'black', 'emerald'],
    sizes: ['XS', 'S', 'M', 'L', 'XL'],
    materials: ['chiffon', 'polyester'],
    tags: ['beach', 'wedding guest', 'party', 'elegant', 'summer'],
    fixedTiers: [
      { min_qty: 30, unit_price: 14.5 },
      { min_qty: 100, unit_price: 12.8 },
      { min_qty: 300, unit_price: 11.6 },
    ],
    basePrice: 14.5,
    customization: ['logo', 'custom_packaging'],
    samplePrice: 20,
    stock: 640,
  }),
  dress({
    title: 'Sequin evening gown, one shoulder, side slit',
    subcategory: 'evening gown',
    description:
      'One-shoulder evening gown covered in sequins, with a side slit and a lined bodice. Made for evening events, parties and prom. Available in black, gold and silver.',
    factory: EVENING_FACTORY,
    colors: ['black', 'gold', 'silver'],
    sizes: ['XS', 'S', 'M', 'L', 'XL'],
    materials: ['sequin', 'polyester', 'mesh'],
    tags: ['evening', 'party', 'prom', 'elegant', 'winter', 'autumn'],
    basePrice: 26,
    fixedTiers: [
      { min_qty: 20, unit_price: 26 },
      { min_qty: 100, unit_price: 23.5 },
      { min_qty: 300, unit_price: 21.8 },
    ],
    customization: ['logo', 'private_label', 'custom_size'],
    samplePrice: 35,
    stock: 420,
  }),
  dress({
    title: 'Satin slip dress, cowl neck, side slit',
    subcategory: 'slip dress',
    description:
      'Bias-cut satin slip dress with a cowl neck and midi-length side slit. Made for evening events, parties and cocktail parties. Comes in black.',
    factory: DRESS_FACTORY,
    colors: ['black'],
    sizes: ['S', 'M', 'L', 'XL'],
    materials: ['satin', 'polyester'],
    tags: ['evening', 'party', 'cocktail', 'minimalist', 'elegant', 'spring', 'summer'],
    basePrice: 10.5,
    fixedTiers: [
      { min_qty: 10, unit_price: 10.5 },
      { min_qty: 50, unit_price: 9.6 },
      { min_qty: 200, unit_price: 8.9 },
    ],
    customization: ['logo', 'private_label', 'custom_packaging'],
    samplePrice: 14,
  }),
  dress({
    title: 'Velvet bodycon dress, long sleeves, ruched sides',
    subcategory: 'bodycon dress',
    description:
      'Long-sleeve bodycon dress in stretch velvet with ruching at both sides. Made for parties and evening events. Available in black and burgundy; ships single pieces.',
    factory: DRESS_FACTORY,
    colors: ['black', 'burgundy'],
    sizes: ['XS', 'S', 'M', 'L', 'XL'],
    materials: ['velvet', 'polyester', 'spandex'],
    tags: ['party', 'evening', 'streetwear', 'autumn', 'winter'],
    basePrice: 9.8,
    dropship: true,
    fixedTiers: [
      { min_qty: 1, unit_price: 11.9 },
      { min_qty: 10, unit_price: 10.5 },
      { min_qty: 50, unit_price: 9.6 },
    ],
    customization: ['logo'],
    samplePrice: 0,
    stock: 360,
  }),
  dress({
    title: 'Linen maxi dress, square neck, tiered skirt',
    subcategory: 'maxi dress',
    description:
      'Square-neck linen-blend maxi with a tiered skirt and side pockets. Made for beach days, vacation and everyday wear. Available in white and beige.',
    factory: DRESS_FACTORY,
    colors: ['white', 'beige'],
    sizes: ['S', 'M', 'L', 'XL', 'XXL'],
    materials: ['linen', 'cotton'],
    tags: ['beach', 'vacation', 'casual', 'boho', 'minimalist', 'summer'],
    basePrice: 12.4,
    fixedTiers: [
      { min_qty: 50, unit_price: 12.4 },
      { min_qty: 200, unit_price: 11.2 },
      { min_qty: 500, unit_price: 10.3 },
    ],
    customization: ['logo', 'private_label', 'custom_color'],
    certifications: ['OEKO-TEX'],
    samplePrice: 16,
    stock: 900,
  }),
  dress({
    title: 'Cotton lace maxi dress, spaghetti straps, crochet trim',
    subcategory: 'maxi dress',
    description:
      'White cotton maxi dress with crochet lace inserts and adjustable straps. Made for beach days and resort wear. Comes in white.',
    factory: DRESS_FACTORY,
    colors: ['white'],
    sizes: ['XS', 'S', 'M', 'L', 'XL'],
    materials: ['cotton', 'lace'],
    tags: ['beach', 'vacation', 'boho', 'romantic', 'summer'],
    basePrice: 9.6,
    dropship: true,
    fixedTiers: [
      { min_qty: 1, unit_price: 12.5 },
      { min_qty: 10, unit_price: 10.8 },
      { min_qty: 50, unit_price: 9.6 },
      { min_qty: 200, unit_price: 8.7 },
    ],
    customization: ['private_label'],
    samplePrice: 12,
    stock: 540,
  }),
  dress({
    title: 'Chiffon maxi dress, halter neck, open back',
    subcategory: 'maxi dress',
    description:
      'Flowing halter-neck maxi in double-layer chiffon with an open back. Made for vacation, parties and beach days. Available in white, sky blue and lavender.',
    factory: DRESS_FACTORY,
    colors: ['white', 'sky blue', 'lavender'],
    sizes: ['S', 'M', 'L'],
    materials: ['chiffon', 'polyester'],
    tags: ['vacation', 'party', 'beach', 'elegant', 'summer', 'spring'],
    basePrice: 10.9,
    fixedTiers: [
      { min_qty: 100, unit_price: 10.9 },
      { min_qty: 300, unit_price: 9.8 },
    ],
    samplePrice: 15,
  }),
];
