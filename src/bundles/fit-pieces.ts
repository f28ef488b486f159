import { priceAtQuantity } from '../catalog/product.ts';
import type { BundleProduct } from './bundle-products.ts';
import type { BundleRules } from './bundle-rules.ts';
import { bestHarmony, colorRelation, describeHarmony, harmonyStrength, type Harmony } from './color-harmony.ts';

/**
 * Whether a product can go with the main one, and how well. Hard rules: active,
 * MOQ within the quantity, a price at that quantity, a colour that goes with
 * the main's, a unit price within the band. The score then prefers the
 * occasion, the main's other tags and its factory; equal scores go by SKU.
 */

export interface FitContext {
  rules: BundleRules;
  main: BundleProduct;
  mainColor: string | null;
  occasion: string | null;
  quantity: number;
  mainUnitPrice: number;
  /** An amount in `currency` in the main's currency; undefined without a rate. */
  toMainCurrency(amount: number, currency: string): number | undefined;
}

export interface Piece {
  product: BundleProduct;
  /** The colour offered; kind 'asked' when the buyer named a colour outside the harmony. */
  harmony: Harmony | { color: string; kind: 'asked' };
  unitPrice: number;
  priceInMain: number;
  forOccasion: boolean;
  sharedTags: string[];
  sameFactory: boolean;
  score: number;
}

export type Misfit = 'archived' | 'moq' | 'no-price' | 'no-rate' | 'color' | 'price-band';

// Weights: the occasion outweighs everything else together; a palette colour beats a neutral by 1;
// the factory counts less than that, so it decides only between close fits.
const OCCASION_WEIGHT = 4;
const SHARED_TAG_WEIGHT = 0.5;
const SHARED_TAG_CAP = 2;
const SAME_FACTORY_WEIGHT = 0.75;
const EPSILON = 1e-9;

/** The piece, or why it cannot go in the set. `askedColor` replaces colour harmony with the buyer's colour. */
export function fitPiece(ctx: FitContext, product: BundleProduct, askedColor?: string): Piece | Misfit {
  if (product.status !== 'active') return 'archived';
  if (product.moq > ctx.quantity) return 'moq';
  const unitPrice = priceAtQuantity(product.price_tiers, ctx.quantity);
  if (unitPrice === null) return 'no-price';
  const priceInMain = ctx.toMainCurrency(unitPrice, product.currency);
  if (priceInMain === undefined) return 'no-rate';
  let harmony: Piece['harmony'] | undefined;
  if (askedColor) {
    const color = product.colors.find((c) => c.toLowerCase() === askedColor);
    if (color) harmony = { color, kind: colorRelation(ctx.rules, ctx.mainColor, color) ?? 'asked' };
  } else {
    harmony = bestHarmony(ctx.rules, ctx.mainColor, product.colors);
  }
  if (!harmony) return 'color';
  if (priceInMain > ctx.rules.price_band.max_ratio_to_main * ctx.mainUnitPrice + EPSILON) return 'price-band';
  const tags = (p: BundleProduct) => new Set(p.tags.map((t) => t.toLowerCase()));
  const mainTags = tags(ctx.main);
  const occasion = ctx.occasion;
  const forOccasion =
    occasion !== null && (tags(product).has(occasion) || product.concepts.includes(`occasion:${occasion}`));
  const sharedTags = [...tags(product)].filter((t) => t !== occasion && mainTags.has(t));
  const sameFactory = product.factory !== null && product.factory === ctx.main.factory;
  const score =
    (forOccasion ? OCCASION_WEIGHT : 0) +
    (harmony.kind === 'asked' ? 0 : harmonyStrength(harmony)) +
    Math.min(sharedTags.length * SHARED_TAG_WEIGHT, SHARED_TAG_CAP) +
    (sameFactory ? SAME_FACTORY_WEIGHT : 0);
  return { product, harmony, unitPrice, priceInMain, forOccasion, sharedTags, sameFactory, score };
}

/** Why one product cannot go in the set: "its MOQ 300 is above 20 pcs". */
export function misfitReason(misfit: Misfit, ctx: FitContext, product: BundleProduct): string {
  switch (misfit) {
    case 'archived':
      return 'it is archived';
    case 'moq':
      return `its MOQ ${product.moq} is above ${pcs(ctx.quantity)}`;
    case 'no-price':
      return `it has no price at ${pcs(ctx.quantity)}`;
    case 'no-rate':
      return `currency_rates has no rate for ${product.currency}`;
    case 'color':
      return `it comes in none of ${ctx.mainColor ?? 'the main colour'}, its palette or a neutral`;
    case 'price-band':
      return `it costs more than ${ctx.rules.price_band.max_ratio_to_main}× ${mainWord(ctx.main)}`;
  }
}

/** How many of a category's candidates failed one rule: "3 clash with red". */
export function misfitCount(misfit: Misfit, n: number, ctx: FitContext): string {
  switch (misfit) {
    case 'archived':
      return `${n} archived`;
    case 'moq':
      return `${n} above the quantity's MOQ`;
    case 'no-price':
      return `${n} without a price at ${pcs(ctx.quantity)}`;
    case 'no-rate':
      return `${n} without an exchange rate`;
    case 'color':
      return `${n} ${n === 1 ? 'clashes' : 'clash'} with ${ctx.mainColor ?? 'the main colour'}`;
    case 'price-band':
      return `${n} ${n === 1 ? 'costs' : 'cost'} more than ${ctx.rules.price_band.max_ratio_to_main}× ${mainWord(ctx.main)}`;
  }
}

export function byFit(a: Piece, b: Piece): number {
  if (Math.abs(b.score - a.score) > EPSILON) return b.score - a.score;
  return a.product.sku < b.product.sku ? -1 : a.product.sku > b.product.sku ? 1 : 0;
}

/** The category's pieces that fit, best first, and how many failed each rule. */
export function rankPieces(
  ctx: FitContext,
  products: readonly BundleProduct[],
  askedColor?: string,
): { pieces: Piece[]; misfits: Partial<Record<Misfit, number>> } {
  const pieces: Piece[] = [];
  const misfits: Partial<Record<Misfit, number>> = {};
  for (const product of products) {
    const fit = fitPiece(ctx, product, askedColor);
    if (typeof fit === 'string') misfits[fit] = (misfits[fit] ?? 0) + 1;
    else pieces.push(fit);
  }
  return { pieces: pieces.sort(byFit), misfits };
}

/** "1 pc", "300 pcs" */
export function pcs(quantity: number): string {
  return quantity === 1 ? '1 pc' : `${quantity} pcs`;
}

/** "a beach piece", "an evening piece" */
export function occasionPiece(occasion: string): string {
  return `${/^[aeiou]/.test(occasion) ? 'an' : 'a'} ${occasion} piece`;
}

export function money(amount: number, currency: string): string {
  return `${amount.toFixed(2)} ${currency}`;
}

/** The main product as the buyer calls it: "the dress". */
export function mainWord(main: BundleProduct): string {
  return `the ${main.category}`;
}

/** Why a piece fits, from catalog facts: colour, occasion, shared tags, price at the quantity, MOQ, factory. */
export function describePiece(ctx: FitContext, piece: Piece): string {
  const { product } = piece;
  const parts: string[] = [];
  parts.push(
    piece.harmony.kind === 'asked'
      ? `${piece.harmony.color}, as asked (outside the ${ctx.mainColor ?? 'main'} palette)`
      : describeHarmony(piece.harmony, ctx.mainColor, mainWord(ctx.main)),
  );
  if (piece.forOccasion && ctx.occasion) parts.push(occasionPiece(ctx.occasion));
  if (piece.sharedTags.length)
    parts.push(`also ${piece.sharedTags.slice(0, 3).join(', ')}, like ${mainWord(ctx.main)}`);
  const converted = product.currency === ctx.main.currency ? '' : ` (${money(piece.priceInMain, ctx.main.currency)})`;
  const share =
    ctx.mainUnitPrice > 0
      ? `, ${Math.round((piece.priceInMain / ctx.mainUnitPrice) * 100)}% of ${mainWord(ctx.main)}'s price`
      : '';
  parts.push(`${money(piece.unitPrice, product.currency)}${converted} each at ${pcs(ctx.quantity)}${share}`);
  parts.push(`MOQ ${product.moq}`);
  if (piece.sameFactory) parts.push('same factory: ships together');
  return parts.join('; ');
}
