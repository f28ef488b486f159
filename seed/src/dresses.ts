/** ~200 dresses: hand-written anchors first (guaranteed coverage), then styles drawn at random. */
import { capitalize, numbered, price, unique, type CatalogRow, type Design, type Profile } from './common.ts';
import { DRESS_ANCHORS } from './dress-anchors.ts';
import { MORE_DRESS_ANCHORS } from './dress-anchors-more.ts';
import { DAY_STYLES, type DressStyle } from './dress-styles.ts';
import { OCCASION_STYLES } from './occasion-styles.ts';
import { FABRICS, colorsFor } from './fabrics.ts';
import { streamFor, type Rng } from './random.ts';
import { colorSentence, occasionSentence, plusSizes, sentences, standardSizes, withArticle } from './text.ts';

export const APPAREL_PROFILE: Profile = {
  moqs: [
    [2, 3],
    [5, 4],
    [10, 6],
    [20, 6],
    [30, 10],
    [50, 12],
    [100, 8],
    [200, 4],
    [300, 2],
  ],
  dropshipRate: 0.15,
  leadTime: [10, 35],
  sampleDays: [3, 8],
  sampleFactor: [1.5, 2.5],
  certifications: ['OEKO-TEX', 'BSCI', 'SEDEX', 'GRS', 'ISO 9001'],
  certificationRate: 0.35,
  customization: ['logo', 'private_label', 'custom_packaging', 'custom_color', 'custom_size'],
};

function seasonsFor(rng: Rng, style: DressStyle, fabric: string, occasions: string[]): string[] {
  const fixed = FABRICS[fabric]?.seasons;
  let seasons = fixed ? rng.some(fixed, 1, fixed.length) : rng.some(style.seasons, 1, 2);
  if (occasions.includes('beach') || occasions.includes('vacation')) {
    seasons = seasons.filter((s) => s !== 'winter');
    if (!seasons.includes('summer')) seasons.push('summer');
  }
  return seasons;
}

function sizesFor(rng: Rng, style: DressStyle): string[] {
  if (style.sizes === 'one size') return ['one size'];
  return style.sizes === 'plus' ? plusSizes(rng) : standardSizes(rng);
}

export function designDress(rng: Rng, style: DressStyle, takenTitles: Set<string>): Design {
  let fabric = rng.pick(style.fabrics);
  let title = '';
  let neckline = '';
  let detail = '';
  for (let attempt = 0; attempt < 20; attempt++) {
    fabric = rng.pick(style.fabrics);
    neckline = rng.pick(style.necklines);
    detail = rng.pick(style.details.filter((d) => d !== neckline));
    const fabricWord = FABRICS[fabric]!.title;
    const head = style.titlePrefix ? `${style.titlePrefix} ${fabricWord.toLowerCase()}` : fabricWord;
    title = `${head} ${style.noun}, ${neckline}, ${detail}`;
    if (!takenTitles.has(title)) break;
  }
  takenTitles.add(title);

  const info = FABRICS[fabric]!;
  const colors = rng.some(colorsFor(fabric, style.colors), 1, rng.chance(0.5) ? 3 : 5);
  let occasions = rng.some(style.occasions, 1, 3);
  // Sequins, velvet and heavy fabrics are not beachwear; sequins and tulle are not office wear.
  if (['sequin', 'velvet', 'knit', 'tulle'].includes(fabric)) {
    occasions = occasions.filter((o) => o !== 'beach' && o !== 'vacation');
  }
  if (['sequin', 'tulle', 'velvet'].includes(fabric)) occasions = occasions.filter((o) => o !== 'office');
  if (!occasions.length) occasions = ['party'];
  const tags = unique([
    ...occasions,
    ...(style.extraTags ?? []),
    ...rng.some(style.styles, 1, 2),
    ...seasonsFor(rng, style, fabric, occasions),
  ]);
  const plus = style.sizes === 'plus' ? 1.1 : 1;
  const basePrice = Math.min(35, price(rng.range(...style.price) * (info.priceFactor ?? 1) * plus));
  const sizes = sizesFor(rng, style);
  const sizeNote = style.sizes === 'plus' ? `, sizes ${sizes[0]}–${sizes[sizes.length - 1]}` : '';

  return {
    title: capitalize(title),
    category: style.category ?? 'dress',
    subcategory: style.subcategory,
    description: sentences(
      `${style.fit}, cut from ${info.phrase} with ${withArticle(neckline)} and ${withArticle(detail)}.`,
      occasionSentence(occasions.filter((o) => o !== 'modest')),
      colorSentence(colors).replace(/\.$/, `${sizeNote}.`),
    ),
    factory: style.factory,
    colors,
    sizes,
    materials: info.materials,
    tags,
    basePrice,
    maxPrice: 35,
  };
}

export function generateDresses(): CatalogRow[] {
  const rng = streamFor('dresses');
  const anchors = [...DRESS_ANCHORS, ...MORE_DRESS_ANCHORS];
  const titles = new Set(anchors.map((d) => d.title));
  const designs: Design[] = [...anchors];
  for (const style of [...DAY_STYLES, ...OCCASION_STYLES]) {
    for (let i = 0; i < style.count; i++) designs.push(designDress(rng, style, titles));
  }
  return numbered(rng, 'DR', 1001, designs, APPAREL_PROFILE);
}
