import pino from 'pino';
import { createSlackAdapter, type SlackAdapterOptions } from '../../adapters/slack/slack-adapter.ts';
import type { ChannelAdapter } from '../../src/channels/channel-adapter.ts';
import {
  createConversationEngine,
  type ConversationEngine,
  type Received,
} from '../../src/conversation/conversation-engine.ts';
import type { InboundMessage } from '../../src/conversation/messages.ts';
import { startHttpServer, type HttpServer } from '../../src/http/http-server.ts';
import { FAKE_BOT, startFakeSlackApi, type FakeSlackApi, type StoredMessage } from '../helpers/fake-slack-api.ts';
import { openSeedCatalog, type EvalCatalog, offlinePlannerFor } from '../helpers/seed-catalog.ts';
import {
  SIGNING_SECRET,
  blockActionsBody,
  eventBody,
  nextTs,
  signedPost,
  type Delivered,
  type SignedRequestOptions,
} from '../helpers/slack-requests.ts';

export { SIGNING_SECRET, slackHeaders, type Delivered, type SignedRequestOptions } from '../helpers/slack-requests.ts';

/**
 * The real Bolt App with the adapter's receiver, served by the project's own
 * HTTP server, reached with requests signed as Slack signs them; its Web API
 * calls go to a local fake. The engine is the real one (PGlite, seed catalog,
 * offline planner) behind a wrapper that can slow it down or make it fail.
 */

export const BUYER = 'U0BUYER';

export interface EngineHooks {
  /** wait this long before each engine.receive */
  delayMs: number;
  /** make engine.receive throw for these messages */
  failWhen?: (inbound: InboundMessage) => boolean;
  /** every engine.receive call with what it answered */
  calls: Array<{ inbound: InboundMessage; received?: Received }>;
}

export interface SlackHarness {
  catalog: EvalCatalog;
  adapter: ChannelAdapter;
  api: FakeSlackApi;
  hooks: EngineHooks;
  logs: Array<{ level: number; msg: string; [key: string]: unknown }>;
  eventsUrl: string;
  /** posts a raw body as Slack would, signed; resolves when the HTTP response is complete */
  send(body: string, contentType: string, options?: SignedRequestOptions): Promise<Delivered>;
  /** an Events API callback around `event` */
  sendEvent(event: Record<string, unknown>, options?: SignedRequestOptions & { eventId?: string }): Promise<Delivered>;
  /** presses the button with this short id on a message the bot posted */
  press(
    message: StoredMessage,
    buttonId: string,
    options?: SignedRequestOptions & { user?: string },
  ): Promise<Delivered>;
  /** waits for the adapter's work in flight */
  settle(): Promise<void>;
  close(): Promise<void>;
}

export function dm(text: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { type: 'message', channel: 'D0BUYER', channel_type: 'im', user: BUYER, text, ts: nextTs(), ...extra };
}

export function channelMessage(channel: string, text: string, extra: Record<string, unknown> = {}) {
  return { type: 'message', channel, channel_type: 'channel', user: BUYER, text, ts: nextTs(), ...extra };
}

export function mention(channel: string, text: string, extra: Record<string, unknown> = {}) {
  return { type: 'app_mention', channel, user: BUYER, text: `<@${FAKE_BOT.userId}> ${text}`, ts: nextTs(), ...extra };
}

export async function startSlackHarness(options: Partial<SlackAdapterOptions> = {}): Promise<SlackHarness> {
  const catalog = await openSeedCatalog();
  const real = createConversationEngine({
    db: catalog.db,
    planner: await offlinePlannerFor(catalog),
  });
  const hooks: EngineHooks = { delayMs: 0, calls: [] };
  const engine: ConversationEngine = {
    handle: async (inbound) => (await engine.receive(inbound)).replies,
    async receive(inbound) {
      const call: EngineHooks['calls'][number] = { inbound };
      hooks.calls.push(call);
      if (hooks.delayMs) await new Promise((resolve) => setTimeout(resolve, hooks.delayMs));
      if (hooks.failWhen?.(inbound)) throw new Error('the engine failed on purpose');
      call.received = await real.receive(inbound);
      return call.received;
    },
  };
  const logs: SlackHarness['logs'] = [];
  const log = pino({ level: 'debug' }, { write: (line: string) => void logs.push(JSON.parse(line)) });
  const api = await startFakeSlackApi();
  const adapter: ChannelAdapter = createSlackAdapter(
    { botToken: 'xoxb-test-token', signingSecret: SIGNING_SECRET, apiUrl: api.url, mode: 'http', ...options },
    { engine, db: catalog.db, log },
  );
  const server: HttpServer = await startHttpServer({ host: '127.0.0.1', port: 0, routes: adapter.routes, log });
  await adapter.start();
  const eventsUrl = `${server.url}${options.path ?? '/slack/events'}`;

  const send = (body: string, contentType: string, signing: SignedRequestOptions = {}): Promise<Delivered> =>
    signedPost(eventsUrl, body, contentType, signing);

  return {
    catalog,
    adapter,
    api,
    hooks,
    logs,
    eventsUrl,
    send,
    async sendEvent(event, { eventId = `Ev${nextTs().replace('.', '')}`, ...signing } = {}) {
      return { ...(await send(eventBody(event, eventId), 'application/json', signing)), eventId };
    },
    async press(message, buttonId, { user = BUYER, ...signing } = {}) {
      return send(blockActionsBody(message, buttonId, user), 'application/x-www-form-urlencoded', signing);
    },
    async settle() {
      // stop() waits for the work in flight; start again so later tests can go on.
      await adapter.stop();
      await adapter.start();
    },
    async close() {
      await adapter.stop();
      await server.close();
      await api.close();
      await catalog.close();
    },
  };
}
