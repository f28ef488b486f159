/** bundle-rules.json: which categories complete an outfit per occasion, colour harmony, price band. */
import { OCCASIONS } from './common.ts';

export const NEUTRALS = ['black', 'white', 'beige', 'nude', 'gold', 'silver', 'cream', 'grey', 'tan', 'brown'];

/** For each garment colour, the accessory colours that go with it (neutrals always go). */
export const PALETTES: Record<string, string[]> = {
  red: ['black', 'gold', 'nude', 'white', 'silver'],
  black: ['gold', 'silver', 'red', 'nude', 'black', 'white', 'leopard'],
  white: ['gold', 'tan', 'nude', 'natural', 'silver', 'navy'],
  navy: ['white', 'silver', 'gold', 'nude', 'red', 'tan'],
  emerald: ['gold', 'nude', 'black', 'champagne'],
  green: ['tan', 'gold', 'white', 'brown', 'natural'],
  sage: ['white', 'tan', 'gold', 'natural', 'cream'],
  pink: ['silver', 'white', 'nude', 'gold', 'rose gold'],
  blush: ['nude', 'rose gold', 'gold', 'champagne', 'silver'],
  coral: ['gold', 'white', 'tan', 'natural', 'nude'],
  beige: ['tan', 'brown', 'gold', 'white', 'natural'],
  nude: ['gold', 'nude', 'black', 'champagne', 'rose gold'],
  khaki: ['tan', 'brown', 'white', 'gold', 'black'],
  yellow: ['white', 'tan', 'natural', 'gold'],
  orange: ['tan', 'natural', 'gold', 'white', 'brown'],
  purple: ['silver', 'black', 'gold'],
  lavender: ['silver', 'white', 'nude', 'rose gold'],
  blue: ['white', 'silver', 'tan', 'natural'],
  'sky blue': ['white', 'silver', 'nude', 'natural'],
  burgundy: ['gold', 'black', 'nude'],
  champagne: ['gold', 'nude', 'champagne', 'rose gold'],
  gold: ['gold', 'nude', 'black'],
  silver: ['silver', 'black', 'white'],
  brown: ['tan', 'gold', 'beige', 'cream', 'brown'],
  grey: ['silver', 'black', 'white', 'blush'],
  floral: ['nude', 'white', 'tan', 'natural', 'gold'],
  leopard: ['black', 'tan', 'gold', 'brown'],
};

const DRESS: Record<string, string[]> = {
  default: ['shoes', 'bag', 'jewelry'],
  beach: ['shoes', 'bag', 'hat', 'sunglasses', 'jewelry'],
  vacation: ['shoes', 'bag', 'hat', 'sunglasses'],
  'wedding guest': ['shoes', 'bag', 'jewelry', 'hat'],
  evening: ['shoes', 'bag', 'jewelry'],
  cocktail: ['shoes', 'bag', 'jewelry'],
  party: ['shoes', 'bag', 'jewelry'],
  prom: ['shoes', 'bag', 'jewelry'],
  office: ['shoes', 'bag', 'belt', 'jewelry'],
  casual: ['shoes', 'bag', 'belt', 'sunglasses'],
  modest: ['scarf', 'shoes', 'bag', 'jewelry'],
};

export function bundleRules(): unknown {
  return {
    version: 1,
    occasions: [...OCCASIONS],
    complements: {
      dress: DRESS,
      top: {
        default: ['skirt', 'shoes', 'bag', 'jewelry'],
        office: ['skirt', 'shoes', 'bag', 'belt'],
        evening: ['skirt', 'shoes', 'bag', 'jewelry'],
        casual: ['skirt', 'shoes', 'bag', 'sunglasses'],
        beach: ['skirt', 'shoes', 'hat', 'sunglasses'],
        vacation: ['skirt', 'shoes', 'bag', 'hat'],
      },
      skirt: {
        default: ['top', 'shoes', 'bag', 'jewelry'],
        office: ['top', 'shoes', 'bag', 'belt'],
        'wedding guest': ['top', 'shoes', 'bag', 'jewelry'],
        beach: ['top', 'shoes', 'hat', 'sunglasses'],
        modest: ['top', 'scarf', 'shoes', 'bag'],
      },
      jumpsuit: {
        default: ['shoes', 'bag', 'jewelry'],
        evening: ['shoes', 'bag', 'jewelry'],
        'wedding guest': ['shoes', 'bag', 'jewelry'],
        office: ['shoes', 'bag', 'belt', 'jewelry'],
        beach: ['shoes', 'bag', 'hat', 'sunglasses'],
        vacation: ['shoes', 'bag', 'hat', 'sunglasses'],
        casual: ['shoes', 'bag', 'sunglasses'],
      },
    },
    color_harmony: { neutrals: NEUTRALS, palettes: PALETTES },
    price_band: { max_ratio_to_main: 1.5 },
  };
}

export function complementsFor(category: string, occasion: string): string[] {
  const rules = bundleRules() as { complements: Record<string, Record<string, string[]>> };
  const byOccasion = rules.complements[category] ?? {};
  return byOccasion[occasion] ?? byOccasion.default ?? [];
}

/** Whether an accessory colour goes with a garment colour. */
export function colorsMatch(garment: string, accessory: string): boolean {
  return garment === accessory || NEUTRALS.includes(accessory) || (PALETTES[garment] ?? []).includes(accessory);
}
