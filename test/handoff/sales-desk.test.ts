import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Messenger } from '../../src/channels/channel-adapter.ts';
import { createConversationEngine, type ConversationEngine } from '../../src/conversation/conversation-engine.ts';
import type { InboundMessage, OutboundMessage } from '../../src/conversation/messages.ts';
import type { SalesDestination } from '../../src/handoff/desk-state.ts';
import { listHandoffs } from '../../src/handoff/handoff-repository.ts';
import { createOutboxWorker, type OutboxWorker } from '../../src/handoff/outbox.ts';
import { createSalesDesk, type RepInbound, type SalesDesk } from '../../src/handoff/sales-desk.ts';
import { parseWorkingHours } from '../../src/handoff/working-hours.ts';
import { openSeedCatalog, type EvalCatalog, offlinePlannerFor } from '../helpers/seed-catalog.ts';
import { confirmQuoteRequest } from './quote-buyer.ts';

/**
 * The sales desk on the real engine, offline planner and PGlite, with the
 * platforms replaced by recording messengers (the adapters' own tests and
 * test/handoff/cross-platform.test.ts use the real ones): a confirmed request
 * becomes cards, one claim wins, messages pass both ways, the bot stays
 * silent while a rep has the buyer, timers remind and escalate, and a
 * platform that fails is retried without repeating what already went out.
 */

interface Post {
  chatId: string;
  threadId?: string;
  messageId: string;
  message: OutboundMessage;
}

interface RecordingMessenger extends Messenger {
  posts: Post[];
  edits: Array<{ chatId: string; messageId: string; message: OutboundMessage }>;
  failures: number;
}

let nextId = 1000;
function recordingMessenger(): RecordingMessenger {
  const messenger: RecordingMessenger = {
    posts: [],
    edits: [],
    failures: 0,
    async post(to, message) {
      if (messenger.failures > 0) {
        messenger.failures -= 1;
        throw new Error('platform unreachable');
      }
      const post = { ...to, messageId: String(++nextId), message };
      messenger.posts.push(post);
      return { messageId: post.messageId };
    },
    async edit(at, message) {
      messenger.edits.push({ ...at, message });
    },
  };
  return messenger;
}

const SLACK_SALES: SalesDestination = { platform: 'slack', chatId: 'C0SALES', mention: '<!here>' };
const TELEGRAM_SALES: SalesDestination = { platform: 'telegram', chatId: '-1001', mention: '@lead' };
const BUYER = { channel: 'telegram', chatId: '555', userId: '555', userName: 'maria_b' };
const LI = { platform: 'slack' as const, chatId: SLACK_SALES.chatId, userId: 'U0LI', userName: 'Li Wei' };
const OLGA = { platform: 'telegram' as const, chatId: TELEGRAM_SALES.chatId, userId: '77', userName: 'Olga Petrova' };

let catalog: EvalCatalog;
let engine: ConversationEngine;
let desk: SalesDesk;
let worker: OutboxWorker;
let slack: RecordingMessenger;
let telegram: RecordingMessenger;
let offsetMs: number;
let messageCount = 0;

async function setUp(hours = parseWorkingHours('24/7', 'Asia/Shanghai')) {
  catalog = await openSeedCatalog();
  engine = createConversationEngine({
    db: catalog.db,
    planner: await offlinePlannerFor(catalog),
  });
  offsetMs = 0;
  const clock = () => new Date(Date.now() + offsetMs);
  desk = await createSalesDesk({
    db: catalog.db,
    settings: { destinations: [SLACK_SALES, TELEGRAM_SALES], hours, remindAfterMinutes: 15, escalateAfterMinutes: 60 },
    clock,
  });
  slack = recordingMessenger();
  telegram = recordingMessenger();
  worker = createOutboxWorker({
    db: catalog.db,
    handlers: desk.handlers({ slack, telegram }),
    clock,
    baseDelayMs: 1000,
  });
}

/** Delivers everything due now, retries included, until nothing more goes out. */
async function drain(): Promise<void> {
  for (let round = 0; round < 20; round++) if (!(await worker.runOnce())) return;
}

async function say(text: string, extra: Partial<InboundMessage> = {}): Promise<OutboundMessage[]> {
  return engine.handle({ ...BUYER, dedupeId: `m${++messageCount}`, text, ...extra });
}

/** A buyer with a shortlist asks for a quote and confirms it. */
async function queueRequest(): Promise<number> {
  const sent = await confirmQuoteRequest(say);
  expect(sent[0]!.text).toMatch(/quote request is with our sales team/);
  const [handoff] = await listHandoffs(catalog.db);
  return handoff!.id;
}

const rep = (who: typeof LI | typeof OLGA, extra: Partial<RepInbound>): RepInbound => ({
  ...who,
  messageId: `r${++messageCount}`,
  ...extra,
});

const buyerTexts = () => telegram.posts.filter((p) => p.chatId === BUYER.chatId).map((p) => p.message.text);
const card = (messenger: RecordingMessenger) => messenger.posts.find((p) => p.message.buttons?.length)!;

describe('the sales desk', () => {
  beforeEach(() => setUp());
  afterEach(() => catalog.close());

  it('posts a card with prices to every destination, tells the buyer, and of two reps claiming at once one wins', async () => {
    const id = await queueRequest();
    await drain();
    for (const messenger of [slack, telegram]) {
      const posted = card(messenger);
      expect(posted.message.text).toMatch(new RegExp(`Quote request #${id} from Maria, Bella Boutique`));
      expect(posted.message.text).toMatch(/ship to Spain/);
      expect(posted.message.text).toMatch(/• 100 × [A-Z]+-\d+ .+ — \$[\d.]+ each \(MOQ \d+/);
      expect(posted.message.buttons).toEqual([{ id: `desk:claim:${id}`, label: 'Claim' }]);
    }
    expect(buyerTexts()).toEqual([expect.stringMatching(new RegExp(`#${id}.*within 15 minutes`))]);

    const answers = await Promise.all([
      desk.fromRep(rep(LI, { actionId: `desk:claim:${id}`, inReplyTo: card(slack).messageId })),
      desk.fromRep(rep(OLGA, { actionId: `desk:claim:${id}`, inReplyTo: card(telegram).messageId })),
    ]);
    const won = answers.filter((a) => a?.startsWith(`You have #${id}`));
    const lost = answers.filter((a) => a?.includes('is claimed by'));
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    const winner = answers[0]!.startsWith('You have') ? LI.userName : OLGA.userName;
    expect(lost[0]).toMatch(new RegExp(`#${id} is claimed by ${winner} since`));

    await drain();
    expect(buyerTexts().at(-1)).toMatch(new RegExp(`${winner} from our sales team has taken your request`));
    for (const messenger of [slack, telegram]) {
      const edited = messenger.edits.at(-1)!;
      expect(edited.messageId).toBe(card(messenger).messageId);
      expect(edited.message.text).toMatch(new RegExp(`Claimed by ${winner}`));
      expect(edited.message.buttons!.map((b) => b.label)).toContain('Close: won');
    }
    const [record] = await listHandoffs(catalog.db);
    expect(record).toMatchObject({
      status: 'claimed',
      claimed_by: expect.stringMatching(/^(slack:U0LI|telegram:77)$/),
    });
  });

  it('passes messages both ways while claimed, keeps the bot silent except for commands and /bot, and resumes on close', async () => {
    const id = await queueRequest();
    await drain();
    await desk.fromRep(rep(LI, { actionId: `desk:claim:${id}`, inReplyTo: card(slack).messageId }));
    await drain();

    // The buyer writes: no bot reply; the rep sees it under the card.
    expect(await say('can you do 90 pcs in navy?')).toEqual([]);
    await drain();
    const relayed = slack.posts.at(-1)!;
    expect(relayed).toMatchObject({ chatId: SLACK_SALES.chatId, threadId: card(slack).messageId });
    expect(relayed.message.text).toBe('Maria: can you do 90 pcs in navy?');
    expect(telegram.posts.some((p) => p.message.text.includes('navy'))).toBe(false);

    // The rep answers in the thread; a re-delivery of the same message is not sent twice.
    const answer = rep(LI, { text: 'Yes, navy is possible from 90 pcs.', inReplyTo: card(slack).messageId });
    expect(await desk.fromRep(answer)).toBeUndefined();
    expect(await desk.fromRep(answer)).toBeUndefined();
    await drain();
    expect(buyerTexts().filter((t) => t.includes('navy is possible'))).toEqual([
      'Li Wei (sales): Yes, navy is possible from 90 pcs.',
    ]);
    const [claimed] = await listHandoffs(catalog.db);
    expect(claimed!.first_rep_reply_at).not.toBeNull();

    // Another rep in the thread is not passed to the buyer.
    await desk.fromRep(
      rep(OLGA, { platform: 'slack', chatId: SLACK_SALES.chatId, text: 'nice one', inReplyTo: card(slack).messageId }),
    );
    await drain();
    expect(buyerTexts().some((t) => t.includes('nice one'))).toBe(false);

    // Commands are still the bot's.
    const shortlist = await say('/shortlist');
    expect(shortlist[0]!.kind).toBe('shortlist');

    // /bot: the next message is the bot's to answer, and the rep sees question and answer; then silence again.
    expect(await desk.fromRep(rep(LI, { text: '!bot', inReplyTo: card(slack).messageId }))).toMatch(/I will answer/);
    const botAnswer = await say('what is the minimum order of the first one?');
    expect(botAnswer[0]!.text).toMatch(/minimum order/i);
    await drain();
    expect(slack.posts.at(-1)!.message.text).toMatch(/^Bot answered: .*minimum order/i);
    expect(await say('thanks')).toEqual([]);

    // Close: the buyer is told, the bot answers again, the record keeps the outcome.
    expect(await desk.fromRep(rep(LI, { text: '!close won first order', inReplyTo: card(slack).messageId }))).toBe(
      `Closed #${id} as won. The bot answers the buyer again.`,
    );
    await drain();
    expect(buyerTexts().at(-1)).toMatch(/Li Wei has closed your request/);
    expect((await say('red maxi dresses'))[0]!.kind).toBe('products');
    const [closed] = await listHandoffs(catalog.db);
    expect(closed).toMatchObject({ status: 'closed', outcome: 'won', note: 'first order' });
    expect(card(slack).messageId).toBe(slack.edits.at(-1)!.messageId);
    expect(slack.edits.at(-1)!.message.text).toMatch(/Closed at .*: won \(first order\)/);
    expect(slack.edits.at(-1)!.message.buttons).toBeUndefined();
  });

  it('release puts the request back in the queue with new timers; a closed request takes no more commands', async () => {
    const id = await queueRequest();
    await drain();
    await desk.fromRep(rep(OLGA, { actionId: `desk:claim:${id}`, inReplyTo: card(telegram).messageId }));
    expect(await desk.fromRep(rep(OLGA, { text: '/release', inReplyTo: card(telegram).messageId }))).toBe(
      `#${id} is back in the queue.`,
    );
    await drain();
    expect(buyerTexts().at(-1)).toMatch(/back in the sales queue/);
    expect(telegram.edits.at(-1)!.message.buttons).toEqual([{ id: `desk:claim:${id}`, label: 'Claim' }]);
    // The buyer is answered by the bot again while queued.
    expect((await say('white maxi dresses'))[0]!.kind).toBe('products');
    const timers = await catalog.db.query<{ idempotency_key: string }>(
      `select idempotency_key from outbox where kind in ('desk.remind', 'desk.escalate') order by id`,
    );
    expect(timers.rows.map((r) => r.idempotency_key)).toEqual([
      `desk.remind:${id}:0`,
      `desk.escalate:${id}:0`,
      `desk.remind:${id}:1`,
      `desk.escalate:${id}:1`,
    ]);
    await desk.fromRep(rep(LI, { actionId: `desk:close-spam:${id}`, inReplyTo: card(slack).messageId }));
    expect(await desk.fromRep(rep(LI, { text: '!bot', inReplyTo: card(slack).messageId }))).toBe(
      `#${id} is already closed.`,
    );
    expect(await desk.fromRep(rep(LI, { text: '!close', inReplyTo: card(slack).messageId }))).toBe(
      `#${id} is already closed.`,
    );
  });

  it('reminds, then escalates with a mention and tells the buyer, on the worker clock; a claimed request is left alone', async () => {
    const id = await queueRequest();
    await drain();
    offsetMs = 14 * 60_000;
    await drain();
    expect(slack.posts.filter((p) => /Reminder/.test(p.message.text))).toHaveLength(0);

    offsetMs = 16 * 60_000;
    await drain();
    for (const messenger of [slack, telegram]) {
      const reminder = messenger.posts.find((p) => /Reminder/.test(p.message.text))!;
      expect(reminder.threadId).toBe(card(messenger).messageId);
      expect(reminder.message.text).toMatch(new RegExp(`#${id} has waited 15 working minutes`));
    }

    offsetMs = 61 * 60_000;
    await drain();
    expect(slack.posts.at(-1)!.message.text).toMatch(new RegExp(`^<!here> Escalation: #${id} is still unclaimed`));
    expect(telegram.posts.filter((p) => p.chatId === TELEGRAM_SALES.chatId).at(-1)!.message.text).toMatch(
      /^@lead Escalation/,
    );
    expect(buyerTexts().at(-1)).toMatch(/Sorry for the wait/);
    const [record] = await listHandoffs(catalog.db);
    expect(record!.status).toBe('queued');

    // Timers of a request that was claimed in time do nothing.
    // (Back to the present: a request's timers count from its confirmation, stamped by the database.)
    offsetMs = 0;
    const postsBefore = slack.posts.length;
    const second = await queueSecondBuyer();
    await drain();
    await desk.fromRep(rep(LI, { actionId: `desk:claim:${second}`, inReplyTo: slack.posts.at(-1)!.messageId }));
    offsetMs = 200 * 60_000;
    await drain();
    expect(slack.posts.slice(postsBefore).filter((p) => /Reminder|Escalation/.test(p.message.text))).toEqual([]);
  });

  it('retries a platform that fails without posting twice where it already worked', async () => {
    slack.failures = 3;
    const id = await queueRequest();
    await drain();
    expect(slack.posts).toHaveLength(0);
    expect(telegram.posts.filter((p) => p.chatId === TELEGRAM_SALES.chatId)).toHaveLength(1);
    const failing = await catalog.db.query<{ attempts: number; last_error: string }>(
      `select attempts, last_error from outbox where kind = 'desk.card' and payload->>'platform' = 'slack'`,
    );
    expect(failing.rows[0]).toMatchObject({ last_error: 'platform unreachable' });

    // Each retry waits longer (1 s, 2 s, 4 s): a minute later each time is past it.
    for (let retry = 1; retry <= 3; retry++) {
      offsetMs = retry * 60_000;
      await drain();
    }
    expect(slack.posts.filter((p) => p.message.buttons)).toHaveLength(1);
    expect(card(slack).message.text).toMatch(new RegExp(`#${id}`));
    expect(telegram.posts.filter((p) => p.chatId === TELEGRAM_SALES.chatId)).toHaveLength(1);
    expect(buyerTexts()).toHaveLength(1);
  });
});

describe('the sales desk outside working hours', () => {
  afterEach(() => catalog.close());

  it('tells the buyer when the team opens, and counts the timers in working minutes', async () => {
    // Closed all week but for one hour on Sunday: whatever today is, the team is closed now or soon opens.
    const now = new Date();
    const day = (now.getUTCDay() + 3) % 7; // three days ahead: never today
    const names = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
    await setUp(parseWorkingHours(`${names[day]} 10:00-11:00`, 'UTC'));
    await queueRequest();
    await drain();
    const opens = new Date(now);
    opens.setUTCDate(now.getUTCDate() + 3);
    opens.setUTCHours(10, 0, 0, 0);
    expect(buyerTexts()[0]).toMatch(
      /Our sales team works .*10:00.11:00 \(Coordinated Universal Time\), so a rep will pick it up after/,
    );
    const timers = await catalog.db.query<{ kind: string; next_attempt_at: Date }>(
      `select kind, next_attempt_at from outbox where kind in ('desk.remind', 'desk.escalate') order by id`,
    );
    expect(timers.rows.map((r) => [r.kind, new Date(r.next_attempt_at).toISOString()])).toEqual([
      ['desk.remind', new Date(opens.getTime() + 15 * 60_000).toISOString()],
      // 60 working minutes: the hour ends at 11:00, so the escalation waits for the next week's hour
      ['desk.escalate', new Date(opens.getTime() + 7 * 86_400_000).toISOString()],
    ]);
  });
});

/** A second buyer on Slack with a confirmed request; returns its id. */
async function queueSecondBuyer(): Promise<number> {
  const other = { channel: 'slack', chatId: 'D0OTHER', userId: 'U0OTHER' };
  const send = (text: string, extra: Partial<InboundMessage> = {}) =>
    engine.handle({ ...other, dedupeId: `o${++messageCount}`, text, ...extra });
  await send('white maxi dresses 200 pcs');
  await send('add the first one');
  await send('talk to sales');
  const summary = await send('ship to France in 6 weeks, I am Anne from Maison Anne');
  let replies = summary;
  for (let i = 0; i < 3 && !replies.some((r) => r.buttons?.some((b) => b.label === 'Confirm')); i++)
    replies = await send('skip');
  const confirm = replies.flatMap((r) => r.buttons ?? []).find((b) => b.label === 'Confirm')!;
  await send('', { actionId: confirm.id });
  const handoffs = await listHandoffs(catalog.db);
  return handoffs.at(-1)!.id;
}
