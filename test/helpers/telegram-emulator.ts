import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { TelegramServer } from 'telegram-test-api/lib/telegramServer.js';

/**
 * A Telegram Bot API for tests, with no network: telegram-test-api (which
 * implements the text methods: getMe, getUpdates, sendMessage,
 * answerCallbackQuery, …) behind a small front on its own port. The front
 * records every call the bot makes, answers the methods the emulator lacks
 * (sendPhoto, sendMediaGroup, sendChatAction, setMyCommands, getFile,
 * setWebhook) itself, holds getUpdates open until an update arrives (long
 * polling, which the emulator does not do), and can fail a call once as
 * Telegram would (a 429 with retry_after, a 400). Point grammY's apiRoot at `apiRoot`.
 */

export interface RecordedCall {
  method: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- Bot API payloads, read field by field in tests
  payload: Record<string, any>;
  at: number;
  /** the HTTP status the front answered with */
  status: number;
  /** what the method returned (the sent message, with its message_id) */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- Bot API result, read field by field in tests
  result?: any;
}

export interface TestUser {
  id: number;
  first_name: string;
  username?: string;
  is_bot?: boolean;
  language_code?: string;
}

export interface TestChat {
  id: number;
  type: 'private' | 'group' | 'supergroup';
  title?: string;
}

export interface Failure {
  error_code: number;
  description: string;
  retry_after?: number;
}

export interface TelegramEmulator {
  /** the front's URL: grammY's apiRoot */
  apiRoot: string;
  token: string;
  /** who getMe says the bot is */
  bot: { id: number; username: string };
  calls: RecordedCall[];
  /** the messages the bot put in a chat (sendMessage, sendPhoto, sendMediaGroup) */
  sentTo(chatId: number): RecordedCall[];
  /** a buyer's message, queued for getUpdates; returns its update_id */
  say(from: TestUser, chat: TestChat, text: string, extra?: Record<string, unknown>): number;
  /** a message with a photo (sizes smallest first, as Telegram sends them) */
  sendPhoto(from: TestUser, chat: TestChat, caption: string): { updateId: number; fileIds: string[] };
  /** a button press on one of the bot's messages (the latest, unless messageId says which); returns the update and callback query ids */
  press(
    from: TestUser,
    chat: TestChat,
    data: string,
    options?: { messageId?: number },
  ): { updateId: number; queryId: string };
  /** the next call of `method` fails as Telegram would fail it (429 with retry_after, 400 …) */
  failNext(method: string, failure: Failure): void;
  close(): Promise<void>;
}

/** telegram-test-api's counters and app, which its typings keep private. */
interface EmulatorInternals {
  updateId: number;
  messageId: number;
  callbackId: number;
  webServer: http.RequestListener;
  storage: { userMessages: Array<{ botToken: string; isRead: boolean }> };
}

const ANSWERED_BY_FRONT = new Set([
  'sendPhoto',
  'sendMediaGroup',
  'sendChatAction',
  'setMyCommands',
  'getFile',
  'setWebhook',
]);
const LONG_POLL_CAP_MS = 2000;

export async function startTelegramEmulator(token = '123456:TEST-token_for-showroom'): Promise<TelegramEmulator> {
  const server = new TelegramServer({ host: '127.0.0.1', storeTimeout: 600 });
  const internals = server as unknown as EmulatorInternals;
  // The emulator's own start() falls back to port 9000 for port 0; serve its app on a free port instead.
  const emulatorHttp = http.createServer(internals.webServer);
  const emulatorUrl = await listen(emulatorHttp);

  const calls: RecordedCall[] = [];
  const failures = new Map<string, Failure[]>();
  let frontMessageId = 100_000;

  const hasUnread = () => internals.storage.userMessages.some((u) => u.botToken === token && !u.isRead);
  const waitForUpdate = (ms: number, response: http.ServerResponse) =>
    new Promise<void>((resolve) => {
      if (hasUnread()) return resolve();
      const done = () => {
        clearTimeout(timer);
        for (const event of ['AddedUserMessage', 'AddedUserCommand', 'AddedUserCallbackQuery']) {
          server.off(event, done);
        }
        response.off('close', done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      for (const event of ['AddedUserMessage', 'AddedUserCommand', 'AddedUserCallbackQuery']) server.on(event, done);
      response.on('close', done);
    });

  const front = http.createServer((request, response) => {
    serve(request, response).catch((error: unknown) => {
      if (!response.headersSent) response.writeHead(502).end(JSON.stringify({ ok: false, description: String(error) }));
    });
  });
  async function serve(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    const match = /^\/bot([^/]+)\/(\w+)$/.exec(new URL(request.url ?? '/', 'http://front').pathname);
    const chunks: Buffer[] = [];
    for await (const chunk of request as AsyncIterable<Buffer>) chunks.push(chunk);
    const body = Buffer.concat(chunks).toString('utf8');
    const payload = body ? JSON.parse(body) : {};
    const method = match?.[2] ?? '';
    const reply = (status: number, json: unknown) => {
      calls.push({ method, payload, at: Date.now(), status });
      response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(json));
    };
    if (!match || match[1] !== token) return reply(401, { ok: false, error_code: 401, description: 'Unauthorized' });

    const failure = failures.get(method)?.shift();
    if (failure) {
      const { retry_after, ...error } = failure;
      return reply(failure.error_code, {
        ok: false,
        ...error,
        ...(retry_after ? { parameters: { retry_after } } : {}),
      });
    }
    if (ANSWERED_BY_FRONT.has(method)) return reply(200, { ok: true, result: frontResult(method, payload) });
    if (method === 'getUpdates') {
      await waitForUpdate(Math.min(Number(payload.timeout ?? 0) * 1000, LONG_POLL_CAP_MS), response);
      if (response.destroyed) return;
    }
    const forwarded = await forward(emulatorUrl, request, body);
    const result = forwarded.status === 200 ? (JSON.parse(forwarded.body) as { result?: unknown }).result : undefined;
    calls.push({ method, payload, at: Date.now(), status: forwarded.status, result });
    response.writeHead(forwarded.status, { 'content-type': 'application/json' }).end(forwarded.body);
  }
  const apiRoot = await listen(front);

  function frontResult(method: string, payload: RecordedCall['payload']): unknown {
    const chat = { id: Number(payload.chat_id), type: Number(payload.chat_id) < 0 ? 'supergroup' : 'private' };
    const message = (extra: object) => ({ message_id: ++frontMessageId, date: now(), chat, ...extra });
    switch (method) {
      case 'sendPhoto':
        return message({
          caption: payload.caption,
          photo: [{ file_id: 'sent', file_unique_id: 'sent', width: 1, height: 1 }],
        });
      case 'sendMediaGroup':
        return (payload.media as unknown[]).map(() => message({}));
      case 'getFile':
        return {
          file_id: payload.file_id,
          file_unique_id: `u-${payload.file_id}`,
          file_path: `photos/${payload.file_id}.jpg`,
        };
      default:
        return true;
    }
  }

  const commonMessage = (from: TestUser, chat: TestChat) => ({
    from: { is_bot: false, ...from },
    chat:
      chat.type === 'private' ? { ...chat, first_name: from.first_name } : { ...chat, title: chat.title ?? 'Buyers' },
    date: now(),
    botToken: token,
  });

  return {
    apiRoot,
    token,
    bot: { id: BOT_SENDER.id, username: BOT_SENDER.username },
    calls,
    sentTo: (chatId) =>
      calls.filter(
        (call) =>
          ['sendMessage', 'sendPhoto', 'sendMediaGroup'].includes(call.method) &&
          call.status === 200 &&
          Number(call.payload.chat_id) === chatId,
      ),
    say(from, chat, text, extra = {}) {
      const updateId = internals.updateId;
      void server.addUserMessage({ ...commonMessage(from, chat), text, ...extra } as never);
      return updateId;
    },
    sendPhoto(from, chat, caption) {
      const updateId = internals.updateId;
      const fileIds = [`small-${updateId}`, `large-${updateId}`];
      const photo = fileIds.map((file_id, i) => ({
        file_id,
        file_unique_id: file_id,
        width: 90 * (i + 1),
        height: 90,
      }));
      void server.addUserMessage({ ...commonMessage(from, chat), photo, caption } as never);
      return { updateId, fileIds };
    },
    press(from, chat, data, options = {}) {
      const updateId = internals.updateId;
      const queryId = String(internals.callbackId);
      const message = {
        ...commonMessage(from, chat),
        message_id: options.messageId ?? internals.messageId,
        from: BOT_SENDER,
      };
      void server.addUserCallback({
        from: { is_bot: false, ...from },
        message,
        data,
        date: now(),
        botToken: token,
      } as never);
      return { updateId, queryId };
    },
    failNext(method, failure) {
      failures.set(method, [...(failures.get(method) ?? []), failure]);
    },
    async close() {
      await Promise.all([close(front), close(emulatorHttp)]);
    },
  };
}

/** getMe of telegram-test-api */
const BOT_SENDER = { id: 666, is_bot: true, first_name: 'Test First name', username: 'TestNameBot' };

function now(): number {
  return Math.floor(Date.now() / 1000);
}

function listen(server: http.Server): Promise<string> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`));
  });
}

function close(server: http.Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

function forward(base: string, request: http.IncomingMessage, body: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const outgoing = http.request(
      `${base}${request.url}`,
      { method: request.method, headers: { 'content-type': request.headers['content-type'] ?? 'application/json' } },
      (incoming) => {
        const chunks: Buffer[] = [];
        incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
        incoming.on('end', () =>
          resolve({ status: incoming.statusCode ?? 500, body: Buffer.concat(chunks).toString() }),
        );
        incoming.on('error', reject);
      },
    );
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}
