import { priceAtQuantity } from '../catalog/product.ts';
import type { Queryable } from '../db/database.ts';
import type { Lexicon } from '../search/lexicon.ts';
import type { Bundle, BundleItem, SuggestOptions } from './bundle.ts';
import { bundleError } from './bundle-error.ts';
import { createBundleProductSource, loadUsdRates, type BundleProduct, type CandidateCache } from './bundle-products.ts';
import { inferOccasion, resolveRequest } from './bundle-request.ts';
import { complementsFor, type BundleRules } from './bundle-rules.ts';
import { categoryTerm, colorTerm, materialTerm } from './bundle-terms.ts';
import { curatedLookFor, curatedPieces } from './curated-pieces.ts';
import { curatedBundlesFor } from './curated-bundles.ts';
import {
  describePiece,
  fitPiece,
  mainWord,
  misfitCount,
  money,
  occasionPiece,
  pcs,
  rankPieces,
  type FitContext,
  type Misfit,
  type Piece,
} from './fit-pieces.ts';
import { swapPiece } from './swap-piece.ts';

/**
 * Suggests the set around one product: for each complementary category the
 * rules list for its occasion, the best-fitting active piece (a curated
 * look's piece first, while it still fits), priced at the buyer's quantity.
 * Everything it says comes from the catalog and the rules.
 */

export interface BundleSuggester {
  suggest(options: SuggestOptions): Promise<Bundle>;
}

export interface BundleSuggesterOptions {
  rules: BundleRules;
  /** Reads buyers' words for occasions, categories, colours and materials; exact words only without it. */
  lexicon?: Lexicon;
  /** keep accessory rows between calls (a long-running planner); checked against catalog_version each time */
  cache?: CandidateCache;
}

const round2 = (value: number) => Math.round(value * 100) / 100;

function toItem(
  product: BundleProduct,
  color: string | null,
  unitPrice: number,
  why: string,
  curated = false,
): BundleItem {
  return {
    sku: product.sku,
    title: product.title,
    category: product.category,
    subcategory: product.subcategory,
    colors: product.colors,
    color,
    factory: product.factory,
    unit_price_at_quantity: unitPrice,
    currency: product.currency,
    moq: product.moq,
    image_url: product.image_url,
    why,
    ...(curated ? { curated: true } : {}),
  };
}

/** "For beach (from the dress's tags)." and the colour the set is built around. */
function contextNotes(ctx: FitContext, listOccasion: string | null, source: string, colorAsked: boolean): string[] {
  const { occasion, main, mainColor } = ctx;
  const notes: string[] = [];
  const defaults = ctx.rules.complements[main.category]!.default!.join(', ');
  if (!occasion) notes.push(`No occasion in ${mainWord(main)}'s tags: the default pieces (${defaults}).`);
  else if (!listOccasion)
    notes.push(
      `For ${occasion} (${source}); the rules have no ${occasion} list for a ${main.category}, so the default pieces.`,
    );
  else notes.push(`For ${occasion} (${source}).`);
  if (mainColor)
    notes.push(
      `Colours chosen to go with ${mainColor}${colorAsked ? ', as asked' : `, ${mainWord(main)}'s first colour`}.`,
    );
  return notes;
}

export function createBundleSuggester(db: Queryable, options: BundleSuggesterOptions): BundleSuggester {
  const { rules, lexicon } = options;
  const products = createBundleProductSource(db, options.cache);

  async function suggest(request: SuggestOptions): Promise<Bundle> {
    const { main, quantity, mainColor, askedOccasion } = await resolveRequest(request, { rules, lexicon, products });
    const rates = await loadUsdRates(db);
    const mainRate = rates.get(main.currency);
    if (mainRate === undefined) {
      throw bundleError(
        'NO_RATE',
        `currency_rates has no rate for ${main.currency} (${main.sku}'s currency); add one with showroom rates to price the set.`,
      );
    }
    // The MOQ is never below the first tier (import checks it), so the main always has a price here.
    const mainUnitPrice = priceAtQuantity(main.price_tiers, quantity)!;
    const look = curatedLookFor(await curatedBundlesFor(db, main.sku), askedOccasion);
    const occasion = askedOccasion ?? look?.occasion ?? inferOccasion(rules, main);
    const list = complementsFor(rules, main.category, occasion)!;
    const ctx: FitContext = {
      rules,
      main,
      mainColor,
      occasion,
      quantity,
      mainUnitPrice,
      toMainCurrency: (amount, currency) => {
        const rate = rates.get(currency.toUpperCase());
        return rate === undefined ? undefined : (amount * rate) / mainRate;
      },
    };
    const source = askedOccasion
      ? 'as asked'
      : look?.occasion
        ? "the curated look's occasion"
        : `from ${mainWord(main)}'s tags`;
    const notes = contextNotes(ctx, list.occasion, source, Boolean(request.color));

    const swapCategory = request.swap ? categoryTerm(lexicon, request.swap.category) : undefined;
    if (swapCategory && !list.categories.includes(swapCategory)) {
      throw bundleError(
        'SWAP_CATEGORY',
        `This set has no ${swapCategory} to swap: its pieces are ${list.categories.join(', ')}.`,
      );
    }
    const exclude = new Set((request.exclude ?? []).map((sku) => sku.trim()));
    const usable = (candidates: BundleProduct[]) => candidates.filter((p) => p.sku !== main.sku && !exclude.has(p.sku));
    // Only colours that go with the main's and prices within the band are read, unless the buyer
    // asked for a colour (which replaces the harmony). A category left empty is read again in
    // full below, to say why.
    const palette = mainColor
      ? [mainColor, ...(rules.color_harmony.palettes[mainColor] ?? []), ...rules.color_harmony.neutrals]
      : rules.color_harmony.neutrals;
    const narrowing = {
      maxUsd: rules.price_band.max_ratio_to_main * mainUnitPrice * mainRate,
      usdPerUnit: rates,
      ...(request.swap?.color ? {} : { colors: palette.map((c) => c.toLowerCase()) }),
    };
    const pool = usable(await products.candidates(list.categories, quantity, narrowing));
    const curated = look
      ? await curatedPieces(ctx, look, list.categories, products, exclude)
      : { pieces: new Map<string, Piece>(), notes: [] };
    notes.push(...curated.notes);

    const items: BundleItem[] = [];
    for (const category of list.categories) {
      const inCategory = pool.filter((p) => p.category === category);
      const { pieces } = rankPieces(ctx, inCategory);
      const curatedPiece = curated.pieces.get(category);
      let piece = curatedPiece ?? pieces[0];
      let reason: string | undefined;
      if (request.swap && category === swapCategory) {
        // Compare with the piece the buyer is looking at, not with whatever ranks first now.
        const shown = inCategory.find((p) => p.sku === request.swap!.replacing);
        const shownFit = shown ? fitPiece(ctx, shown) : undefined;
        const current = shownFit && typeof shownFit !== 'string' ? shownFit : piece;
        const swapped = swapPiece(ctx, category, inCategory, current, {
          cheaper: request.swap.cheaper,
          color: request.swap.color ? colorTerm(lexicon, request.swap.color) : undefined,
          material: request.swap.material ? materialTerm(lexicon, request.swap.material) : undefined,
        });
        notes.push(swapped.note);
        piece = swapped.piece;
        reason = swapped.reason;
      }
      if (!piece) {
        const everyOne = usable(await products.candidates([category], quantity));
        const counts = Object.entries(rankPieces(ctx, everyOne).misfits).map(([misfit, n]) =>
          misfitCount(misfit as Misfit, n, ctx),
        );
        notes.push(
          `No ${category} in the set: ${
            everyOne.length
              ? `of ${everyOne.length} with an MOQ of ${quantity} or less, ${counts.join(', ')}`
              : `none active with an MOQ of ${quantity} or less`
          }.`,
        );
        continue;
      }
      const isCurated = piece === curatedPiece && reason === undefined;
      const why = [reason, isCurated ? `from the curated look "${look!.name}"` : undefined, describePiece(ctx, piece)];
      items.push(
        toItem(piece.product, piece.harmony.color, piece.unitPrice, why.filter(Boolean).join('; '), isCurated),
      );
    }
    if (items.length < 2) {
      throw bundleError(
        'TOO_FEW_ITEMS',
        `Only ${items.length === 1 ? '1 piece fits' : 'no piece fits'} ${main.sku} at ${pcs(quantity)}, too few for a set. ` +
          `${notes.filter((n) => n.startsWith('No ')).join(' ')} Try a larger quantity.`,
      );
    }

    const mainWhy = [
      `the main piece${mainColor ? ` in ${mainColor}` : ''}`,
      occasion && main.tags.includes(occasion) ? occasionPiece(occasion) : undefined,
      `${money(mainUnitPrice, main.currency)} each at ${pcs(quantity)}`,
      `MOQ ${main.moq}`,
    ];
    const total = items.reduce(
      (sum, item) => sum + ctx.toMainCurrency(item.unit_price_at_quantity, item.currency)!,
      mainUnitPrice,
    );
    const totalUnitPrice = round2(total);
    const usedLook = look && items.some((item) => item.curated) ? { id: look.id, name: look.name } : undefined;
    return {
      main: toItem(main, mainColor, mainUnitPrice, mainWhy.filter(Boolean).join('; ')),
      items,
      quantity,
      total_unit_price: totalUnitPrice,
      total_price: round2(totalUnitPrice * quantity),
      currency: main.currency,
      ...(usedLook ? { curated: usedLook } : {}),
      occasion,
      notes,
    };
  }

  return { suggest };
}
