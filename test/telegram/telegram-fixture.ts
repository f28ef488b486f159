import pino from 'pino';
import { createTelegramAdapter, type TelegramAdapterOptions } from '../../adapters/telegram/telegram-adapter.ts';
import type { ChannelAdapter } from '../../src/channels/channel-adapter.ts';
import { createConversationEngine, type ConversationEngine } from '../../src/conversation/conversation-engine.ts';
import type { InboundMessage } from '../../src/conversation/messages.ts';
import { migrate } from '../../src/db/migrate.ts';
import { openSeedCatalog, type EvalCatalog, offlinePlannerFor } from '../helpers/seed-catalog.ts';
import { startTelegramEmulator, type TelegramEmulator } from '../helpers/telegram-emulator.ts';

/**
 * What the Telegram tests share: the real engine (PGlite with the seed
 * catalog, offline planner) seen through a thin recorder, the emulator with
 * its front, and a log kept in memory. Tests wait for the adapter's
 * "telegram update handled" line, which it writes once an update's answer
 * has gone out (or once it was ignored).
 */

export interface TelegramFixture {
  catalog: EvalCatalog;
  emulator: TelegramEmulator;
  /** every InboundMessage the adapter gave the engine */
  inbound: InboundMessage[];
  /** the engine throws for these texts, and waits this long for these */
  failOn: Set<string>;
  slowOn: Map<string, number>;
  logLines: string[];
  adapter(options?: Partial<TelegramAdapterOptions>): ChannelAdapter;
  /** the outcomes the adapter logged for this update so far (one per delivery) */
  outcomes(updateId: number): string[];
  /** resolves with the outcome the adapter logged for this update, once it has */
  handled(updateId: number, timeoutMs?: number): Promise<string>;
  close(): Promise<void>;
}

export async function openTelegramFixture(): Promise<TelegramFixture> {
  const catalog = await openSeedCatalog();
  await migrate(catalog.db);
  const engine = createConversationEngine({
    db: catalog.db,
    planner: await offlinePlannerFor(catalog),
  });
  const emulator = await startTelegramEmulator();
  const inbound: InboundMessage[] = [];
  const failOn = new Set<string>();
  const slowOn = new Map<string, number>();
  const recording: ConversationEngine = {
    async receive(message) {
      inbound.push(message);
      if (message.text && failOn.has(message.text)) throw new Error(`engine failure for "${message.text}"`);
      const delay = message.text ? slowOn.get(message.text) : undefined;
      if (delay) await new Promise((resolve) => setTimeout(resolve, delay));
      return engine.receive(message);
    },
    handle: (message) => engine.handle(message),
  };

  const logLines: string[] = [];
  const log = pino({ level: 'debug' }, { write: (line: string) => void logLines.push(line) });
  const adapters: ChannelAdapter[] = [];
  const outcomes = (updateId: number) =>
    logLines
      .map((line) => JSON.parse(line) as { msg: string; update_id?: number; outcome?: string })
      .filter((entry) => entry.msg === 'telegram update handled' && entry.update_id === updateId)
      .map((entry) => entry.outcome!);

  return {
    catalog,
    emulator,
    inbound,
    failOn,
    slowOn,
    logLines,
    adapter(options = {}) {
      const adapter = createTelegramAdapter(
        {
          token: emulator.token,
          apiRoot: emulator.apiRoot,
          // Pacing has its own test; here it would only slow the conversation down.
          pacing: { chatIntervalMs: 0, groupIntervalMs: 0, globalPerSecond: 0 },
          ...options,
        },
        { engine: recording, db: catalog.db, log },
      );
      adapters.push(adapter);
      return adapter;
    },
    outcomes,
    async handled(updateId, timeoutMs = 60_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const [outcome] = outcomes(updateId);
        if (outcome) return outcome;
        if (Date.now() > deadline) throw new Error(`update ${updateId} was not handled in ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    async close() {
      for (const adapter of adapters) await adapter.stop();
      await emulator.close();
      await catalog.close();
    },
  };
}

/** Telegram counts a caption's or message's length after entities are parsed: the text without tags. */
export function visibleText(html: string): string {
  return html
    .replace(/<\/?b>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}
