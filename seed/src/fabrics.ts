/** Apparel fabrics: what goes in `materials`, the title word and the description phrase. */

export interface Fabric {
  title: string;
  materials: string[];
  phrase: string;
  /** Prints (floral, leopard) are not offered on this fabric. */
  solidOnly?: boolean;
  seasons?: string[];
  priceFactor?: number;
}

export const FABRICS: Record<string, Fabric> = {
  chiffon: { title: 'Chiffon', materials: ['chiffon', 'polyester'], phrase: 'lined, lightweight chiffon' },
  satin: { title: 'Satin', materials: ['satin', 'polyester'], phrase: 'fluid, glossy satin' },
  silk: { title: 'Silk', materials: ['silk'], phrase: '100% mulberry silk', priceFactor: 1.6, solidOnly: true },
  linen: {
    title: 'Linen',
    materials: ['linen', 'cotton'],
    phrase: 'breathable washed linen blend',
    seasons: ['summer', 'spring'],
  },
  cotton: { title: 'Cotton', materials: ['cotton'], phrase: 'soft cotton poplin' },
  polyester: {
    title: 'Georgette',
    materials: ['polyester'],
    phrase: 'easy-care, crease-resistant polyester georgette',
  },
  viscose: { title: 'Viscose', materials: ['viscose'], phrase: 'fluid, breathable viscose' },
  crepe: { title: 'Crepe', materials: ['crepe', 'polyester'], phrase: 'matte stretch crepe' },
  lace: {
    title: 'Lace',
    materials: ['lace', 'polyester'],
    phrase: 'corded lace over a full lining',
    solidOnly: true,
    priceFactor: 1.15,
  },
  sequin: {
    title: 'Sequin',
    materials: ['sequin', 'polyester', 'mesh'],
    phrase: 'all-over sequins on a stretch mesh base',
    solidOnly: true,
    seasons: ['winter', 'autumn'],
    priceFactor: 1.2,
  },
  velvet: {
    title: 'Velvet',
    materials: ['velvet', 'polyester', 'spandex'],
    phrase: 'plush stretch velvet',
    solidOnly: true,
    seasons: ['autumn', 'winter'],
  },
  knit: {
    title: 'Ribbed knit',
    materials: ['knit', 'polyester', 'spandex'],
    phrase: 'ribbed stretch knit',
    solidOnly: true,
  },
  denim: { title: 'Denim', materials: ['denim', 'cotton'], phrase: 'washed cotton denim', solidOnly: true },
  tulle: {
    title: 'Tulle',
    materials: ['tulle', 'polyester'],
    phrase: 'layered soft tulle',
    solidOnly: true,
    priceFactor: 1.1,
  },
};

export const PRINTS = ['floral', 'leopard'];
const DENIM_COLORS = ['blue', 'sky blue', 'navy', 'black', 'white'];
const METALLIC = ['gold', 'silver', 'champagne'];

/** The colours a fabric can be offered in, from a style's palette. */
export function colorsFor(fabric: string, palette: readonly string[]): string[] {
  const info = FABRICS[fabric];
  if (!info) throw new Error(`unknown fabric ${fabric}`);
  if (fabric === 'denim') return DENIM_COLORS;
  let colors = palette.filter((c) => !(info.solidOnly && PRINTS.includes(c)));
  // Metallic shades only make sense on shiny fabrics.
  if (!['sequin', 'satin', 'silk', 'velvet', 'tulle', 'chiffon'].includes(fabric)) {
    colors = colors.filter((c) => !METALLIC.includes(c));
  }
  return colors.length ? colors : ['black'];
}
