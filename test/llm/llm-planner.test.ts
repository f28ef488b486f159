import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { priceAtQuantity } from '../../src/catalog/product.ts';
import type { OutboundMessage } from '../../src/conversation/messages.ts';
import { createCircuitBreaker } from '../../src/conversation/llm/circuit-breaker.ts';
import { handoffNoteOf } from '../../src/conversation/llm/handoff-note.ts';
import { createApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { createCatalogSearch } from '../../src/search/search-catalog.ts';
import { buyer, conversationOf, openHarness, skusOf, type Harness } from './llm-harness.ts';
import { wellBehaved } from './well-behaved-model.ts';

/**
 * The LLM planner against the local OpenAI-compatible fake over real HTTP:
 * tool calls run inside the engine's transaction, cards come from tool
 * results, and every provider or model failure ends in the offline answer.
 */

let h: Harness;
beforeAll(async () => {
  h = await openHarness();
});
afterAll(() => h.close());
beforeEach(() => {
  h.fake.chat.length = 0;
  h.fake.chatCalls.length = 0;
  h.fake.respond = wellBehaved;
});

const product = (sku: string) => h.catalog.products.find((p) => p.sku === sku)!;

describe('the LLM planner', () => {
  it('runs a tool-calling conversation end to end: search, details, bundle, shortlist, hand-off', async () => {
    const { engine, reports } = await h.llm();
    const say = buyer(engine, 'e2e');

    const [results] = await say('need 300 red chiffon maxi dresses');
    expect(results?.kind).toBe('products');
    const shown = skusOf(results);
    expect(shown.length).toBeGreaterThan(1);
    for (const card of (results as Extract<OutboundMessage, { kind: 'products' }>).items) {
      const p = product(card.sku);
      expect(card.unit_price_at_quantity).toBe(priceAtQuantity(p.price_tiers, Math.max(300, p.moq)));
    }
    expect(results!.text).toContain(shown[0]);
    expect(reports.at(-1)).toMatchObject({ outcome: 'llm', calls: 2, tools: ['search_catalog'] });

    const [details] = await say('tell me more about the second one');
    expect(details?.kind).toBe('products');
    expect(skusOf(details)).toEqual([shown[1]]);
    expect(details!.buttons!.length).toBe(2);

    const [bundle] = await say('suggest a bundle for it');
    expect(bundle?.kind).toBe('bundle');
    expect(skusOf(bundle)[0]).toBe(shown[1]);

    const [added] = await say(`add ${shown[1]}, 400 pcs`);
    expect(added?.text).toMatch(/shortlist now has 1 lines/);
    const [list] = await say('my shortlist');
    expect(list?.kind).toBe('shortlist');
    expect((list as Extract<OutboundMessage, { kind: 'shortlist' }>).items.map((i) => [i.sku, i.quantity])).toEqual([
      [shown[1], Math.max(400, product(shown[1]!).moq)],
    ]);

    const [sales] = await say('I want to talk to sales');
    expect(sales?.text).toBe('A sales rep will reply in this chat.');
    const stored = await conversationOf(h, 'e2e');
    expect(stored?.handoff_status).toBe('open');
    expect(stored?.state.shortlist.map((e) => e.sku)).toEqual([shown[1]]);
    expect(handoffNoteOf(stored!.state)?.text).toBeTruthy();
    expect(reports.every((r) => r.outcome === 'llm')).toBe(true);
    expect(reports.every((r) => r.promptVersion.length === 12)).toBe(true);
  });

  it('offers a sales rep unasked, as the offline planner does, on the model’s own answers', async () => {
    const { engine, reports } = await h.llm();
    const say = buyer(engine, 'offers');
    const large = await say('need 5000 red chiffon maxi dresses');
    expect(reports.at(-1)!.outcome).toBe('llm');
    expect(large[0]?.kind).toBe('products'); // the answer stays whole, the offer follows it
    expect(large.at(-1)!.text).toMatch(/order this size/);
    expect(large.at(-1)!.buttons?.map((b) => b.label)).toEqual(['Talk to sales']);

    const haggle = await say('too expensive, can you give me a discount?');
    expect(reports.at(-1)!.outcome).toBe('llm');
    expect(haggle[0]!.text).toMatch(/can't change prices/); // haggling is answered by the offer first
    expect(haggle[0]!.buttons?.map((b) => b.label)).toEqual(['Talk to sales']);

    const again = await say('need 8000 red chiffon maxi dresses');
    expect(again.flatMap((m) => m.buttons ?? []).filter((b) => b.label === 'Talk to sales')).toEqual([]); // once each
  });

  it('falls back to the offline answer when the tool arguments are malformed', async () => {
    const { engine, reports } = await h.llm();
    h.fake.chat.push({ toolCalls: [{ name: 'price_at_quantity', arguments: { quantity: 'lots' } }] });
    const replies = await buyer(engine, 'malformed')('white maxi dresses');
    expect(replies[0]?.kind).toBe('products');
    expect(replies[0]?.text).toMatch(/^Here is what I found/);
    expect(reports.at(-1)).toMatchObject({ outcome: 'fallback', reason: 'LLM_MALFORMED_TOOL_CALL' });

    h.fake.chat.push({ toolCalls: [{ name: 'search_catalog', arguments: '{"query": "white' }] });
    await buyer(engine, 'malformed-json')('white maxi dresses');
    expect(reports.at(-1)).toMatchObject({ outcome: 'fallback', reason: 'LLM_MALFORMED_TOOL_CALL' });
  });

  it('falls back when the model calls a tool that does not exist', async () => {
    const { engine, reports } = await h.llm();
    h.fake.chat.push({ toolCalls: [{ name: 'read_conversation', arguments: { user: 'victim' } }] });
    const replies = await buyer(engine, 'unknown-tool')('hello');
    expect(replies[0]?.text).toMatch(/^Hi!/);
    expect(reports.at(-1)).toMatchObject({ outcome: 'fallback', reason: 'LLM_UNKNOWN_TOOL' });
  });

  it('falls back within the turn timeout when the model is slow', async () => {
    const { engine, reports } = await h.llm({ timeoutMs: 800 });
    h.fake.chat.push({ content: 'too late', delayMs: 3000 });
    const started = Date.now();
    const replies = await buyer(engine, 'slow')('white maxi dresses');
    expect(Date.now() - started).toBeLessThan(2500);
    expect(replies[0]?.kind).toBe('products');
    expect(reports.at(-1)).toMatchObject({ outcome: 'fallback', reason: 'LLM_TIMEOUT' });
  });

  it('waits out a 429 with retry-after when it fits in the turn, and falls back when it does not', async () => {
    const { engine, reports } = await h.llm({ timeoutMs: 5000 });
    h.fake.chat.push({ status: 429, retryAfter: '1' });
    const started = Date.now();
    const [reply] = await buyer(engine, 'limited')('white maxi dresses');
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(reply?.text).toMatch(/^I found/);
    expect(reports.at(-1)).toMatchObject({ outcome: 'llm', retries: 1, calls: 2 });

    h.fake.chat.push({ status: 429, retryAfter: '30' });
    const late = Date.now();
    const [fallback] = await buyer(engine, 'limited-long')('white maxi dresses');
    expect(Date.now() - late).toBeLessThan(3000);
    expect(fallback?.text).toMatch(/^Here is what I found/);
    expect(reports.at(-1)).toMatchObject({ outcome: 'fallback', reason: 'LLM_RATE_LIMITED', retries: 0 });
  });

  it('opens the circuit breaker after a storm of 500s, then tries again after the cooldown', async () => {
    let now = 1_000_000;
    const breaker = createCircuitBreaker({ failures: 3, cooldownMs: 60_000, now: () => now });
    const { engine, reports } = await h.llm({ breaker });
    for (let i = 0; i < 10; i++) h.fake.chat.push({ status: 500 });
    const say = buyer(engine, 'storm');
    for (let i = 0; i < 5; i++) {
      const [reply] = await say('hello');
      expect(reply?.text).toMatch(/^Hi!/);
    }
    expect(reports.map((r) => r.reason)).toEqual([
      'LLM_PROVIDER_ERROR',
      'LLM_PROVIDER_ERROR',
      'LLM_PROVIDER_ERROR',
      'LLM_CIRCUIT_OPEN',
      'LLM_CIRCUIT_OPEN',
    ]);
    expect(h.fake.chatCalls.length).toBe(3);
    expect(breaker.state()).toBe('open');

    now += 60_000;
    h.fake.chat.length = 0;
    const [reply] = await say('white maxi dresses');
    expect(reply?.text).toMatch(/^I found/);
    expect(breaker.state()).toBe('closed');
  });

  it('regenerates a reply with a hallucinated price once, naming it, and keeps a corrected one', async () => {
    const { engine, reports } = await h.llm();
    h.fake.respond = (request) => {
      const last = request.messages.at(-1)!;
      if (last.role === 'tool') return { content: 'Great news: these cost only $0.99 each!' };
      if (String(last.content).startsWith('Your reply was not sent'))
        return { content: 'Here are the white maxi dresses.' };
      return wellBehaved(request);
    };
    const [reply] = await buyer(engine, 'hallucinated-once')('white maxi dresses');
    expect(reply?.text).toBe('Here are the white maxi dresses.');
    expect(reply?.kind).toBe('products');
    const note = h.fake.chatCalls.at(-1)!.request.messages.at(-1)!;
    expect(String(note.content)).toContain('$0.99');
    expect(reports.at(-1)).toMatchObject({ outcome: 'llm', calls: 3 });
  });

  it('replaces a reply that is hallucinated twice with the offline rendering of the same tool results', async () => {
    const { engine, reports } = await h.llm();
    h.fake.respond = (request) =>
      request.messages.at(-1)!.role === 'user' && !String(request.messages.at(-1)!.content).startsWith('Your reply')
        ? wellBehaved(request)
        : { content: 'Only $0.99 each, and 20% off if you order today!' };
    const [reply] = await buyer(engine, 'hallucinated-twice')('white maxi dresses');
    expect(reply?.kind).toBe('products');
    expect(reply?.text).toMatch(/^Here is what I found/);
    expect(reply?.text).not.toContain('0.99');
    expect(reports.at(-1)).toMatchObject({ outcome: 'offline_rendering', calls: 3 });
    expect(reports.at(-1)!.violations.map((v) => v.kind)).toContain('price');
  });

  it('falls back on a refusal and on an empty answer', async () => {
    const { engine, reports } = await h.llm();
    h.fake.chat.push({ refusal: 'I cannot help with that.' });
    await buyer(engine, 'refused')('white maxi dresses');
    expect(reports.at(-1)).toMatchObject({ outcome: 'fallback', reason: 'LLM_REFUSAL' });
    h.fake.chat.push({ content: '' });
    await buyer(engine, 'empty')('white maxi dresses');
    expect(reports.at(-1)).toMatchObject({ outcome: 'fallback', reason: 'LLM_EMPTY_ANSWER' });
  });

  it('leaves the conversation as the offline planner would when an attempt fails after a tool changed it', async () => {
    const { engine, reports } = await h.llm();
    const say = buyer(engine, 'restored');
    await say('white maxi dresses');
    h.fake.chat.push({
      toolCalls: [{ name: 'update_shortlist', arguments: { action: 'add', position: 1, quantity: 500 } }],
    });
    h.fake.chat.push({ status: 503 });
    await say('hello');
    expect(reports.at(-1)).toMatchObject({ outcome: 'fallback', reason: 'LLM_PROVIDER_ERROR' });
    const stored = await conversationOf(h, 'restored');
    expect(stored?.state.shortlist).toEqual([]);
  });

  it('describes a photo with the vision model, sends its bytes rather than its URL, and searches for it', async () => {
    const { engine, reports } = await h.llm();
    h.fake.files.set('dress.jpg', { bytes: Buffer.from('fake jpeg bytes'), mimeType: 'image/jpeg' });
    h.fake.chat.push({ content: 'red chiffon maxi dress, v-neck, beach wedding' });
    const [reply] = await buyer(engine, 'photo')({ photo: { url: `${h.fake.origin}/files/dress.jpg` } });
    expect(reply?.kind).toBe('products');
    for (const sku of skusOf(reply)) expect(product(sku).category).toBe('dress');
    const vision = h.fake.chatCalls[0]!.request;
    expect(vision.model).toBe('fake-vision');
    const parts = vision.messages[0]!.content as Array<{ type: string; image_url?: { url: string } }>;
    expect(parts.find((p) => p.type === 'image_url')?.image_url?.url).toMatch(/^data:image\/jpeg;base64,/);
    expect(JSON.stringify(vision)).not.toContain('/files/dress.jpg');
    expect(reports.at(-1)).toMatchObject({ outcome: 'llm', calls: 3, tools: ['search_catalog'] });

    const offline = await buyer((await h.llm({ timeoutMs: 500 })).engine, 'photo-offline');
    h.fake.chat.push({ status: 500 });
    const [asked] = await offline({ photo: { url: `${h.fake.origin}/files/dress.jpg` } });
    expect(asked?.text).toMatch(/describe the item/);
  });

  it('keeps every turn within the token budget, history trimmed and older turns summarised', async () => {
    const budget = 5000;
    const { engine, reports } = await h.llm({ turnTokenBudget: budget });
    const say = buyer(engine, 'budget');
    const lines = [
      'need 300 red chiffon maxi dresses for beach weddings',
      'tell me more about the second one',
      'how much for 1000 pcs?',
      'suggest a bundle for it',
      'add the first one, 400 pcs',
      'my shortlist',
      'black evening dresses size M, 50 pcs',
      'in red',
      'tell me more about the third one',
      'how much for 200 pcs?',
      'white maxi dresses',
      'my shortlist',
    ];
    for (const line of lines) await say(line);
    expect(reports.length).toBe(lines.length);
    for (const report of reports) {
      expect(report, JSON.stringify(report)).toMatchObject({ outcome: 'llm' });
      expect(report.promptTokens + report.completionTokens).toBeLessThanOrEqual(budget);
    }
    for (const call of h.fake.chatCalls)
      expect(call.request.max_tokens ?? call.request.max_completion_tokens).toBeLessThanOrEqual(budget / 8);
    const stored = await conversationOf(h, 'budget');
    expect((stored?.state as { llm?: { summary?: string } }).llm?.summary).toBeTruthy();

    const tiny = await h.llm({ turnTokenBudget: 1000 });
    const [reply] = await buyer(tiny.engine, 'tiny-budget')('white maxi dresses');
    expect(reply?.text).toMatch(/^Here is what I found/);
    expect(tiny.reports.at(-1)).toMatchObject({ outcome: 'fallback', reason: 'LLM_TOKEN_BUDGET', calls: 0 });
  });

  it('translates the offline rendering for a buyer whose language has no message catalog', async () => {
    const { engine, reports } = await h.llm();
    h.fake.respond = (request) => {
      const first = String(request.messages[0]!.content);
      if (first.startsWith('Translate')) {
        const texts = JSON.parse(String(request.messages[1]!.content)) as string[];
        return { content: JSON.stringify(texts.map((t) => `[ja] ${t}`)) };
      }
      const last = request.messages.at(-1)!;
      if (last.role === 'user' && !String(last.content).startsWith('Your reply')) return wellBehaved(request);
      return { content: '1着わずか0.99ドル！' };
    };
    // Every language the bot detects has a catalog: a buyer asks for another one, and the model switches to it.
    h.fake.chat.push({ toolCalls: [{ name: 'set_language', arguments: { language: 'ja' } }] });
    const say = buyer(engine, 'japanese');
    const [chosen] = await say('please answer in Japanese');
    expect((await conversationOf(h, 'japanese'))?.language).toBe('ja');
    expect(chosen?.text).toMatch(/^\[ja\] /);
    const [reply] = await say('white maxi dresses for a beach wedding');
    expect(reports.at(-1)).toMatchObject({ outcome: 'offline_rendering' });
    expect((await conversationOf(h, 'japanese'))?.language).toBe('ja');
    expect(reply?.kind).toBe('products');
    expect(reply?.text).toMatch(/^\[ja\] Here is what I found/);
    expect(reply?.buttons?.every((b) => b.label.startsWith('[ja] '))).toBe(true);
  });

  it('writes the hand-off note for the sales rep with the model, or from the stored facts when it fails', async () => {
    const { engine } = await h.llm();
    h.fake.respond = (request) =>
      String(request.messages[0]!.content).startsWith('Write a hand-off note')
        ? { content: 'Maria from Bella Boutique wants 300 white maxi dresses for weddings.' }
        : wellBehaved(request);
    const say = buyer(engine, 'note');
    await say('300 white maxi dresses');
    await say('add the first one, 300 pcs');
    await say('I want to talk to sales');
    expect(handoffNoteOf((await conversationOf(h, 'note'))!.state)).toMatchObject({
      source: 'llm',
      text: 'Maria from Bella Boutique wants 300 white maxi dresses for weddings.',
    });

    h.fake.respond = wellBehaved;
    const other = buyer(engine, 'note-failed');
    await other('300 white maxi dresses');
    h.fake.chat.push({ status: 500 });
    await other('talk to sales');
    const stored = await conversationOf(h, 'note-failed');
    expect(stored?.handoff_status).toBe('open');
    expect(handoffNoteOf(stored!.state)).toMatchObject({ source: 'facts' });
    expect(handoffNoteOf(stored!.state)!.text).toContain('300 white maxi dresses');
  });

  it('is what createApp wires when a key is configured, and the offline planner otherwise', async () => {
    const runtime = {
      db: h.catalog.db,
      search: {
        lexicon: h.catalog.lexicon,
        embedder: h.catalog.embedder,
        catalogSearch: createCatalogSearch(h.catalog.db, h.catalog),
      },
    };
    const withKey = await createApp({
      ...runtime,
      config: loadConfig({ OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: h.fake.baseUrl }, '/srv'),
    });
    await withKey.engine.handle({
      channel: 'app',
      chatId: 'a',
      userId: 'a',
      dedupeId: 'app-1',
      text: 'white maxi dresses',
    });
    expect(h.fake.chatCalls.length).toBe(2);
    const without = await createApp({ ...runtime, config: loadConfig({}, '/srv') });
    await without.engine.handle({
      channel: 'app',
      chatId: 'b',
      userId: 'b',
      dedupeId: 'app-2',
      text: 'white maxi dresses',
    });
    expect(h.fake.chatCalls.length).toBe(2);
  });
});
