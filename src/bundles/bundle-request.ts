import type { Lexicon } from '../search/lexicon.ts';
import type { SuggestOptions } from './bundle.ts';
import { bundleError } from './bundle-error.ts';
import type { BundleProduct, BundleProductSource } from './bundle-products.ts';
import type { BundleRules } from './bundle-rules.ts';
import { colorTerm, occasionTerm } from './bundle-terms.ts';

/**
 * The checks a bundle request passes before any piece is chosen, each with a
 * message that says what to ask instead: the main product exists, is active
 * and has complement rules; the quantity is whole and reaches its MOQ; the
 * colour is one it is made in; the occasion is one the rules know.
 */

export interface ResolvedRequest {
  main: BundleProduct;
  quantity: number;
  /** The main colour the set is built around; null for a product without colours. */
  mainColor: string | null;
  /** The occasion the buyer named, in the rules' words. */
  askedOccasion: string | undefined;
}

const MAX_QUANTITY = 10_000_000;

export async function resolveRequest(
  request: SuggestOptions,
  deps: { rules: BundleRules; lexicon?: Lexicon; products: BundleProductSource },
): Promise<ResolvedRequest> {
  const { rules, lexicon } = deps;
  const [main] = await deps.products.bySku([request.sku.trim()]);
  if (!main) {
    throw bundleError(
      'UNKNOWN_SKU',
      `No product has the SKU "${request.sku}". Check it with showroom search or showroom export.`,
    );
  }
  if (main.status !== 'active') {
    throw bundleError(
      'ARCHIVED_SKU',
      `${main.sku} is archived, and archived products are never offered. Pick an active product.`,
    );
  }
  if (!rules.complements[main.category]) {
    throw bundleError(
      'NO_RULES',
      `No bundle rules for the category "${main.category}" (${main.sku}): bundles are built around ` +
        `${Object.keys(rules.complements).join(', ')}. Add a complements.${main.category} entry to bundle-rules.json to build sets around it.`,
    );
  }
  const quantity = request.quantity ?? main.moq;
  if (!Number.isInteger(quantity) || quantity < 1 || quantity > MAX_QUANTITY) {
    throw bundleError(
      'INVALID_QUANTITY',
      `The quantity must be a whole number from 1 to ${MAX_QUANTITY}, got ${quantity}.`,
    );
  }
  if (quantity < main.moq) {
    throw bundleError('BELOW_MOQ', `${main.sku} has an MOQ of ${main.moq} pcs; ask for ${main.moq} or more.`);
  }
  let mainColor = main.colors[0]?.toLowerCase() ?? null;
  if (request.color) {
    const wanted = colorTerm(lexicon, request.color);
    const color = main.colors.find((c) => c.toLowerCase() === wanted);
    if (!color) {
      throw bundleError(
        'UNKNOWN_COLOR',
        `${main.sku} comes in ${main.colors.join(', ') || 'no listed colour'}, not ${request.color}.`,
      );
    }
    mainColor = color.toLowerCase();
  }
  let askedOccasion: string | undefined;
  if (request.occasion?.trim()) {
    askedOccasion = occasionTerm(lexicon, request.occasion);
    if (!rules.occasions.includes(askedOccasion)) {
      throw bundleError(
        'UNKNOWN_OCCASION',
        `"${request.occasion}" is not an occasion the bundle rules know: use one of ${rules.occasions.join(', ')}.`,
      );
    }
  }
  return { main, quantity, mainColor, askedOccasion };
}

/** The first of the main's tags (then its title's occasion words) that the rules know, preferring one with its own list. */
export function inferOccasion(rules: BundleRules, main: BundleProduct): string | null {
  const words = [
    ...main.tags.map((t) => t.toLowerCase()),
    ...main.concepts.filter((c) => c.startsWith('occasion:')).map((c) => c.slice('occasion:'.length)),
  ].filter((w) => rules.occasions.includes(w));
  return words.find((w) => rules.complements[main.category]?.[w]) ?? words[0] ?? null;
}
