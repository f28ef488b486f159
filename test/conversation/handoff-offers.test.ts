import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConversationEngine, type ConversationEngine } from '../../src/conversation/conversation-engine.ts';
import type { ConversationState } from '../../src/conversation/conversation-state.ts';
import type { InboundMessage, OutboundMessage } from '../../src/conversation/messages.ts';
import { openSeedCatalog, type EvalCatalog, offlinePlannerFor } from '../helpers/seed-catalog.ts';
import { sentence, type Language } from './chat-facts.ts';

/**
 * The bot offers a sales rep, unasked, when the conversation calls for a
 * person: a large order, custom work, haggling, two misses in a row, a
 * frustrated buyer. Once per reason, never instead of the answer the buyer
 * asked for (haggling and frustration excepted), never while sales already
 * has the buyer; the offer's button starts the quote request.
 */

let catalog: EvalCatalog;
let engine: ConversationEngine;
let lowThreshold: ConversationEngine;
beforeAll(async () => {
  catalog = await openSeedCatalog();
  engine = createConversationEngine({ db: catalog.db, planner: await offlinePlannerFor(catalog) });
  lowThreshold = createConversationEngine({
    db: catalog.db,
    planner: await offlinePlannerFor(catalog, { handoffOffers: { largeQuantity: 200 } }),
  });
}, 120_000);
afterAll(() => catalog.close());

let delivery = 0;
function buyer(user: string, via: () => ConversationEngine = () => engine) {
  return async (message: string | Partial<InboundMessage>): Promise<OutboundMessage[]> =>
    via().handle({
      channel: 'offers',
      chatId: user,
      userId: user,
      dedupeId: `o${++delivery}`,
      ...(typeof message === 'string' ? { text: message } : message),
    });
}

async function conversation(user: string) {
  const { rows } = await catalog.db.query<{ state: ConversationState; handoff_status: string }>(
    `select state, handoff_status from conversations where channel = 'offers' and user_id = $1`,
    [user],
  );
  return rows[0]!;
}

const OFFER_KEYS = ['offer_large_quantity', 'offer_custom', 'offer_negotiation', 'offer_misses', 'offer_frustration'];

/** The offers among a turn's replies, as their locale keys. */
function offersIn(replies: OutboundMessage[], language: Language): string[] {
  return replies.flatMap((reply) => OFFER_KEYS.filter((key) => reply.text === sentence(language, key)));
}

/** An offer is its line and the same Talk-to-sales button as the shortlist's. */
function expectOffer(reply: OutboundMessage | undefined, language: Language, key: string) {
  expect(reply?.text).toBe(sentence(language, key));
  expect(reply?.buttons?.map((b) => b.label)).toEqual([sentence(language, 'button_sales')]);
}

const skus = (replies: OutboundMessage[]) => replies.flatMap((r) => ('items' in r ? r.items.map((i) => i.sku) : []));

describe('offered, not forced', () => {
  it('offers a rep after the results of a large order, once, and the button starts the quote request', async () => {
    const say = buyer('large-1');
    const replies = await say('black evening dresses, 2000 pcs');
    expect(replies.map((r) => r.kind)).toEqual(['products', 'text']);
    expect(skus(replies).length).toBeGreaterThan(0);
    expectOffer(replies[1], 'en', 'offer_large_quantity');

    const again = await say('and in red, 3000 pcs');
    expect(again[0]!.kind).toBe('products');
    expect(offersIn(again, 'en')).toEqual([]);

    const [started] = await say({ actionId: replies[1]!.buttons![0]!.id });
    expect(started!.text).toMatch(/^Let's prepare your quote request for our sales team/);
    expect((await conversation('large-1')).handoff_status).toBe('open');
  });

  it('takes the threshold from the planner option', async () => {
    const say = buyer('large-2', () => lowThreshold);
    const replies = await say('white maxi dresses, 300 pcs');
    expect(offersIn(replies, 'en')).toEqual(['offer_large_quantity']);
    const usual = await buyer('large-3')('white maxi dresses, 300 pcs');
    expect(offersIn(usual, 'en')).toEqual([]);
  });

  it('offers a rep for custom work after the catalog facts, in the buyer language', async () => {
    const product = catalog.products.find((p) => p.status === 'active' && p.customization.length > 0)!;
    const say = buyer('custom-1');
    await say(product.sku);
    const replies = await say('can you customize it with my logo?');
    expect(replies[0]!.text.startsWith(`${product.title} (${product.sku})`)).toBe(true);
    expectOffer(replies[1], 'en', 'offer_custom');
    expect(offersIn(await say('and private label?'), 'en')).toEqual([]);

    const fr = await buyer('custom-2')('robes de soirée noires avec mon logo');
    expect(fr[0]!.kind).toBe('products');
    expectOffer(fr[1], 'fr', 'offer_custom');
  });

  it('does not haggle: the offer leads, with the catalog price of the product in focus', async () => {
    const say = buyer('haggle-1');
    const [results] = await say('vestidos de noche negros');
    const second = skus([results!])[1]!;
    await say('el segundo');
    const replies = await say('¿me haces un descuento?');
    expectOffer(replies[0], 'es', 'offer_negotiation');
    const product = catalog.products.find((p) => p.sku === second)!;
    expect(replies[1]!.text).toContain(`${product.title} (${product.sku})`);
    expect(replies).toHaveLength(2);
    for (const reply of replies) expect(reply.text).not.toMatch(/%|descuento|rebaja/);
    expect(offersIn(await say('¿y un descuento por 500?'), 'es')).toEqual([]);

    const [ru] = await buyer('haggle-2')('а скидка будет?');
    expectOffer(ru, 'ru', 'offer_negotiation');
  });

  it('offers a rep after two misses in a row, not after one', async () => {
    const say = buyer('misses-1');
    expect(offersIn(await say('tell me a joke'), 'en')).toEqual([]);
    const second = await say('what is the weather tomorrow');
    expect(second[0]!.text).toBe(sentence('en', 'out_of_scope'));
    expectOffer(second[1], 'en', 'offer_misses');
    expect(offersIn(await say('who won the match'), 'en')).toEqual([]);
    expect(offersIn(await say('and the weather?'), 'en')).toEqual([]);
  });

  it('answers frustration with the offer itself, in the buyer language', async () => {
    const zh = buyer('upset-1');
    await zh('黑色晚礼服');
    const [offer, ...rest] = await zh('没用');
    expectOffer(offer, 'zh', 'offer_frustration');
    expect(rest).toEqual([]);
    expect(offersIn(await zh('真没用'), 'zh')).toEqual([]);

    const fr = buyer('upset-2');
    await fr('robes de soirée noires');
    const [upset] = await fr("n'importe quoi");
    expectOffer(upset, 'fr', 'offer_frustration');

    const marks = await buyer('upset-3')('black evening dresses???');
    expectOffer(marks[0], 'en', 'offer_frustration');
    expect(marks[1]!.kind).toBe('products');
  });

  it('offers nothing while a hand-off is being prepared or is queued', async () => {
    const say = buyer('live-1');
    await say("I'm Maria from Bella Boutique");
    await say('white maxi dresses, ship to Spain in 10 weeks');
    await say('add the first one');
    const [summary] = await say('talk to sales');
    expect((await conversation('live-1')).handoff_status).toBe('open');
    expect(offersIn(await say('this is useless'), 'en')).toEqual([]);
    expect(offersIn(await say('can you do a better price?'), 'en')).toEqual([]);

    const confirm = summary!.buttons!.find((b) => b.label === sentence('en', 'button_confirm'))!;
    await say({ actionId: confirm.id });
    expect((await conversation('live-1')).handoff_status).toBe('queued');
    for (const text of [
      'black evening dresses, 5000 pcs with my logo',
      'any discount?',
      'useless!!!',
      'tell me a joke',
    ]) {
      expect(offersIn(await say(text), 'en'), text).toEqual([]);
    }
    expect((await conversation('live-1')).state.handoffOffers?.offered ?? []).toEqual([]);
  });
});
