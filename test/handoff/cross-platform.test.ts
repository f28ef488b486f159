import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listHandoffs } from '../../src/handoff/handoff-repository.ts';
import { chatOnce, copyDataFolder, newDataFolder, openDataFolder } from '../helpers/chat-session.ts';
import { cliEnv, startServer, type RunningServer } from '../helpers/cli.ts';
import { startFakeSlackApi, type FakeSlackApi, type StoredMessage } from '../helpers/fake-slack-api.ts';
import { SIGNING_SECRET, blockActionsBody, eventBody, nextTs, signedPost } from '../helpers/slack-requests.ts';
import { startTelegramEmulator, type RecordedCall, type TelegramEmulator } from '../helpers/telegram-emulator.ts';
import {
  SALES_CHANNEL,
  SALES_GROUP,
  SLACK_BUYER,
  SLACK_BUYER_DM,
  SLACK_REP,
  TG_BUYER,
  TG_BUYER_CHAT,
  TG_REP,
} from './desk-people.ts';

/**
 * Hand-offs across platforms through the real `showroom start`: grammY polling
 * a Telegram Bot API emulator, Bolt receiving signed requests and calling a
 * fake Slack Web API. A Telegram buyer with a Slack rep, then a Slack buyer
 * with a Telegram rep: request, questions, confirmation, card, claim, relay
 * both ways, close, the bot answering again. The process is killed
 * (SIGKILL) and started again after every step, and at the end every person
 * has received each message exactly once.
 */

let seeded: string;
let telegram: TelegramEmulator;
let slack: FakeSlackApi;

beforeAll(async () => {
  seeded = await newDataFolder();
  await chatOnce(seeded, { user: 'seed' }, async () => undefined); // migrates and seeds the catalog once
  telegram = await startTelegramEmulator();
  slack = await startFakeSlackApi();
  slack.people.set(SLACK_REP, 'Li Wei');
  slack.people.set(SLACK_BUYER, 'Anne Martin');
});

afterAll(async () => {
  await telegram?.close();
  await slack?.close();
});

/** `showroom start` on one data folder, killed and started again at will. */
class Showroom {
  server?: RunningServer;
  constructor(readonly dataDir: string) {}

  env() {
    return cliEnv(this.dataDir, {
      TELEGRAM_BOT_TOKEN: telegram.token,
      TELEGRAM_API_ROOT: telegram.apiRoot,
      SLACK_BOT_TOKEN: 'xoxb-test-token',
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: slack.url,
      SALES_SLACK_CHANNEL: SALES_CHANNEL,
      SALES_TELEGRAM_CHAT: String(SALES_GROUP.id),
      SALES_HOURS: '24/7',
      SALES_TIMEZONE: 'UTC',
      LOG_LEVEL: 'warn',
    });
  }

  async start(): Promise<void> {
    this.server = await startServer(this.env());
  }

  /** SIGKILL: no clean shutdown, nothing flushed. */
  async crash(): Promise<void> {
    const child = this.server!.child;
    const exited = new Promise((resolve) => child.once('close', resolve));
    child.kill('SIGKILL');
    await exited;
  }

  /**
   * Killed after a step has finished: a second for the worker to record the delivery it just made.
   * (Killed between a platform accepting a message and that record, the row is sent again after its
   * lease: delivery is at least once, see docs/sales-desk.md.)
   */
  async restart(): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await this.crash();
    await this.start();
  }

  async stop(): Promise<void> {
    await this.server?.stop();
  }

  /** A signed Slack request to the running process. */
  async slackEvent(event: Record<string, unknown>): Promise<void> {
    const delivered = await signedPost(
      `${this.server!.url}/slack/events`,
      eventBody({ ts: nextTs(), ...event }, `Ev${nextTs().replace('.', '')}`),
      'application/json',
    );
    expect(delivered.status).toBe(200);
  }

  async slackPress(message: StoredMessage, buttonId: string, user: string): Promise<void> {
    const delivered = await signedPost(
      `${this.server!.url}/slack/events`,
      blockActionsBody(message, buttonId, user),
      'application/x-www-form-urlencoded',
    );
    expect(delivered.status).toBe(200);
  }
}

async function waitFor<T>(what: string, probe: () => T | undefined | false, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const textOf = (call: RecordedCall): string => String(call.payload.text ?? call.payload.caption ?? '');
const telegramTexts = (chatId: number) => telegram.sentTo(chatId).map(textOf);
const slackTexts = (channel: string) =>
  slack
    .posts()
    .filter((m) => m.channel === channel)
    .map((m) => m.text);
const buttonsOf = (call: RecordedCall): Array<{ text: string; callback_data: string }> =>
  (call.payload.reply_markup?.inline_keyboard ?? []).flat();
const slackButtons = (message: StoredMessage) =>
  (message.blocks ?? []).flatMap((b) =>
    b.type === 'actions' ? (b.elements as Array<{ value: string; text: { text: string } }>) : [],
  );

/** A buyer's Telegram message; resolves once the bot has said something new in that chat. */
async function telegramBuyerSays(text: string): Promise<void> {
  const before = telegram.sentTo(TG_BUYER_CHAT.id).length;
  telegram.say(TG_BUYER, TG_BUYER_CHAT, text);
  await waitFor(`a reply to "${text}"`, () => telegram.sentTo(TG_BUYER_CHAT.id).length > before);
  await quiet(() => telegram.sentTo(TG_BUYER_CHAT.id).length);
}

/** Until `count` has not changed for a second: an answer of several messages has been sent in full. */
async function quiet(count: () => number): Promise<void> {
  let last = count();
  for (let still = 0; still < 10;) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    const now = count();
    still = now === last ? still + 1 : 0;
    last = now;
  }
}

async function slackBuyerSays(showroom: Showroom, text: string): Promise<void> {
  const before = slackTexts(SLACK_BUYER_DM).length;
  await showroom.slackEvent({ type: 'message', channel: SLACK_BUYER_DM, channel_type: 'im', user: SLACK_BUYER, text });
  await waitFor(`a reply to "${text}"`, () => slackTexts(SLACK_BUYER_DM).length > before);
  await quiet(() => slackTexts(SLACK_BUYER_DM).length);
}

/** A message of the bot in the sales group, as Telegram quotes it in a reply. */
const botMessage = (messageId: number) => ({
  message_id: messageId,
  from: { id: telegram.bot.id, is_bot: true, first_name: 'Showroom' },
  chat: SALES_GROUP,
  date: 0,
});

/** No message to a person twice: the same text may recur only where the bot would say it again. */
function expectNoRepeats(texts: string[], what: string): void {
  const desk = texts.filter((t) =>
    /sales team has taken|\(sales\):|has closed your request|in the sales queue/.test(t),
  );
  expect(new Set(desk).size, `${what}: ${JSON.stringify(desk)}`).toBe(desk.length);
}

describe('hand-off across platforms, restarted after every step', () => {
  // Each conversation is a dozen process starts; a shared 2-core machine needs minutes for them.
  it(
    'a Telegram buyer with a Slack rep: request, card, claim, relay both ways, close, bot resumes',
    { timeout: 300_000 },
    async () => {
      const showroom = new Showroom(await copyDataFolder(seeded));
      await showroom.start();
      try {
        await telegramBuyerSays("I'm Maria from Bella Boutique");
        await telegramBuyerSays('black evening dresses, 100 pcs');
        await telegramBuyerSays('add the first one');
        await showroom.restart();
        await telegramBuyerSays('talk to sales');
        expect(telegramTexts(TG_BUYER_CHAT.id).at(-1)).toMatch(/Which country/);
        await telegramBuyerSays('ship to Spain in 8 weeks');
        const summary = telegram
          .sentTo(TG_BUYER_CHAT.id)
          .findLast((call) => buttonsOf(call).some((b) => b.text === 'Confirm'))!;
        expect(textOf(summary)).toMatch(/Ship to: Spain/);
        await showroom.restart();
        telegram.press(TG_BUYER, TG_BUYER_CHAT, buttonsOf(summary).find((b) => b.text === 'Confirm')!.callback_data);

        // The card reaches the Slack channel and the Telegram group; the buyer hears when to expect a rep.
        const card = await waitFor('the Slack card', () =>
          slack
            .posts()
            .find((m) => m.channel === SALES_CHANNEL && slackButtons(m).some((b) => b.value.startsWith('desk:claim:'))),
        );
        expect(card.text).toMatch(/Quote request #\d+ from Maria, Bella Boutique · Telegram · English/);
        await waitFor('the Telegram card', () =>
          telegram
            .sentTo(SALES_GROUP.id)
            .find((call) => buttonsOf(call).some((b) => b.callback_data.startsWith('desk:claim:'))),
        );
        await waitFor('the queued notice', () =>
          telegramTexts(TG_BUYER_CHAT.id).some((t) => /in the sales queue/.test(t)),
        );
        await showroom.restart();

        // The Slack rep claims; the buyer on Telegram is told who has it.
        await showroom.slackPress(card, slackButtons(card)[0]!.value, SLACK_REP);
        await waitFor('the claim notice', () =>
          telegramTexts(TG_BUYER_CHAT.id).some((t) => /Li Wei from our sales team has taken your request/.test(t)),
        );
        await waitFor('the card to show the claim', () => /Claimed by Li Wei/.test(card.text) && card);
        await showroom.restart();

        // Buyer → rep: the bot stays silent, the rep reads it under the card.
        const before = telegram.sentTo(TG_BUYER_CHAT.id).length;
        telegram.say(TG_BUYER, TG_BUYER_CHAT, 'Can you make them in navy too?');
        const relayed = await waitFor('the buyer message in the thread', () =>
          slack.posts().find((m) => m.thread_ts === card.ts && m.text === 'Maria: Can you make them in navy too?'),
        );
        expect(relayed.channel).toBe(SALES_CHANNEL);
        await showroom.restart();
        expect(telegram.sentTo(TG_BUYER_CHAT.id).length).toBe(before);

        // Rep → buyer, from the Slack thread.
        await showroom.slackEvent({
          type: 'message',
          channel: SALES_CHANNEL,
          channel_type: 'channel',
          user: SLACK_REP,
          text: 'Yes, navy is available from 100 pcs.',
          thread_ts: card.ts,
        });
        await waitFor('the rep message on Telegram', () =>
          telegramTexts(TG_BUYER_CHAT.id).includes('Li Wei (sales): Yes, navy is available from 100 pcs.'),
        );
        await showroom.restart();

        // Close: the buyer is told and the bot answers again.
        await showroom.slackEvent({
          type: 'message',
          channel: SALES_CHANNEL,
          channel_type: 'channel',
          user: SLACK_REP,
          text: '!close quoted sent PI-2291',
          thread_ts: card.ts,
        });
        await waitFor('the close notice', () =>
          telegramTexts(TG_BUYER_CHAT.id).some((t) => /Li Wei has closed your request/.test(t)),
        );
        await waitFor('the closed card', () => /Closed at .*quoted \(sent PI-2291\)/.test(card.text) && card);
        await waitFor('the closed card in the Telegram group', () =>
          telegram.calls.some(
            (call) => call.method === 'editMessageText' && /Closed at .*quoted/.test(String(call.payload.text)),
          ),
        );
        await showroom.restart();
        await telegramBuyerSays('red maxi dresses');
        expect(telegram.sentTo(TG_BUYER_CHAT.id).at(-1)!.method).toMatch(/sendMessage|sendPhoto/);
        expect(telegramTexts(TG_BUYER_CHAT.id).join('\n')).toMatch(/Here is what I found/);
      } finally {
        await showroom.stop();
      }

      expectNoRepeats(telegramTexts(TG_BUYER_CHAT.id), 'buyer on Telegram');
      const cards = slack.posts().filter((m) => m.channel === SALES_CHANNEL && !m.thread_ts);
      expect(cards).toHaveLength(1);
      expect(slack.posts().filter((m) => m.text.startsWith('Maria: Can you make them'))).toHaveLength(1);
      const db = await openDataFolder(showroom.dataDir);
      try {
        const [handoff] = await listHandoffs(db);
        expect(handoff).toMatchObject({
          status: 'closed',
          outcome: 'quoted',
          note: 'sent PI-2291',
          claimed_by: `slack:${SLACK_REP}`,
        });
        expect(handoff!.first_rep_reply_at).not.toBeNull();
        const undelivered = await db.query(
          `select kind, last_error from outbox where delivered_at is null and kind not in ('desk.remind', 'desk.escalate')`,
        );
        expect(undelivered.rows).toEqual([]);
      } finally {
        await db.close();
      }
    },
  );

  it(
    'a Slack buyer with a Telegram rep: the rep claims in the group and replies to the bot’s messages',
    { timeout: 300_000 },
    async () => {
      const showroom = new Showroom(await copyDataFolder(seeded));
      await showroom.start();
      const groupBefore = telegram.sentTo(SALES_GROUP.id).length;
      try {
        await slackBuyerSays(showroom, 'I am Anne from Maison Anne');
        await slackBuyerSays(showroom, 'white maxi dresses 200 pcs');
        await slackBuyerSays(showroom, 'add the first one');
        await slackBuyerSays(showroom, 'talk to sales');
        await showroom.restart();
        await slackBuyerSays(showroom, 'ship to France in 6 weeks');
        const summary = slack
          .posts()
          .findLast((m) => m.channel === SLACK_BUYER_DM && slackButtons(m).some((b) => b.text.text === 'Confirm'))!;
        await showroom.slackPress(
          summary,
          slackButtons(summary).find((b) => b.text.text === 'Confirm')!.value,
          SLACK_BUYER,
        );

        const card = await waitFor('the Telegram card', () =>
          telegram
            .sentTo(SALES_GROUP.id)
            .slice(groupBefore)
            .find((call) => buttonsOf(call).some((b) => b.callback_data.startsWith('desk:claim:'))),
        );
        expect(textOf(card)).toMatch(/Quote request #\d+ from Anne, Maison Anne · Slack · English/);
        await showroom.restart();

        // The Telegram rep claims with the card's button.
        const claim = buttonsOf(card).find((b) => b.text === 'Claim')!.callback_data;
        telegram.press(TG_REP, SALES_GROUP, claim, { messageId: card.result.message_id });
        await waitFor('the claim notice in Slack', () =>
          slackTexts(SLACK_BUYER_DM).some((t) => /Olga from our sales team has taken your request/.test(t)),
        );
        await showroom.restart();

        // Buyer → rep: posted in the group as a reply to the card.
        await showroom.slackEvent({
          type: 'message',
          channel: SLACK_BUYER_DM,
          channel_type: 'im',
          user: SLACK_BUYER,
          text: 'Do you ship by sea?',
        });
        const relayed = await waitFor('the buyer message in the group', () =>
          telegram.sentTo(SALES_GROUP.id).find((call) => textOf(call) === 'Anne: Do you ship by sea?'),
        );
        expect(relayed.payload.reply_parameters.message_id).toBe(card.result.message_id);
        await showroom.restart();

        // Rep → buyer: a reply to the relayed message.
        telegram.say(TG_REP, SALES_GROUP, 'Yes, sea freight to Le Havre takes about 35 days.', {
          reply_to_message: botMessage(relayed.result.message_id),
        });
        await waitFor('the rep message in Slack', () =>
          slackTexts(SLACK_BUYER_DM).includes('Olga (sales): Yes, sea freight to Le Havre takes about 35 days.'),
        );
        await showroom.restart();

        telegram.say(TG_REP, SALES_GROUP, '/close won', {
          reply_to_message: botMessage(card.result.message_id),
          entities: [{ type: 'bot_command', offset: 0, length: 6 }],
        });
        await waitFor('the close notice in Slack', () =>
          slackTexts(SLACK_BUYER_DM).some((t) => /Olga has closed your request/.test(t)),
        );
        await showroom.restart();
        await slackBuyerSays(showroom, 'black handbags');
        expect(slackTexts(SLACK_BUYER_DM).at(-1)).toBeTruthy();
      } finally {
        await showroom.stop();
      }
      expectNoRepeats(slackTexts(SLACK_BUYER_DM), 'buyer on Slack');
      expect(
        telegram.sentTo(SALES_GROUP.id).filter((call) => textOf(call) === 'Anne: Do you ship by sea?'),
      ).toHaveLength(1);
      const db = await openDataFolder(showroom.dataDir);
      try {
        const handoffs = await listHandoffs(db);
        expect(handoffs.at(-1)).toMatchObject({
          status: 'closed',
          outcome: 'won',
          claimed_by: `telegram:${TG_REP.id}`,
        });
      } finally {
        await db.close();
      }
    },
  );
});
