import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { priceAtQuantity } from '../../src/catalog/product.ts';
import { extractProfile } from '../../src/conversation/buyer-profile.ts';
import { createConversationEngine, type ConversationEngine } from '../../src/conversation/conversation-engine.ts';
import type { QuoteRequest } from '../../src/handoff/quote-request.ts';
import type { ConversationState } from '../../src/conversation/conversation-state.ts';
import type { InboundMessage, OutboundMessage } from '../../src/conversation/messages.ts';
import { migrate } from '../../src/db/migrate.ts';
import { openSeedCatalog, type EvalCatalog, offlinePlannerFor } from '../helpers/seed-catalog.ts';

/**
 * What the bot remembers about a buyer beyond the search: the language they
 * chose, who they are, the shortlist quantities, a request for sales, and the
 * limits that protect it from floods.
 */

let catalog: EvalCatalog;
let engine: ConversationEngine;
let limited: ConversationEngine;
beforeAll(async () => {
  catalog = await openSeedCatalog();
  await migrate(catalog.db);
  const planner = await offlinePlannerFor(catalog);
  engine = createConversationEngine({ db: catalog.db, planner });
  limited = createConversationEngine({
    db: catalog.db,
    planner,
    limits: { maxMessageChars: 200, messagesPerMinute: 3 },
  });
});
afterAll(() => catalog.close());

let delivery = 0;
function buyer(user: string, via: () => ConversationEngine = () => engine) {
  return async (message: string | Partial<InboundMessage>): Promise<OutboundMessage[]> =>
    via().handle({
      channel: 'memory',
      chatId: user,
      userId: user,
      dedupeId: `m${++delivery}`,
      ...(typeof message === 'string' ? { text: message } : message),
    });
}

async function conversation(user: string) {
  const { rows } = await catalog.db.query<{ state: ConversationState; language: string; handoff_status: string }>(
    `select state, language, handoff_status from conversations where channel = 'memory' and user_id = $1`,
    [user],
  );
  return rows[0]!;
}

const skus = (reply: OutboundMessage | undefined) => (reply && 'items' in reply ? reply.items.map((i) => i.sku) : []);

describe('language the buyer chooses', () => {
  it('switches on "/lang es" and keeps Spanish even when the next message is English', async () => {
    const say = buyer('lang-1');
    const [hello] = await say('hello');
    expect(hello!.text).toMatch(/Tell me what you are looking for/);
    const [switched] = await say('/lang es');
    expect(switched!.text).toMatch(/respondo en español/);
    const [results] = await say('white maxi dresses');
    expect(results!.text).toMatch(/^Esto es lo que encontré/);
    expect((await conversation('lang-1')).language).toBe('es');
  });

  it('understands "reply in Russian" and "用中文" as a choice, and replies in that language', async () => {
    const say = buyer('lang-2');
    const [ru] = await say('please reply in russian');
    expect(ru!.text).toMatch(/отвечаю/);
    const [zh] = await say('用中文');
    expect(zh!.text).toMatch(/回复/);
    const [results] = await say('black evening dress');
    expect(results!.kind).toBe('products');
    expect(results!.text).toMatch(/\p{Script=Han}/u);
  });

  it('reads "Spanish" in a product request as a style, not a language switch', async () => {
    const say = buyer('lang-3');
    const [reply] = await say('spanish style flamenco dress in red');
    expect(reply!.text).not.toMatch(/respondo en/);
  });
});

describe('buyer profile', () => {
  it.each([
    [
      "Hi, I'm Maria from Bella Boutique, we are based in Spain",
      { name: 'Maria', company: 'Bella Boutique', country: 'ES', business_type: 'boutique' },
    ],
    ['me llamo Lucía y tengo una tienda online', { name: 'Lucía', business_type: 'online_store' }],
    ['Меня зовут Ольга, мы оптовик', { name: 'Ольга', business_type: 'wholesaler' }],
    ['je m’appelle Claire, nous sommes en France', { name: 'Claire', country: 'FR' }],
    ['Ich bin Jonas von Modehaus Klein GmbH', { name: 'Jonas', company: 'Modehaus Klein GmbH' }],
    ['我叫王芳，我们是批发商', { name: '王芳', business_type: 'wholesaler' }],
    ['I sell on TikTok, company Glow Co', { company: 'Glow Co', business_type: 'social_seller' }],
    ["I'm looking for red dresses", {}],
    ['need 300 dresses made in China', {}],
  ])('reads %s', (text, expected) => {
    expect(extractProfile(catalog.lexicon, text)).toEqual(expected);
  });

  it('keeps the profile across turns, says back what it noted, and does not treat it as a search', async () => {
    const say = buyer('profile-1');
    const [noted] = await say("Hi, I'm Maria from Bella Boutique in Spain");
    expect(noted!.kind).toBe('text');
    expect(noted!.text).toMatch(/Nice to meet you, Maria!.*Bella Boutique.*Spain/);
    await say('white maxi dresses, 100 pcs');
    expect((await conversation('profile-1')).state.profile).toEqual({
      name: 'Maria',
      company: 'Bella Boutique',
      country: 'ES',
      business_type: 'boutique',
    });
  });
});

describe('shortlist quantities', () => {
  it('changes a quantity, raises one below the MOQ to it, and prices each at the new quantity', async () => {
    const say = buyer('qty-1');
    const [results] = await say('white maxi dresses');
    const [first, second] = skus(results);
    await say('add the first one');
    await say(`add ${second}`);
    const products = new Map(catalog.products.map((p) => [p.sku, p]));

    const [changed, list] = await say(`change ${first} to 500`);
    const a = products.get(first!)!;
    expect(changed!.text).toContain(`to 500 pcs`);
    expect(changed!.text).toContain(`$${priceAtQuantity(a.price_tiers, 500)!.toFixed(2)}`);
    expect(list!.kind).toBe('shortlist');

    const b = products.get(second!)!;
    const [raised] = await say(`change ${second} to ${b.moq > 1 ? b.moq - 1 : 1} pcs`);
    expect(raised!.text).toContain(`${b.moq} pcs`);
    const { shortlist } = (await conversation('qty-1')).state;
    expect(shortlist.find((e) => e.sku === first)?.quantity).toBe(500);
    expect(shortlist.find((e) => e.sku === second)?.quantity).toBe(b.moq);
  });

  it('after the shortlist is shown, "the second one" means its second line', async () => {
    const say = buyer('qty-2');
    const [results] = await say('black evening dresses');
    const shown = skus(results);
    await say('add the first one');
    await say('add the third one');
    await say('my shortlist');
    await say('change the second one to 700');
    const { shortlist } = (await conversation('qty-2')).state;
    expect(shortlist.map((e) => [e.sku, e.quantity])).toEqual([
      [shown[0], expect.any(Number)],
      [shown[2], 700],
    ]);
    expect(shortlist[0]!.quantity).not.toBe(700);
  });
});

describe('talk to sales', () => {
  async function handoffsOf(user: string) {
    const { rows } = await catalog.db.query<{ id: number; status: string; quote: QuoteRequest; summary: string }>(
      `select h.id, h.status, h.quote, h.summary from handoffs h join conversations c on c.id = h.conversation_id
       where c.channel = 'memory' and c.user_id = $1 order by h.id`,
      [user],
    );
    return rows;
  }
  const button = (reply: OutboundMessage | undefined, label: string) => reply!.buttons!.find((b) => b.label === label)!;

  it('asks only for what is missing, two questions a message, in the buyer language, and queues it on Confirm', async () => {
    const say = buyer('sales-1');
    const [results] = await say('vestidos de noche negros');
    expect(results!.kind).toBe('products');
    await say('añade el primero');
    const [asked] = await say('quiero hablar con ventas');
    expect(asked!.text).toMatch(/^Preparemos tu solicitud de cotización.*\(1 artículos\)/);
    expect(asked!.text).toMatch(/¿A qué país/);
    expect(asked!.text).toMatch(/¿Para cuándo/);
    expect(asked!.text).not.toMatch(/¿Cómo te llamas/);
    expect(button(asked, 'Saltar')).toBeDefined();
    expect((await conversation('sales-1')).handoff_status).toBe('open');

    const [next] = await say('a España');
    expect(next!.text).toMatch(/¿Para cuándo/);
    expect(next!.text).toMatch(/¿Cómo te llamas/);
    const [company] = await say({ actionId: button(next, 'Saltar').id });
    expect(company!.text).toMatch(/¿Cómo se llama tu empresa/);
    const [summary] = await say('Bella Boutique');
    expect(summary!.text).toMatch(/Tu solicitud de cotización:/);
    expect(summary!.text).toMatch(/Envío a: España/);
    expect(summary!.text).toMatch(/Para el: sin indicar/);
    expect(summary!.text).toMatch(/Empresa: Bella Boutique/);
    expect(await handoffsOf('sales-1')).toEqual([]);

    const [sent] = await say({ actionId: button(summary, 'Confirmar').id });
    expect(sent!.text).toMatch(/^Listo: tu solicitud de cotización está con nuestro equipo de ventas/);
    expect((await conversation('sales-1')).handoff_status).toBe('queued');
    const [handoff] = await handoffsOf('sales-1');
    const sku = (await conversation('sales-1')).state.shortlist[0]!.sku;
    expect(handoff).toMatchObject({
      status: 'queued',
      quote: {
        items: [{ sku, title: expect.any(String) }],
        destination: { country: 'ES' },
        buyer: { company: 'Bella Boutique' },
        skipped: ['deadline', 'name'],
        contact: { channel: 'memory', user_id: 'sales-1' },
        language: 'es',
      },
    });
    expect(handoff!.summary).toContain('"quiero hablar con ventas"');
    const { rows: outbox } = await catalog.db.query<{ kind: string; payload: { handoff_id: number } }>(
      'select kind, payload from outbox where idempotency_key = $1',
      [`handoff.created:${handoff!.id}`],
    );
    expect(outbox).toEqual([{ kind: 'handoff.created', payload: { handoff_id: handoff!.id } }]);

    const [again] = await say('un humano por favor');
    expect(again!.text).toMatch(/ya está con nuestro equipo/);
    expect(await handoffsOf('sales-1')).toHaveLength(1);
  });

  it('takes /sales from a Spanish buyer without switching the replies to English', async () => {
    const say = buyer('sales-3');
    await say('vestidos blancos largos');
    const [asked] = await say('/sales');
    expect(asked!.text).toMatch(/^Preparemos tu solicitud de cotización/);
    // Not an answer to "which products, which country": asked again, still in Spanish.
    const [answer] = await say('Lucía');
    expect(answer!.text).toMatch(/^Perdona, no lo he entendido\.\n¿Qué productos quieres cotizar/);
    expect((await conversation('sales-3')).language).toBe('es');
  });

  it('goes straight to the summary when the conversation already told everything, and "yes" confirms it', async () => {
    const say = buyer('sales-2');
    await say("I'm Maria from Bella Boutique");
    await say('white maxi dresses, ship to Spain in 10 weeks');
    await say('add the first one');
    const [list] = await say('my shortlist');
    const [summary] = await say({ actionId: button(list, 'Talk to sales').id });
    expect(summary!.text).toMatch(/Your quote request:/);
    expect(summary!.text).toMatch(/Ship to: Spain/);
    expect(summary!.text).toMatch(/Name: Maria/);
    expect(summary!.text).toMatch(/Company: Bella Boutique/);
    expect(summary!.buttons!.map((b) => b.label)).toEqual(['Confirm', 'Edit']);

    const [edit] = await say({ actionId: button(summary, 'Edit').id });
    expect(edit!.text).toMatch(/Tell me what to change/);
    const [changed] = await say('ship to France');
    expect(changed!.text).toMatch(/Ship to: France/);
    const [sent] = await say('yes');
    expect(sent!.text).toMatch(/^Done: your quote request is with our sales team/);
    const [handoff] = await handoffsOf('sales-2');
    expect(handoff!.quote).toMatchObject({ destination: { country: 'FR' }, buyer: { name: 'Maria' }, skipped: [] });
  });

  it('asks for the products when the shortlist is empty, and lets every question be skipped', async () => {
    const say = buyer('sales-4');
    const [asked] = await say('talk to sales');
    expect(asked!.text).toMatch(/Which products would you like quoted/);
    const [next] = await say('200 linen shirts and 100 straw hats');
    expect(next!.text).toMatch(/By when do you need them/);
    await say('skip');
    const [summary] = await say('skip');
    expect(summary!.text).toMatch(/Products: 200 linen shirts and 100 straw hats/);
    expect(summary!.text).toMatch(/Name: not given/);
    await say({ actionId: button(summary, 'Confirm').id });
    const [handoff] = await handoffsOf('sales-4');
    expect(handoff!.quote).toMatchObject({
      items: [],
      items_note: '200 linen shirts and 100 straw hats',
      quantity: 200,
    });
  });

  it('answers a product question in the middle of the questions, and picks them up again on "talk to sales"', async () => {
    const say = buyer('sales-5');
    await say('talk to sales');
    await say('200 red dresses');
    const [results] = await say('show me black evening dresses');
    expect(results!.kind).toBe('products');
    const [resumed] = await say('talk to sales');
    expect(resumed!.text).toMatch(/Which country should the goods be shipped to/);
  });
});

describe('limits and photos', () => {
  it('keeps an oversized message and says the limit; nothing is planned from it', async () => {
    const say = buyer('limit-1', () => limited);
    const long = `white maxi dress ${'very '.repeat(60)}`;
    const [reply] = await say(long);
    expect(reply!.text).toMatch(new RegExp(`has ${long.length} characters; I read up to 200`));
    const { rows } = await catalog.db.query<{ text: string }>(
      `select m.text from conversation_messages m join conversations c on c.id = m.conversation_id
       where c.user_id = 'limit-1' and m.direction = 'in'`,
    );
    expect(rows.map((r) => r.text)).toEqual([long]);
    expect((await conversation('limit-1')).state.lastResults ?? []).toEqual([]);
  });

  it('past the per-minute limit answers once, then stays silent, and keeps every message', async () => {
    const say = buyer('limit-2', () => limited);
    for (let i = 0; i < 3; i++) expect(await say('hello')).toHaveLength(1);
    const [notice] = await say('hello?');
    expect(notice!.text).toMatch(/faster than I can answer/);
    expect(await say('hello??')).toEqual([]);
    const { rows } = await catalog.db.query<{ n: number }>(
      `select count(*)::int as n from conversation_messages m join conversations c on c.id = m.conversation_id
       where c.user_id = 'limit-2' and m.direction = 'in'`,
    );
    expect(rows[0]!.n).toBe(5);
  });

  it('asks a buyer who sends only a photo to describe it', async () => {
    const say = buyer('photo-1');
    const [reply] = await say({ photo: { url: 'http://127.0.0.1:9/photo.jpg' } });
    expect(reply!.text).toMatch(/cannot look at pictures yet: please describe/);
  });
});
