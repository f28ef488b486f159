import type { Queryable } from '../db/database.ts';
import { enqueue } from './outbox.ts';
import type { QuoteRequest } from './quote-request.ts';

/**
 * The handoffs table: one row per quote request. Each change of status and
 * the notification it causes are written in the caller's transaction, so a
 * crash keeps both or neither.
 */

export const HANDOFF_STATUSES = ['requested', 'confirmed', 'queued', 'claimed', 'closed'] as const;
export type HandoffRowStatus = (typeof HANDOFF_STATUSES)[number];

/** The outbox kind that announces a confirmed quote request to sales. */
export const HANDOFF_CREATED = 'handoff.created';

/** The conversation of the turn's buyer (the engine created it earlier in the same transaction). */
export async function conversationIdOf(
  tx: Queryable,
  chat: { channel: string; chatId: string; userId: string },
): Promise<number> {
  const { rows } = await tx.query<{ id: number }>(
    'select id from conversations where channel = $1 and chat_id = $2 and user_id = $3',
    [chat.channel, chat.chatId, chat.userId],
  );
  return rows[0]!.id;
}

/**
 * The buyer confirmed the request: it is queued for sales and the card's
 * notification enqueued, in the caller's transaction. Undefined when the
 * conversation already has a live hand-off (it keeps that one).
 */
export async function createHandoff(
  tx: Queryable,
  conversationId: number,
  quote: QuoteRequest,
  summary: string,
): Promise<number | undefined> {
  const { rows } = await tx.query<{ id: number }>(
    `insert into handoffs (conversation_id, status, quote, summary, confirmed_at, queued_at)
     values ($1, 'queued', $2, $3, now(), now())
     on conflict (conversation_id) where status <> 'closed' do nothing
     returning id`,
    [conversationId, JSON.stringify(quote), summary],
  );
  const id = rows[0]?.id;
  if (id !== undefined) await enqueue(tx, HANDOFF_CREATED, `${HANDOFF_CREATED}:${id}`, { handoff_id: id });
  return id;
}

export interface HandoffRecord {
  id: number;
  conversation_id: number;
  status: HandoffRowStatus;
  quote: QuoteRequest;
  summary: string | null;
  outcome: string | null;
  note: string | null;
  channel: string;
  chat_id: string;
  user_id: string;
  language: string | null;
  created_at: string;
  confirmed_at: string | null;
  claimed_at: string | null;
  claimed_by: string | null;
  first_rep_reply_at: string | null;
  closed_at: string | null;
}

const TIMESTAMPS = ['created_at', 'confirmed_at', 'claimed_at', 'first_rep_reply_at', 'closed_at'] as const;

/** Hand-offs, oldest first, optionally of one status. */
export async function listHandoffs(
  db: Queryable,
  filter: { status?: HandoffRowStatus } = {},
): Promise<HandoffRecord[]> {
  const { rows } = await db.query<Record<string, unknown>>(
    `select h.id, h.conversation_id, h.status, h.quote, h.summary, h.outcome, h.note,
       c.channel, c.chat_id, c.user_id, c.language,
       h.created_at, h.confirmed_at, h.claimed_at, h.claimed_by, h.first_rep_reply_at, h.closed_at
     from handoffs h join conversations c on c.id = h.conversation_id
     where $1::text is null or h.status = $1
     order by h.created_at, h.id`,
    [filter.status ?? null],
  );
  return rows.map((row) => {
    const record = { ...row } as Record<string, unknown>;
    if (typeof record.quote === 'string') record.quote = JSON.parse(record.quote);
    for (const key of TIMESTAMPS) {
      const value = record[key] as Date | string | null;
      record[key] = value === null ? null : new Date(value).toISOString();
    }
    return record as unknown as HandoffRecord;
  });
}

export interface TranscriptLine {
  direction: 'in' | 'out';
  text: string | null;
  at: string;
}

/** Every message of a conversation, in order: what the rep and the records read. */
export async function transcriptOf(db: Queryable, conversationId: number): Promise<TranscriptLine[]> {
  const { rows } = await db.query<{ direction: 'in' | 'out'; text: string | null; created_at: Date | string }>(
    'select direction, text, created_at from conversation_messages where conversation_id = $1 order by id',
    [conversationId],
  );
  return rows.map((row) => ({ direction: row.direction, text: row.text, at: new Date(row.created_at).toISOString() }));
}
