/**
 * Word lists for bench/generate-catalog.ts: what a fashion-accessory
 * factory's spreadsheet holds. Categories are written the way admins write
 * them (plurals, synonyms), so import's taxonomy normalisation does its real
 * work; every one of them is known to src/catalog/taxonomy.ts, so a generated
 * catalog imports without warnings. Lists are `|`-separated for compactness.
 */

export interface Kind {
  /** Category as spreadsheets write it; all normalise to one taxonomy category. */
  categories: string[];
  skuPrefix: string;
  subcategories: string[];
  materials: string[];
  sizes: string[];
  features: string[];
  /** Unit price range in USD at the first tier. */
  price: [number, number];
}

const split = (text: string) => text.split('|');

function kind(
  categories: string,
  skuPrefix: string,
  subs: string,
  materials: string,
  sizes: string,
  features: string,
  low: number,
  high: number,
): Kind {
  return {
    categories: split(categories),
    skuPrefix,
    subcategories: split(subs),
    materials: split(materials),
    sizes: split(sizes),
    features: split(features),
    price: [low, high],
  };
}

// prettier-ignore
export const KINDS: Kind[] = [
  kind('dress|Dresses|dress', 'DR', 'maxi dress|midi dress|mini dress|wrap dress|slip dress|shirt dress', 'chiffon|satin|linen|cotton|rayon|polyester', 'XS|S|M|L|XL|XXL', 'V-neck|ruffle hem|puff sleeves|smocked waist|side slit|floral print|tiered skirt', 6, 28),
  kind('shoes|sandals|heels', 'SH', 'block heel sandals|ankle boots|ballet flats|platform sneakers|mules|loafers', 'PU leather|genuine leather|suede|canvas|rubber', '35|36|37|38|39|40|41|42', 'square toe|ankle strap|chunky sole|buckle detail|padded insole', 8, 35),
  kind('bag|handbags|tote', 'BG', 'tote bag|crossbody bag|clutch|shoulder bag|bucket bag|mini backpack', 'PU leather|canvas|straw|nylon|vegan leather', 'One Size', 'zip closure|chain strap|quilted|woven|detachable strap', 5, 30),
  kind('jewelry|jewellery|earrings', 'JW', 'hoop earrings|pendant necklace|charm bracelet|stacking ring|choker|anklet', 'stainless steel|sterling silver|brass|freshwater pearl|zircon', 'One Size|6|7|8', '18K gold plated|hypoallergenic|tarnish free|adjustable|minimalist', 1.2, 12),
  kind('belt|belts', 'BT', 'waist belt|chain belt|corset belt|skinny belt', 'PU leather|genuine leather|metal|elastic', 'S|M|L', 'gold buckle|double ring|braided|wide', 2, 10),
  kind('scarf|scarves', 'SC', 'silk square scarf|pashmina shawl|knit scarf|bandana', 'silk|viscose|cashmere blend|acrylic|cotton', 'One Size', 'paisley print|tassel trim|plaid|satin finish', 1.5, 14),
  kind('hat|caps', 'HT', 'straw sun hat|bucket hat|baseball cap|beret|fedora', 'straw|cotton twill|wool felt|raffia', 'One Size|M|L', 'wide brim|ribbon band|embroidered|packable', 2, 15),
  kind('sunglasses|eyewear', 'SG', 'cat eye sunglasses|oversized sunglasses|aviator sunglasses|rimless sunglasses', 'acetate|metal|TR90', 'One Size', 'UV400|polarized|gradient lens|tinted lens', 1.5, 9),
  kind('top|blouses|shirt', 'TP', 'crop top|peasant blouse|button-up shirt|knit tank|bodysuit', 'cotton|linen|rib knit|chiffon|modal', 'XS|S|M|L|XL', 'square neck|lace trim|balloon sleeves|tie front', 3, 16),
  kind('skirt|skirts', 'SK', 'pleated midi skirt|denim mini skirt|satin slip skirt|tiered maxi skirt', 'satin|denim|chiffon|linen', 'S|M|L|XL', 'high waist|side slit|elastic waist|A-line', 4, 18),
  kind('swimwear|bikini', 'SW', 'triangle bikini|one-piece swimsuit|cover-up|high-waist bikini', 'nylon spandex|recycled polyester|crochet', 'S|M|L|XL', 'ribbed|cut-out|tie side|padded', 4, 15),
];

export const ADJECTIVES = split(
  'Classic|Vintage|Boho|Elegant|Minimalist|Summer|Chic|Luxury|Casual|Retro|Korean style|French',
);
export const COLORS = split(
  'black|white|ivory|beige|camel|brown|red|burgundy|pink|blush|orange|yellow|sage|olive|green|teal|navy|blue|lilac|purple|gold|silver',
);
export const TAGS = split(
  'beach|wedding guest|boho|summer|winter|office|party|vacation|casual|streetwear|bridal|festival|spring|autumn|gift|bestseller|new arrival|eco',
);
export const CUSTOMIZATION = split('logo|private_label|custom_packaging|custom_color|custom_size');
export const CERTIFICATIONS = split('OEKO-TEX|BSCI|SGS|Sedex|GRS|ISO 9001');
/** Mostly USD, as for an export factory; some EUR and CNY price lists. */
export const CURRENCIES = split('USD|USD|USD|USD|USD|USD|USD|USD|EUR|CNY');
export const SELLING_POINTS = split(
  'Popular with boutiques in Europe and the US.|A steady seller for online shops.|Trend item this season.|Lightweight and easy to ship.',
);
export const PACKING_NOTES = split(
  'Each piece is checked before packing.|Packed one per polybag, 100 per carton.|Colours can be matched to Pantone on bulk orders.',
);

const CITIES = split('Guangzhou|Yiwu|Dongguan|Shenzhen|Hangzhou|Quanzhou|Ningbo|Wenzhou|Suzhou|Xiamen');
const TRADES = split(
  'Lian Garments|Mingda Accessories|Huaxin Leather|Starlight Jewelry|Jinyu Textile|Sunrise Footwear',
);
/** 30 factories; ten with a "Co., Ltd." suffix, so names carry commas (CSV quoting). */
export const FACTORIES = Array.from(
  { length: 30 },
  (_, i) => `${CITIES[i % CITIES.length]} ${TRADES[i % TRADES.length]}${i >= 20 ? ' Co., Ltd.' : ''}`,
);
