import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { priceAtQuantity, type Product } from '../../src/catalog/product.ts';
import { createConversationEngine, type ConversationEngine } from '../../src/conversation/conversation-engine.ts';
import type { OutboundMessage, ProductCard } from '../../src/conversation/messages.ts';
import { buyer, conversationOf, openHarness, skusOf, type Harness } from './llm-harness.ts';
import { wellBehaved } from './well-behaved-model.ts';

/**
 * One contract, two planners: the offline planner and the LLM planner with
 * the fake model scripted to behave well must both hold a conversation to
 * the catalog's facts (cards, prices at quantity, MOQ, shortlist, bundle,
 * hand-off, another buyer's privacy, delete my data). Checks read the
 * catalog and the database, never a planner's wording.
 */

let h: Harness;
const engines: Record<string, ConversationEngine> = {};
beforeAll(async () => {
  h = await openHarness();
  h.fake.respond = wellBehaved;
  engines.offline = createConversationEngine({ db: h.catalog.db, planner: h.offline });
  engines.llm = (await h.llm()).engine;
  const victim = buyer(engines.offline, 'contract-victim');
  await victim('DR-1138');
  await victim('add it, 4321 pcs');
});
afterAll(() => h.close());

const product = (sku: string): Product => h.catalog.products.find((p) => p.sku === sku)!;
const cards = (reply: OutboundMessage | undefined): ProductCard[] => (reply?.kind === 'products' ? reply.items : []);
/** "$9.20", "9,20 US$" or "9.2 USD": the number a buyer reads, in any of the planners' formats. */
const mentions = (text: string | undefined, amount: number) =>
  [amount.toFixed(2), amount.toFixed(2).replace('.', ','), String(amount)].some((form) => text?.includes(form));

describe.each(['offline', 'llm'])('the %s planner', (name) => {
  const say = (user: string) => buyer(engines[name]!, `${name}-${user}`);
  const stored = (user: string) => conversationOf(h, `${name}-${user}`);

  it('shows cards priced at the quantity, the second one, its price at 1000 pcs, and adds it', async () => {
    const ana = say('ana');
    const [results] = await ana('need 300 red chiffon maxi dresses');
    const shown = cards(results);
    expect(shown.length).toBeGreaterThan(1);
    for (const card of shown) {
      const p = product(card.sku);
      expect(p.category).toBe('dress');
      expect(card.unit_price_at_quantity).toBe(priceAtQuantity(p.price_tiers, Math.max(300, p.moq)));
    }
    const [details] = await ana('tell me more about the second one');
    expect(skusOf(details)).toEqual([shown[1]!.sku]);
    const second = product(shown[1]!.sku);
    const [price] = await ana('how much for 1000 pcs?');
    expect(mentions(price?.text, priceAtQuantity(second.price_tiers, 1000)!)).toBe(true);
    await ana(`add ${second.sku}, 400 pcs`);
    expect((await stored('ana'))?.state.shortlist).toEqual([{ sku: second.sku, quantity: Math.max(400, second.moq) }]);
  });

  it('raises a quantity under the MOQ to the MOQ', async () => {
    const ben = say('ben');
    const p = h.catalog.products.find((x) => x.status === 'active' && x.moq > 10 && x.category === 'dress')!;
    await ben(p.sku);
    await ben(`add ${p.sku}, 10 pcs`);
    expect((await stored('ben'))?.state.shortlist).toEqual([{ sku: p.sku, quantity: p.moq }]);
  });

  it('refines across turns: "in black" keeps the category and the quantity', async () => {
    const dana = say('dana');
    await dana('200 evening dresses');
    const [black] = await dana('in black');
    expect(cards(black).length).toBeGreaterThan(0);
    for (const card of cards(black)) {
      const p = product(card.sku);
      expect(p.category).toBe('dress');
      expect(p.colors).toContain('black');
      expect(p.moq).toBeLessThanOrEqual(200);
    }
  });

  it('suggests a bundle around the product in focus, priced from the catalog', async () => {
    const eli = say('eli');
    const [results] = await eli('white maxi dresses');
    const first = cards(results)[0]!.sku;
    await eli(first);
    const [bundle] = await eli('suggest a bundle for it');
    expect(bundle?.kind).toBe('bundle');
    if (bundle?.kind !== 'bundle') return;
    expect(bundle.bundle.main.sku).toBe(first);
    for (const item of [bundle.bundle.main, ...bundle.bundle.items]) {
      expect(item.unit_price_at_quantity).toBe(priceAtQuantity(product(item.sku).price_tiers, bundle.bundle.quantity));
    }
  });

  it("presses buttons by id, shows only this buyer's shortlist, and hands off to sales", async () => {
    const fay = say('fay');
    const [results] = await fay('gold necklace for evening');
    // The second button of a result list adds its first product.
    await fay({ actionId: results!.buttons![1]!.id });
    const [list] = await fay('my shortlist');
    expect(list?.kind).toBe('shortlist');
    expect(skusOf(list)).toEqual([cards(results)[0]!.sku]);
    expect(JSON.stringify(list)).not.toContain('4321');
    await fay('I want to talk to sales');
    expect((await stored('fay'))?.handoff_status).toBe('open');
    expect((await conversationOf(h, 'contract-victim'))?.handoff_status).toBe('none');
  });

  it('deletes the conversation when the buyer asks', async () => {
    const gus = say('gus');
    await gus('white maxi dresses');
    await gus('delete my data');
    expect(await stored('gus')).toBeUndefined();
  });
});
