import { Readable } from 'node:stream';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BLOCK_LIMITS } from '../../adapters/slack/render-blocks.ts';
import { importCatalog } from '../../src/catalog/import-catalog.ts';
import { indexProducts } from '../../src/search/search-index.ts';
import { blockProblems, FAKE_BOT, type StoredMessage } from '../helpers/fake-slack-api.ts';
import { BUYER, channelMessage, dm, mention, startSlackHarness, type SlackHarness } from './slack-harness.ts';

/**
 * The Slack adapter end to end: the real Bolt App with the adapter's receiver
 * on the project's HTTP server, signed requests as Slack sends them, a fake
 * Web API, and the real engine with the seed catalog.
 */

let h: SlackHarness;
beforeAll(async () => {
  h = await startSlackHarness();
});
afterAll(() => h?.close());
beforeEach(() => {
  h.hooks.delayMs = 0;
  h.hooks.failWhen = undefined;
});

/** Posts made after `before` once the adapter's work in flight is done. */
async function postsSince(before: number): Promise<StoredMessage[]> {
  await h.settle();
  return h.api.posts().slice(before);
}

const buttons = (message: StoredMessage) =>
  (message.blocks ?? []).flatMap((block) =>
    block.type === 'actions' ? (block.elements as Array<{ value: string; text: { text: string } }>) : [],
  );
const button = (message: StoredMessage, label: RegExp) => {
  const found = buttons(message).find((b) => label.test(b.text.text));
  if (!found) throw new Error(`no button ${label} in ${JSON.stringify(buttons(message).map((b) => b.text.text))}`);
  return found.value;
};
const allText = (message: StoredMessage) => JSON.stringify(message.blocks ?? []) + message.text;

describe('a buyer in a direct message', () => {
  it('searches, opens details and the bundle with buttons, and adds to the shortlist', async () => {
    const before = h.api.posts().length;
    const search = await h.sendEvent(dm('red chiffon maxi dress for a beach wedding, 300 pcs'));
    expect(search.status).toBe(200);
    const [results] = (await h.api.waitForPosts(before + 1)).slice(before);
    expect(results!.channel).toBe('D0BUYER');
    expect(results!.thread_ts).toBeUndefined();
    expect(results!.text).toMatch(/DR-\d+/);
    const cards = results!.blocks!.filter((b) => b.type === 'section' && b.accessory);
    expect(cards.length).toBeGreaterThan(1);
    expect(h.hooks.calls.at(-1)!.inbound).toEqual({
      channel: 'slack',
      chatId: 'D0BUYER',
      userId: BUYER,
      dedupeId: search.eventId,
      text: 'red chiffon maxi dress for a beach wedding, 300 pcs',
    });
    const firstSku = /\((DR-\d+)\)/.exec(JSON.stringify(cards[0]))![1]!;

    const pressed = await h.press(results!, button(results!, /^1\. Details/));
    expect(pressed.status).toBe(200);
    const [details] = (await h.api.waitForPosts(before + 2)).slice(before + 1);
    const action = h.hooks.calls.at(-1)!.inbound;
    expect(action.actionId).toBe(button(results!, /^1\. Details/));
    expect(action.dedupeId).toMatch(new RegExp(`^action:${results!.ts.replace('.', '\\.')}:\\d+\\.\\d+$`));
    expect(details!.thread_ts).toBeUndefined();
    expect(allText(details!)).toContain(firstSku);

    await h.press(details!, button(details!, /bundle/i));
    const [bundle] = (await h.api.waitForPosts(before + 3)).slice(before + 2);
    expect(bundle!.blocks![0]!.type).toBe('header');
    expect(bundle!.text).toContain(firstSku);

    await h.press(details!, button(details!, /^add/i));
    const [added] = (await h.api.waitForPosts(before + 4)).slice(before + 3);
    expect(added!.text).toMatch(new RegExp(`Added 300 × .*\\(${firstSku}\\)`));

    await h.press(added!, button(added!, /shortlist/i));
    const [shortlist] = (await h.api.waitForPosts(before + 5)).slice(before + 4);
    expect(allText(shortlist!)).toContain(firstSku);
    expect(allText(shortlist!)).toContain('300 pcs');
    expect(h.api.calls.filter((c) => c.error)).toEqual([]);
  });

  it('answers in the thread when the buyer writes in a thread of the DM', async () => {
    const before = h.api.posts().length;
    await h.sendEvent(dm('white maxi dresses', { thread_ts: '1700000000.000100' }));
    const [reply] = (await h.api.waitForPosts(before + 1)).slice(before);
    expect(reply!.thread_ts).toBe('1700000000.000100');
  });
});

describe('signatures', () => {
  it("answers Slack's URL check with the challenge", async () => {
    const body = JSON.stringify({ token: 't', challenge: 'c0ffee-challenge', type: 'url_verification' });
    const response = await h.send(body, 'application/json');
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toEqual({ challenge: 'c0ffee-challenge' });
  });

  it('refuses forged, stale and unsigned requests with 401 and processes nothing', async () => {
    const before = h.api.posts().length;
    const calls = h.hooks.calls.length;
    const forged = await h.sendEvent(dm('black heels size 38'), { secret: 'not-the-signing-secret' });
    const stale = await h.sendEvent(dm('black heels size 38'), { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 });
    const body = JSON.stringify({ type: 'event_callback', event_id: 'EvUNSIGNED', event: dm('black heels') });
    const unsigned = await fetch(h.eventsUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    const urlCheck = await h.send(JSON.stringify({ type: 'url_verification', challenge: 'x' }), 'application/json', {
      secret: 'wrong',
    });
    expect([forged.status, stale.status, unsigned.status, urlCheck.status]).toEqual([401, 401, 401, 401]);
    expect(await postsSince(before)).toEqual([]);
    expect(h.hooks.calls.length).toBe(calls);
  });

  it('refuses a body over 1 MB with 413', async () => {
    const response = await h.send(
      JSON.stringify({ type: 'event_callback', padding: 'x'.repeat(1_100_000) }),
      'application/json',
    );
    expect(response.status).toBe(413);
  });
});

describe('deliveries and retries', () => {
  it('answers an event Slack retries (same event_id, X-Slack-Retry-Num: 1) once', async () => {
    const before = h.api.posts().length;
    const event = dm('gold necklace for evening');
    const first = await h.sendEvent(event);
    await h.api.waitForPosts(before + 1);
    const retry = await h.sendEvent(event, { eventId: first.eventId, retryNum: 1 });
    expect(retry.status).toBe(200);
    expect(await postsSince(before)).toHaveLength(1);
    const attempts = h.hooks.calls.filter((c) => c.inbound.dedupeId === first.eventId);
    expect(attempts.map((c) => c.received?.duplicate)).toEqual([false, true]);
  });

  it('answers once when the retry arrives while the first delivery is still being answered', async () => {
    h.hooks.delayMs = 1500;
    const before = h.api.posts().length;
    const event = dm('black evening dresses, 200 pcs');
    const eventId = 'EvCONCURRENT1';
    const [first, retry] = await Promise.all([
      h.sendEvent(event, { eventId }),
      h.sendEvent(event, { eventId, retryNum: 1 }),
    ]);
    expect([first.status, retry.status]).toEqual([200, 200]);
    expect(await postsSince(before)).toHaveLength(1);
  });

  it('acknowledges within 3 seconds while the engine takes longer, then answers', async () => {
    h.hooks.delayMs = 3500;
    const before = h.api.posts().length;
    const event = await h.sendEvent(dm('silver clutch bag'));
    expect(event.status).toBe(200);
    expect(event.ms).toBeLessThan(3000);
    expect(h.api.posts().length).toBe(before);
    const [reply] = (await h.api.waitForPosts(before + 1)).slice(before);
    const press = await h.press(reply!, buttons(reply!)[0]!.value);
    expect(press.status).toBe(200);
    expect(press.ms).toBeLessThan(3000);
    await h.api.waitForPosts(before + 2);
  });

  it('waits for Retry-After when chat.postMessage is rate limited, then posts', async () => {
    const before = h.api.posts().length;
    h.api.rateLimit('chat.postMessage', 1);
    await h.sendEvent(dm('straw beach bag'));
    await h.api.waitForPosts(before + 1);
    const posts = h.api.calls.filter((c) => c.method === 'chat.postMessage').slice(-2);
    expect(posts.map((c) => c.status)).toEqual([429, 200]);
    expect(posts[1]!.at - posts[0]!.at).toBeGreaterThanOrEqual(1000);
  });

  it('apologises when the engine fails, and answers the next message', async () => {
    h.hooks.failWhen = (inbound) => inbound.text === 'pearl earrings';
    const before = h.api.posts().length;
    await h.sendEvent(dm('pearl earrings'));
    const [apology] = (await h.api.waitForPosts(before + 1)).slice(before);
    expect(apology!.text).toMatch(/^Sorry, something went wrong/);
    expect(h.logs.some((l) => l.level === 50 && /engine failed/.test(l.msg))).toBe(true);
    h.hooks.failWhen = undefined;
    await h.sendEvent(dm('pearl earrings'));
    const [answer] = (await h.api.waitForPosts(before + 2)).slice(before + 1);
    expect(answer!.text).not.toMatch(/^Sorry/);
  });

  it('sends the reply again without images when Slack cannot fetch one', async () => {
    h.api.unreachableImages.add('https://placehold.co/600x800/png?text=DR-1001');
    const before = h.api.posts().length;
    await h.sendEvent(dm('DR-1001'));
    const [reply] = (await h.api.waitForPosts(before + 1)).slice(before);
    expect(allText(reply!)).toContain('DR-1001');
    expect(JSON.stringify(reply!.blocks)).not.toContain('"accessory"');
    expect(h.api.calls.filter((c) => c.error === 'invalid_blocks')).toHaveLength(1);
    h.api.unreachableImages.clear();
  });

  it('stop() waits for the replies in flight; after it Slack gets 503 and delivers again later', async () => {
    h.hooks.delayMs = 1000;
    const before = h.api.posts().length;
    await h.sendEvent(dm('leather belts'));
    await h.adapter.stop();
    expect(h.api.posts().length).toBe(before + 1);
    const refused = await h.sendEvent(dm('more leather belts'));
    expect(refused.status).toBe(503);
    await h.adapter.start();
    expect(h.api.posts().length).toBe(before + 1);
  });
});

describe('channels', () => {
  it('answers a mention in the thread of the message, without the mention in the text', async () => {
    const before = h.api.posts().length;
    const event = mention('C0SHARED', 'need 300 red chiffon maxi dresses');
    await h.sendEvent(event);
    // Slack also sends the same message as message.channels, with another event_id.
    await h.sendEvent(channelMessage('C0SHARED', event.text as string, { ts: event.ts }));
    const posts = await postsSince(before);
    expect(posts).toHaveLength(1);
    expect(posts[0]!).toMatchObject({ channel: 'C0SHARED', thread_ts: event.ts });
    expect(h.hooks.calls.at(-1)!.inbound.text).toBe('need 300 red chiffon maxi dresses');

    // Replies in that thread need no mention: the bot is in it.
    await h.sendEvent(channelMessage('C0SHARED', 'the second one', { thread_ts: event.ts }));
    const [details] = await postsSince(before + 1);
    expect(details).toMatchObject({ channel: 'C0SHARED', thread_ts: event.ts });

    // A button in the thread answers in the thread.
    await h.press(details!, buttons(details!)[0]!.value);
    const [added] = await postsSince(before + 2);
    expect(added).toMatchObject({ channel: 'C0SHARED', thread_ts: event.ts });
  });

  it('stays out of channel talk that is not for it', async () => {
    const before = h.api.posts().length;
    const calls = h.hooks.calls.length;
    const root = channelMessage('C0SHARED', 'team, any news on the shipment?');
    await h.sendEvent(root);
    await h.sendEvent(channelMessage('C0SHARED', 'red dresses please', { thread_ts: root.ts }));
    await h.sendEvent({ ...channelMessage('G0PRIVATE', 'red dresses'), channel_type: 'group' });
    expect(await postsSince(before)).toEqual([]);
    expect(h.hooks.calls.length).toBe(calls);
  });

  it('never answers bots, itself, edits or joins', async () => {
    const before = h.api.posts().length;
    const calls = h.hooks.calls.length;
    await h.sendEvent(dm('red dresses', { bot_id: 'B0OTHER' }));
    await h.sendEvent(dm('red dresses', { subtype: 'bot_message', user: undefined, bot_id: 'B0OTHER' }));
    await h.sendEvent(dm('red dresses', { user: FAKE_BOT.userId }));
    await h.sendEvent(dm('red dresses', { subtype: 'message_changed' }));
    await h.sendEvent(dm('', { subtype: 'message_deleted' }));
    await h.sendEvent(channelMessage('C0SHARED', '<@U0BUYER> has joined the channel', { subtype: 'channel_join' }));
    expect(await postsSince(before)).toEqual([]);
    expect(h.hooks.calls.length).toBe(calls);
  });
});

describe('Block Kit limits', () => {
  it('keeps a product with very long texts within the limits, escaped', async () => {
    const long = (word: string, length: number) => word.repeat(Math.ceil(length / word.length)).slice(0, length);
    const product = {
      sku: 'ZZ-9001',
      title: long('<!channel> Silk & satin <b>gown</b> ', 500),
      category: 'dress',
      description: long('Hand-finished 🌸 seams & <tags>; ', 60_000),
      colors: Array.from({ length: 100 }, (_, i) => `${long('midnight-blue ', 180)}${i}`),
      sizes: Array.from({ length: 100 }, (_, i) => `${long('EU ', 150)}${i}`),
      price_tiers: Array.from({ length: 20 }, (_, i) => ({ min_qty: 10 * (i + 1), unit_price: 40 - i })),
      currency: 'USD',
      moq: 10,
      lead_time_days: 30,
      sample_price: 50,
      sample_days: 10,
      image_urls: ['https://placehold.co/600x800/png?text=ZZ-9001'],
      status: 'active',
    };
    const { db, lexicon, embedder } = h.catalog;
    const report = await importCatalog(db, Readable.from([`${JSON.stringify(product)}\n`]), {
      format: 'jsonl',
      source: 'long.jsonl',
      onWritten: (tx, ids) => indexProducts(tx, ids, { lexicon, embedder }),
    });
    expect(report.errors).toEqual([]);

    const before = h.api.posts().length;
    const calls = h.api.calls.length;
    await h.sendEvent(dm('ZZ-9001'));
    const posts = await postsSince(before);
    expect(posts.length).toBeGreaterThanOrEqual(1);
    expect(h.api.calls.slice(calls).filter((c) => c.error)).toEqual([]);
    for (const post of posts) {
      expect(blockProblems({ text: post.text, blocks: post.blocks })).toEqual([]);
      expect(post.blocks!.length).toBeLessThanOrEqual(BLOCK_LIMITS.blocksPerMessage);
      expect(post.text.length).toBeLessThanOrEqual(BLOCK_LIMITS.fallbackText);
      // mrkdwn is where Slack reads <!channel> and links; plain_text (alt text, buttons) is shown as is.
      const mrkdwn = [...JSON.stringify(post.blocks).matchAll(/"type":"mrkdwn","text":"((?:[^"\\]|\\.)*)"/g)];
      const unescaped = [post.text, ...mrkdwn.map((m) => m[1]!)].filter((text) => text.includes('<'));
      expect(unescaped.length).toBe(0);
    }
    const text = posts.map(allText).join('');
    expect(text).toContain('&lt;!channel&gt; Silk &amp; satin');
    expect(text).toContain('…');
    expect(text).toContain('ZZ-9001');
  });
});
