import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChannelAdapter } from '../../src/channels/channel-adapter.ts';
import { startHttpServer, type HttpServer } from '../../src/http/http-server.ts';
import { createLogger } from '../../src/logger.ts';
import { openTelegramFixture, visibleText, type TelegramFixture } from './telegram-fixture.ts';

const SECRET = 'webhook-secret_0123456789';
const PATH = '/telegram/webhook';

let tg: TelegramFixture;
let adapter: ChannelAdapter;
let server: HttpServer;
beforeAll(async () => {
  tg = await openTelegramFixture();
  adapter = tg.adapter({
    mode: 'webhook',
    webhook: { path: PATH, secretToken: SECRET, publicUrl: 'https://bot.example.com/telegram/webhook' },
  });
  server = await startHttpServer({
    host: '127.0.0.1',
    port: 0,
    routes: adapter.routes,
    log: createLogger({ logLevel: 'silent' }),
  });
});
afterAll(async () => {
  await server?.close();
  await tg?.close();
});

/** Telegram's side of the webhook: an update POSTed with (or without) the secret. */
function deliver(update: object, secret: string | null = SECRET): Promise<Response> {
  return fetch(`${server.url}${PATH}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(secret ? { 'x-telegram-bot-api-secret-token': secret } : {}) },
    body: JSON.stringify(update),
  });
}

function textUpdate(updateId: number, userId: number, text: string) {
  return {
    update_id: updateId,
    message: {
      message_id: updateId,
      date: Math.floor(Date.now() / 1000),
      chat: { id: userId, type: 'private', first_name: 'Gia' },
      from: { id: userId, is_bot: false, first_name: 'Gia' },
      text,
    },
  };
}

describe('the Telegram adapter in webhook mode', () => {
  it('refuses updates until it is started, then registers the webhook with its secret and never polls', async () => {
    expect((await deliver(textUpdate(4999, 5999, 'hello'))).status).toBe(503);
    await adapter.start();
    const registered = tg.emulator.calls.find((call) => call.method === 'setWebhook');
    expect(registered?.payload).toMatchObject({
      url: 'https://bot.example.com/telegram/webhook',
      secret_token: SECRET,
      allowed_updates: ['message', 'callback_query'],
    });
    expect(tg.emulator.calls.some((call) => call.method === 'getUpdates')).toBe(false);
  });

  it('refuses an update with a wrong or missing secret (401) and never handles it', async () => {
    const update = textUpdate(5000, 6000, 'red chiffon maxi dresses');
    expect((await deliver(update, 'not-the-secret')).status).toBe(401);
    expect((await deliver(update, SECRET.slice(0, -1))).status).toBe(401);
    expect((await deliver(update, null)).status).toBe(401);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(tg.outcomes(5000)).toEqual([]);
    expect(tg.inbound.some((inbound) => inbound.chatId === '6000')).toBe(false);
    expect(tg.emulator.sentTo(6000)).toHaveLength(0);
  });

  it('answers an update delivered twice only once', async () => {
    const update = textUpdate(5001, 6001, 'hello');
    const responses = await Promise.all([deliver(update), deliver(update)]);
    expect(responses.map((response) => response.status)).toEqual([200, 200]);
    const deadline = Date.now() + 60_000;
    while (tg.outcomes(5001).length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(tg.outcomes(5001).sort()).toEqual(['duplicate', 'replied']);
    const sent = tg.emulator.sentTo(6001);
    expect(sent).toHaveLength(1);
    expect(visibleText(sent[0]!.payload.text)).toMatch(/^Hi! Tell me what you are looking for/);
  });

  it('acknowledges at once and answers afterwards, so Telegram never re-sends a slow one', async () => {
    tg.slowOn.set('white maxi dresses', 1500);
    const started = Date.now();
    const response = await deliver(textUpdate(5002, 6002, 'white maxi dresses'));
    expect(response.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(tg.emulator.sentTo(6002)).toHaveLength(0);
    expect(await tg.handled(5002)).toBe('replied');
    expect(tg.emulator.sentTo(6002).length).toBeGreaterThan(0);
  });

  it('rejects a body that is not a Telegram update', async () => {
    const response = await fetch(`${server.url}${PATH}`, {
      method: 'POST',
      headers: { 'x-telegram-bot-api-secret-token': SECRET },
      body: 'not json',
    });
    expect(response.status).toBe(400);
    expect((await deliver({ message: {} })).status).toBe(400);
  });

  it('refuses updates again once stopped, so Telegram delivers them to a running instance', async () => {
    await adapter.stop();
    expect((await deliver(textUpdate(5003, 6003, 'hello'))).status).toBe(503);
  });
});
