import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChannelAdapter } from '../../src/channels/channel-adapter.ts';
import { importText } from '../helpers/catalog.ts';
import type { RecordedCall, TestChat, TestUser } from '../helpers/telegram-emulator.ts';
import { openTelegramFixture, visibleText, type TelegramFixture } from './telegram-fixture.ts';

let tg: TelegramFixture;
let adapter: ChannelAdapter;
beforeAll(async () => {
  tg = await openTelegramFixture();
  adapter = tg.adapter();
  await adapter.start();
});
afterAll(() => tg?.close());

const buyer = (id: number, extra: Partial<TestUser> = {}): TestUser => ({ id, first_name: `Buyer ${id}`, ...extra });
const privateChat = (user: TestUser): TestChat => ({ id: user.id, type: 'private' });

/** The calls the bot made to a chat after a mark, so a test reads only the answer to its own message. */
function sentSince(chatId: number, mark: number): RecordedCall[] {
  return tg.emulator.sentTo(chatId).slice(mark);
}

function keyboardOf(call: RecordedCall | undefined): Array<{ text: string; callback_data: string }> {
  return (call?.payload.reply_markup?.inline_keyboard ?? []).flat();
}

function button(calls: RecordedCall[], label: RegExp): string {
  const found = calls.flatMap(keyboardOf).find((b) => label.test(b.text));
  if (!found) throw new Error(`no button ${label} in ${JSON.stringify(calls.flatMap(keyboardOf))}`);
  return found.callback_data;
}

describe('the Telegram adapter, long polling through grammY runner', () => {
  it('registers the command menu in every language with setMyCommands', () => {
    const menus = tg.emulator.calls.filter((call) => call.method === 'setMyCommands');
    const languages = menus.map((call) => call.payload.language_code ?? 'default');
    expect(languages.sort()).toEqual(['ar', 'de', 'default', 'en', 'es', 'fr', 'pt', 'ru', 'zh']);
    for (const menu of menus) {
      expect(menu.payload.commands.map((c: { command: string }) => c.command)).toEqual([
        'start',
        'help',
        'lang',
        'sales',
        'shortlist',
        'deletemydata',
      ]);
      for (const { description } of menu.payload.commands) expect(description.length).toBeLessThanOrEqual(256);
    }
    const sales = (code: string) =>
      menus
        .find((m) => m.payload.language_code === code)!
        .payload.commands.find((c: { command: string }) => c.command === 'sales').description;
    expect(new Set(['en', 'es', 'fr', 'pt', 'de', 'ru', 'ar', 'zh'].map(sales)).size).toBe(8);
  });

  it('searches, shows details, suggests a bundle and keeps a shortlist through button presses, answering every press', async () => {
    const ana = buyer(1001, { language_code: 'en' });
    const chat = privateChat(ana);
    const presses: string[] = [];
    const press = async (data: string) => {
      const mark = tg.emulator.sentTo(chat.id).length;
      const { updateId, queryId } = tg.emulator.press(ana, chat, data);
      presses.push(queryId);
      expect(await tg.handled(updateId)).toBe('replied');
      return sentSince(chat.id, mark);
    };

    const mark = tg.emulator.sentTo(chat.id).length;
    const search = tg.emulator.say(ana, chat, 'red chiffon maxi dress for a beach wedding, 300 pcs');
    expect(await tg.handled(search)).toBe('replied');
    const results = sentSince(chat.id, mark);
    expect(tg.inbound.at(-1)).toMatchObject({
      channel: 'telegram',
      chatId: '1001',
      userId: '1001',
      text: expect.any(String),
    });
    expect(tg.inbound.at(-1)!.dedupeId).toMatch(new RegExp(`^${search}:`));
    expect(tg.emulator.calls.some((c) => c.method === 'sendChatAction' && c.payload.chat_id === chat.id)).toBe(true);
    expect(results[0]!.method).toBe('sendMessage');
    expect(visibleText(results[0]!.payload.text)).toMatch(/^Here is what I found/);
    const photos = results.filter((call) => call.method === 'sendPhoto');
    expect(photos.length).toBeGreaterThan(1);
    for (const [i, photo] of photos.entries()) {
      expect(photo.payload.photo).toMatch(/^https:\/\//);
      expect(photo.payload.parse_mode).toBe('HTML');
      expect(visibleText(photo.payload.caption)).toMatch(new RegExp(`^${i + 1}\\. `));
      expect(visibleText(photo.payload.caption).length).toBeLessThanOrEqual(1024);
    }
    // The keyboard hangs from the last card, two buttons a row, each carrying a short id.
    const rows = results.at(-1)!.payload.reply_markup.inline_keyboard as unknown[][];
    expect(rows.every((row) => row.length <= 2)).toBe(true);
    for (const b of keyboardOf(results.at(-1))) expect(Buffer.byteLength(b.callback_data)).toBeLessThanOrEqual(64);

    const details = await press(button(results, /^1\. Details/));
    const sku = /^1\. .*\n([A-Z]+-\d+) ·/.exec(visibleText(photos[0]!.payload.caption))![1]!;
    const product = tg.catalog.products.find((p) => p.sku === sku)!;
    expect(visibleText(details[0]!.payload.text)).toContain(product.title);
    expect(details.at(-1)!.method).toBe('sendPhoto');
    expect(keyboardOf(details.at(-1)).map((b) => b.text)).toEqual(['Add to quote', 'Bundle']);

    const bundle = await press(button(details, /^Bundle$/));
    const album = bundle.find((call) => call.method === 'sendMediaGroup');
    expect(album?.payload.media.length).toBeGreaterThan(1);
    expect(album!.payload.media[0].media).toBe(product.image_urls[0]);
    expect(visibleText(bundle.at(-1)!.payload.text)).toContain(`A set around ${product.title} (${sku})`);
    expect(keyboardOf(bundle.at(-1)).some((b) => /^Add to quote: /.test(b.text))).toBe(true);

    const added = await press(button(details, /^Add to quote$/));
    expect(visibleText(added[0]!.payload.text)).toMatch(new RegExp(`^Added 300 × .*\\(${sku}\\)`));
    const shortlist = await press(button(added, /^My shortlist$/));
    expect(visibleText(shortlist[0]!.payload.text)).toContain(`300 × ${product.title} (${sku})`);

    const answered = tg.emulator.calls.filter((c) => c.method === 'answerCallbackQuery' && c.status === 200);
    expect(answered.map((c) => c.payload.callback_query_id)).toEqual(expect.arrayContaining(presses));
  });
});

describe('who the bot answers', () => {
  const group: TestChat = { id: -100200, type: 'supergroup', title: 'Boutique buyers' };
  const mention = (text: string) => ({ entities: [{ type: 'mention', offset: text.indexOf('@'), length: 12 }] });

  it('stays quiet in a group unless mentioned or replied to, and reads the message without the mention', async () => {
    const bob = buyer(2001);
    const quiet = tg.emulator.say(bob, group, 'white maxi dresses');
    expect(await tg.handled(quiet)).toBe('ignored');
    expect(tg.emulator.sentTo(group.id)).toHaveLength(0);

    const text = '@TestNameBot white maxi dresses';
    const mentioned = tg.emulator.say(bob, group, text, mention(text));
    expect(await tg.handled(mentioned)).toBe('replied');
    expect(tg.inbound.at(-1)).toMatchObject({ chatId: String(group.id), userId: '2001', text: 'white maxi dresses' });
    const answer = tg.emulator.sentTo(group.id);
    expect(visibleText(answer[0]!.payload.text)).toMatch(/^Here is what I found/);
    // In a group the answer quotes the buyer's message, so several buyers can tell theirs apart.
    expect(answer[0]!.payload.reply_parameters).toMatchObject({ allow_sending_without_reply: true });

    const mark = answer.length;
    const botMessage = { message_id: 7, date: 0, chat: group, from: { id: 666, is_bot: true, first_name: 'Bot' } };
    const replied = tg.emulator.say(bob, group, 'show more', { reply_to_message: botMessage });
    expect(await tg.handled(replied)).toBe('replied');
    expect(tg.inbound.at(-1)!.text).toBe('show more');
    expect(sentSince(group.id, mark).length).toBeGreaterThan(0);
  });

  it('never answers a bot, nor a command meant for another bot', async () => {
    const otherBot = buyer(2002, { is_bot: true });
    const fromBot = tg.emulator.say(otherBot, privateChat(otherBot), 'hello');
    expect(await tg.handled(fromBot)).toBe('ignored');
    const text = '@TestNameBot hello';
    const botInGroup = tg.emulator.say(otherBot, group, text, mention(text));
    expect(await tg.handled(botInGroup)).toBe('ignored');
    const carl = buyer(2003);
    const command = '/help@OtherShopBot';
    const forOther = tg.emulator.say(carl, group, command, {
      entities: [{ type: 'bot_command', offset: 0, length: command.length }],
    });
    expect(await tg.handled(forOther)).toBe('ignored');
    expect(tg.emulator.sentTo(otherBot.id)).toHaveLength(0);
  });

  it('passes commands to the engine as the words its intents know', async () => {
    const dora = buyer(2004);
    const chat = privateChat(dora);
    const expected: Array<[string, string]> = [
      ['/start', '/start'],
      ['/help@TestNameBot', '/help'],
      ['/shortlist', '/shortlist'],
      ['/lang es', '/lang es'],
      ['/sales', '/sales'],
      ['/deletemydata', '/deletemydata'],
    ];
    for (const [command, text] of expected) {
      const length = command.split(' ')[0]!.length;
      const update = tg.emulator.say(dora, chat, command, { entities: [{ type: 'bot_command', offset: 0, length }] });
      expect(await tg.handled(update)).toBe('replied');
      expect(tg.inbound.at(-1)!.text).toBe(text);
    }
  });
});

describe('delivery', () => {
  it('waits out a 429 with retry_after, then delivers the same message once', async () => {
    const cy = buyer(3001);
    tg.emulator.failNext('sendMessage', {
      error_code: 429,
      description: 'Too Many Requests: retry after 1',
      retry_after: 1,
    });
    const update = tg.emulator.say(cy, privateChat(cy), 'hello');
    expect(await tg.handled(update)).toBe('replied');
    const attempts = tg.emulator.calls.filter((c) => c.method === 'sendMessage' && c.payload.chat_id === cy.id);
    expect(attempts.map((a) => a.status)).toEqual([429, 200]);
    expect(attempts[1]!.at - attempts[0]!.at).toBeGreaterThanOrEqual(900);
    expect(attempts[1]!.payload.text).toBe(attempts[0]!.payload.text);
  });

  it('splits a long reply at paragraph breaks and keeps a card caption within 1024 characters', async () => {
    const paragraphs = Array.from(
      { length: 16 },
      (_, i) => `Paragraph ${i + 1}. ${'Soft chiffon, lined bodice & hidden <zip>. '.repeat(13).trim()}`,
    );
    const product = {
      sku: 'DR-9901',
      title: `Chiffon maxi dress ${'with a very long title '.repeat(20)}`.trim(),
      category: 'dress',
      description: paragraphs.join('\n\n'),
      colors: Array.from({ length: 80 }, (_, i) => `dusty rose shade ${i + 1}`),
      price_tiers: [{ min_qty: 50, unit_price: 12.5 }],
      image_urls: ['https://placehold.co/600x800/png?text=DR-9901'],
    };
    expect(product.title.length).toBeLessThanOrEqual(500);
    const report = await importText(tg.catalog.db, `${JSON.stringify(product)}\n`, { format: 'jsonl' });
    expect(report.errors).toHaveLength(0);

    const fay = buyer(3002);
    const update = tg.emulator.say(fay, privateChat(fay), 'tell me about DR-9901');
    expect(await tg.handled(update)).toBe('replied');
    const sent = tg.emulator.sentTo(fay.id);
    const texts = sent.filter((c) => c.method === 'sendMessage').map((c) => visibleText(c.payload.text));
    expect(texts.length).toBeGreaterThanOrEqual(3);
    for (const text of texts) expect(text.length).toBeLessThanOrEqual(4096);
    for (const text of texts.slice(0, -1)) expect(text).toMatch(/hidden <zip>\.$/);
    for (const text of texts.slice(1)) expect(text).toMatch(/^Paragraph \d+\./);
    for (const paragraph of paragraphs) expect(texts.some((text) => text.includes(paragraph))).toBe(true);
    // Escaped for parse_mode HTML: the catalog's < and & never reach Telegram raw.
    expect(sent[0]!.payload.text).toContain('&amp; hidden &lt;zip&gt;');

    const card = sent.at(-1)!;
    expect(card.method).toBe('sendPhoto');
    const caption = visibleText(card.payload.caption);
    expect(caption.length).toBeLessThanOrEqual(1024);
    expect(caption).toContain('…');
    expect(caption).toMatch(/^Chiffon maxi dress with a very long title/);
    expect(caption).toContain('\nDR-9901 · $12.50 × 50 pcs · MOQ 50\n');
  });

  it('sends a card as text when Telegram cannot fetch its image', async () => {
    const gus = buyer(3005);
    tg.emulator.failNext('sendPhoto', {
      error_code: 400,
      description: 'Bad Request: wrong type of the web page content',
    });
    const update = tg.emulator.say(gus, privateChat(gus), 'tell me about DR-1001');
    expect(await tg.handled(update)).toBe('replied');
    const card = tg.emulator.sentTo(gus.id).at(-1)!;
    expect(card.method).toBe('sendMessage');
    expect(card.payload.text).toMatch(/^<b>Chiffon maxi dress, V-neck, ruffle hem<\/b>\nDR-1001 · /);
    expect(keyboardOf(card).map((b) => b.text)).toEqual(['Add to quote', 'Bundle']);
    expect(tg.logLines.some((line) => line.includes('product image refused'))).toBe(true);
  });

  it('passes a buyer’s photo to the engine as a file URL under the API root, and never logs the URL', async () => {
    const dee = buyer(3003);
    const { updateId, fileIds } = tg.emulator.sendPhoto(dee, privateChat(dee), 'do you have this dress in red?');
    expect(await tg.handled(updateId)).toBe('replied');
    expect(tg.emulator.calls.some((c) => c.method === 'getFile' && c.payload.file_id === fileIds[1])).toBe(true);
    expect(tg.inbound.at(-1)).toMatchObject({
      text: 'do you have this dress in red?',
      photo: { url: `${tg.emulator.apiRoot}/file/bot${tg.emulator.token}/photos/${fileIds[1]}.jpg` },
    });
    expect(tg.emulator.sentTo(dee.id).length).toBeGreaterThan(0);
    expect(tg.logLines.join('\n')).not.toContain(tg.emulator.token);
  });

  it('apologises in the buyer’s language when the engine fails, and keeps polling', async () => {
    const eve = buyer(3004, { language_code: 'es' });
    tg.failOn.add('please break');
    const broken = tg.emulator.say(eve, privateChat(eve), 'please break');
    expect(await tg.handled(broken)).toBe('engine failed');
    expect(tg.emulator.sentTo(eve.id).map((c) => c.payload.text)).toEqual([
      'Lo sentimos, algo ha fallado por nuestra parte; inténtalo de nuevo en un minuto.',
    ]);
    expect(tg.logLines.some((line) => line.includes('engine failure for'))).toBe(true);

    const next = tg.emulator.say(eve, privateChat(eve), 'hola');
    expect(await tg.handled(next)).toBe('replied');
  });
});
