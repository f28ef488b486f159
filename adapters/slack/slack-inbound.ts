import type { FileRef, InboundMessage } from '../../src/conversation/messages.ts';
import { plainTextFromSlack } from './mrkdwn.ts';

/**
 * Slack events and button presses → InboundMessage plus where to answer.
 * Which messages the bot answers is decided here, from the event alone:
 *  - direct messages: every message from a person;
 *  - channels (Slack Connect channels shared with buyers included): messages
 *    that mention the bot (they arrive as app_mention), and replies in a
 *    thread the bot has already posted in (`needsThreadCheck`: the adapter
 *    asks Slack, because nothing in the event says so).
 * Bots (this one included), edits, deletions and joins are never answered.
 */

export interface SlackDelivery {
  inbound: InboundMessage;
  replyTo: { channel: string; threadTs?: string };
  /** a channel reply without a mention: answer only if the bot is already in this thread */
  needsThreadCheck?: boolean;
}

/** The bot's own ids, from auth.test. */
export interface BotIdentity {
  userId?: string;
  botId?: string;
}

/** The fields of a `message` or `app_mention` event this adapter reads. */
export interface SlackMessageEvent {
  type: string;
  subtype?: string;
  user?: string;
  bot_id?: string;
  text?: string;
  ts: string;
  thread_ts?: string;
  channel: string;
  channel_type?: string;
  /** uploads (subtype file_share) */
  files?: SlackFile[];
}

/** The fields of a file in a message event this adapter reads. */
export interface SlackFile {
  id: string;
  name?: string;
  mimetype?: string;
  size?: number;
  url_private?: string;
  url_private_download?: string;
  /** 'tombstone' once deleted */
  mode?: string;
}

/** The fields of a block_actions payload this adapter reads. */
export interface SlackBlockActions {
  type: 'block_actions';
  user: { id: string; name?: string };
  channel?: { id: string };
  container?: { channel_id?: string; message_ts?: string; thread_ts?: string };
  message?: { ts: string; thread_ts?: string };
  actions: Array<{ value?: string; action_ts: string; action_id: string }>;
}

/** Ordinary messages, replies shown in the channel too, and files with a caption (its text is read). */
const ANSWERED_SUBTYPES = new Set([undefined, 'thread_broadcast', 'file_share']);

/** A message's plain text without the bot's mention, and whether it mentioned the bot. */
export function readText(raw: string, bot: BotIdentity): { text: string; mentionsBot: boolean } {
  const mention = bot.userId ? new RegExp(`<@${bot.userId}(?:\\|[^>]*)?>`, 'g') : undefined;
  const mentionsBot = mention !== undefined && raw.search(mention) >= 0;
  const text = plainTextFromSlack(mention ? raw.replace(mention, ' ') : raw)
    .replace(/[ \t]+/g, ' ')
    .trim();
  return { text, mentionsBot };
}

export function fromEvent(event: SlackMessageEvent, eventId: string, bot: BotIdentity): SlackDelivery | undefined {
  if (!event.user || event.bot_id || event.subtype === 'bot_message' || event.user === bot.userId) return undefined;
  if (!ANSWERED_SUBTYPES.has(event.subtype)) return undefined;
  const { text, mentionsBot } = readText(event.text ?? '', bot);
  const files = filesOf(event);
  if (!text && !files.length) return undefined;
  const inbound: InboundMessage = {
    channel: 'slack',
    chatId: event.channel,
    userId: event.user,
    dedupeId: eventId,
    text,
    ...(files.length ? { files } : {}),
  };
  if (event.type === 'app_mention') {
    return { inbound, replyTo: { channel: event.channel, threadTs: event.thread_ts ?? event.ts } };
  }
  if (event.channel_type === 'im') {
    return { inbound, replyTo: { channel: event.channel, ...(event.thread_ts ? { threadTs: event.thread_ts } : {}) } };
  }
  if (event.channel_type !== 'channel' && event.channel_type !== 'group') return undefined;
  // A mention also arrives as app_mention, with another event_id: answer that one only.
  if (mentionsBot) return undefined;
  if (!event.thread_ts || event.thread_ts === event.ts) return undefined;
  return { inbound, replyTo: { channel: event.channel, threadTs: event.thread_ts }, needsThreadCheck: true };
}

/**
 * A message's uploads as the bot can fetch them again with its token (deleted
 * ones left out). In some shared channels an event carries only the id
 * (file_access: check_file_info): the messenger asks files.info for the rest.
 */
export function filesOf(event: SlackMessageEvent): FileRef[] {
  return (event.files ?? [])
    .filter((file) => file.id && file.mode !== 'tombstone')
    .map((file) => {
      const url = file.url_private_download ?? file.url_private;
      return {
        platform: 'slack' as const,
        fileId: file.id,
        ...(url ? { url } : {}),
        ...(file.name ? { name: file.name } : {}),
        ...(file.mimetype ? { mimeType: file.mimetype } : {}),
        ...(file.size !== undefined ? { size: file.size } : {}),
      };
    });
}

export function fromBlockAction(body: SlackBlockActions): SlackDelivery | undefined {
  const action = body.actions[0];
  const channel = body.channel?.id ?? body.container?.channel_id;
  const messageTs = body.container?.message_ts ?? body.message?.ts;
  if (!action?.value || !channel || !messageTs) return undefined;
  const threadTs = body.message?.thread_ts ?? body.container?.thread_ts;
  return {
    inbound: {
      channel: 'slack',
      chatId: channel,
      userId: body.user.id,
      // action_ts is unique per press; Slack sends the same one again if it re-delivers.
      dedupeId: `action:${messageTs}:${action.action_ts}`,
      actionId: action.value,
      ...(body.user.name ? { userName: body.user.name } : {}),
    },
    replyTo: { channel, ...(threadTs ? { threadTs } : {}) },
  };
}
