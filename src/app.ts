import { createSlackAdapter } from '../adapters/slack/slack-adapter.ts';
import { createTelegramAdapter } from '../adapters/telegram/telegram-adapter.ts';
import { webChatRoutes } from '../adapters/web/web-chat-routes.ts';
import { loadBundleRules } from './bundles/bundle-rules.ts';
import type { ChannelAdapter, ChannelContext } from './channels/channel-adapter.ts';
import type { Runtime } from './cli/command.ts';
import type { Config } from './config.ts';
import {
  createConversationEngine,
  type ConversationEngine,
  type EngineLimits,
} from './conversation/conversation-engine.ts';
import { createLlmPlanner } from './conversation/llm/llm-planner.ts';
import { createOfflinePlanner } from './conversation/offline-planner.ts';
import { createOutboxWorker, type OutboxWorker } from './handoff/outbox.ts';
import { pushedMessagesSince } from './handoff/pushed-messages.ts';
import { createSalesDesk, type SalesDesk } from './handoff/sales-desk.ts';
import type { Route } from './http/http-server.ts';
import { statusRoutes } from './http/status-routes.ts';

/**
 * The composition root: the one place that knows every part and every
 * adapter, and wires them for `showroom start`.
 */
export interface App {
  engine: ConversationEngine;
  routes: Route[];
  /** the chat platforms whose credentials are configured; started after the HTTP server, stopped before it */
  channels: ChannelAdapter[];
  /** `showroom start` only: the sales desk, and the worker delivering its cards, relays, notices and timers */
  desk?: SalesDesk;
  outbox?: OutboxWorker;
}

export interface AppOptions {
  /** per-buyer limits; `showroom chat` (one local person) runs without a rate limit */
  limits?: Partial<EngineLimits>;
  /** set by `showroom start`: Telegram and Slack run where their credentials are configured */
  channels?: { config: Config; log: Runtime['log'] };
}

export async function createApp(
  runtime: Pick<Runtime, 'db' | 'search'> & Partial<Pick<Runtime, 'config' | 'log'>>,
  options: AppOptions = {},
): Promise<App> {
  const offerQuantity = runtime.config?.sales.offerQuantity;
  const capabilities = {
    lexicon: runtime.search.lexicon,
    search: runtime.search.catalogSearch,
    bundleRules: await loadBundleRules(),
    // HANDOFF_OFFER_QUANTITY: above it either planner offers a rep (`showroom chat` without config keeps the default).
    ...(offerQuantity ? { handoffOffers: { largeQuantity: offerQuantity } } : {}),
  };
  const offline = await createOfflinePlanner(capabilities);
  // PLANNER (config.planner): the LLM planner when a key is configured; it falls back to the offline one turn by turn.
  const llm = runtime.config?.planner.kind === 'llm' ? runtime.config.planner : undefined;
  const planner = llm
    ? await createLlmPlanner({
        ...capabilities,
        offline,
        options: llm,
        ...(runtime.log ? { log: runtime.log } : {}),
      })
    : offline;
  const engine = createConversationEngine({
    db: runtime.db,
    planner,
    ...(options.limits ? { limits: options.limits } : {}),
  });
  const maxMessageChars = options.limits?.maxMessageChars;
  const desk = options.channels
    ? await createSalesDesk({ db: runtime.db, settings: options.channels.config.sales, log: options.channels.log })
    : undefined;
  const channels = options.channels ? createChannels(options.channels, { engine, db: runtime.db, desk }) : [];
  const outbox = desk
    ? createOutboxWorker({
        db: runtime.db,
        handlers: desk.handlers(Object.fromEntries(channels.map((channel) => [channel.channel, channel.messenger]))),
        log: options.channels!.log,
      })
    : undefined;
  return {
    engine,
    channels,
    ...(desk ? { desk } : {}),
    ...(outbox ? { outbox } : {}),
    routes: [
      ...webChatRoutes({
        engine,
        pushed: (chatId, after) => pushedMessagesSince(runtime.db, { channel: 'web', chatId }, after),
        ...(maxMessageChars ? { maxMessageChars } : {}),
      }),
      ...channels.flatMap((channel) => channel.routes),
      ...statusRoutes(runtime.db),
    ],
  };
}

function createChannels(
  { config, log }: NonNullable<AppOptions['channels']>,
  core: Pick<ChannelContext, 'engine' | 'db' | 'desk'>,
): ChannelAdapter[] {
  const channels: ChannelAdapter[] = [];
  const { slack, telegram } = config;
  if (telegram.botToken) {
    const { path, secret, url } = telegram.webhook;
    channels.push(
      createTelegramAdapter(
        {
          token: telegram.botToken,
          apiRoot: telegram.apiRoot,
          mode: telegram.mode,
          ...(telegram.mode === 'webhook' && secret
            ? { webhook: { path, secretToken: secret, ...(url ? { publicUrl: url } : {}) } }
            : {}),
        },
        { ...core, log },
      ),
    );
  }
  if (slack.botToken) {
    channels.push(
      createSlackAdapter(
        {
          botToken: slack.botToken,
          apiUrl: slack.apiUrl,
          mode: slack.mode,
          ...(slack.signingSecret ? { signingSecret: slack.signingSecret } : {}),
          ...(slack.appToken ? { appToken: slack.appToken } : {}),
        },
        { ...core, log },
      ),
    );
  }
  return channels;
}
