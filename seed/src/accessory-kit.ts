/** The shared shape of accessory generators: a kind of product, drawn at random into designs. */
import { capitalize, price, unique, type Design } from './common.ts';
import type { Rng } from './random.ts';
import { colorSentence, listPhrase, occasionSentence, sentences, withArticle } from './text.ts';

export interface MaterialOption {
  /** Word(s) used in the title, e.g. "Patent PU". */
  title: string;
  materials: string[];
  /** Phrase for the description, e.g. "soft patent PU leather". */
  phrase: string;
  priceFactor?: number;
  /** Overrides the kind's colours for this material (e.g. gold-plated brass is gold). */
  colors?: string[];
  /** Overrides the kind's occasions (rhinestones are for evenings, steel for every day). */
  occasions?: string[];
}

export interface Kind {
  category: string;
  subcategory: string;
  noun: string;
  count: number;
  factory: string;
  materials: MaterialOption[];
  colors: string[];
  maxColors?: number;
  occasions: string[];
  styles: string[];
  seasons: string[];
  price: [number, number];
  features: string[];
  /** Types put before the noun in the title ("hoop" earrings); the blurb then follows as a second sentence. */
  types?: string[];
  /** Opening of the description, e.g. "Pointed-toe pumps on a slim stiletto". */
  blurb: string;
  sizes: (rng: Rng) => string[];
  /** Extra description sentence, e.g. dimensions. */
  extra?: (rng: Rng) => string;
}

function lastWord(text: string): string {
  return text.split(' ').pop() ?? text;
}

export function designAccessory(rng: Rng, kind: Kind, taken: Set<string>): Design {
  let material = rng.pick(kind.materials);
  let features: string[] = [];
  let noun = kind.noun;
  let title = '';
  for (let attempt = 0; attempt < 25; attempt++) {
    material = rng.pick(kind.materials);
    features = rng.some(kind.features, 1, 2);
    // "ankle strap, clear strap" or "9 cm heel, 10 cm heel" contradict each other: keep one.
    if (features.length === 2 && lastWord(features[0]!) === lastWord(features[1]!)) features = [features[0]!];
    noun = kind.types ? `${rng.pick(kind.types)} ${kind.noun}` : kind.noun;
    title = capitalize(`${material.title} ${noun}, ${features.join(', ')}`);
    if (!taken.has(title)) break;
  }
  taken.add(title);

  const palette = material.colors ?? kind.colors;
  const colors = rng.some(palette, 1, Math.min(kind.maxColors ?? 4, palette.length));
  const occasions = rng.some(material.occasions ?? kind.occasions, 1, 3);
  const tags = unique([...occasions, ...rng.some(kind.styles, 1, 2), ...rng.some(kind.seasons, 1, 2)]);
  const basePrice = Math.min(kind.price[1], price(rng.range(...kind.price) * (material.priceFactor ?? 1)));
  const extra = kind.extra ? ` ${kind.extra(rng)}` : kind.types ? ` ${kind.blurb}.` : '';
  const opener = kind.types ? capitalize(noun) : kind.blurb;
  return {
    title,
    category: kind.category,
    subcategory: kind.subcategory,
    description: sentences(
      `${opener}, made in ${material.phrase} with ${listPhrase(features.map(withArticle))}.${extra}`,
      joinSentences(occasionSentence(occasions), colorSentence(colors)),
    ),
    factory: kind.factory,
    colors,
    sizes: kind.sizes(rng),
    materials: material.materials,
    tags,
    basePrice,
    maxPrice: kind.price[1],
  };
}

/** "Made for x." + "Available in y." → "Made for x; available in y." (keeps descriptions to three sentences). */
function joinSentences(first: string, second: string): string {
  if (!first) return second;
  return `${first.replace(/\.$/, '')}; ${second.charAt(0).toLowerCase()}${second.slice(1)}`;
}

export function designAll(rng: Rng, kinds: readonly Kind[], anchors: readonly Design[]): Design[] {
  const taken = new Set(anchors.map((a) => a.title));
  const designs: Design[] = [...anchors];
  for (const kind of kinds) {
    for (let i = 0; i < kind.count; i++) designs.push(designAccessory(rng, kind, taken));
  }
  return designs;
}

/** Anchor helper: an accessory design that is never archived and always quoted in USD. */
export function anchor(fields: Omit<Design, 'anchor'>): Design {
  return { anchor: true, ...fields };
}
