import { App, type webApi } from '@slack/bolt';
import type { ChannelAdapter, ChannelContext } from '../../src/channels/channel-adapter.ts';
import type { Received } from '../../src/conversation/conversation-engine.ts';
import { boltLogger } from './bolt-logger.ts';
import { slackMessenger } from './slack-messenger.ts';
import { hasImages, renderMessages, withoutImages, type SlackMessage } from './render-blocks.ts';
import { SlackHttpReceiver } from './slack-http-receiver.ts';
import {
  filesOf,
  fromBlockAction,
  fromEvent,
  readText,
  type BotIdentity,
  type SlackBlockActions,
  type SlackDelivery,
  type SlackMessageEvent,
} from './slack-inbound.ts';

/**
 * Slack through Bolt: direct messages, mentions in channels (Slack Connect
 * channels shared with buyers included) and button presses become
 * InboundMessages; the engine's replies go back as Block Kit into the thread
 * the buyer wrote in. Every delivery is acknowledged before the engine runs.
 * A re-delivery (Slack retries an event it thinks we missed) is answered once:
 * the engine stores each event_id in the same transaction as its replies and
 * says `duplicate` the second time, on every replica.
 */

export interface SlackAdapterOptions {
  /** Bot User OAuth Token, `xoxb-…` */
  botToken: string;
  /** the app's Signing Secret (Basic Information → App Credentials); required in HTTP mode */
  signingSecret?: string;
  /** Slack Web API base; tests point it at a local fake */
  apiUrl?: string;
  /** 'http': Slack posts to `path` on the shared PORT (production); 'socket': Socket Mode, for development without a public URL */
  mode?: 'http' | 'socket';
  /** App-Level Token, `xapp-…` with connections:write; socket mode only */
  appToken?: string;
  /** events and interactivity share this path */
  path?: string;
  /** Web API retries (429 after its Retry-After, 5xx, network errors) */
  retryConfig?: webApi.RetryOptions;
  /** gives up one Web API request after this long */
  requestTimeoutMs?: number;
}

export class SlackAdapterError extends Error {
  override readonly name = 'SlackAdapterError';
  constructor(
    readonly code:
      'SLACK_APP_TOKEN_MISSING' | 'SLACK_SIGNING_SECRET_MISSING' | 'SLACK_AUTH_FAILED' | 'SLACK_UNREACHABLE',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** A reply should not wait half an hour: a few retries, each after Slack's Retry-After when rate limited. */
const DEFAULT_RETRY: webApi.RetryOptions = {
  retries: 3,
  factor: 2,
  minTimeout: 1000,
  maxTimeout: 10_000,
  randomize: true,
};

const APOLOGY: SlackMessage = {
  text: 'Sorry, something went wrong on our side and I could not answer that. Please try again in a minute.',
  blocks: [],
};

export function createSlackAdapter(options: SlackAdapterOptions, ctx: ChannelContext): ChannelAdapter {
  const mode = options.mode ?? 'http';
  const log = ctx.log.child({ channel: 'slack' });
  const logger = boltLogger(log);
  const clientOptions: webApi.WebClientOptions = {
    slackApiUrl: options.apiUrl ?? 'https://slack.com/api/',
    retryConfig: options.retryConfig ?? DEFAULT_RETRY,
    timeout: options.requestTimeoutMs ?? 15_000,
  };
  const common = {
    token: options.botToken,
    logger,
    clientOptions,
    convoStore: false,
    deferInitialization: true,
  } as const;
  let receiver: SlackHttpReceiver | undefined;
  let app: App;
  if (mode === 'socket') {
    if (!options.appToken) {
      throw new SlackAdapterError(
        'SLACK_APP_TOKEN_MISSING',
        'Socket Mode needs an app-level token: create one with the connections:write scope (Basic Information → App-Level Tokens) and set SLACK_APP_TOKEN=xapp-…',
      );
    }
    app = new App({ ...common, socketMode: true, appToken: options.appToken });
  } else {
    if (!options.signingSecret) {
      throw new SlackAdapterError(
        'SLACK_SIGNING_SECRET_MISSING',
        "Slack's HTTP mode verifies every request: set SLACK_SIGNING_SECRET to the Signing Secret from the app's Basic Information → App Credentials",
      );
    }
    receiver = new SlackHttpReceiver({
      signingSecret: options.signingSecret,
      path: options.path ?? '/slack/events',
      logger,
    });
    app = new App({ ...common, receiver });
  }

  const inFlight = new Set<Promise<void>>();
  const track = (work: Promise<void>): Promise<void> => {
    inFlight.add(work);
    return work.finally(() => inFlight.delete(work));
  };

  async function post(to: SlackDelivery['replyTo'], message: SlackMessage): Promise<boolean> {
    try {
      await app.client.chat.postMessage({
        channel: to.channel,
        ...(to.threadTs ? { thread_ts: to.threadTs } : {}),
        text: message.text,
        ...(message.blocks.length ? { blocks: message.blocks } : {}),
        unfurl_links: false,
        unfurl_media: false,
      });
      return true;
    } catch (error) {
      // Slack refuses the whole message when it cannot fetch one image; the facts matter more than the photo.
      if (platformError(error) === 'invalid_blocks' && hasImages(message)) {
        log.warn({ err: error, channel: to.channel }, 'Slack refused the blocks; sending again without images');
        return post(to, withoutImages(message));
      }
      log.error({ err: error, channel: to.channel }, 'chat.postMessage failed; the rest of this reply is not sent');
      return false;
    }
  }

  /** A channel reply without a mention is answered only in a thread the bot has posted in. */
  async function botInThread(to: SlackDelivery['replyTo'], bot: BotIdentity): Promise<boolean> {
    try {
      const thread = await app.client.conversations.replies({ channel: to.channel, ts: to.threadTs!, limit: 200 });
      return (thread.messages ?? []).some(
        (m) =>
          (bot.userId !== undefined && m.user === bot.userId) || (bot.botId !== undefined && m.bot_id === bot.botId),
      );
    } catch (error) {
      log.warn({ err: error, channel: to.channel }, 'conversations.replies failed; the thread reply is not answered');
      return false;
    }
  }

  async function answer(delivery: SlackDelivery, bot: BotIdentity): Promise<void> {
    if (delivery.needsThreadCheck && !(await botInThread(delivery.replyTo, bot))) return;
    const { dedupeId } = delivery.inbound;
    let received: Received;
    try {
      received = await ctx.engine.receive(delivery.inbound);
    } catch (error) {
      log.error({ err: error, dedupeId }, 'the engine failed on a Slack message; the buyer gets an apology');
      await post(delivery.replyTo, APOLOGY);
      return;
    }
    if (received.duplicate) {
      log.info({ dedupeId }, 'Slack delivered an answered message again; not answering twice');
      return;
    }
    for (const reply of received.replies) {
      for (const message of renderMessages(reply)) if (!(await post(delivery.replyTo, message))) return;
    }
  }

  /** Rep names as people read them ("Li Wei"), from users.info, asked once per person. */
  const names = new Map<string, Promise<string>>();
  const nameOf = (user: string): Promise<string> => {
    let name = names.get(user);
    if (!name) {
      name = app.client.users
        .info({ user })
        .then((r) => r.user?.profile?.real_name || r.user?.real_name || r.user?.name || user)
        .catch(() => user);
      names.set(user, name);
    }
    return name;
  };
  /** Event ids of rep messages seen lately: Slack re-sends an event it thinks we missed. */
  const seenRepEvents = new Set<string>();

  /** A message in a sales channel: a rep writing in a hand-off's thread, or a desk command. */
  async function fromRep(event: SlackMessageEvent, eventId: string, bot: BotIdentity): Promise<void> {
    const desk = ctx.desk!;
    // A mention arrives twice (message and app_mention); the message event is enough.
    if (event.type !== 'message' || !event.user || event.bot_id || event.user === bot.userId) return;
    if (event.subtype && event.subtype !== 'thread_broadcast' && event.subtype !== 'file_share') return;
    if (seenRepEvents.has(eventId)) return;
    seenRepEvents.add(eventId);
    if (seenRepEvents.size > 1000) seenRepEvents.delete(seenRepEvents.values().next().value!);
    const { text } = readText(event.text ?? '', bot);
    const files = filesOf(event);
    const inThread = event.thread_ts && event.thread_ts !== event.ts ? event.thread_ts : undefined;
    const answer = await desk.fromRep({
      platform: 'slack',
      chatId: event.channel,
      userId: event.user,
      userName: await nameOf(event.user),
      messageId: event.ts,
      text,
      ...(files.length ? { files } : {}),
      ...(inThread ? { inReplyTo: inThread } : {}),
    });
    if (answer) await post({ channel: event.channel, threadTs: inThread ?? event.ts }, { text: answer, blocks: [] });
  }

  const onMessage = async (args: { event: unknown; body: { event_id: string }; context: BotContext }) => {
    const bot = botIdentity(args.context);
    const event = args.event as SlackMessageEvent;
    if (ctx.desk?.isSalesChat('slack', event.channel)) {
      await track(fromRep(event, args.body.event_id, bot));
      return;
    }
    const delivery = fromEvent(args.event as SlackMessageEvent, args.body.event_id, bot);
    if (delivery) await track(answer(delivery, bot));
  };
  app.event('message', onMessage);
  app.event('app_mention', onMessage);
  app.action({ type: 'block_actions' }, async ({ ack, body, context }) => {
    await ack();
    const actions = body as unknown as SlackBlockActions;
    const pressed = actions.actions[0]?.value;
    if (ctx.desk && pressed?.startsWith('desk:')) {
      await track(pressOnDesk(actions, pressed));
      return;
    }
    const delivery = fromBlockAction(actions);
    if (delivery) await track(answer(delivery, botIdentity(context)));
  });
  /** Claim, Release, Close… on a hand-off card; the answer goes in the card's thread. */
  async function pressOnDesk(body: SlackBlockActions, actionId: string): Promise<void> {
    const channel = body.channel?.id ?? body.container?.channel_id;
    const card = body.container?.message_ts ?? body.message?.ts;
    if (!channel || !card) return;
    const answer = await ctx.desk!.fromRep({
      platform: 'slack',
      chatId: channel,
      userId: body.user.id,
      userName: await nameOf(body.user.id),
      messageId: body.actions[0]!.action_ts,
      actionId,
      inReplyTo: card,
    });
    if (answer) await post({ channel, threadTs: card }, { text: answer, blocks: [] });
  }

  app.error(async (error) => {
    log.error({ err: error }, 'Slack listener failed');
  });

  let started = false;
  return {
    channel: 'slack',
    routes: receiver ? [receiver.route] : [],
    messenger: slackMessenger(app.client, { botToken: options.botToken, apiUrl: clientOptions.slackApiUrl! }),
    async start() {
      try {
        await app.init(); // auth.test: a wrong token stops start-up here, not at the first message
      } catch (error) {
        const refused = platformError(error);
        throw refused
          ? new SlackAdapterError(
              'SLACK_AUTH_FAILED',
              `Slack refused the bot token (${refused}): set SLACK_BOT_TOKEN to the Bot User OAuth Token (xoxb-…) from the app's OAuth & Permissions page`,
              { cause: error },
            )
          : new SlackAdapterError(
              'SLACK_UNREACHABLE',
              `Could not reach Slack's Web API at ${clientOptions.slackApiUrl} (${(error as Error).message}): check the network, or SLACK_API_URL`,
              { cause: error },
            );
      }
      await app.start();
      started = true;
      log.info({ mode }, 'Slack adapter started');
    },
    async stop() {
      if (started) await app.stop();
      started = false;
      await Promise.allSettled([...inFlight]);
    },
  };
}

interface BotContext {
  botUserId?: string;
  botId?: string;
}

function botIdentity(context: BotContext): BotIdentity {
  return { userId: context.botUserId, botId: context.botId };
}

function platformError(error: unknown): string | undefined {
  const data = (error as { data?: { error?: unknown } } | undefined)?.data;
  return typeof data?.error === 'string' ? data.error : undefined;
}
