import { tool, type StructuredToolInterface } from '@langchain/core/tools';
import type { ToolRunnableConfig } from '@langchain/core/tools';
import { z } from 'zod';
import { priceAtQuantity, type Product } from '../../catalog/product.ts';
import type { BundleSwap } from '../../bundles/bundle.ts';
import type { Lexicon } from '../../search/lexicon.ts';
import type { SearchResponse } from '../../search/search-catalog.ts';
import { understand, type Understood } from '../../search/understand.ts';
import { belowCheapestShown, refine, type CatalogReplies, type ProductReference } from '../catalog-replies.ts';
import type { ReplyDraft, Turn } from '../conversation-engine.ts';
import type { Speech } from '../speech.ts';

/**
 * The LLM planner's tools: zod-typed wrappers around the same moves the
 * offline planner makes (catalog-replies.ts), run inside the turn's
 * transaction. Each run records its offline rendering (cards, buttons, text)
 * for the engine to show, and answers the model with a compact JSON of only
 * the fields it needs. The tools reach this conversation's state and the
 * catalog, nothing else: no tool reads another conversation or sets terms.
 */

export interface ToolRun {
  name: string;
  /** what the model was told: the facts its reply may state */
  result: unknown;
  /** the offline rendering of the same result: what the engine shows */
  drafts: ReplyDraft[];
}

export interface TurnContext {
  turn: Turn;
  /** the buyer's language can change mid-turn (set_language) */
  speech(): Speech;
  languages: ReadonlySet<string>;
  runs: ToolRun[];
}

export interface ToolDeps {
  lexicon: Lexicon;
  replies: CatalogReplies;
  /** prompts/tools.md: name → description */
  descriptions: Record<string, string>;
}

const sku = z.string().min(1).max(64);
const position = z.number().int().min(1).max(50);
const quantity = z.number().int().min(1).max(10_000_000);

const schemas = {
  search_catalog: z.object({
    query: z.string().min(1).max(500),
    colors: z.array(z.string().max(40)).max(6).optional(),
    sizes: z.array(z.string().max(10)).max(10).optional(),
    quantity: quantity.optional(),
    max_unit_price: z.number().positive().optional(),
    currency: z.string().length(3).optional(),
    in_stock: z.boolean().optional(),
    refine: z.boolean().optional(),
    cheaper: z.boolean().optional(),
    more: z.boolean().optional(),
  }),
  get_product: z.object({ sku: sku.optional(), position: position.optional() }),
  price_at_quantity: z.object({ sku: sku.optional(), position: position.optional(), quantity }),
  suggest_bundle: z.object({
    sku: sku.optional(),
    position: position.optional(),
    swap_category: z.string().max(40).optional(),
    cheaper: z.boolean().optional(),
    color: z.string().max(40).optional(),
    material: z.string().max(40).optional(),
  }),
  update_shortlist: z.object({
    action: z.enum(['add', 'remove', 'set_quantity']),
    sku: sku.optional(),
    position: position.optional(),
    quantity: quantity.optional(),
    color: z.string().max(40).optional(),
    size: z.string().max(10).optional(),
  }),
  show_shortlist: z.object({}),
  request_handoff: z.object({ reason: z.string().max(300).optional() }),
  set_language: z.object({ language: z.string().regex(/^[a-z]{2}$/, 'an ISO 639-1 code such as es') }),
};

export type ToolName = keyof typeof schemas;
export const TOOL_NAMES = Object.keys(schemas) as ToolName[];

type Args<N extends ToolName> = z.infer<(typeof schemas)[N]>;
type Implementation<N extends ToolName> = (ctx: TurnContext, args: Args<N>) => Promise<ToolRun>;

export function createTools(deps: ToolDeps): StructuredToolInterface[] {
  const { replies, lexicon } = deps;

  const reference = (args: { sku?: string | undefined; position?: number | undefined }): ProductReference => ({
    skuCandidates: args.sku ? [...new Set([args.sku, args.sku.toUpperCase()])] : [],
    ...(args.position ? { position: args.position } : {}),
  });
  const notFound = (name: string, ctx: TurnContext): ToolRun => ({
    name,
    result: {
      error: 'no such product',
      hint: ctx.turn.state.lastResults.length ? 'use a SKU or a position from the list shown' : 'search first',
    },
    drafts: [{ kind: 'text', text: ctx.speech().t(ctx.turn.state.lastResults.length ? 'which_product' : 'no_search') }],
  });
  const product = (ctx: TurnContext, args: { sku?: string | undefined; position?: number | undefined }) =>
    replies.resolveProduct(ctx.turn, reference(args));

  const implementations: { [N in ToolName]: Implementation<N> } = {
    async search_catalog(ctx, args) {
      const { turn } = ctx;
      const sp = ctx.speech();
      let response: SearchResponse | undefined;
      const seen = (r: SearchResponse) => (response = r);
      let drafts: ReplyDraft[];
      if (args.more && turn.state.understood) {
        drafts = await replies.showResults(
          sp,
          turn,
          turn.state.understood,
          turn.state.request ?? '',
          turn.state.shown,
          seen,
        );
      } else {
        // The lexicon reads the model's words as it reads the buyer's, so filters meet the catalog's values.
        const words = [args.query, ...(args.colors ?? []), ...(args.sizes ?? [])].join(' ');
        let understood: Understood = understand(lexicon, words);
        if (args.quantity) understood.quantity = args.quantity;
        if (args.max_unit_price) {
          understood.budget = {
            amount: args.max_unit_price,
            currency: (args.currency ?? 'USD').toUpperCase(),
            per: 'unit',
          };
        }
        if (args.in_stock) understood.in_stock = true;
        const refining = (args.refine || args.cheaper) && turn.state.understood;
        if (refining) understood = refine(turn.state, understood);
        if (args.cheaper && turn.state.understood) understood.budget = await belowCheapestShown(turn, understood);
        const request = refining ? `${turn.state.request ?? ''} ${args.query}` : args.query;
        drafts = await replies.showResults(sp, turn, understood, request, 0, seen);
      }
      const shown = new Set(turn.state.lastResults);
      const from = turn.state.shown - turn.state.lastResults.length;
      const results = (response?.results ?? []).filter((r) => shown.has(r.sku)).slice(0, 5);
      return {
        name: 'search_catalog',
        result: {
          ...(response?.message ? { note: response.message } : {}),
          ...(response?.relaxed.length ? { relaxed_filters: response.relaxed } : {}),
          // Colours, lead times and images are on the cards; get_product gives them when the buyer asks.
          results: results.map((r, i) => ({
            position: i + 1,
            sku: r.sku,
            title: r.title,
            unit_price: r.unit_price_at_quantity,
            currency: r.currency,
            at_quantity: r.price_quantity,
            moq: r.moq,
          })),
          ...(results.length ? { more_available: from + results.length < (response?.results.length ?? 0) } : {}),
        },
        drafts,
      };
    },

    async get_product(ctx, args) {
      const found = await product(ctx, args);
      if (!found || found.status !== 'active') return notFound('get_product', ctx);
      const drafts = await replies.details(ctx.speech(), ctx.turn, found);
      return { name: 'get_product', result: productFacts(found), drafts };
    },

    async price_at_quantity(ctx, args) {
      const found = await product(ctx, args);
      if (!found || found.status !== 'active') return notFound('price_at_quantity', ctx);
      ctx.turn.state.focus = found.sku;
      const at = Math.max(args.quantity, found.moq);
      const unit = priceAtQuantity(found.price_tiers, at)!;
      return {
        name: 'price_at_quantity',
        result: {
          sku: found.sku,
          title: found.title,
          asked_quantity: args.quantity,
          quantity: at,
          ...(at > args.quantity ? { raised_to_moq: true } : {}),
          unit_price: unit,
          total: round2(unit * at),
          currency: found.currency,
          moq: found.moq,
        },
        drafts: [replies.priceReply(ctx.speech(), found, args.quantity)],
      };
    },

    async suggest_bundle(ctx, args) {
      const { turn } = ctx;
      const last = turn.state.lastBundle;
      let swap: BundleSwap | undefined;
      let main: Product | undefined;
      if (args.swap_category && last) {
        const read = understand(lexicon, [args.swap_category, args.color, args.material].filter(Boolean).join(' '));
        const category = read.categories.find((c) => c in last.items) ?? args.swap_category;
        swap = { category };
        if (args.cheaper) swap.cheaper = true;
        if (read.colors[0] ?? args.color) swap.color = read.colors[0] ?? args.color!;
        if (read.materials[0] ?? args.material) swap.material = read.materials[0] ?? args.material!;
        main = await replies.resolveProduct(turn, { skuCandidates: [last.sku] });
      } else {
        main = await product(ctx, args.sku || args.position ? args : { position: turn.state.focus ? undefined : 1 });
      }
      if (!main || main.status !== 'active') return notFound('suggest_bundle', ctx);
      const drafts = await replies.bundleReply(ctx.speech(), turn, main, swap);
      const bundle = drafts[0]?.kind === 'bundle' ? drafts[0].bundle : undefined;
      return {
        name: 'suggest_bundle',
        result: bundle
          ? {
              main: {
                sku: bundle.main.sku,
                title: shortTitle(bundle.main.title),
                unit_price: bundle.main.unit_price_at_quantity,
              },
              quantity: bundle.quantity,
              items: bundle.items.map((item) => ({
                category: item.category,
                sku: item.sku,
                title: shortTitle(item.title),
                unit_price: item.unit_price_at_quantity,
                ...(item.currency === bundle.currency ? {} : { currency: item.currency }),
                why: reasonOf(item.why),
              })),
              set_price: bundle.total_unit_price,
              total: bundle.total_price,
              currency: bundle.currency,
            }
          : { error: drafts[0]?.text ?? 'no set' },
        drafts,
      };
    },

    async update_shortlist(ctx, args) {
      const { turn } = ctx;
      const sp = ctx.speech();
      if (args.action === 'set_quantity') {
        if (!args.quantity) return { name: 'update_shortlist', result: { error: 'quantity is required' }, drafts: [] };
        const drafts = await replies.changeQuantity(sp, turn, reference(args), args.quantity);
        return { name: 'update_shortlist', result: shortlistFacts(turn, drafts), drafts };
      }
      const found = await product(ctx, args);
      if (!found || found.status !== 'active') return notFound('update_shortlist', ctx);
      if (args.action === 'remove') {
        const drafts = await replies.removeFromShortlist(sp, turn, found);
        return { name: 'update_shortlist', result: shortlistFacts(turn, drafts), drafts };
      }
      const read = understand(lexicon, [args.color, args.size].filter(Boolean).join(' '));
      const sizes = args.size ? [args.size.toUpperCase()] : [];
      const drafts = await replies.addToShortlist(sp, turn, found, {
        quantity: args.quantity,
        colors: read.colors.length ? read.colors : args.color ? [args.color.toLowerCase()] : [],
        sizes,
      });
      const asked = args.quantity ?? turn.state.understood?.quantity ?? found.moq;
      return {
        name: 'update_shortlist',
        result: { ...shortlistFacts(turn, drafts), ...(asked < found.moq ? { raised_to_moq: found.moq } : {}) },
        drafts,
      };
    },

    async show_shortlist(ctx) {
      const drafts = await replies.shortlist(ctx.speech(), ctx.turn);
      const list = drafts.find((d) => d.kind === 'shortlist');
      return {
        name: 'show_shortlist',
        result: {
          items:
            list?.kind === 'shortlist'
              ? list.items.map((item, i) => ({
                  position: i + 1,
                  sku: item.sku,
                  title: item.title,
                  quantity: item.quantity,
                  unit_price: item.unit_price_at_quantity,
                  currency: item.currency,
                  ...(item.color ? { color: item.color } : {}),
                  ...(item.size ? { size: item.size } : {}),
                }))
              : [],
        },
        drafts,
      };
    },

    async request_handoff(ctx) {
      const before = ctx.turn.handoffStatus;
      const drafts = replies.requestSales(ctx.speech(), ctx.turn);
      return {
        name: 'request_handoff',
        result: {
          status: before === ctx.turn.handoffStatus ? 'already_with_sales' : 'requested',
          shortlist_items: ctx.turn.state.shortlist.length,
          tell_buyer: 'a sales rep will reply in this chat; promise nothing else',
        },
        drafts,
      };
    },

    async set_language(ctx, args) {
      const { turn } = ctx;
      turn.language = args.language;
      turn.state.languageChosen = true;
      turn.state.toldEnglishFallback = false;
      const sp = ctx.speech();
      const name = new Intl.DisplayNames([sp.locale], { type: 'language' }).of(args.language) ?? args.language;
      return {
        name: 'set_language',
        result: { language: args.language },
        drafts: [{ kind: 'text', text: sp.t('language_set', { language: name }) }],
      };
    },
  };

  return TOOL_NAMES.map((name) => {
    const description = deps.descriptions[name];
    if (!description) throw new Error(`prompts/tools.md has no "## ${name}" section`);
    return tool(
      async (args: unknown, config: ToolRunnableConfig) => {
        const ctx = config.configurable?.turnContext as TurnContext | undefined;
        if (!ctx) throw new Error(`${name} ran outside a turn`);
        const run = await (implementations[name] as Implementation<ToolName>)(ctx, args as Args<ToolName>);
        ctx.runs.push(run);
        return JSON.stringify(run.result);
      },
      { name, description, schema: schemas[name] },
    ) as StructuredToolInterface;
  });
}

/** What the model needs of one product to answer any question about it. */
function productFacts(product: Product) {
  return {
    sku: product.sku,
    title: product.title,
    ...(product.description ? { description: product.description.slice(0, 300) } : {}),
    colors: product.colors,
    sizes: product.sizes,
    materials: product.materials,
    price_tiers: product.price_tiers.map((tier) => [tier.min_qty, tier.unit_price]),
    currency: product.currency,
    moq: product.moq,
    lead_time_days: product.lead_time_days,
    sample: product.sample_price === null ? null : { price: product.sample_price, days: product.sample_days },
    stock: product.stock ?? 'made to order',
    customization: product.customization,
    certifications: product.certifications,
    dropship: product.dropship,
  };
}

/** The shortlist after a change, with the price at the changed line's quantity where the rendering states it. */
function shortlistFacts(turn: Turn, drafts: ReplyDraft[]) {
  const list = drafts.find((d) => d.kind === 'shortlist');
  const priced = new Map(
    list?.kind === 'shortlist'
      ? list.items.map((i) => [i.sku, { unit_price: i.unit_price_at_quantity, currency: i.currency }])
      : [],
  );
  return {
    done: drafts[0]?.text ?? '',
    shortlist: turn.state.shortlist.map((entry, i) => ({
      position: i + 1,
      sku: entry.sku,
      quantity: entry.quantity,
      ...(entry.color ? { color: entry.color } : {}),
      ...(entry.size ? { size: entry.size } : {}),
      ...(priced.get(entry.sku) ?? {}),
    })),
  };
}

const round2 = (value: number) => Math.round(value * 100) / 100;

/**
 * A set's result goes to every model call after it, and its card shows each
 * piece in full: the model gets what each piece is and the main reason it
 * fits, not the clauses the card or other fields state (its price at the
 * quantity, its MOQ, which the set's quantity meets, and the style tags it shares).
 */
function reasonOf(why: string): string {
  return why
    .split('; ')
    .filter((clause) => !/ each at \d|^MOQ \d|^also .*, like /.test(clause))
    .join('; ');
}

/** "Casual leather ankle boots, ankle strap, square toe" → "Casual leather ankle boots": the features are on the card. */
function shortTitle(title: string): string {
  return title.split(', ')[0]!;
}
