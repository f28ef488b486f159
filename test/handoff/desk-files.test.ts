import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackAdapter } from '../../adapters/slack/slack-adapter.ts';
import { createTelegramAdapter } from '../../adapters/telegram/telegram-adapter.ts';
import type { ChannelAdapter, ChannelContext } from '../../src/channels/channel-adapter.ts';
import { createConversationEngine } from '../../src/conversation/conversation-engine.ts';
import type { SalesDestination } from '../../src/handoff/desk-state.ts';
import { listHandoffs } from '../../src/handoff/handoff-repository.ts';
import { createOutboxWorker, type OutboxWorker } from '../../src/handoff/outbox.ts';
import { createSalesDesk, type RepInbound } from '../../src/handoff/sales-desk.ts';
import { parseWorkingHours } from '../../src/handoff/working-hours.ts';
import { startHttpServer, type HttpServer } from '../../src/http/http-server.ts';
import { startFakeSlackApi, type FakeSlackApi, type StoredMessage } from '../helpers/fake-slack-api.ts';
import { openSeedCatalog, type EvalCatalog, offlinePlannerFor } from '../helpers/seed-catalog.ts';
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
import { buyerOn, confirmQuoteRequest } from './quote-buyer.ts';

/**
 * Photos and files between a buyer and the rep who claimed them, through the
 * real grammY (polling a Telegram Bot API emulator) and Bolt (signed requests,
 * a fake Slack Web API), in one process with the real engine, desk and
 * outbox: the bytes a person sent on one platform are the bytes the other
 * person gets on the other, once, however often the platform delivers the
 * message.
 */

const DESTINATIONS: SalesDestination[] = [
  { platform: 'slack', chatId: SALES_CHANNEL },
  { platform: 'telegram', chatId: String(SALES_GROUP.id) },
];

/** Bytes no two files share, so a file that arrives is the one that was sent. */
const bytes = (label: string, size: number) => Buffer.alloc(size, label);
const PHOTO = bytes('buyer photo ', 48_000);
const PRICE_LIST = bytes('%PDF-1.7 price list ', 120_000);
const SPEC = bytes('%PDF-1.7 spec sheet ', 64_000);
const FABRIC = bytes('rep photo of a fabric ', 30_000);

let catalog: EvalCatalog;
let telegram: TelegramEmulator;
let slack: FakeSlackApi;
let adapters: ChannelAdapter[];
let server: HttpServer;
let worker: OutboxWorker;
let ctx: ChannelContext;
/** what the adapters handed the desk from reps, still running or done */
const repMessages: Array<Promise<unknown>> = [];

beforeAll(async () => {
  catalog = await openSeedCatalog();
  telegram = await startTelegramEmulator();
  slack = await startFakeSlackApi();
  slack.people.set(SLACK_REP, 'Li Wei');
  const engine = createConversationEngine({
    db: catalog.db,
    planner: await offlinePlannerFor(catalog),
  });
  const desk = await createSalesDesk({
    db: catalog.db,
    settings: {
      destinations: DESTINATIONS,
      hours: parseWorkingHours('24/7', 'UTC'),
      remindAfterMinutes: 15,
      escalateAfterMinutes: 60,
    },
  });
  const log = pino({ level: process.env.DEBUG_DESK ? 'debug' : 'silent' });
  const watched = {
    ...desk,
    fromRep(message: RepInbound) {
      const work = desk.fromRep(message);
      repMessages.push(work);
      return work;
    },
  };
  ctx = { engine, db: catalog.db, log, desk: watched };
  const tg = createTelegramAdapter(
    {
      token: telegram.token,
      apiRoot: telegram.apiRoot,
      pacing: { chatIntervalMs: 0, groupIntervalMs: 0, globalPerSecond: 0 },
      registerCommands: false,
    },
    ctx,
  );
  const sl = createSlackAdapter(
    { botToken: 'xoxb-test-token', signingSecret: SIGNING_SECRET, apiUrl: slack.url, retryConfig: { retries: 0 } },
    ctx,
  );
  adapters = [tg, sl];
  server = await startHttpServer({ host: '127.0.0.1', port: 0, routes: sl.routes, log });
  for (const adapter of adapters) await adapter.start();
  worker = createOutboxWorker({
    db: catalog.db,
    handlers: desk.handlers({ telegram: tg.messenger, slack: sl.messenger }),
    log,
  });
}, 120_000);

afterAll(async () => {
  for (const adapter of adapters ?? []) await adapter.stop();
  await server?.close();
  await telegram?.close();
  await slack?.close();
  await catalog?.close();
});

/** Runs the outbox until `probe` finds what it waits for. */
async function deliverUntil<T>(what: string, probe: () => T | undefined | false, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await worker.runOnce();
    const found = probe();
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Runs the outbox until nothing more is due: whatever was going out has. */
async function drain(): Promise<void> {
  for (let round = 0; round < 20; round++) if (!(await worker.runOnce())) return;
}

async function slackEvent(event: Record<string, unknown>, eventId: string, retryNum?: number): Promise<void> {
  const body = eventBody({ ts: nextTs(), ...event }, eventId);
  const delivered = await signedPost(`${server.url}/slack/events`, body, 'application/json', { retryNum });
  expect(delivered.status).toBe(200);
}

/** The Slack buyer shares a file in their DM with the bot. */
const slackBuyerShares = (file: unknown, text: string, eventId: string) =>
  slackEvent(
    {
      type: 'message',
      subtype: 'file_share',
      channel: SLACK_BUYER_DM,
      channel_type: 'im',
      user: SLACK_BUYER,
      text,
      files: [file],
    },
    eventId,
  );

const textOf = (call: RecordedCall): string => String(call.payload.text ?? call.payload.caption ?? '');
const buttonsOf = (call: RecordedCall): Array<{ text: string; callback_data: string }> =>
  (call.payload.reply_markup?.inline_keyboard ?? []).flat();
const slackCard = (id: number) =>
  slack
    .posts()
    .find(
      (m) =>
        m.channel === SALES_CHANNEL && (m.blocks ?? []).some((b) => JSON.stringify(b).includes(`"desk:claim:${id}"`)),
    );
const documentsTo = (chatId: number) => telegram.sentTo(chatId).filter((call) => call.method === 'sendDocument');
const botMessage = (messageId: number) => ({
  message_id: messageId,
  from: { id: telegram.bot.id, is_bot: true, first_name: 'Showroom' },
  chat: SALES_GROUP,
  date: 0,
});

async function newestHandoff(): Promise<number> {
  return (await listHandoffs(catalog.db)).at(-1)!.id;
}

describe('photos and files during a claimed hand-off', () => {
  it('a Telegram buyer’s photo reaches the Slack rep’s thread, and the rep’s PDF reaches the buyer once', async () => {
    await confirmQuoteRequest(
      buyerOn(ctx.engine, { channel: 'telegram', chatId: '9001', userId: '9001', userName: 'maria' }),
    );
    const id = await newestHandoff();
    const card: StoredMessage = await deliverUntil('the Slack card', () => slackCard(id));
    const pressed = await signedPost(
      `${server.url}/slack/events`,
      blockActionsBody(card, `desk:claim:${id}`, SLACK_REP),
      'application/x-www-form-urlencoded',
    );
    expect(pressed.status).toBe(200);
    await deliverUntil('the claim notice', () =>
      telegram.sentTo(TG_BUYER_CHAT.id).some((call) => /Li Wei from our sales team/.test(textOf(call))),
    );

    // Buyer → rep: the photo's own bytes go up into the card's thread, the caption as its comment.
    const before = telegram.sentTo(TG_BUYER_CHAT.id).length;
    telegram.sendPhoto(TG_BUYER, TG_BUYER_CHAT, 'Can you make this one in navy?', { bytes: PHOTO });
    const upload = await deliverUntil('the photo in Slack', () => slack.uploads[0]);
    expect(upload).toMatchObject({
      channel: SALES_CHANNEL,
      thread_ts: card.ts,
      comment: 'Maria: [photo] Can you make this one in navy?',
    });
    expect(upload.bytes.equals(PHOTO)).toBe(true);
    expect(telegram.sentTo(TG_BUYER_CHAT.id)).toHaveLength(before); // the bot stayed silent

    // Rep → buyer: a PDF uploaded in the thread arrives as a Telegram document with the same bytes.
    const priceList = slack.addFile({ name: 'price-list.pdf', mimeType: 'application/pdf', bytes: PRICE_LIST });
    const upload2 = {
      type: 'message',
      subtype: 'file_share',
      channel: SALES_CHANNEL,
      channel_type: 'channel',
      user: SLACK_REP,
      text: 'Our price list for navy',
      ts: nextTs(),
      thread_ts: card.ts,
      files: [priceList],
    };
    await slackEvent(upload2, 'EvPRICELIST');
    const [document] = await deliverUntil('the PDF on Telegram', () => {
      const sent = documentsTo(TG_BUYER_CHAT.id);
      return sent.length > 0 && sent;
    });
    expect(document!.files!.document!.name).toBe('price-list.pdf');
    expect(document!.files!.document!.bytes.equals(PRICE_LIST)).toBe(true);
    expect(document!.payload.caption).toBe('Li Wei (sales): [file: price-list.pdf] Our price list for navy');
    expect(slack.downloads).toEqual([{ fileId: priceList.id, token: 'xoxb-test-token' }]);

    // Slack re-sends the event, and (as after a restart) the same message under another event id: nothing new.
    const handled = repMessages.length;
    await slackEvent(upload2, 'EvPRICELIST', 1);
    await slackEvent(upload2, 'EvPRICELISTAGAIN');
    await deliverUntil('the desk to read the message again', () => repMessages.length > handled);
    await Promise.all(repMessages);
    await drain();
    expect(documentsTo(TG_BUYER_CHAT.id)).toHaveLength(1);
    expect(slack.uploads).toHaveLength(1);

    // The transcript keeps the reference, not the bytes, and no token.
    const { rows } = await catalog.db.query<{ text: string; payload: { files?: unknown[] } }>(
      `select text, payload from conversation_messages where text like '%price-list.pdf%'`,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]!.payload.files).toEqual([
      expect.objectContaining({ platform: 'slack', fileId: priceList.id, name: 'price-list.pdf' }),
    ]);
    const stored = await catalog.db.query<{ payload: unknown }>(`select payload from outbox`);
    expect(JSON.stringify(stored.rows)).not.toContain(telegram.token);
  });

  it('a Slack buyer’s file reaches the Telegram rep as a reply to the card, and the rep’s photo reaches the buyer', async () => {
    await confirmQuoteRequest(
      buyerOn(ctx.engine, { channel: 'slack', chatId: SLACK_BUYER_DM, userId: SLACK_BUYER, userName: 'anne' }),
    );
    const id = await newestHandoff();
    const card = await deliverUntil('the Telegram card', () =>
      telegram
        .sentTo(SALES_GROUP.id)
        .find((call) => buttonsOf(call).some((b) => b.callback_data === `desk:claim:${id}`)),
    );
    telegram.press(TG_REP, SALES_GROUP, `desk:claim:${id}`, { messageId: card.result.message_id });
    await deliverUntil('the claim notice in Slack', () =>
      slack.posts().some((m) => m.channel === SLACK_BUYER_DM && /Olga from our sales team/.test(m.text)),
    );

    // Buyer → rep: a spec sheet in the DM, without a word, goes to the group as a document under the card.
    const spec = slack.addFile({ name: 'spec-sheet.pdf', mimeType: 'application/pdf', bytes: SPEC });
    await slackBuyerShares(spec, '', 'EvSPEC');
    const relayed = await deliverUntil('the spec sheet in the group', () => documentsTo(SALES_GROUP.id)[0]);
    expect(relayed.files!.document!.bytes.equals(SPEC)).toBe(true);
    expect(relayed.payload.caption).toBe('Maria: [file: spec-sheet.pdf]');
    expect(relayed.payload.reply_parameters.message_id).toBe(card.result.message_id);

    // Rep → buyer: a photo replying to the relayed file is uploaded into the buyer's DM.
    telegram.sendPhoto(TG_REP, SALES_GROUP, 'This fabric?', {
      bytes: FABRIC,
      extra: { reply_to_message: botMessage(relayed.result.message_id) },
    });
    const upload = await deliverUntil('the photo in the Slack DM', () =>
      slack.uploads.find((u) => u.channel === SLACK_BUYER_DM),
    );
    expect(upload.bytes.equals(FABRIC)).toBe(true);
    expect(upload.comment).toBe('Olga (sales): [photo] This fabric?');
    expect(upload.thread_ts).toBeUndefined();

    // A file over the limit is not fetched and not retried: the rep reads why.
    const huge = slack.addFile({
      name: 'catalogue.zip',
      mimeType: 'application/zip',
      bytes: bytes('zip', 10),
      size: 25 * 2 ** 20,
    });
    await slackBuyerShares(huge, 'our whole catalogue', 'EvHUGE');
    const note = await deliverUntil('the note about the large file', () =>
      telegram.sentTo(SALES_GROUP.id).find((call) => /catalogue\.zip/.test(textOf(call))),
    );
    expect(note.method).toBe('sendMessage');
    expect(textOf(note)).toBe(
      'Maria: [file: catalogue.zip] our whole catalogue\n([file: catalogue.zip] could not be passed on: it is over 20 MB)',
    );
    expect(slack.downloads.map((d) => d.fileId)).not.toContain(huge.id);
    await drain();
    const undelivered = await catalog.db.query(
      `select kind, last_error from outbox where delivered_at is null and kind not in ('desk.remind', 'desk.escalate')`,
    );
    expect(undelivered.rows).toEqual([]);
  });
});
