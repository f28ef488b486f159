import { expect } from 'vitest';
import type { Product } from '../../src/catalog/product.ts';
import type { ProductCard } from '../../src/conversation/messages.ts';
import { openDataFolder, type CatalogFacts, type ChatReply } from '../helpers/chat-session.ts';
import { replyOf, skusOf, tierPrice, type Reply } from './chat-facts.ts';

/**
 * Checks of a chat against the catalog, whichever planner answered: cards in
 * the colour, category, size and budget asked, at the catalog's tier price;
 * sets and shortlists priced from the catalog; and what the database keeps
 * about a buyer. Wording is the planner's own (see ChatWording).
 */

export interface CardWants {
  category?: string;
  color?: string;
  size?: string;
  /** the buyer's quantity: every card is orderable at it and priced at it */
  quantity?: number;
  /** a unit budget in US dollars */
  maxUsd?: number;
}

export type CatalogChecks = ReturnType<typeof catalogChecks>;

export function catalogChecks(facts: CatalogFacts) {
  function productOf(sku: string): Product {
    const product = facts.products.get(sku);
    if (!product) throw new Error(`${sku} is not in the catalog`);
    return product;
  }

  function usd(amount: number, currency: string): number {
    const rate = facts.usdPerUnit.get(currency);
    if (rate === undefined) throw new Error(`no exchange rate for ${currency}`);
    return amount * rate;
  }

  /** The first active product in SKU order that fits: scenarios pick by facts, never by hard-coded numbers. */
  function pick(condition: (p: Product) => boolean): Product {
    const found = [...facts.products.values()]
      .filter((p) => p.status === 'active' && condition(p))
      .sort((a, b) => a.sku.localeCompare(b.sku));
    if (!found[0]) throw new Error('no catalog product fits the scenario');
    return found[0];
  }

  /** Every card matches the buyer's filters and shows the catalog's tier price at the buyer's quantity. */
  function expectCards(cards: ProductCard[], wants: CardWants): void {
    expect(cards.length).toBeGreaterThan(0);
    for (const card of cards) {
      const product = productOf(card.sku);
      const at = Math.max(wants.quantity ?? product.moq, product.moq);
      expect(product.status, card.sku).toBe('active');
      if (wants.category) expect(product.category, card.sku).toBe(wants.category);
      if (wants.color)
        expect(
          product.colors.map((c) => c.toLowerCase()),
          card.sku,
        ).toContain(wants.color);
      // A one-size garment is offered for any size asked (search-filters.ts treats ONE SIZE and FREE SIZE so).
      if (wants.size) {
        const sizes = product.sizes.map((size) => size.toUpperCase());
        expect(
          [wants.size, 'ONE SIZE', 'FREE SIZE'].some((size) => sizes.includes(size)),
          `${card.sku} ${sizes}`,
        ).toBe(true);
      }
      if (wants.quantity !== undefined) expect(product.moq, `${card.sku} MOQ`).toBeLessThanOrEqual(wants.quantity);
      expect(card.price_quantity, card.sku).toBe(at);
      expect(card.currency, card.sku).toBe(product.currency);
      expect(card.moq, card.sku).toBe(product.moq);
      expect(card.unit_price_at_quantity, `${card.sku} at ${at} pcs`).toBe(tierPrice(product, at));
      if (wants.maxUsd !== undefined) {
        expect(usd(card.unit_price_at_quantity!, card.currency), `${card.sku} in USD`).toBeLessThanOrEqual(
          wants.maxUsd + 1e-9,
        );
      }
    }
  }

  /** The shortlist card holds these products at these quantities, each at the catalog's tier price. */
  function expectShortlistItems(list: Reply<'shortlist'>, entries: Array<[string, number]>): void {
    expect(list.items.map((i) => [i.sku, i.quantity])).toEqual(entries);
    for (const item of list.items) {
      expect(item.unit_price_at_quantity, item.sku).toBe(tierPrice(productOf(item.sku), item.quantity));
    }
  }

  /** Every piece of a set priced from the catalog at the set's quantity, and the set total adding up. */
  function expectBundlePriced(reply: Reply<'bundle'>, mainSku: string): void {
    const { bundle } = reply;
    expect(bundle.main.sku).toBe(mainSku);
    expect(reply.items.map((i) => i.sku)).toEqual([bundle.main.sku, ...bundle.items.map((i) => i.sku)]);
    let totalUsd = 0;
    for (const piece of [bundle.main, ...bundle.items]) {
      const product = productOf(piece.sku);
      expect(product.status, piece.sku).toBe('active');
      expect(product.category, piece.sku).toBe(piece.category);
      expect(product.moq, `${piece.sku} MOQ`).toBeLessThanOrEqual(bundle.quantity);
      expect(piece.currency, piece.sku).toBe(product.currency);
      expect(piece.unit_price_at_quantity, `${piece.sku} at ${bundle.quantity} pcs`).toBe(
        tierPrice(product, bundle.quantity),
      );
      totalUsd += usd(piece.unit_price_at_quantity, piece.currency);
    }
    expect(bundle.currency).toBe(productOf(mainSku).currency);
    expect(usd(bundle.total_unit_price, bundle.currency)).toBeCloseTo(totalUsd, 1);
    expect(bundle.total_price).toBeCloseTo(bundle.total_unit_price * bundle.quantity, 1);
  }

  return { productOf, usd, pick, expectCards, expectShortlistItems, expectBundlePriced };
}

/** The piece of a category in a set; fails naming the set when it has none. */
export function pieceOf(reply: Reply<'bundle'>, category: string) {
  const piece = reply.bundle.items.find((i) => i.category === category);
  if (!piece) throw new Error(`the set has no ${category}: ${reply.text}`);
  return piece;
}

export function expectNoCards(replies: ChatReply[]): void {
  for (const reply of replies) {
    expect(reply.kind).toBe('text');
    expect(skusOf(reply)).toEqual([]);
  }
}

/** The text of a turn's one reply (a planner may put it on a card or send it alone). */
export function textOf(replies: ChatReply[]): string {
  if (replies.length !== 1) return replyOf(replies, 'text').text;
  return replies[0]!.text;
}

/** Another buyer with a shortlist in every scenario's data folder: nothing of it may reach this buyer. */
export const VICTIM = {
  user: 'victim-boutique-lagos',
  items: [
    { sku: 'DR-1138', quantity: 4321 },
    { sku: 'BG-3001', quantity: 1234 },
  ],
};

/** What a data folder holds about one buyer, read with the project's database code after the chat exits. */
export interface Stored {
  conversations: number;
  messages: number;
  actions: number;
  /** stored messages (in or out) holding any of these texts */
  textsFound: number;
  /** stored button actions with any of these ids */
  buttonsFound: number;
  /** the other buyer's shortlist, which must outlive this buyer's deletion */
  victimShortlist: Array<[string, number]>;
}

export const victimEntries = (): Array<[string, number]> => VICTIM.items.map((i) => [i.sku, i.quantity]);
export const nothingStored = (): Stored => ({
  conversations: 0,
  messages: 0,
  actions: 0,
  textsFound: 0,
  buttonsFound: 0,
  victimShortlist: victimEntries(),
});

export async function storedAbout(dir: string, user: string, texts: string[], buttonIds: string[]): Promise<Stored> {
  const db = await openDataFolder(dir);
  try {
    const count = async (sql: string, params: unknown[]) =>
      Number((await db.query<{ n: number }>(sql, params)).rows[0]!.n);
    const byUser = (table: string) =>
      count(
        `select count(*) as n from ${table} x join conversations c on c.id = x.conversation_id where c.user_id = $1`,
        [user],
      );
    const { rows } = await db.query<{ state: { shortlist?: Array<{ sku: string; quantity: number }> } | string }>(
      'select state from conversations where user_id = $1',
      [VICTIM.user],
    );
    const state = typeof rows[0]?.state === 'string' ? JSON.parse(rows[0].state) : rows[0]?.state;
    return {
      conversations: await count('select count(*) as n from conversations where user_id = $1', [user]),
      messages: await byUser('conversation_messages'),
      actions: await byUser('conversation_actions'),
      textsFound: await count(
        'select count(*) as n from conversation_messages where text = any($1) or payload::text like any($2)',
        [texts, texts.map((t) => `%${JSON.stringify(t).slice(1, -1)}%`)],
      ),
      buttonsFound: await count('select count(*) as n from conversation_actions where id = any($1)', [buttonIds]),
      victimShortlist: ((state?.shortlist ?? []) as Array<{ sku: string; quantity: number }>).map((e) => [
        e.sku,
        e.quantity,
      ]),
    };
  } finally {
    await db.close();
  }
}
