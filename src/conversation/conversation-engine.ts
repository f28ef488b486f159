import { randomBytes } from 'node:crypto';
import type { Database, Queryable } from '../db/database.ts';
import { gateBuyerMessage, isCommand, showBotAnswer, type Gate } from '../handoff/desk-gate.ts';
import { emptyState, type Action, type ConversationState } from './conversation-state.ts';
import type { HandoffStatus, InboundMessage, OutboundMessage } from './messages.ts';

/**
 * handle(inbound) → outbound[]: one transaction per buyer message. The
 * message is stored first; a second delivery of the same dedupe id gets the
 * replies stored the first time, without planning again. State, replies and
 * button actions commit together, so nothing acknowledged is lost.
 */

/** A reply as the planner writes it: buttons name actions; the engine gives them short ids. */
export type ReplyDraft = OutboundMessage extends infer M
  ? M extends OutboundMessage
    ? Omit<M, 'buttons'> & { buttons?: Array<{ label: string; action: Action }> }
    : never
  : never;

export interface Turn {
  tx: Queryable;
  inbound: InboundMessage;
  text: string;
  /** the pressed button's action, when the message is a button press */
  action?: Action;
  state: ConversationState;
  language: string | undefined;
  /** set by the planner when the buyer asks to delete their data: the conversation goes, replies are not stored */
  forget?: boolean;
  /** where the conversation stands with sales; the planner sets 'open' when the buyer asks for a person or a quote */
  handoffStatus: HandoffStatus;
}

/** Replies the engine needs without planning: a limit was hit. */
export type Notice = { kind: 'too_long'; length: number; max: number } | { kind: 'rate_limited' };

export interface Planner {
  readonly name: string;
  /** Plans the replies; may change turn.state and turn.language. */
  plan(turn: Turn): Promise<ReplyDraft[]>;
  /** The polite reply to a message the engine will not plan (too long, too many too fast), in the buyer's language. */
  notice(notice: Notice, language: string | undefined): ReplyDraft;
}

export interface EngineLimits {
  /** longest message planned; a longer one is kept and answered with a notice */
  maxMessageChars: number;
  /** messages per buyer per minute; past it, one notice, then silence until the minute has passed */
  messagesPerMinute: number;
}

export const DEFAULT_LIMITS: EngineLimits = { maxMessageChars: 4000, messagesPerMinute: 20 };

/** Longest text kept of a message, whatever the limits: a stored message is evidence, not a dump. */
const STORED_TEXT_MAX = 100_000;

export interface Received {
  replies: OutboundMessage[];
  /** the dedupe id was seen before: these are the replies stored then (a push channel must not send them again) */
  duplicate: boolean;
}

export interface ConversationEngine {
  /** the replies to one buyer message; a repeated dedupe id gets the replies stored the first time */
  handle(inbound: InboundMessage): Promise<OutboundMessage[]>;
  /** the same, saying whether the message was a repeat (Telegram/Slack re-deliveries are answered once) */
  receive(inbound: InboundMessage): Promise<Received>;
}

interface ConversationRow {
  id: number;
  state: ConversationState;
  language: string | null;
  handoff_status: HandoffStatus;
}

export function createConversationEngine(deps: {
  db: Database;
  planner: Planner;
  limits?: Partial<EngineLimits>;
}): ConversationEngine {
  const limits = { ...DEFAULT_LIMITS, ...deps.limits };
  const receive = (inbound: InboundMessage): Promise<Received> =>
    deps.db.transaction(async (tx) => {
      const conversation = await loadConversation(tx, inbound);
      // The message is stored first, and the buyer's recent count read in the same statement (the
      // count's snapshot does not see the new row: hence + 1).
      const stored = await tx.query<{ id: number | null; recent: number }>(
        `with stored as (
           insert into conversation_messages (conversation_id, direction, channel, dedupe_id, text, payload)
           values ($1, 'in', $2, $3, $4, $5) on conflict (channel, dedupe_id) where direction = 'in' do nothing
           returning id)
         select (select id from stored) as id,
           (select count(*)::int + 1 from conversation_messages where conversation_id = $1 and direction = 'in'
              and created_at > now() - interval '1 minute') as recent`,
        [
          conversation.id,
          inbound.channel,
          inbound.dedupeId,
          inbound.text?.slice(0, STORED_TEXT_MAX) ?? null,
          JSON.stringify({ actionId: inbound.actionId ?? null }),
        ],
      );
      const { id: inboundId, recent } = stored.rows[0]!;
      if (inboundId === null) return { replies: await repliesAlreadySent(tx, inbound), duplicate: true };
      const notice = limitHit(recent, inbound.text?.length ?? 0, limits);
      if (notice !== undefined) {
        const replies = notice
          ? [deps.planner.notice(notice, conversation.language ?? undefined) as OutboundMessage]
          : [];
        await storeReplies(tx, conversation.id, inbound.channel, inboundId, replies);
        return { replies, duplicate: false };
      }
      // A rep has this buyer: the message goes to the rep, and the bot answers only commands (or after /bot).
      const gate: Gate =
        conversation.handoff_status === 'claimed' && !isCommand(inbound)
          ? await gateBuyerMessage(tx, conversation.id, inboundId, inbound)
          : { bot: 'free' };
      if (gate.bot === 'silent') return { replies: [], duplicate: false };
      const turn: Turn = {
        tx,
        inbound,
        text: (inbound.text ?? '').trim(),
        action: inbound.actionId ? await findAction(tx, conversation.id, inbound.actionId) : undefined,
        state: { ...emptyState(), ...conversation.state },
        language: conversation.language ?? undefined,
        handoffStatus: conversation.handoff_status,
      };
      const drafts = await deps.planner.plan(turn);
      if (turn.forget) {
        // Messages, actions and state go with the conversation (on delete cascade).
        await tx.query('delete from conversations where id = $1', [conversation.id]);
        return {
          replies: drafts.map(({ buttons: _buttons, ...reply }) => reply as OutboundMessage),
          duplicate: false,
        };
      }
      const actions: Array<{ id: string; action: Action }> = [];
      const replies = drafts.map((draft) => {
        const buttons = (draft.buttons ?? []).map((button) => {
          const id = randomBytes(6).toString('base64url');
          actions.push({ id, action: button.action });
          return { id, label: button.label };
        });
        const reply = { ...draft, ...(buttons.length ? { buttons } : {}) } as OutboundMessage;
        if (!buttons.length) delete reply.buttons;
        return reply;
      });
      if (actions.length) {
        await tx.query(
          `insert into conversation_actions (id, conversation_id, action)
           select a.id, $2, a.action from unnest($1::text[], $3::jsonb[]) as a(id, action)`,
          [actions.map((a) => a.id), conversation.id, actions.map((a) => JSON.stringify(a.action))],
        );
      }
      await storeReplies(tx, conversation.id, inbound.channel, inboundId, replies);
      if (gate.bot === 'answers') await showBotAnswer(tx, gate.handoffId, inboundId, replies);
      await tx.query(
        'update conversations set state = $2, language = $3, handoff_status = $4, updated_at = now() where id = $1',
        [conversation.id, JSON.stringify(turn.state), turn.language ?? null, turn.handoffStatus],
      );
      return { replies, duplicate: false };
    });
  return { receive, handle: async (inbound) => (await receive(inbound)).replies };
}

/** A turn's replies in one statement, in order (repliesAlreadySent reads them back by id). */
async function storeReplies(
  tx: Queryable,
  conversationId: number,
  channel: string,
  inboundId: number,
  replies: OutboundMessage[],
): Promise<void> {
  if (!replies.length) return;
  await tx.query(
    `insert into conversation_messages (conversation_id, direction, channel, reply_to, text, payload)
     select $1, 'out', $2, $3, r.text, r.payload
     from unnest($4::text[], $5::jsonb[]) with ordinality as r(text, payload, n) order by r.n`,
    [conversationId, channel, inboundId, replies.map((r) => r.text), replies.map((r) => JSON.stringify(r))],
  );
}

/**
 * The limit this message hits, if any: null means "over the rate, already
 * told: stay silent" (answering every message of a flood would multiply it).
 */
function limitHit(recent: number, length: number, limits: EngineLimits): Notice | null | undefined {
  if (recent > limits.messagesPerMinute)
    return recent === limits.messagesPerMinute + 1 ? { kind: 'rate_limited' } : null;
  if (length > limits.maxMessageChars) return { kind: 'too_long', length, max: limits.maxMessageChars };
  return undefined;
}

async function loadConversation(tx: Queryable, inbound: InboundMessage): Promise<ConversationRow> {
  const { rows } = await tx.query<{
    id: number;
    state: ConversationState | string;
    language: string | null;
    handoff_status: HandoffStatus;
  }>(
    `insert into conversations (channel, chat_id, user_id) values ($1, $2, $3)
     on conflict (channel, chat_id, user_id) do update set updated_at = conversations.updated_at
     returning id, state, language, handoff_status`,
    [inbound.channel, inbound.chatId, inbound.userId],
  );
  const row = rows[0]!;
  return { ...row, state: typeof row.state === 'string' ? JSON.parse(row.state) : row.state };
}

async function repliesAlreadySent(tx: Queryable, inbound: InboundMessage): Promise<OutboundMessage[]> {
  const { rows } = await tx.query<{ payload: OutboundMessage | string }>(
    `select o.payload from conversation_messages o
     join conversation_messages i on o.reply_to = i.id
     where i.channel = $1 and i.dedupe_id = $2 and i.direction = 'in' order by o.id`,
    [inbound.channel, inbound.dedupeId],
  );
  return rows.map((row) => (typeof row.payload === 'string' ? JSON.parse(row.payload) : row.payload));
}

async function findAction(tx: Queryable, conversationId: number, id: string): Promise<Action | undefined> {
  const { rows } = await tx.query<{ action: Action | string }>(
    'select action from conversation_actions where id = $1 and conversation_id = $2',
    [id, conversationId],
  );
  const action = rows[0]?.action;
  return typeof action === 'string' ? JSON.parse(action) : action;
}
