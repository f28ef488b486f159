import type { BundleProductSource } from './bundle-products.ts';
import type { CuratedBundle } from './curated-bundles.ts';
import { fitPiece, misfitReason, type FitContext, type Piece } from './fit-pieces.ts';

/**
 * A curated look takes precedence piece by piece: each of its pieces is used
 * while it is active, of a category the rules list for the set, and fits the
 * quantity, colour and price band; the rules fill whatever it leaves open.
 */

/** The look for this request: the main's first, or the one for the occasion the buyer named. */
export function curatedLookFor(looks: CuratedBundle[], askedOccasion: string | undefined): CuratedBundle | undefined {
  if (!askedOccasion) return looks[0];
  return looks.find((look) => look.occasion === askedOccasion || look.occasion === null);
}

export async function curatedPieces(
  ctx: FitContext,
  look: CuratedBundle,
  categories: readonly string[],
  products: BundleProductSource,
  exclude: ReadonlySet<string>,
): Promise<{ pieces: Map<string, Piece>; notes: string[] }> {
  const pieces = new Map<string, Piece>();
  const notes: string[] = [];
  const found = new Map((await products.bySku(look.item_skus)).map((p) => [p.sku, p]));
  for (const sku of look.item_skus) {
    const product = found.get(sku);
    if (exclude.has(sku)) continue;
    if (!product) notes.push(`Curated ${sku} is no longer in the catalog.`);
    else if (!categories.includes(product.category))
      notes.push(`Curated ${sku} left out: the rules list no ${product.category} for this set.`);
    else if (!pieces.has(product.category)) {
      const fit = fitPiece(ctx, product);
      if (typeof fit === 'string') notes.push(`Curated ${sku} left out: ${misfitReason(fit, ctx, product)}.`);
      else pieces.set(product.category, fit);
    }
  }
  if (pieces.size) notes.push(`Curated look "${look.name}".`);
  return { pieces, notes };
}
