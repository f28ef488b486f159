import type { BundleProduct } from './bundle-products.ts';
import { money, pcs, rankPieces, type FitContext, type Piece } from './fit-pieces.ts';

/**
 * Refinements a buyer asks for one piece at a time: "swap the bag" (the
 * next-best bag), "cheaper shoes" (a cheaper pair than the current one),
 * "gold jewellery instead" (jewellery in gold), "a leather bag". The other
 * hard rules (MOQ, price band, active) still hold; an asked colour replaces
 * colour harmony, because the buyer chose it.
 */

export interface SwapRequest {
  cheaper?: boolean;
  /** catalog colour word, lower case */
  color?: string;
  /** catalog material word, lower case */
  material?: string;
}

export interface SwapResult {
  piece: Piece | undefined;
  /** Why this piece replaced the current one; undefined when nothing did. */
  reason?: string;
  note: string;
}

const EPSILON = 1e-9;

/** The product's own material that answers the request ("PU leather" for leather), never a word from its title. */
function materialOf(product: BundleProduct, material: string): string | undefined {
  return product.materials.find((m) => m.toLowerCase().includes(material));
}

function describeRequest(category: string, swap: SwapRequest): string {
  const words = [swap.cheaper ? 'cheaper' : '', swap.color ?? '', swap.material ?? '', category].filter(Boolean);
  return words.length > 1 ? words.join(' ') : `other ${category}`;
}

export function swapPiece(
  ctx: FitContext,
  category: string,
  products: readonly BundleProduct[],
  current: Piece | undefined,
  swap: SwapRequest,
): SwapResult {
  const { pieces } = rankPieces(ctx, products, swap.color);
  const currency = ctx.main.currency;
  const eligible = pieces.filter((piece) => {
    if (swap.material && !materialOf(piece.product, swap.material)) return false;
    if (!current) return true;
    if (swap.cheaper && !(piece.priceInMain < current.priceInMain - EPSILON)) return false;
    // The current piece stays eligible only when the buyer asked for a colour it also comes in.
    if (piece.product.sku === current.product.sku)
      return swap.color !== undefined && current.harmony.color.toLowerCase() !== swap.color;
    return true;
  });
  const chosen = eligible[0];
  const wanted = describeRequest(category, swap);
  if (!chosen) {
    const kept = current ? `; kept ${current.product.sku}` : '';
    return { piece: current, note: `Found no ${wanted} that fits this set at ${pcs(ctx.quantity)}${kept}.` };
  }
  const reasons: string[] = [];
  if (current && chosen.product.sku !== current.product.sku) reasons.push(`instead of ${current.product.sku}`);
  if (current && chosen.product.sku === current.product.sku) reasons.push(`the same piece in ${chosen.harmony.color}`);
  if (swap.cheaper && current)
    reasons.push(`cheaper: ${money(chosen.priceInMain, currency)} vs ${money(current.priceInMain, currency)}`);
  if (swap.material) reasons.push(`${materialOf(chosen.product, swap.material)}, as asked`);
  if (!swap.cheaper && !swap.color && !swap.material) reasons.push(`the next-best ${category}`);
  const from = current ? `${current.product.sku} → ` : '';
  return {
    piece: chosen,
    reason: reasons.join(', '),
    note: `Swapped the ${category}: ${from}${chosen.product.sku}.`,
  };
}
