import type { InboundMessage, OutboundMessage } from '../conversation/messages.ts';
import type { Queryable } from '../db/database.ts';
import { describeFiles } from './desk-files.ts';
import { repDestination, tellSales, type HandoffRow } from './desk-state.ts';
import type { QuoteRequest } from './quote-request.ts';

/**
 * The engine's side of a claimed hand-off: while a rep has the buyer, the
 * buyer's messages go to the rep and the bot stays silent, checked in the
 * same transaction that would store the bot's reply, so the bot never talks
 * over a rep. Commands (a slash command, a button) are still the bot's.
 * After the rep's /bot, the next message is the bot's to answer, and the rep
 * sees both the question and the answer.
 */

export type Gate = { bot: 'silent' } | { bot: 'answers'; handoffId: number } | { bot: 'free' };

export function isCommand(inbound: InboundMessage): boolean {
  return Boolean(inbound.actionId) || /^\/\w/.test(inbound.text?.trim() ?? '');
}

type ClaimedRow = Pick<HandoffRow, 'id' | 'rep_platform' | 'rep_chat_id'> & { quote: QuoteRequest | string };

/** Call when the conversation is claimed and the message is not a command. */
export async function gateBuyerMessage(
  tx: Queryable,
  conversationId: number,
  inboundId: number,
  inbound: InboundMessage,
): Promise<Gate> {
  const allowed = await tx.query<ClaimedRow>(
    `update handoffs set bot_answers = bot_answers - 1
     where conversation_id = $1 and status = 'claimed' and bot_answers > 0
     returning id, rep_platform, rep_chat_id, quote`,
    [conversationId],
  );
  const claimed =
    allowed.rows[0] ??
    (
      await tx.query<ClaimedRow>(
        `select id, rep_platform, rep_chat_id, quote from handoffs where conversation_id = $1 and status = 'claimed'`,
        [conversationId],
      )
    ).rows[0];
  if (!claimed) return { bot: 'free' };
  const quote: QuoteRequest = typeof claimed.quote === 'string' ? JSON.parse(claimed.quote) : claimed.quote;
  const who = quote.buyer?.name ?? quote.contact?.user_name ?? 'Buyer';
  const files = inbound.files ?? [];
  // A photo with no file the platform can fetch again (the web chat's) cannot reach the rep: the note says what to do.
  const attached = files.length
    ? describeFiles(files)
    : inbound.photo
      ? '[sent a photo: ask them to describe it or send a link]'
      : '';
  const what = [attached, inbound.text?.trim()].filter(Boolean).join(' ');
  await tellSales(tx, claimed.id, `desk.buyer:${inboundId}`, repDestination(claimed), {
    text: `${who}: ${what || '(empty message)'}`,
    relay: true,
    ...(files.length ? { files } : {}),
  });
  return allowed.rows[0] ? { bot: 'answers', handoffId: claimed.id } : { bot: 'silent' };
}

/** After the bot answered under /bot: the rep sees what it said. */
export async function showBotAnswer(
  tx: Queryable,
  handoffId: number,
  inboundId: number,
  replies: OutboundMessage[],
): Promise<void> {
  const { rows } = await tx.query<Pick<HandoffRow, 'rep_platform' | 'rep_chat_id'>>(
    'select rep_platform, rep_chat_id from handoffs where id = $1',
    [handoffId],
  );
  if (!rows[0] || !replies.length) return;
  const text = replies.map((reply) => reply.text).join('\n');
  await tellSales(tx, handoffId, `desk.bot:${inboundId}`, repDestination(rows[0]), {
    text: `Bot answered: ${text}`,
    relay: true,
  });
}
