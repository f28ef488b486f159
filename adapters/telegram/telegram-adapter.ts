import { autoRetry } from '@grammyjs/auto-retry';
import { run, sequentialize, type RunnerHandle } from '@grammyjs/runner';
import { Bot, GrammyError, type Api, type Context } from 'grammy';
import type { Update } from 'grammy/types';
import type { ChannelAdapter, ChannelContext } from '../../src/channels/channel-adapter.ts';
import type { InboundMessage } from '../../src/conversation/messages.ts';
import { createChatPacer, DEFAULT_PACING, type ChatPacingOptions } from './chat-pacing.ts';
import { loggableError } from './telegram-errors.ts';
import { answerBuyer, type ReplyTarget } from './telegram-replies.ts';
import { checkOptions, initBot, logPollingFailures, registerCommands } from './telegram-setup.ts';
import { telegramMessenger } from './telegram-messenger.ts';
import { TELEGRAM_CAPTION_LIMIT, escapeHtml } from './telegram-text.ts';
import { filesOf, readMessage, type BotIdentity } from './telegram-update.ts';
import { telegramWebhookRoute } from './telegram-webhook.ts';

/**
 * Showroom on Telegram, with grammY: long polling through @grammyjs/runner
 * (chats in parallel, each chat in order), or a webhook on the shared HTTP
 * port. Transport only: updates become InboundMessages, the engine's
 * replies are rendered by telegram-render.ts and sent within Telegram's
 * limits (auto-retry honours 429 retry_after; chat-pacing.ts stays under
 * them).
 */

export interface TelegramAdapterOptions {
  /** from @BotFather */
  token: string;
  /** Bot API server: a self-hosted one or an emulator; default https://api.telegram.org */
  apiRoot?: string;
  /** default 'polling' */
  mode?: 'polling' | 'webhook';
  webhook?: {
    /** path on the shared HTTP port, e.g. /telegram/webhook */
    path: string;
    /** 1–256 of A-Z a-z 0-9 _ -; Telegram sends it in X-Telegram-Bot-Api-Secret-Token */
    secretToken: string;
    /** the public HTTPS URL Telegram calls; when set, start() registers it with setWebhook */
    publicUrl?: string;
  };
  /** longest text per message sent, at most Telegram's 4096 (default) */
  maxMessageChars?: number;
  /** the bot's @username for group mentions; read from getMe when absent */
  botUsername?: string;
  /** per-chat and global sending pace; defaults keep within Telegram's published limits */
  pacing?: Partial<ChatPacingOptions>;
  /** auto-retry bounds for 429s, 5xx and network errors (default 5 attempts, 120 s longest wait) */
  retry?: { maxAttempts?: number; maxDelaySeconds?: number };
  /** register the command menu in every language at start (default true) */
  registerCommands?: boolean;
}

const CHANNEL = 'telegram';
const ALLOWED_UPDATES = ['message', 'callback_query'] as const;

export function createTelegramAdapter(options: TelegramAdapterOptions, ctx: ChannelContext): ChannelAdapter {
  const settings = checkOptions(options);
  const { token, apiRoot } = settings;
  const log = ctx.log.child({ channel: CHANNEL });
  const bot = new Bot(token, { client: { apiRoot } });
  // The last transformer installed runs first: pace, then retry what still fails.
  bot.api.config.use(autoRetry({ maxRetryAttempts: settings.retryAttempts, maxDelaySeconds: settings.retryDelay }));
  bot.api.config.use(createChatPacer({ ...DEFAULT_PACING, ...options.pacing }));
  bot.api.config.use(logPollingFailures(log, token));

  const identity: BotIdentity = { id: 0, username: options.botUsername ?? '' };
  const limits = { messageChars: settings.maxMessageChars, captionChars: TELEGRAM_CAPTION_LIMIT };
  const replyDeps = { engine: ctx.engine, log, token, limits };
  const inFlight = new Set<Promise<unknown>>();
  let runner: RunnerHandle | undefined;
  let accepting = false;

  const track = <T>(task: Promise<T>): Promise<T> => {
    inFlight.add(task);
    return task.finally(() => inFlight.delete(task));
  };

  bot.use((_c, next) => track(next()));
  // Every press is answered first, before it queues behind the chat's earlier messages,
  // so the button stops spinning on the buyer's screen at once.
  bot.on('callback_query', async (c, next) => {
    await c.answerCallbackQuery().catch((error: unknown) => {
      log.warn({ err: loggableError(error, token) }, 'could not answer a callback query');
    });
    await next();
  });
  // Chats are answered concurrently, but one chat's messages in the order they came.
  bot.use(sequentialize((c: Context) => c.chat?.id.toString()));

  // The sales group: reps claim with the card's buttons and talk to buyers by replying to the bot's messages.
  const desk = ctx.desk;
  const isSalesChat = (c: Context) =>
    desk !== undefined && c.chat !== undefined && desk.isSalesChat(CHANNEL, String(c.chat.id));
  bot.filter(isSalesChat).on('callback_query:data', async (c) => {
    const query = c.callbackQuery;
    if (!query.data.startsWith('desk:') || !query.message) return;
    const answer = await desk!.fromRep({
      platform: CHANNEL,
      chatId: String(c.chat!.id),
      userId: String(query.from.id),
      userName: personName(query.from),
      messageId: `callback:${query.id}`,
      actionId: query.data,
      inReplyTo: String(query.message.message_id),
    });
    if (answer) await answerRep(c.api, c.chat!.id, query.message.message_id, answer);
  });
  bot.filter(isSalesChat).on('message', async (c) => {
    const message = c.message;
    if (!message.from || message.from.is_bot) return;
    const text = (message.text ?? message.caption ?? '').trim();
    const files = filesOf(message);
    const repliedTo = message.reply_to_message?.message_id;
    // Reps talk among themselves in the group: only replies to the bot's messages and commands are the desk's.
    if (repliedTo === undefined && !text.startsWith('/')) return;
    const answer = await desk!.fromRep({
      platform: CHANNEL,
      chatId: String(message.chat.id),
      userId: String(message.from.id),
      userName: personName(message.from),
      messageId: String(message.message_id),
      text,
      ...(files.length ? { files } : {}),
      ...(repliedTo !== undefined ? { inReplyTo: String(repliedTo) } : {}),
    });
    if (answer) await answerRep(c.api, message.chat.id, message.message_id, answer);
  });

  async function answerRep(api: Api, chatId: number, replyTo: number, text: string): Promise<void> {
    await api
      .sendMessage(chatId, escapeHtml(text), {
        parse_mode: 'HTML',
        reply_parameters: { message_id: replyTo, allow_sending_without_reply: true },
      })
      .catch((error: unknown) => log.warn({ err: loggableError(error, token) }, 'could not answer a rep'));
  }

  bot.on('callback_query', async (c) => {
    const started = Date.now();
    const query = c.callbackQuery;
    if (!c.chat || !query.data || query.from.is_bot) return handled(c.update, 'ignored', started, 'no chat or data');
    const inbound: InboundMessage = {
      channel: CHANNEL,
      chatId: String(c.chat.id),
      userId: String(query.from.id),
      dedupeId: `${c.update.update_id}:${query.id}`,
      actionId: query.data,
      userName: query.from.username ?? query.from.first_name,
    };
    const message = query.message;
    const target: ReplyTarget = {
      chatId: c.chat.id,
      ...(message && 'is_topic_message' in message && message.is_topic_message && message.message_thread_id
        ? { threadId: message.message_thread_id }
        : {}),
      ...(query.from.language_code ? { languageCode: query.from.language_code } : {}),
    };
    const { outcome, replies } = await answerBuyer(c.api, target, inbound, replyDeps);
    handled(c.update, outcome, started, undefined, replies);
  });

  bot.on('message', async (c) => {
    const started = Date.now();
    const message = c.message;
    const read = readMessage(message, identity);
    if (!read.addressed) return handled(c.update, 'ignored', started, read.reason);
    const photo = read.photoFileId ? await photoUrl(c.api, read.photoFileId) : undefined;
    const files = filesOf(message);
    const inbound: InboundMessage = {
      channel: CHANNEL,
      chatId: String(message.chat.id),
      userId: String(message.from!.id),
      // update_id alone could repeat: Telegram restarts its numbering at random after a week without updates.
      dedupeId: `${c.update.update_id}:${message.chat.id}:${message.message_id}`,
      ...(read.text ? { text: read.text } : {}),
      ...(photo ? { photo } : {}),
      ...(files.length ? { files } : {}),
      userName: message.from!.username ?? message.from!.first_name,
    };
    const target: ReplyTarget = {
      chatId: message.chat.id,
      ...(message.is_topic_message && message.message_thread_id ? { threadId: message.message_thread_id } : {}),
      ...(message.chat.type === 'private' ? {} : { replyTo: message.message_id }),
      ...(message.from!.language_code ? { languageCode: message.from!.language_code } : {}),
    };
    const { outcome, replies } = await answerBuyer(c.api, target, inbound, replyDeps);
    handled(c.update, outcome, started, undefined, replies);
  });

  bot.catch((error) => {
    log.error(
      { err: loggableError(error.error, token), update_id: error.ctx.update.update_id },
      'Telegram update failed',
    );
  });

  /** One debug line per update, whatever became of it. */
  function handled(update: Update, outcome: string, started: number, reason?: string, replies?: number): void {
    log.debug(
      { update_id: update.update_id, outcome, ...(reason ? { reason } : {}), replies, ms: Date.now() - started },
      'telegram update handled',
    );
  }

  /** The buyer's photo as a URL this server can fetch; it holds the token, so it is never logged. */
  async function photoUrl(api: Api, fileId: string): Promise<InboundMessage['photo']> {
    try {
      const file = await api.getFile(fileId);
      if (!file.file_path) return undefined;
      return { url: `${apiRoot}/file/bot${token}/${file.file_path}`, mimeType: 'image/jpeg' };
    } catch (error) {
      log.warn({ err: loggableError(error, token) }, 'could not get the file of a photo; passing the caption only');
      return undefined;
    }
  }

  const routes =
    settings.mode === 'webhook'
      ? [
          telegramWebhookRoute({
            path: options.webhook!.path,
            secretToken: options.webhook!.secretToken,
            ready: () => accepting,
            accept(update) {
              // handleUpdate runs the middleware above, which reports its own failures.
              track(bot.handleUpdate(update)).catch((error: unknown) => {
                log.error({ err: loggableError(error, token), update_id: update.update_id }, 'Telegram update failed');
              });
            },
          }),
        ]
      : [];

  return {
    channel: CHANNEL,
    routes,
    messenger: telegramMessenger(bot.api, limits, { token, apiRoot }),
    async start() {
      await initBot(bot, apiRoot);
      identity.id = bot.botInfo.id;
      identity.username = options.botUsername?.replace(/^@/, '') || bot.botInfo.username;
      if (settings.registerCommands) await registerCommands(bot.api, log, token);
      if (settings.mode === 'webhook') {
        const webhook = options.webhook!;
        if (webhook.publicUrl) {
          await bot.api.setWebhook(webhook.publicUrl, {
            secret_token: webhook.secretToken,
            allowed_updates: [...ALLOWED_UPDATES],
          });
        }
        accepting = true;
        log.info({ path: webhook.path, username: identity.username }, 'Telegram webhook ready');
        return;
      }
      // getUpdates is refused (409) while a webhook is set; polling mode is the operator's choice.
      await bot.api.deleteWebhook();
      runner = run(bot, {
        runner: { fetch: { timeout: 30, allowed_updates: [...ALLOWED_UPDATES] }, silent: true },
      });
      runner.task()?.catch((error: unknown) => {
        log.error(
          { err: loggableError(error, token) },
          error instanceof GrammyError && error.error_code === 409
            ? 'Telegram polling stopped: another process polls with this token or a webhook was set; run one poller, or use webhook mode'
            : 'Telegram polling stopped',
        );
      });
      log.info({ username: identity.username }, 'Telegram long polling started');
    },
    async stop() {
      accepting = false;
      const running = runner;
      runner = undefined;
      if (running?.isRunning()) await running.stop();
      while (inFlight.size) await Promise.allSettled([...inFlight]);
    },
  };
}

/** "Li Wei", as the buyer reads it when told who took the request. */
function personName(user: { first_name: string; last_name?: string; username?: string }): string {
  return [user.first_name, user.last_name].filter(Boolean).join(' ') || user.username || 'A sales rep';
}
