import { getProduct, getProducts } from '../catalog/catalog-repository.ts';
import { priceAtQuantity, type Product } from '../catalog/product.ts';
import { BundleError } from '../bundles/bundle-error.ts';
import type { BundleRules } from '../bundles/bundle-rules.ts';
import type { CandidateCache } from '../bundles/bundle-products.ts';
import { createBundleSuggester } from '../bundles/bundle-suggester.ts';
import type { BundleSwap } from '../bundles/bundle.ts';
import { createQuoteCollection } from '../handoff/quote-collection.ts';
import { conceptKey, type ConceptKind, type Lexicon } from '../search/lexicon.ts';
import type { CatalogSearch, SearchResponse } from '../search/search-catalog.ts';
import { hasHan } from '../search/text.ts';
import type { Understood } from '../search/understand.ts';
import type { ReplyDraft, Turn } from './conversation-engine.ts';
import type { Action, ConversationState } from './conversation-state.ts';
import type { DetectedIntents } from './detect-intent.ts';
import { toCard } from './product-cards.ts';
import type { Speech } from './speech.ts';

/**
 * What the bot can do with the catalog in a conversation, each move changing
 * the conversation state and rendering its reply from catalog facts only:
 * search, details, price at a quantity, a bundle, the shortlist, a request
 * for sales. The offline planner picks a move by rules; the LLM planner's
 * tools call the same moves, and their rendering is what it falls back to.
 */

const PAGE = 5;

export interface CatalogRepliesDeps {
  lexicon: Lexicon;
  search: CatalogSearch;
  bundleRules: BundleRules;
}

export type CatalogReplies = ReturnType<typeof createCatalogReplies>;

/** Which product a move is about: named SKUs, a position in the last list, or the product in focus. */
export type ProductReference = Pick<DetectedIntents, 'skuCandidates' | 'position'>;

export function createCatalogReplies(deps: CatalogRepliesDeps) {
  // Accessory rows for bundles, kept while the catalog's version stays the same (see bundle-products.ts).
  const bundleCache: CandidateCache = new Map();
  const quote = createQuoteCollection({ lexicon: deps.lexicon });

  /** The search response behind the last showResults, for callers that report it (the LLM planner's tools). */
  async function showResults(
    sp: Speech,
    turn: Turn,
    understood: Understood,
    request: string,
    from: number,
    seen?: (response: SearchResponse) => void,
  ): Promise<ReplyDraft[]> {
    const { t } = sp;
    const response = await deps.search.searchUnderstood(understood, request, { k: from + PAGE, tx: turn.tx });
    seen?.(response);
    const page = response.results.slice(from);
    turn.state.understood = understood;
    turn.state.request = request;
    if (page.length === 0) return [{ kind: 'text', text: t(from === 0 ? 'no_results' : 'no_more') }];
    turn.state.lastResults = page.map((r) => r.sku);
    turn.state.lastList = 'results';
    turn.state.shown = from + page.length;
    turn.state.focus = undefined;
    const products = new Map(
      (
        await getProducts(
          turn.tx,
          page.map((r) => r.sku),
        )
      ).map((p) => [p.sku, p]),
    );
    const cards = page.flatMap((result) => {
      const product = products.get(result.sku);
      return product?.status === 'active' ? [toCard(product, understood.quantity, result.why)] : [];
    });
    // The search explains a relaxation in English; the buyer reads it in their language.
    const dropped = response.relaxed.map((name) => t(`relax_${name}`)).join(', ');
    const buttons: Array<{ label: string; action: Action }> = cards.flatMap((card, i) => [
      { label: `${i + 1}. ${t('button_details')}`, action: { type: 'details', sku: card.sku } as Action },
      { label: `${i + 1}. ${t('button_add')}`, action: { type: 'add', sku: card.sku } as Action },
    ]);
    if (response.results.length >= from + PAGE) buttons.push({ label: t('button_more'), action: { type: 'more' } });
    const text = dropped
      ? t('relaxed', { dropped })
      : t(from === 0 ? 'results' : 'results_more', {
          summary: describeRequest(understood, sp.locale, deps.lexicon),
        });
    return [{ kind: 'products', text, items: cards, buttons }];
  }

  async function resolveProduct(turn: Turn, detected: ProductReference): Promise<Product | undefined> {
    for (const sku of detected.skuCandidates) {
      const product = await getProduct(turn.tx, sku);
      if (product?.status === 'active') return product;
    }
    // After the shortlist was shown, "the second one" is its second line, if it has one.
    const listed = turn.state.lastList === 'shortlist' ? turn.state.shortlist.map((entry) => entry.sku) : [];
    const position = detected.position;
    const sku = position ? (listed[position - 1] ?? turn.state.lastResults[position - 1]) : turn.state.focus;
    return sku ? getProduct(turn.tx, sku) : undefined;
  }

  async function details(sp: Speech, turn: Turn, product: Product): Promise<ReplyDraft[]> {
    const { t } = sp;
    turn.state.focus = product.sku;
    const card = toCard(product, turn.state.understood?.quantity);
    const lines = [product.title, product.description ?? '', t('tiers', { tiers: tiersText(product, sp.money) })];
    if (product.lead_time_days !== null) lines.push(t('details_lead_time', { days: product.lead_time_days }));
    lines.push(
      product.sample_price === null
        ? t('details_no_sample')
        : t('details_sample', {
            price: sp.money(product.sample_price, product.currency),
            days: product.sample_days ?? '?',
          }),
    );
    lines.push(product.stock === null ? t('details_made_to_order') : t('details_stock', { stock: product.stock }));
    if (product.customization.length) {
      lines.push(t('details_customization', { options: product.customization.join(', ').replace(/_/g, ' ') }));
    }
    return [
      {
        kind: 'products',
        text: lines.filter(Boolean).join('\n'),
        items: [card],
        buttons: [
          { label: t('button_add'), action: { type: 'add', sku: product.sku } },
          { label: t('button_bundle'), action: { type: 'bundle', sku: product.sku } },
        ],
      },
    ];
  }

  /** A set around one product, or the last set with one piece swapped ("swap the bag", "cheaper shoes"). */
  async function bundleReply(sp: Speech, turn: Turn, product: Product, swap?: BundleSwap): Promise<ReplyDraft[]> {
    const { t } = sp;
    const previous = turn.state.lastBundle?.sku === product.sku ? turn.state.lastBundle : undefined;
    const quantity = previous?.quantity ?? Math.max(turn.state.understood?.quantity ?? product.moq, product.moq);
    // "swap the bag": the next-best bag, so the one shown is left out. "cheaper shoes", "gold
    // jewellery": compared with the piece shown, which the suggester must therefore still see.
    const shown = swap && previous ? previous.items[swap.category] : undefined;
    const refined = Boolean(swap?.cheaper || swap?.color || swap?.material);
    const exclude = [...(previous?.exclude ?? [])];
    if (shown && !refined) exclude.push(shown);
    const suggester = createBundleSuggester(turn.tx, {
      rules: deps.bundleRules,
      lexicon: deps.lexicon,
      cache: bundleCache,
    });
    let bundle;
    try {
      bundle = await suggester.suggest({
        sku: product.sku,
        quantity,
        ...(previous?.occasion ? { occasion: previous.occasion } : {}),
        ...(swap && previous ? { exclude } : {}),
        ...(swap && refined ? { swap: { ...swap, ...(shown ? { replacing: shown } : {}) } } : {}),
      });
    } catch (error) {
      if (!(error instanceof BundleError)) throw error;
      return [
        { kind: 'text', text: t('no_bundle', { title: product.title, sku: product.sku, reason: error.message }) },
      ];
    }
    turn.state.focus = product.sku;
    turn.state.lastBundle = {
      sku: product.sku,
      quantity: bundle.quantity,
      occasion: bundle.occasion,
      // A piece swapped away stays out of later swaps.
      exclude: shown && !bundle.items.some((item) => item.sku === shown) ? [...new Set([...exclude, shown])] : exclude,
      items: Object.fromEntries(bundle.items.map((item) => [item.category, item.sku])),
    };
    const lines = bundle.items.map(
      (item) =>
        `• ${item.category}: ${item.title} (${item.sku}), ${sp.money(item.unit_price_at_quantity, item.currency)} — ${item.why}`,
    );
    const total = t('bundle_total', {
      price: sp.money(bundle.total_unit_price, bundle.currency),
      total: sp.money(bundle.total_price, bundle.currency),
      quantity: bundle.quantity,
    });
    return [
      {
        kind: 'bundle',
        text: [
          t('bundle', { title: product.title, sku: product.sku, quantity: bundle.quantity }),
          ...lines,
          total,
        ].join('\n'),
        bundle,
        items: [bundle.main, ...bundle.items].map((item) => ({ sku: item.sku })),
        buttons: bundle.items.map((item) => ({
          label: `${t('button_add')}: ${item.category}`,
          action: { type: 'add', sku: item.sku } as Action,
        })),
      },
    ];
  }

  /** Samples, customization or lead time of one product: catalog facts only. */
  function factReply(sp: Speech, product: Product, fact: 'sample' | 'customization' | 'lead_time'): ReplyDraft {
    const { t } = sp;
    const facts = { title: product.title, sku: product.sku };
    if (fact === 'sample') {
      const text =
        product.sample_price === null
          ? t('no_sample', facts)
          : t('sample', {
              ...facts,
              price: sp.money(product.sample_price, product.currency),
              days: product.sample_days ?? '?',
            });
      return { kind: 'text', text };
    }
    if (fact === 'customization') {
      const options = product.customization.join(', ').replace(/_/g, ' ');
      return { kind: 'text', text: options ? t('customization', { ...facts, options }) : t('no_customization', facts) };
    }
    const text =
      product.lead_time_days === null
        ? t('no_lead_time', facts)
        : t('lead_time', { ...facts, days: product.lead_time_days });
    return { kind: 'text', text };
  }

  function priceReply(sp: Speech, product: Product, quantity: number | undefined): ReplyDraft {
    const { t } = sp;
    const facts = { title: product.title, sku: product.sku, moq: product.moq };
    if (quantity !== undefined && quantity < product.moq) {
      const price = priceAtQuantity(product.price_tiers, product.moq)!;
      return { kind: 'text', text: t('below_moq', { ...facts, price: sp.money(price, product.currency) }) };
    }
    const at = quantity ?? product.moq;
    const price = priceAtQuantity(product.price_tiers, at)!;
    const text = `${t('price_at', { ...facts, quantity: at, price: sp.money(price, product.currency) })}\n${t('tiers', { tiers: tiersText(product, sp.money) })}`;
    return { kind: 'text', text };
  }

  async function addToShortlist(
    sp: Speech,
    turn: Turn,
    product: Product,
    understood: Pick<Understood, 'quantity' | 'colors' | 'sizes'>,
  ): Promise<ReplyDraft[]> {
    const { t } = sp;
    turn.state.focus = product.sku;
    const asked = understood.quantity ?? turn.state.understood?.quantity ?? product.moq;
    const quantity = Math.max(asked, product.moq);
    const color = understood.colors.find((c) => product.colors.map((x) => x.toLowerCase()).includes(c));
    const size = understood.sizes.find((s) => product.sizes.map((x) => x.toUpperCase()).includes(s));
    const entry = { sku: product.sku, quantity, ...(color ? { color } : {}), ...(size ? { size } : {}) };
    const existing = turn.state.shortlist.findIndex(
      (e) => e.sku === entry.sku && e.color === entry.color && e.size === entry.size,
    );
    if (existing >= 0) turn.state.shortlist[existing] = entry;
    else turn.state.shortlist.push(entry);
    const key = asked < product.moq ? 'added_raised' : 'added';
    return [
      {
        kind: 'text',
        text: t(key, { quantity, title: product.title, sku: product.sku, moq: product.moq }),
        buttons: [{ label: t('button_shortlist'), action: { type: 'shortlist' } }],
      },
    ];
  }

  async function shortlist(sp: Speech, turn: Turn): Promise<ReplyDraft[]> {
    const { t } = sp;
    if (turn.state.shortlist.length === 0) return [{ kind: 'text', text: t('shortlist_empty') }];
    const items = [];
    for (const entry of turn.state.shortlist) {
      const product = await getProduct(turn.tx, entry.sku);
      if (!product) continue;
      items.push({
        ...entry,
        title: product.title,
        currency: product.currency,
        unit_price_at_quantity: priceAtQuantity(product.price_tiers, entry.quantity),
      });
    }
    turn.state.lastList = 'shortlist';
    const lines = items.map(
      (i) =>
        `• ${i.quantity} × ${i.title} (${i.sku})${i.color ? `, ${i.color}` : ''}${i.size ? `, ${i.size}` : ''}: ${i.unit_price_at_quantity === null ? '?' : sp.money(i.unit_price_at_quantity, i.currency)}`,
    );
    return [
      {
        kind: 'shortlist',
        text: [t('shortlist'), ...lines].join('\n'),
        items,
        buttons: [{ label: t('button_sales'), action: { type: 'sales' } }],
      },
    ];
  }

  async function removeFromShortlist(sp: Speech, turn: Turn, product: Product): Promise<ReplyDraft[]> {
    const { t } = sp;
    const before = turn.state.shortlist.length;
    turn.state.shortlist = turn.state.shortlist.filter((entry) => entry.sku !== product.sku);
    if (turn.state.shortlist.length === before)
      return [{ kind: 'text', text: t('not_in_shortlist', { sku: product.sku }) }];
    return [
      { kind: 'text', text: t('removed', { title: product.title, sku: product.sku }) },
      ...(await shortlist(sp, turn)),
    ];
  }

  /** "make it 500", "change the second one to 300": a new quantity for a shortlist line, never below its MOQ. */
  async function changeQuantity(sp: Speech, turn: Turn, detected: ProductReference, quantity: number) {
    const { t } = sp;
    const inList = (sku: string | undefined) => turn.state.shortlist.find((entry) => entry.sku === sku);
    const named = await resolveProduct(turn, detected);
    const entry = inList(named?.sku) ?? (turn.state.shortlist.length === 1 ? turn.state.shortlist[0] : undefined);
    const product = entry && (await getProduct(turn.tx, entry.sku));
    if (!entry || !product) return [{ kind: 'text', text: t('which_product') } as ReplyDraft];
    entry.quantity = Math.max(quantity, product.moq);
    turn.state.focus = product.sku;
    const price = sp.money(priceAtQuantity(product.price_tiers, entry.quantity)!, product.currency);
    const key = quantity < product.moq ? 'quantity_raised' : 'quantity_changed';
    return [
      { kind: 'text', text: t(key, { title: product.title, sku: product.sku, quantity: entry.quantity, price }) },
      ...(await shortlist(sp, turn)),
    ] as ReplyDraft[];
  }

  /**
   * The buyer asks for a person or a quote: the quote request is put
   * together (src/handoff/quote-collection.ts), asking only for what the
   * conversation has not told yet, and queued for sales once confirmed.
   */
  function requestSales(sp: Speech, turn: Turn): ReplyDraft[] {
    return quote.start(sp, turn);
  }

  return {
    showResults,
    resolveProduct,
    details,
    bundleReply,
    factReply,
    priceReply,
    addToShortlist,
    shortlist,
    removeFromShortlist,
    changeQuantity,
    requestSales,
    /** the quote request's other steps: answers, skip, confirm, edit */
    quote,
  };
}

export function hasRefinement(u: Understood): boolean {
  return Boolean(
    u.colors.length ||
    u.sizes.length ||
    u.materials.length ||
    u.occasions.length ||
    u.styles.length ||
    u.quantity ||
    u.budget ||
    u.deadline ||
    u.customization.length ||
    u.certifications.length ||
    u.dropship ||
    u.in_stock,
  );
}

/** "cheaper": a unit budget just under the cheapest product shown last, at the buyer's quantity. */
export async function belowCheapestShown(turn: Turn, understood: Understood): Promise<Understood['budget']> {
  let cheapest: { amount: number; currency: string } | undefined;
  for (const product of await getProducts(turn.tx, turn.state.lastResults)) {
    const price = priceAtQuantity(product.price_tiers, Math.max(understood.quantity ?? product.moq, product.moq));
    if (
      price !== null &&
      product.currency === (cheapest?.currency ?? product.currency) &&
      (!cheapest || price < cheapest.amount)
    ) {
      cheapest = { amount: price, currency: product.currency };
    }
  }
  return cheapest
    ? { amount: Math.max(cheapest.amount - 0.01, 0), currency: cheapest.currency, per: 'unit' }
    : understood.budget;
}

/** Applies a follow-up ("in black", "size XL", "same but midi") to the current filters. */
export function refine(state: ConversationState, next: Understood): Understood {
  const current = state.understood!;
  const merged: Understood = { ...current };
  for (const key of [
    'colors',
    'sizes',
    'materials',
    'occasions',
    'styles',
    'customization',
    'certifications',
    'product_types',
  ] as const) {
    if (next[key].length) merged[key] = next[key];
  }
  for (const key of ['quantity', 'budget', 'deadline', 'dropship', 'in_stock', 'destination'] as const) {
    if (next[key] !== undefined) (merged as unknown as Record<string, unknown>)[key] = next[key];
  }
  return merged;
}

function tiersText(product: Product, money: Speech['money']): string {
  return product.price_tiers.map((tier) => `${tier.min_qty}+ ${money(tier.unit_price, product.currency)}`).join(', ');
}

/**
 * What the results are for, in the buyer's language: the quantity with that language's first unit word, and the
 * product types (else categories), colours and materials by their first term there (the lexicon's). English
 * reads "300 pcs red chiffon maxi dress"; the other languages name the product first and list the rest, since
 * their adjectives follow or agree with the noun: "abito da sera · nero · 50 pezzi".
 */
function describeRequest(u: Understood, language: string, lexicon: Lexicon): string {
  const named = (kind: ConceptKind, ids: readonly string[]) =>
    ids.map((id) => lexicon.byKey.get(conceptKey(kind, id))?.terms[language]?.[0] ?? id);
  const unit = lexicon.markers[language]?.quantity_units[0] ?? 'pcs';
  // Chinese writes no space before its measure word: 300件.
  const quantity = u.quantity ? `${u.quantity}${hasHan(unit) ? '' : ' '}${unit}` : '';
  const products = u.product_types.length ? named('product_type', u.product_types) : named('category', u.categories);
  const colors = named('color', u.colors);
  const materials = named('material', u.materials);
  if (language === 'en') return [quantity, ...colors, ...materials, ...products].filter(Boolean).join(' ');
  return [...products, ...colors, ...materials, quantity].filter(Boolean).join(' · ');
}
