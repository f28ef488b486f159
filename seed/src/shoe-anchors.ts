/** Hand-written shoes that guarantee coverage (nude block heels, dropship heels, evening sandals). */
import { anchor } from './accessory-kit.ts';
import { SHOE_FACTORY } from './factories.ts';

export const SHOE_ANCHORS = [
  anchor({
    title: 'PU leather block heels, ankle strap, 7 cm heel',
    category: 'shoes',
    subcategory: 'block heels',
    factory: SHOE_FACTORY,
    description:
      'Nude block-heel sandals in soft PU with a padded ankle strap and a stable 7 cm heel. Made for wedding guests, the office and evening events; available in nude, black and white.',
    colors: ['nude', 'black', 'white'],
    sizes: ['35', '36', '37', '38', '39', '40', '41'],
    materials: ['PU leather', 'rubber'],
    tags: ['wedding guest', 'office', 'evening', 'party', 'minimalist', 'elegant', 'spring', 'summer'],
    basePrice: 9.8,
    fixedTiers: [
      { min_qty: 30, unit_price: 9.8 },
      { min_qty: 100, unit_price: 8.9 },
      { min_qty: 500, unit_price: 8.1 },
    ],
    customization: ['logo', 'private_label', 'custom_packaging'],
    samplePrice: 15,
    stock: 1500,
  }),
  anchor({
    title: 'Faux suede block heels, square toe, slingback',
    category: 'shoes',
    subcategory: 'block heels',
    factory: SHOE_FACTORY,
    description:
      'Square-toe slingback with a 6 cm block heel in soft faux suede. Made for the office, wedding guests and cocktail parties; available in nude, tan and blush.',
    colors: ['nude', 'tan', 'blush'],
    sizes: ['35', '36', '37', '38', '39', '40'],
    materials: ['faux suede', 'rubber'],
    tags: ['office', 'wedding guest', 'cocktail', 'elegant', 'spring', 'autumn'],
    basePrice: 11.5,
    dropship: true,
    fixedTiers: [
      { min_qty: 1, unit_price: 14.5 },
      { min_qty: 20, unit_price: 12.5 },
      { min_qty: 100, unit_price: 11.5 },
    ],
    customization: ['logo'],
    samplePrice: 0,
    stock: 320,
  }),
  anchor({
    title: 'Rhinestone strappy heels, ankle strap, 9 cm heel',
    category: 'shoes',
    subcategory: 'heels',
    factory: SHOE_FACTORY,
    description:
      'Barely-there strappy stilettos with rhinestone straps and a 9 cm heel. Made for evening events, prom and parties; available in silver, gold and nude.',
    colors: ['silver', 'gold', 'nude'],
    sizes: ['35', '36', '37', '38', '39', '40', '41'],
    materials: ['PU leather', 'rhinestone', 'rubber'],
    tags: ['evening', 'prom', 'party', 'wedding guest', 'elegant', 'summer', 'winter'],
    basePrice: 12.9,
    fixedTiers: [
      { min_qty: 20, unit_price: 12.9 },
      { min_qty: 100, unit_price: 11.6 },
      { min_qty: 300, unit_price: 10.8 },
    ],
    customization: ['logo', 'custom_packaging'],
    samplePrice: 20,
  }),
  anchor({
    title: 'Leather flat sandals, braided straps, toe ring',
    category: 'shoes',
    subcategory: 'flat sandals',
    factory: SHOE_FACTORY,
    description:
      'Braided leather flat sandals with a toe ring and cushioned sole. Made for beach days and holidays; available in tan, gold and white.',
    colors: ['tan', 'gold', 'white'],
    sizes: ['36', '37', '38', '39', '40', '41'],
    materials: ['genuine leather', 'rubber'],
    tags: ['beach', 'vacation', 'casual', 'boho', 'summer'],
    basePrice: 7.9,
    fixedTiers: [
      { min_qty: 50, unit_price: 7.9 },
      { min_qty: 200, unit_price: 7.1 },
      { min_qty: 500, unit_price: 6.6 },
    ],
    customization: ['logo', 'private_label'],
    certifications: ['BSCI'],
    samplePrice: 12,
    stock: 2000,
  }),
];
