import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse } from 'node:querystring';

/**
 * A local stand-in for Slack's Web API (https://slack.com/api/<method>), for
 * Bolt's WebClient through `slackApiUrl`. It answers the methods the Slack
 * adapter calls, records every call, checks Block Kit against Slack's
 * documented limits (answering invalid_blocks as Slack does), keeps the
 * messages it was sent so conversations.replies can list a thread, and can
 * answer 429 with Retry-After on demand. Files: files.uploadV2's three steps
 * (files.getUploadURLExternal, a POST of the bytes to the upload_url it
 * gave, which is this server, and files.completeUploadExternal) are kept as
 * uploads; files added with addFile are served at their url_private to a
 * request with a bearer token, and to others as Slack does: its sign-in page.
 */

export const FAKE_BOT = { userId: 'U0BOT', botId: 'B0BOT', teamId: 'T0TEST' } as const;

export interface SlackCall {
  method: string;
  args: Record<string, unknown>;
  token: string | undefined;
  at: number;
  /** what the fake answered */
  status: number;
  error?: string;
}

export interface StoredMessage {
  channel: string;
  ts: string;
  thread_ts?: string;
  user?: string;
  bot_id?: string;
  text: string;
  blocks?: Array<Record<string, unknown>>;
}

/** A file as message events and files.info show it. */
export interface SlackFileJson {
  id: string;
  name: string;
  title: string;
  mimetype: string;
  size: number;
  url_private: string;
  url_private_download: string;
}

/** A file the app uploaded, once files.completeUploadExternal shared it. */
export interface Upload {
  fileId: string;
  name: string;
  bytes: Buffer;
  channel: string;
  thread_ts?: string;
  comment?: string;
}

export interface FakeSlackApi {
  /** the `slackApiUrl` to give the WebClient (ends in /api/) */
  url: string;
  calls: SlackCall[];
  /** successful chat.postMessage calls, in order */
  posts(): StoredMessage[];
  /** the next `times` calls of `method` get HTTP 429 with this Retry-After */
  rateLimit(method: string, retryAfterSeconds: number, times?: number): void;
  /** the next call of `method` answers `{ok: false, error}` */
  failNext(method: string, error: string): void;
  /** real names users.info gives, by user id (others are "buyer") */
  people: Map<string, string>;
  /** image URLs Slack "cannot download": a message showing one gets invalid_blocks */
  unreachableImages: Set<string>;
  /** a message someone else wrote (a thread's first message, say) */
  addMessage(message: StoredMessage): void;
  /** a file someone uploaded, served at its url_private; `size` may claim more than the bytes (a file too large) */
  addFile(file: { name: string; mimeType: string; bytes: Buffer; size?: number }): SlackFileJson;
  /** files the app uploaded and shared, in order */
  uploads: Upload[];
  /** file downloads asked for, with the token each presented */
  downloads: Array<{ fileId: string; token: string | undefined }>;
  /** resolves once `count` chat.postMessage calls succeeded */
  waitForPosts(count: number, timeoutMs?: number): Promise<StoredMessage[]>;
  close(): Promise<void>;
}

export async function startFakeSlackApi(): Promise<FakeSlackApi> {
  const calls: SlackCall[] = [];
  const messages: StoredMessage[] = [];
  const rateLimits = new Map<string, { seconds: number; times: number }>();
  const failures = new Map<string, string>();
  const unreachableImages = new Set<string>();
  const people = new Map<string, string>();
  const waiters = new Set<() => void>();
  const files = new Map<string, { json: SlackFileJson; bytes: Buffer }>();
  const uploads: Upload[] = [];
  const downloads: FakeSlackApi['downloads'] = [];
  let base = '';
  let fileSequence = 0;
  let clock = 1_700_000_000;
  let sequence = 0;
  const posts = () => messages.filter((m) => m.bot_id === FAKE_BOT.botId);

  function answer(method: string, args: Record<string, unknown>): { status: number; body: Record<string, unknown> } {
    const limited = rateLimits.get(method);
    if (limited && limited.times > 0) {
      limited.times -= 1;
      return { status: 429, body: { ok: false, error: 'ratelimited' } };
    }
    const failure = failures.get(method);
    if (failure) {
      failures.delete(method);
      return { status: 200, body: { ok: false, error: failure } };
    }
    switch (method) {
      case 'auth.test':
        return {
          status: 200,
          body: {
            ok: true,
            url: 'https://showroom-test.slack.com/',
            team: 'Showroom Test',
            user: 'showroom',
            team_id: FAKE_BOT.teamId,
            user_id: FAKE_BOT.userId,
            bot_id: FAKE_BOT.botId,
          },
        };
      case 'chat.postMessage': {
        const problems = blockProblems(args, unreachableImages);
        if (problems.length) {
          return {
            status: 200,
            body: { ok: false, error: 'invalid_blocks', response_metadata: { messages: problems } },
          };
        }
        const message: StoredMessage = {
          channel: String(args.channel),
          ts: `${++clock}.${String(++sequence).padStart(6, '0')}`,
          ...(args.thread_ts ? { thread_ts: String(args.thread_ts) } : {}),
          user: FAKE_BOT.userId,
          bot_id: FAKE_BOT.botId,
          text: String(args.text ?? ''),
          ...(args.blocks ? { blocks: args.blocks as Array<Record<string, unknown>> } : {}),
        };
        messages.push(message);
        for (const wake of waiters) wake();
        return { status: 200, body: { ok: true, channel: message.channel, ts: message.ts, message } };
      }
      case 'conversations.replies': {
        const thread = messages.filter(
          (m) => m.channel === args.channel && (m.ts === args.ts || m.thread_ts === args.ts),
        );
        return { status: 200, body: { ok: true, messages: thread, has_more: false } };
      }
      case 'conversations.info':
        return { status: 200, body: { ok: true, channel: { id: args.channel, is_shared: true, is_ext_shared: true } } };
      case 'users.info': {
        const realName = people.get(String(args.user));
        const user = { id: args.user, name: realName?.toLowerCase().replace(/\s+/g, '.') ?? 'buyer', is_bot: false };
        return {
          status: 200,
          body: {
            ok: true,
            user: realName ? { ...user, real_name: realName, profile: { real_name: realName } } : user,
          },
        };
      }
      case 'chat.update': {
        const problems = blockProblems(args, unreachableImages);
        if (problems.length) return { status: 200, body: { ok: false, error: 'invalid_blocks' } };
        const message = messages.find((m) => m.channel === args.channel && m.ts === args.ts);
        if (!message) return { status: 200, body: { ok: false, error: 'message_not_found' } };
        message.text = String(args.text ?? '');
        if (args.blocks) message.blocks = args.blocks as Array<Record<string, unknown>>;
        return { status: 200, body: { ok: true, channel: message.channel, ts: message.ts, text: message.text } };
      }
      case 'files.getUploadURLExternal': {
        const id = `F0UP${++fileSequence}`;
        const name = String(args.filename);
        files.set(id, {
          json: fileJson(id, name, 'application/octet-stream', Number(args.length)),
          bytes: Buffer.alloc(0),
        });
        return { status: 200, body: { ok: true, upload_url: `${base}/upload/v1/${id}`, file_id: id } };
      }
      case 'files.completeUploadExternal': {
        const listed = (Array.isArray(args.files) ? args.files : []) as Array<{ id: string; title?: string }>;
        if (!listed.every((f) => files.has(f.id))) return { status: 200, body: { ok: false, error: 'file_not_found' } };
        for (const { id } of listed) {
          const { json, bytes } = files.get(id)!;
          uploads.push({
            fileId: id,
            name: json.name,
            bytes,
            channel: String(args.channel_id),
            ...(args.thread_ts ? { thread_ts: String(args.thread_ts) } : {}),
            ...(args.initial_comment ? { comment: String(args.initial_comment) } : {}),
          });
        }
        return { status: 200, body: { ok: true, files: listed.map(({ id }) => files.get(id)!.json) } };
      }
      case 'files.info': {
        const file = files.get(String(args.file));
        return file
          ? { status: 200, body: { ok: true, file: file.json } }
          : { status: 200, body: { ok: false, error: 'file_not_found' } };
      }
      default:
        return { status: 200, body: { ok: false, error: 'unknown_method' } };
    }
  }

  function fileJson(id: string, name: string, mimetype: string, size: number): SlackFileJson {
    const url = `${base}/files-pri/${FAKE_BOT.teamId}-${id}/${encodeURIComponent(name)}`;
    return { id, name, title: name, mimetype, size, url_private: url, url_private_download: `${url}?download=1` };
  }

  /** The upload_url step (bytes as multipart, as the WebClient sends them) and url_private downloads. */
  async function serveFile(request: http.IncomingMessage, raw: Buffer, response: http.ServerResponse): Promise<void> {
    const path = new URL(request.url ?? '/', base).pathname;
    const upload = /^\/upload\/v1\/(\w+)$/.exec(path);
    if (upload) {
      const file = files.get(upload[1]!);
      if (!file) return void response.writeHead(404).end();
      const form = await new Request(base, {
        method: 'POST',
        headers: { 'content-type': request.headers['content-type'] ?? '' },
        body: raw,
      }).formData();
      const part = [...form.values()].find((value) => typeof value !== 'string');
      file.bytes = typeof part === 'object' ? Buffer.from(await part.arrayBuffer()) : raw;
      file.json.size = file.bytes.length;
      return void response.writeHead(200, { 'content-type': 'text/plain' }).end(`OK - ${file.bytes.length}`);
    }
    const fileId = /^\/files-pri\/[^-]+-(\w+)\//.exec(path)?.[1];
    const file = fileId ? files.get(fileId) : undefined;
    const token = request.headers.authorization?.replace(/^Bearer /, '');
    if (fileId) downloads.push({ fileId, token });
    if (!file) return void response.writeHead(404).end();
    if (!token) return void response.writeHead(200, { 'content-type': 'text/html' }).end('<html>Sign in</html>');
    response
      .writeHead(200, { 'content-type': file.json.mimetype, 'content-length': file.bytes.length })
      .end(file.bytes);
  }

  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      if (!request.url?.startsWith('/api/')) {
        serveFile(request, Buffer.concat(chunks), response).catch(() => response.writeHead(500).end());
        return;
      }
      const method = (request.url ?? '').replace(/^\/api\//, '').split('?')[0]!;
      const raw = Buffer.concat(chunks).toString('utf8');
      const args = readArgs(raw, request.headers['content-type'] ?? '');
      const { status, body } = answer(method, args);
      const token = request.headers.authorization?.replace(/^Bearer /, '');
      calls.push({ method, args, token, at: Date.now(), status, ...(body.ok ? {} : { error: String(body.error) }) });
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (status === 429) headers['retry-after'] = String(rateLimits.get(method)?.seconds ?? 1);
      response.writeHead(status, headers).end(JSON.stringify(body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  base = `http://127.0.0.1:${port}`;

  return {
    url: `${base}/api/`,
    calls,
    posts,
    uploads,
    downloads,
    addFile({ name, mimeType, bytes, size }) {
      const json = fileJson(`F0IN${++fileSequence}`, name, mimeType, size ?? bytes.length);
      files.set(json.id, { json, bytes });
      return json;
    },
    people,
    unreachableImages,
    rateLimit(method, seconds, times = 1) {
      rateLimits.set(method, { seconds, times });
    },
    failNext(method, error) {
      failures.set(method, error);
    },
    addMessage(message) {
      messages.push(message);
    },
    waitForPosts(count, timeoutMs = 30_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (posts().length < count) return;
          cleanup();
          resolve(posts());
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`expected ${count} chat.postMessage calls within ${timeoutMs} ms, got ${posts().length}`));
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** The WebClient sends form fields, with objects and arrays as JSON; JSON bodies are read too. */
function readArgs(raw: string, contentType: string): Record<string, unknown> {
  if (contentType.includes('application/json')) return raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
  const args: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(parse(raw))) {
    const text = Array.isArray(value) ? value[0] : value;
    if (text === undefined) continue;
    args[key] = /^[[{]/.test(text) ? safeJson(text) : text;
  }
  return args;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Block JSON as it arrived: checked field by field below, so a loose type reads best. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type BlockJson = any;

/** Slack's documented Block Kit limits (https://docs.slack.dev/reference/block-kit/blocks). */
export function blockProblems(
  args: { text?: unknown; blocks?: unknown },
  unreachableImages = new Set<string>(),
): string[] {
  const problems: string[] = [];
  const text = typeof args.text === 'string' ? args.text : '';
  const blocks: BlockJson[] = Array.isArray(args.blocks) ? args.blocks : [];
  if (!text && blocks.length === 0) problems.push('no_text');
  if (text.length > 40_000) problems.push('msg_too_long');
  if (blocks.length > 50) problems.push(`[ERROR] must provide no more than 50 items [json-pointer:/blocks]`);
  const check = (ok: boolean, problem: string) => {
    if (!ok) problems.push(`[ERROR] ${problem}`);
  };
  const image = (img: BlockJson, at: string) => {
    check(typeof img.image_url === 'string' && img.image_url.length <= 3000, `image_url too long ${at}`);
    check(typeof img.alt_text === 'string' && img.alt_text.length <= 2000, `alt_text too long ${at}`);
    check(!unreachableImages.has(img.image_url), `downloading image failed ${at}`);
  };
  const actionIds = new Set<string>();
  blocks.forEach((block, i) => {
    const at = `[json-pointer:/blocks/${i}]`;
    switch (block.type) {
      case 'section': {
        check(Boolean(block.text || block.fields), `section needs text or fields ${at}`);
        if (block.text) check(block.text.text.length >= 1 && block.text.text.length <= 3000, `text length ${at}`);
        if (block.fields) {
          check(block.fields.length <= 10, `more than 10 fields ${at}`);
          for (const field of block.fields)
            check(field.text.length >= 1 && field.text.length <= 2000, `field length ${at}`);
        }
        if (block.accessory?.type === 'image') image(block.accessory, at);
        break;
      }
      case 'header':
        check(block.text.type === 'plain_text' && block.text.text.length <= 150, `header text length ${at}`);
        break;
      case 'actions':
        check(block.elements.length >= 1 && block.elements.length <= 25, `more than 25 elements ${at}`);
        for (const element of block.elements) {
          check(element.text.text.length <= 75, `button text length ${at}`);
          check(!element.value || element.value.length <= 2000, `button value length ${at}`);
          check(element.action_id.length <= 255 && !actionIds.has(element.action_id), `action_id not unique ${at}`);
          actionIds.add(element.action_id);
        }
        break;
      case 'context':
        check(block.elements.length <= 10, `more than 10 context elements ${at}`);
        break;
      case 'image':
        image(block, at);
        break;
      case 'divider':
        break;
      default:
        problems.push(`[ERROR] unknown block type ${String(block.type)} ${at}`);
    }
  });
  return problems;
}
