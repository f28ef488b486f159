import type { Messenger } from '../channels/channel-adapter.ts';
import type { FileRef } from '../conversation/messages.ts';
import { createSpeaker, type Speaker } from '../conversation/speech.ts';
import type { Database, Queryable } from '../db/database.ts';
import type { Logger } from '../logger.ts';
import { DESK_ACTION, cardFacts, clockTime, renderCard } from './desk-cards.ts';
import { describeFiles, filesOf, postWithFiles } from './desk-files.ts';
import {
  DESK,
  OUTCOMES,
  allowBotAnswer,
  claimHandoff,
  closeHandoff,
  findHandoff,
  handoffOfPost,
  releaseHandoff,
  repKey,
  tellBuyer,
  tellSales,
  updateCards,
  type HandoffRow,
  type Outcome,
  type Platform,
  type Rep,
  type SalesDestination,
} from './desk-state.ts';
import { enqueue, type OutboxHandlers, type OutboxMessage } from './outbox.ts';
import {
  addWorkingMinutes,
  describeHours,
  describeMoment,
  isOpen,
  nextOpening,
  timeZoneLabel,
  type WorkingHours,
} from './working-hours.ts';

/**
 * The sales desk: where hand-offs meet the reps. A confirmed request becomes
 * a card in every sales destination (a Slack channel, a Telegram group); a
 * rep claims it with the card's button, talks to the buyer by replying under
 * the card, and ends it with /close (or the card's buttons). Unclaimed
 * requests are reminded and escalated on durable timers.
 *
 * Two halves: fromRep() turns what a rep did on a platform into state changes
 * (desk-state.ts, one transaction each, with their outbox rows), and
 * handlers() delivers those rows through the platforms' messengers. Only
 * the handlers talk to platforms, and they read the database again before
 * sending, so a late delivery shows the state as it is.
 */

export interface DeskSettings {
  destinations: SalesDestination[];
  hours: WorkingHours;
  /** an unclaimed request is reminded after this many working minutes, and escalated after escalateAfterMinutes */
  remindAfterMinutes: number;
  escalateAfterMinutes: number;
}

/** What a rep did in a sales destination, as the adapter read it. */
export interface RepInbound {
  platform: Platform;
  /** the sales channel or group */
  chatId: string;
  userId: string;
  userName: string;
  /** this message's platform id (Telegram message_id, Slack ts): a re-delivery carries the same */
  messageId: string;
  text?: string;
  /** photos and files attached to the message: passed to the buyer where their platform allows */
  files?: FileRef[];
  /** a pressed button on a desk message */
  actionId?: string;
  /** the desk message this answers: the Slack thread's first message, the Telegram message replied to */
  inReplyTo?: string;
}

export interface SalesDesk {
  readonly destinations: readonly SalesDestination[];
  isSalesChat(platform: string, chatId: string): boolean;
  /** Acts on a rep's message or button; resolves with what to tell the rep, if anything. */
  fromRep(message: RepInbound): Promise<string | undefined>;
  /** The outbox handlers that deliver the desk's messages through these platforms. */
  handlers(messengers: Partial<Record<string, Messenger>>): OutboxHandlers;
}

export class DeskDeliveryError extends Error {
  override readonly name = 'DeskDeliveryError';
}

const COMMAND = /^[/!](claim|bot|release|close|status|help)(?:@\w+)?(?:\s+([\s\S]*))?$/i;

export async function createSalesDesk(deps: {
  db: Database;
  settings: DeskSettings;
  log?: Pick<Logger, 'info' | 'warn'>;
  clock?: () => Date;
  speaker?: Speaker;
}): Promise<SalesDesk> {
  const { db, settings } = deps;
  const clock = deps.clock ?? (() => new Date());
  const speaker = deps.speaker ?? (await createSpeaker());
  const { destinations, hours } = settings;
  const salesChats = new Set(destinations.map((d) => `${d.platform}:${d.chatId}`));

  const commandHint = (platform: Platform) =>
    platform === 'slack'
      ? 'the card’s buttons, or type !bot, !release or !close quoted|won|lost|spam [note] in its thread'
      : 'the card’s buttons, or reply to the card with /bot, /release or /close quoted|won|lost|spam [note]';

  async function fromRep(message: RepInbound): Promise<string | undefined> {
    const action = message.actionId ? DESK_ACTION.exec(message.actionId) : null;
    const command = !action && message.text ? COMMAND.exec(message.text.trim()) : null;
    let id = action ? Number(action[2]) : undefined;
    if (id === undefined && message.inReplyTo) {
      id = await handoffOfPost(db, {
        platform: message.platform,
        chatId: message.chatId,
        messageId: message.inReplyTo,
      });
    }
    if (id === undefined) {
      return command
        ? `To use ${command[0]!.split(/\s/)[0]}, reply to a hand-off card${message.platform === 'slack' ? ' in its thread' : ''}.`
        : undefined;
    }
    const rep: Rep = { platform: message.platform, userId: message.userId, name: message.userName };
    const verb = action ? action[1]! : command ? command[1]!.toLowerCase() : 'say';
    const rest = command?.[2]?.trim() ?? '';
    return db.transaction(async (tx) => {
      const handoff = await findHandoff(tx, id, true);
      if (!handoff) return `Hand-off #${id} no longer exists (the buyer deleted their data).`;
      if (verb === 'claim') return claim(tx, handoff, rep, message);
      if (verb === 'say') return say(tx, handoff, rep, message);
      if (verb === 'help' || verb === 'status') {
        return `#${handoff.id} is ${describeStatus(handoff)}. Use ${commandHint(rep.platform)}.`;
      }
      if (handoff.status === 'closed') return `#${handoff.id} is already closed.`;
      if (verb === 'release') return release(tx, handoff, rep);
      if (verb === 'bot') return letBotAnswer(tx, handoff, rep);
      const [word, ...note] = verb === 'close' ? rest.split(/\s+/) : [verb.slice('close-'.length)];
      const outcome = OUTCOMES.find((o) => o === word?.toLowerCase());
      if (!outcome)
        return `Say how it ended: ${message.platform === 'slack' ? '!' : '/'}close quoted|won|lost|spam [note].`;
      return close(tx, handoff, rep, outcome, note.join(' ').trim() || undefined);
    });
  }

  async function claim(tx: Queryable, handoff: HandoffRow, rep: Rep, where: RepInbound): Promise<string> {
    const result = await claimHandoff(tx, handoff.id, rep, { platform: where.platform, chatId: where.chatId });
    if (!result.ok) {
      const current = result.handoff ?? handoff;
      if (current.status === 'claimed' && current.claimed_by === repKey(rep)) return `You already have #${current.id}.`;
      return `#${current.id} is ${describeStatus(current)}.`;
    }
    const { eventId } = result;
    const sp = speaker.speechFor(handoff.language ?? undefined);
    await tellBuyer(tx, handoff, `desk.claimed:${eventId}`, sp.t('desk_claimed', { rep: rep.name }), 'desk');
    await updateCards(tx, handoff.id, eventId, destinations);
    return `You have #${handoff.id}. ${rep.platform === 'slack' ? 'Write in this thread' : 'Reply to the card or to any message of this buyer here'} to talk to the buyer through the bot; use ${commandHint(rep.platform)}.`;
  }

  async function say(tx: Queryable, handoff: HandoffRow, rep: Rep, message: RepInbound): Promise<string | undefined> {
    const files = message.files ?? [];
    const text = [describeFiles(files), message.text?.trim()].filter(Boolean).join(' ');
    if (!text) return undefined;
    if (handoff.status === 'queued')
      return `Claim #${handoff.id} first (the Claim button): then your messages go to the buyer.`;
    // Others in the thread talk among themselves; only the rep who has it talks to the buyer.
    if (handoff.status !== 'claimed' || handoff.claimed_by !== repKey(rep)) return undefined;
    const sp = speaker.speechFor(handoff.language ?? undefined);
    const key = `desk.rep:${message.platform}:${message.chatId}:${message.messageId}`;
    const sent = await tellBuyer(tx, handoff, key, sp.t('desk_rep_says', { rep: rep.name, text }), 'rep', {
      rep: repKey(rep),
      ...(files.length ? { files } : {}),
    });
    if (sent) {
      await tx.query('update handoffs set first_rep_reply_at = coalesce(first_rep_reply_at, now()) where id = $1', [
        handoff.id,
      ]);
    }
    return undefined;
  }

  async function release(tx: Queryable, handoff: HandoffRow, rep: Rep): Promise<string> {
    if (handoff.status !== 'claimed') return `#${handoff.id} is not claimed: it is ${describeStatus(handoff)}.`;
    const eventId = await releaseHandoff(tx, handoff, repKey(rep));
    const sp = speaker.speechFor(handoff.language ?? undefined);
    await tellBuyer(tx, handoff, `desk.released:${eventId}`, sp.t('desk_released'), 'desk');
    await updateCards(tx, handoff.id, eventId, destinations);
    await scheduleTimers(tx, (await findHandoff(tx, handoff.id))!);
    return `#${handoff.id} is back in the queue.`;
  }

  async function letBotAnswer(tx: Queryable, handoff: HandoffRow, rep: Rep): Promise<string> {
    if (handoff.status !== 'claimed') return `Claim #${handoff.id} first.`;
    await allowBotAnswer(tx, handoff, repKey(rep));
    return `I will answer the buyer's next message myself; you will see my answer here.`;
  }

  async function close(
    tx: Queryable,
    handoff: HandoffRow,
    rep: Rep,
    outcome: Outcome,
    note: string | undefined,
  ): Promise<string> {
    const eventId = await closeHandoff(tx, handoff, repKey(rep), outcome, note);
    const sp = speaker.speechFor(handoff.language ?? undefined);
    await tellBuyer(tx, handoff, `desk.closed:${eventId}`, sp.t('desk_closed', { rep: rep.name }), 'desk');
    await updateCards(tx, handoff.id, eventId, destinations);
    return `Closed #${handoff.id} as ${outcome}. The bot answers the buyer again.`;
  }

  function describeStatus(handoff: HandoffRow): string {
    if (handoff.status === 'claimed') {
      const since = handoff.claimed_at ? ` since ${clockTime(new Date(handoff.claimed_at), hours.timeZone)}` : '';
      return `claimed by ${handoff.claimed_by_name ?? 'another rep'}${since}`;
    }
    if (handoff.status === 'queued') return 'waiting for a rep';
    return handoff.status;
  }

  /** Reminder and escalation for this stay in the queue, counted in working minutes from when it was queued. */
  async function scheduleTimers(tx: Queryable, handoff: HandoffRow): Promise<void> {
    const from = handoff.queued_at ? new Date(handoff.queued_at) : clock();
    const round = handoff.queue_round;
    const payload = { handoff_id: handoff.id, round };
    const remindAt = addWorkingMinutes(hours, from, settings.remindAfterMinutes);
    const escalateAt = addWorkingMinutes(hours, from, settings.escalateAfterMinutes);
    await enqueue(tx, DESK.remind, `${DESK.remind}:${handoff.id}:${round}`, payload, { at: remindAt });
    await enqueue(tx, DESK.escalate, `${DESK.escalate}:${handoff.id}:${round}`, payload, { at: escalateAt });
  }

  function handlers(messengers: Partial<Record<string, Messenger>>): OutboxHandlers {
    const messengerFor = (platform: string): Messenger => {
      const messenger = messengers[platform];
      if (!messenger)
        throw new DeskDeliveryError(
          `${platform} is not connected: set its token, or remove it from the sales destinations`,
        );
      return messenger;
    };

    /** The card of this hand-off in one destination; a message in its thread waits until it is posted. */
    async function cardPost(handoffId: number, platform: string, chatId: string): Promise<string | undefined> {
      const { rows } = await db.query<{ message_id: string }>(
        `select message_id from handoff_posts where handoff_id = $1 and platform = $2 and chat_id = $3 and kind = 'card'`,
        [handoffId, platform, chatId],
      );
      return rows[0]?.message_id;
    }

    async function record(
      handoffId: number,
      platform: string,
      chatId: string,
      messageId: string,
      kind: string,
      threadId?: string,
    ) {
      await db.query(
        `insert into handoff_posts (handoff_id, platform, chat_id, message_id, thread_id, kind) values ($1, $2, $3, $4, $5, $6)
         on conflict do nothing`,
        [handoffId, platform, chatId, messageId, threadId ?? null, kind],
      );
    }

    const target = (m: OutboxMessage) => ({
      handoffId: Number(m.payload.handoff_id),
      platform: String(m.payload.platform),
      chatId: String(m.payload.chat_id),
    });

    return {
      /** Database only: the cards to post, the buyer's notice and the SLA timers, in one transaction. */
      [DESK.created]: async (m) => {
        await db.transaction(async (tx) => {
          const handoff = await findHandoff(tx, Number(m.payload.handoff_id), true);
          if (!handoff) return;
          for (const d of destinations) {
            await enqueue(tx, DESK.card, `${DESK.card}:${handoff.id}:${d.platform}:${d.chatId}`, {
              handoff_id: handoff.id,
              platform: d.platform,
              chat_id: d.chatId,
            });
          }
          if (handoff.status !== 'queued') return;
          await scheduleTimers(tx, handoff);
          await tellBuyer(
            tx,
            handoff,
            `desk.queued:${handoff.id}:${handoff.queue_round}`,
            queuedNotice(handoff),
            'desk',
          );
        });
      },
      [DESK.card]: async (m) => {
        const { handoffId, platform, chatId } = target(m);
        if (await cardPost(handoffId, platform, chatId)) return;
        const facts = await cardFacts(db, handoffId);
        if (!facts) return;
        const posted = await messengerFor(platform).post({ chatId }, await renderCard(db, facts, hours.timeZone));
        await record(handoffId, platform, chatId, posted.messageId, 'card');
      },
      [DESK.cardUpdate]: async (m) => {
        const { handoffId, platform, chatId } = target(m);
        const facts = await cardFacts(db, handoffId);
        if (!facts) return;
        const card = await cardPost(handoffId, platform, chatId);
        if (!card) throw new DeskDeliveryError(`the card of #${handoffId} is not posted in ${platform} ${chatId} yet`);
        await messengerFor(platform).edit({ chatId, messageId: card }, await renderCard(db, facts, hours.timeZone));
      },
      [DESK.toSales]: async (m) => {
        const { handoffId, platform, chatId } = target(m);
        const card = await cardPost(handoffId, platform, chatId);
        if (!card) throw new DeskDeliveryError(`the card of #${handoffId} is not posted in ${platform} ${chatId} yet`);
        const posted = await postWithFiles(
          { messengers, ...(deps.log ? { log: deps.log } : {}) },
          messengerFor(platform),
          { chatId, threadId: card },
          { kind: 'text', text: String(m.payload.text) },
          filesOf(m.payload),
        );
        await record(handoffId, platform, chatId, posted.messageId, m.payload.relay ? 'relay' : 'notice', card);
      },
      [DESK.toBuyer]: async (m) => {
        const { rows } = await db.query<{
          text: string;
          payload: Record<string, unknown> | string | null;
          channel: string;
          chat_id: string;
          language: string | null;
        }>(
          `select m.text, m.payload, c.channel, c.chat_id, c.language from conversation_messages m
           join conversations c on c.id = m.conversation_id where m.id = $1`,
          [Number(m.payload.message_id)],
        );
        const row = rows[0];
        // The buyer deleted their data, or chats where nothing is pushed (web, command line): the transcript has it.
        if (!row || !messengers[row.channel]) return;
        const rtl = row.language ? speaker.isRtl(row.language) : false;
        const payload = typeof row.payload === 'string' ? JSON.parse(row.payload) : row.payload;
        await postWithFiles(
          { messengers, ...(deps.log ? { log: deps.log } : {}) },
          messengerFor(row.channel),
          { chatId: row.chat_id },
          { kind: 'text', text: row.text, ...(rtl ? { direction: 'rtl' as const } : {}) },
          filesOf(payload),
        );
      },
      [DESK.remind]: (m) => onTimer(m, 'remind'),
      [DESK.escalate]: (m) => onTimer(m, 'escalate'),
    };
  }

  /** A timer fired: it acts only if the request is still waiting in the same round. */
  async function onTimer(m: OutboxMessage, kind: 'remind' | 'escalate'): Promise<void> {
    await db.transaction(async (tx) => {
      const handoff = await findHandoff(tx, Number(m.payload.handoff_id), true);
      if (!handoff || handoff.status !== 'queued' || handoff.queue_round !== Number(m.payload.round)) return;
      const key = `${m.idempotencyKey}:sent`;
      if (kind === 'remind') {
        await tx.query('update handoffs set reminded_at = now() where id = $1', [handoff.id]);
        await tellSales(tx, handoff.id, key, destinations, {
          text: `Reminder: #${handoff.id} has waited ${settings.remindAfterMinutes} working minutes for a rep. Press Claim on the card to take it.`,
        });
        return;
      }
      await tx.query('update handoffs set escalated_at = now() where id = $1', [handoff.id]);
      for (const d of destinations) {
        await tellSales(tx, handoff.id, key, [d], {
          text: `${d.mention ? `${d.mention} ` : ''}Escalation: #${handoff.id} is still unclaimed after ${settings.escalateAfterMinutes} working minutes. The buyer has been told we are on it.`,
        });
      }
      const sp = speaker.speechFor(handoff.language ?? undefined);
      await tellBuyer(tx, handoff, `${key}:buyer`, sp.t('desk_escalated'), 'desk');
    });
  }

  function queuedNotice(handoff: HandoffRow): string {
    const sp = speaker.speechFor(handoff.language ?? undefined);
    const now = clock();
    if (isOpen(hours, now)) return sp.t('desk_queued_open', { id: handoff.id, minutes: settings.remindAfterMinutes });
    return sp.t('desk_queued_closed', {
      id: handoff.id,
      hours: describeHours(hours, sp.locale),
      timezone: timeZoneLabel(hours, sp.locale),
      opens: describeMoment(nextOpening(hours, now), hours, sp.locale),
    });
  }

  return {
    destinations,
    isSalesChat: (platform, chatId) => salesChats.has(`${platform}:${chatId}`),
    fromRep,
    handlers,
  };
}
