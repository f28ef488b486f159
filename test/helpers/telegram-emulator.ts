import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { TelegramServer } from 'telegram-test-api/lib/telegramServer.js';

/**
 * A Telegram Bot API for tests, with no network: telegram-test-api (which
 * implements the text methods: getMe, getUpdates, sendMessage,
 * answerCallbackQuery, …) behind a small front on its own port. The front
 * records every call the bot makes, answers the methods the emulator lacks
 * (sendPhoto, sendMediaGroup, sendChatAction, setMyCommands, getFile,
 * setWebhook, sendDocument) itself, holds getUpdates open until an update arrives (long
 * polling, which the emulator does not do), and can fail a call once as
 * Telegram would (a 429 with retry_after, a 400). Files: uploads (multipart,
 * as grammY sends an InputFile) are recorded with their bytes, and the
 * photos and documents people send or the bot sent are served at
 * /file/bot<token>/<file_path> as the Bot API serves them. Point grammY's
 * apiRoot at `apiRoot`.
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
  /** files uploaded with the call (multipart), by the field that named them (photo, document) */
  files?: Record<string, { name: string; bytes: Buffer }>;
}

/** A file Telegram holds, for getFile and downloads. */
export interface TestFile {
  name: string;
  mimeType: string;
  bytes: Buffer;
  /** what Telegram says the size is; over 20 MB getFile refuses it, as Telegram does */
  size?: number;
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
  /** the messages the bot put in a chat (sendMessage, sendPhoto, sendMediaGroup, sendDocument) */
  sentTo(chatId: number): RecordedCall[];
  /** a buyer's message, queued for getUpdates; returns its update_id */
  say(from: TestUser, chat: TestChat, text: string, extra?: Record<string, unknown>): number;
  /** a message with a photo (sizes smallest first, as Telegram sends them); `bytes` are the largest size's */
  sendPhoto(
    from: TestUser,
    chat: TestChat,
    caption: string,
    options?: { bytes?: Buffer; extra?: Record<string, unknown> },
  ): { updateId: number; fileIds: string[] };
  /** a message with a document */
  sendDocument(
    from: TestUser,
    chat: TestChat,
    file: TestFile,
    options?: { caption?: string; extra?: Record<string, unknown> },
  ): { updateId: number; fileId: string };
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
  'sendDocument',
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
  const files = new Map<string, TestFile & { path: string }>();
  let frontMessageId = 100_000;
  let fileSequence = 0;
  const keepFile = (fileId: string, file: TestFile) => {
    const folder = file.mimeType.startsWith('image/') ? 'photos' : 'documents';
    files.set(fileId, { ...file, path: `${folder}/${fileId}-${file.name}` });
  };

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
    const pathname = new URL(request.url ?? '/', 'http://front').pathname;
    const download = /^\/file\/bot([^/]+)\/(.+)$/.exec(pathname);
    if (download) return serveFile(download[1]!, decodeURIComponent(download[2]!), response);
    const match = /^\/bot([^/]+)\/(\w+)$/.exec(pathname);
    const chunks: Buffer[] = [];
    for await (const chunk of request as AsyncIterable<Buffer>) chunks.push(chunk);
    const raw = Buffer.concat(chunks);
    const body = raw.toString('utf8');
    const contentType = request.headers['content-type'] ?? '';
    const { payload, files: uploaded } = contentType.startsWith('multipart/')
      ? readMultipart(raw, contentType)
      : { payload: body ? JSON.parse(body) : {}, files: undefined };
    const method = match?.[2] ?? '';
    const reply = (status: number, json: unknown) => {
      const result = (json as { result?: unknown }).result;
      calls.push({ method, payload, at: Date.now(), status, result, ...(uploaded ? { files: uploaded } : {}) });
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
    if (method === 'getFile' && (files.get(String(payload.file_id))?.size ?? 0) > 20 * 2 ** 20) {
      return reply(400, { ok: false, error_code: 400, description: 'Bad Request: file is too big' });
    }
    if (ANSWERED_BY_FRONT.has(method)) {
      return reply(200, { ok: true, result: frontResult(method, payload, uploaded) });
    }
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

  function serveFile(botToken: string, path: string, response: http.ServerResponse): void {
    const file = [...files.values()].find((f) => f.path === path);
    calls.push({ method: 'downloadFile', payload: { path }, at: Date.now(), status: file ? 200 : 404 });
    if (botToken !== token) return void response.writeHead(401).end();
    if (!file) return void response.writeHead(404).end();
    response.writeHead(200, { 'content-type': 'application/octet-stream' }).end(file.bytes);
  }

  function frontResult(method: string, payload: RecordedCall['payload'], uploaded?: RecordedCall['files']): unknown {
    const chat = { id: Number(payload.chat_id), type: Number(payload.chat_id) < 0 ? 'supergroup' : 'private' };
    const message = (extra: object) => ({ message_id: ++frontMessageId, date: now(), chat, ...extra });
    switch (method) {
      case 'sendPhoto': {
        const file = uploaded?.photo;
        const fileId = file ? `sent-photo-${++fileSequence}` : 'sent';
        if (file) keepFile(fileId, { name: file.name, mimeType: 'image/jpeg', bytes: file.bytes });
        return message({
          caption: payload.caption,
          photo: [{ file_id: fileId, file_unique_id: fileId, width: 1, height: 1, file_size: file?.bytes.length }],
        });
      }
      case 'sendDocument': {
        const file = uploaded?.document;
        const fileId = `sent-document-${++fileSequence}`;
        if (file) keepFile(fileId, { name: file.name, mimeType: 'application/octet-stream', bytes: file.bytes });
        return message({
          caption: payload.caption,
          document: { file_id: fileId, file_unique_id: fileId, file_name: file?.name, file_size: file?.bytes.length },
        });
      }
      case 'sendMediaGroup':
        return (payload.media as unknown[]).map(() => message({}));
      case 'getFile': {
        const known = files.get(String(payload.file_id));
        return {
          file_id: payload.file_id,
          file_unique_id: `u-${payload.file_id}`,
          file_path: known?.path ?? `photos/${payload.file_id}.jpg`,
          ...(known ? { file_size: known.size ?? known.bytes.length } : {}),
        };
      }
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
          ['sendMessage', 'sendPhoto', 'sendMediaGroup', 'sendDocument'].includes(call.method) &&
          call.status === 200 &&
          Number(call.payload.chat_id) === chatId,
      ),
    say(from, chat, text, extra = {}) {
      const updateId = internals.updateId;
      void server.addUserMessage({ ...commonMessage(from, chat), text, ...extra } as never);
      return updateId;
    },
    sendPhoto(from, chat, caption, { bytes, extra = {} } = {}) {
      const updateId = internals.updateId;
      const fileIds = [`small-${updateId}`, `large-${updateId}`];
      if (bytes) keepFile(fileIds[1]!, { name: `${fileIds[1]}.jpg`, mimeType: 'image/jpeg', bytes });
      const photo = fileIds.map((file_id, i) => ({
        file_id,
        file_unique_id: file_id,
        width: 90 * (i + 1),
        height: 90,
        ...(bytes && i === 1 ? { file_size: bytes.length } : {}),
      }));
      void server.addUserMessage({ ...commonMessage(from, chat), photo, caption, ...extra } as never);
      return { updateId, fileIds };
    },
    sendDocument(from, chat, file, { caption, extra = {} } = {}) {
      const updateId = internals.updateId;
      const fileId = `document-${updateId}`;
      keepFile(fileId, file);
      const document = {
        file_id: fileId,
        file_unique_id: fileId,
        file_name: file.name,
        mime_type: file.mimeType,
        file_size: file.size ?? file.bytes.length,
      };
      void server.addUserMessage({
        ...commonMessage(from, chat),
        document,
        ...(caption ? { caption } : {}),
        ...extra,
      } as never);
      return { updateId, fileId };
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

/**
 * A multipart body as grammY sends one: fields (objects as JSON) and files,
 * each named by an attach:// field. Read by hand: grammY leaves file names
 * unquoted (`filename=a.pdf`), which undici's FormData parser refuses.
 */
function readMultipart(
  raw: Buffer,
  contentType: string,
): { payload: RecordedCall['payload']; files: NonNullable<RecordedCall['files']> } {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/.exec(contentType);
  const delimiter = Buffer.from(`--${boundary?.[1] ?? boundary?.[2]}`);
  const payload: RecordedCall['payload'] = {};
  const parts = new Map<string, { name: string; bytes: Buffer }>();
  let at = raw.indexOf(delimiter);
  while (at >= 0) {
    const start = at + delimiter.length + 2; // past the boundary and its CRLF
    const next = raw.indexOf(delimiter, start);
    if (next < 0) break;
    const part = raw.subarray(start, next - 2); // up to the CRLF before the next boundary
    const split = part.indexOf('\r\n\r\n');
    const headers = part.subarray(0, split).toString('utf8');
    const body = part.subarray(split + 4);
    const name = /name="([^"]*)"/.exec(headers)?.[1] ?? '';
    const filename = /filename="?([^";\r\n]*)"?/.exec(headers)?.[1];
    if (filename !== undefined) parts.set(name, { name: filename, bytes: Buffer.from(body) });
    else {
      const value = body.toString('utf8');
      payload[name] = /^[[{]/.test(value) ? JSON.parse(value) : value;
    }
    at = next;
  }
  const files: NonNullable<RecordedCall['files']> = {};
  for (const [key, value] of Object.entries(payload)) {
    const attached = typeof value === 'string' && value.startsWith('attach://') ? parts.get(value.slice(9)) : undefined;
    if (attached) files[key] = attached;
  }
  return { payload, files };
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
