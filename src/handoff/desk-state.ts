import type { FileRef } from '../conversation/messages.ts';
import type { Queryable } from '../db/database.ts';
import { enqueue } from './outbox.ts';

/**
 * The hand-off's life after the buyer confirmed it, as database changes:
 * claim, release, close and "let the bot answer". Each runs in the caller's
 * transaction together with everything it causes (the event record, the
 * buyer's notice, the card updates, the messages to sales), so a crash keeps
 * all of it or none, and the outbox worker delivers it later.
 *
 * Guards are in the statements themselves (`where status = 'queued'`), so two
 * reps pressing Claim at once on two replicas cannot both win.
 */

export type Platform = 'slack' | 'telegram';

/** A place reps work: a Slack channel or a Telegram group. */
export interface SalesDestination {
  platform: Platform;
  chatId: string;
  /** who an escalation mentions (Slack `<!here>`, `<@U123>`; Telegram `@lead`) */
  mention?: string;
}

export interface Rep {
  platform: Platform;
  userId: string;
  name: string;
}

export const repKey = (rep: Rep): string => `${rep.platform}:${rep.userId}`;

/** Outbox kinds the desk writes. Only card, card_update, to_sales and to_buyer reach a platform. */
export const DESK = {
  /** a confirmed request: fan out to cards, the buyer's notice and the SLA timers (database only) */
  created: 'handoff.created',
  card: 'desk.card',
  cardUpdate: 'desk.card_update',
  toSales: 'desk.to_sales',
  toBuyer: 'desk.to_buyer',
  remind: 'desk.remind',
  escalate: 'desk.escalate',
} as const;

export type HandoffRow = {
  id: number;
  conversation_id: number;
  status: 'requested' | 'confirmed' | 'queued' | 'claimed' | 'closed';
  claimed_by: string | null;
  claimed_by_name: string | null;
  claimed_at: Date | string | null;
  rep_platform: Platform | null;
  rep_chat_id: string | null;
  queue_round: number;
  queued_at: Date | string | null;
  channel: string;
  chat_id: string;
  language: string | null;
};

const HANDOFF_COLUMNS = `h.id, h.conversation_id, h.status, h.claimed_by, h.claimed_by_name, h.claimed_at, h.rep_platform,
  h.rep_chat_id, h.queue_round, h.queued_at, c.channel, c.chat_id, c.language`;

export async function findHandoff(db: Queryable, id: number, lock = false): Promise<HandoffRow | undefined> {
  const { rows } = await db.query<HandoffRow>(
    `select ${HANDOFF_COLUMNS} from handoffs h join conversations c on c.id = h.conversation_id
     where h.id = $1${lock ? ' for update of h' : ''}`,
    [id],
  );
  return rows[0];
}

/** The hand-off a desk message belongs to: a card, a message passed to the rep, or a thread under the card. */
export async function handoffOfPost(
  db: Queryable,
  at: { platform: Platform; chatId: string; messageId: string },
): Promise<number | undefined> {
  const { rows } = await db.query<{ handoff_id: number }>(
    `select handoff_id from handoff_posts where platform = $1 and chat_id = $2 and message_id = $3`,
    [at.platform, at.chatId, at.messageId],
  );
  return rows[0]?.handoff_id;
}

export async function recordEvent(
  tx: Queryable,
  handoffId: number,
  kind: string,
  actor: string | null,
  detail: Record<string, unknown> = {},
): Promise<number> {
  const { rows } = await tx.query<{ id: number }>(
    'insert into handoff_events (handoff_id, kind, actor, detail) values ($1, $2, $3, $4) returning id',
    [handoffId, kind, actor, JSON.stringify(detail)],
  );
  return rows[0]!.id;
}

/**
 * A message to the buyer from the desk or the rep: stored in the transcript
 * now, sent by the worker. Nothing happens when `key` was used before (a
 * re-delivered rep message), so a person never gets it twice.
 */
export async function tellBuyer(
  tx: Queryable,
  handoff: Pick<HandoffRow, 'id' | 'conversation_id' | 'channel'>,
  key: string,
  text: string,
  from: 'desk' | 'rep',
  extra: Record<string, unknown> = {},
): Promise<boolean> {
  const seen = await tx.query('select 1 from outbox where idempotency_key = $1', [key]);
  if (seen.rows.length) return false;
  const { rows } = await tx.query<{ id: number }>(
    `insert into conversation_messages (conversation_id, direction, channel, text, payload)
     values ($1, 'out', $2, $3, $4) returning id`,
    [handoff.conversation_id, handoff.channel, text, JSON.stringify({ kind: 'text', text, from, ...extra })],
  );
  return enqueue(tx, DESK.toBuyer, key, { handoff_id: handoff.id, message_id: rows[0]!.id });
}

/**
 * A message to the sales side, in the thread of the hand-off's card: one
 * outbox row per destination (one failing platform never makes the other
 * see it twice), or only where the rep who has it works.
 */
export async function tellSales(
  tx: Queryable,
  handoffId: number,
  key: string,
  destinations: readonly SalesDestination[],
  message: { text: string; relay?: boolean; files?: FileRef[] },
): Promise<void> {
  for (const destination of destinations) {
    await enqueue(tx, DESK.toSales, `${key}:${destination.platform}:${destination.chatId}`, {
      handoff_id: handoffId,
      platform: destination.platform,
      chat_id: destination.chatId,
      text: message.text,
      relay: message.relay ?? false,
      ...(message.files?.length ? { files: message.files } : {}),
    });
  }
}

/** Every card of the hand-off shows its state again (after a claim, a release, a close). */
export async function updateCards(
  tx: Queryable,
  handoffId: number,
  eventId: number,
  destinations: readonly SalesDestination[],
): Promise<void> {
  for (const destination of destinations) {
    await enqueue(tx, DESK.cardUpdate, `${DESK.cardUpdate}:${eventId}:${destination.platform}:${destination.chatId}`, {
      handoff_id: handoffId,
      platform: destination.platform,
      chat_id: destination.chatId,
    });
  }
}

/** Where the claiming rep works, as a one-element list (none before a claim). */
export function repDestination(handoff: Pick<HandoffRow, 'rep_platform' | 'rep_chat_id'>): SalesDestination[] {
  return handoff.rep_platform && handoff.rep_chat_id
    ? [{ platform: handoff.rep_platform, chatId: handoff.rep_chat_id }]
    : [];
}

export type ClaimResult =
  { ok: true; handoff: HandoffRow; eventId: number } | { ok: false; handoff: HandoffRow | undefined };

/** queued → claimed, only if still queued: of two reps pressing at once, one gets it. */
export async function claimHandoff(
  tx: Queryable,
  id: number,
  rep: Rep,
  where: { platform: Platform; chatId: string },
): Promise<ClaimResult> {
  const { rows } = await tx.query<{ id: number }>(
    `update handoffs set status = 'claimed', claimed_at = now(), claimed_by = $2, claimed_by_name = $3,
       rep_platform = $4, rep_chat_id = $5, bot_answers = 0
     where id = $1 and status = 'queued' returning id`,
    [id, repKey(rep), rep.name, where.platform, where.chatId],
  );
  if (!rows.length) return { ok: false, handoff: await findHandoff(tx, id) };
  const handoff = (await findHandoff(tx, id))!;
  await setConversationStatus(tx, handoff.conversation_id, 'claimed');
  const eventId = await recordEvent(tx, id, 'claimed', repKey(rep), { name: rep.name, ...where });
  return { ok: true, handoff, eventId };
}

/** claimed → queued: the request waits for another rep, in a new round (its SLA timers start again). */
export async function releaseHandoff(tx: Queryable, handoff: HandoffRow, actor: string): Promise<number> {
  await tx.query(
    `update handoffs set status = 'queued', claimed_at = null, claimed_by = null, claimed_by_name = null,
       rep_platform = null, rep_chat_id = null, bot_answers = 0, queued_at = now(), queue_round = queue_round + 1,
       reminded_at = null, escalated_at = null
     where id = $1`,
    [handoff.id],
  );
  await setConversationStatus(tx, handoff.conversation_id, 'queued');
  return recordEvent(tx, handoff.id, 'released', actor);
}

export const OUTCOMES = ['quoted', 'won', 'lost', 'spam'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** → closed with the rep's outcome; the bot answers the buyer again. */
export async function closeHandoff(
  tx: Queryable,
  handoff: HandoffRow,
  actor: string,
  outcome: Outcome,
  note: string | undefined,
): Promise<number> {
  await tx.query(
    `update handoffs set status = 'closed', outcome = $2, note = $3, closed_at = now(), closed_by = $4, bot_answers = 0
     where id = $1`,
    [handoff.id, outcome, note ?? null, actor],
  );
  await setConversationStatus(tx, handoff.conversation_id, 'closed');
  return recordEvent(tx, handoff.id, 'closed', actor, { outcome, ...(note ? { note } : {}) });
}

/** /bot: the bot may answer the buyer's next message, and the rep sees what it said. */
export async function allowBotAnswer(tx: Queryable, handoff: HandoffRow, actor: string): Promise<void> {
  await tx.query('update handoffs set bot_answers = 1 where id = $1', [handoff.id]);
  await recordEvent(tx, handoff.id, 'bot_allowed', actor);
}

async function setConversationStatus(tx: Queryable, conversationId: number, status: string): Promise<void> {
  await tx.query('update conversations set handoff_status = $2, updated_at = now() where id = $1', [
    conversationId,
    status,
  ]);
}
