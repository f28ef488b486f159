import { spawn } from 'node:child_process';
import { cp } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { streamProducts } from '../../src/catalog/catalog-repository.ts';
import type { Product } from '../../src/catalog/product.ts';
import type { OutboundMessage } from '../../src/conversation/messages.ts';
import { PGLITE_SUBDIR } from '../../src/db/open-database.ts';
import { createPgliteDatabase, type PgliteDatabase } from '../../src/db/pglite-database.ts';
import { BIN, cliEnv, tempDir } from './cli.ts';

/**
 * Drives `showroom chat --json` as a buyer's client would: one line in, the
 * replies up to `{"kind":"turn_end"}` out, so a later line can press a button
 * (`/click <id>`) the bot sent earlier in the same process.
 */

/** One line of `chat --json` output: an outbound message plus the conversation's handoff state. */
export type ChatReply = OutboundMessage & { state: { handoff: string } };

export interface ChatSession {
  /** Sends one buyer line and resolves with every reply to it. */
  send(line: string): Promise<ChatReply[]>;
  /** Presses a button by its id. */
  click(buttonId: string): Promise<ChatReply[]>;
  /** Ends stdin and waits for the process to exit; rejects unless it exits with 0. */
  close(): Promise<void>;
}

/** The chat always runs the offline planner with the local embedder: no key, no network. */
export function chatEnv(dataDir: string): NodeJS.ProcessEnv {
  const env = cliEnv(dataDir);
  for (const name of ['OPENAI_API_KEY', 'OPENAI_BASE_URL', 'EMBEDDER', 'SHOWROOM_LEXICON_DIR', 'DATABASE_URL']) {
    delete env[name];
  }
  return env;
}

export interface ChatOptions {
  user: string;
  channel?: string;
  /** How long one turn may take; the first turn on an empty folder also seeds and indexes the catalog. */
  turnTimeoutMs?: number;
  /** settings on top of the offline ones, e.g. PLANNER=llm and a local fake model server */
  env?: NodeJS.ProcessEnv;
}

export function openChat(dataDir: string, options: ChatOptions): ChatSession {
  const turnTimeoutMs = options.turnTimeoutMs ?? 100_000;
  const args = ['chat', '--json', '--user', options.user, ...(options.channel ? ['--channel', options.channel] : [])];
  const child = spawn(process.execPath, [BIN, ...args], {
    env: { ...chatEnv(dataDir), ...options.env },
    stdio: 'pipe',
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise<number>((resolve) => child.on('close', (code) => resolve(code ?? -1)));

  // Output lines wait here until a turn asks for them.
  const pending: unknown[] = [];
  let wake: (() => void) | undefined;
  let ended = false;
  createInterface({ input: child.stdout, crlfDelay: Infinity })
    .on('line', (line) => {
      if (!line.trim()) return;
      try {
        pending.push(JSON.parse(line));
      } catch {
        pending.push({ kind: 'not_json', text: line });
      }
      wake?.();
    })
    .on('close', () => {
      ended = true;
      wake?.();
    });

  async function nextTurn(sent: string): Promise<ChatReply[]> {
    const replies: ChatReply[] = [];
    const deadline = Date.now() + turnTimeoutMs;
    for (;;) {
      while (pending.length) {
        const message = pending.shift() as { kind: string };
        if (message.kind === 'not_json')
          throw new Error(`chat --json wrote a line that is not JSON: ${JSON.stringify(message)}`);
        if (message.kind === 'turn_end') return replies;
        replies.push(message as ChatReply);
      }
      if (ended) throw new Error(`showroom chat ended before answering ${JSON.stringify(sent)}:\n${stderr}`);
      const left = deadline - Date.now();
      if (left <= 0)
        throw new Error(`no turn_end within ${turnTimeoutMs} ms after ${JSON.stringify(sent)}:\n${stderr}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        wake = () => {
          clearTimeout(timer);
          wake = undefined;
          resolve();
        };
      });
    }
  }

  // Turns run one after another, like a buyer waiting for each answer.
  let queue: Promise<unknown> = Promise.resolve();
  const send = (line: string): Promise<ChatReply[]> => {
    const turn = queue.then(() => {
      child.stdin.write(`${line}\n`);
      return nextTurn(line);
    });
    queue = turn.catch(() => {});
    return turn;
  };

  return {
    send,
    click: (buttonId) => send(`/click ${buttonId}`),
    async close() {
      await queue;
      child.stdin.end();
      // A process that does not finish on end of input is a failure, not something to wait for forever.
      let timer: NodeJS.Timeout | undefined;
      const code = await Promise.race([
        exited,
        new Promise<'hung'>((resolve) => (timer = setTimeout(() => resolve('hung'), 60_000))),
      ]);
      clearTimeout(timer);
      if (code === 'hung') {
        child.kill('SIGKILL');
        throw new Error(`showroom chat did not exit within 60 s of the end of its input:\n${stderr}`);
      }
      if (code !== 0) throw new Error(`showroom chat exited with ${code}:\n${stderr}`);
    },
  };
}

/** Runs one whole conversation in its own process and closes it. */
export async function chatOnce(
  dataDir: string,
  options: ChatOptions,
  converse: (chat: ChatSession) => Promise<void>,
): Promise<void> {
  const chat = openChat(dataDir, options);
  try {
    await converse(chat);
  } catch (error) {
    // The conversation's own failure is the one worth reading; the process is only cleaned up.
    await chat.close().catch(() => {});
    throw error;
  }
  await chat.close();
}

/** A path for a data folder that does not exist yet: the first `showroom chat` on it creates and seeds it. */
export async function newDataFolder(): Promise<string> {
  return path.join(await tempDir('showroom-chat-seed-'), 'data');
}

/** A private copy of a prepared data folder, so a scenario starts from the same seeded state. */
export async function copyDataFolder(from: string): Promise<string> {
  const to = path.join(await tempDir('showroom-chat-'), 'data');
  await cp(from, to, { recursive: true });
  return to;
}

/** Opens a data folder's embedded database the way `showroom` does; only while no process has it. */
export function openDataFolder(dataDir: string): Promise<PgliteDatabase> {
  return createPgliteDatabase({ dir: path.join(dataDir, PGLITE_SUBDIR) });
}

/** What a scenario checks replies against: the catalog as the bot reads it, and the exchange rates it converts with. */
export interface CatalogFacts {
  products: Map<string, Product>;
  /** US dollars per unit of each currency (currency_rates) */
  usdPerUnit: Map<string, number>;
}

/** Reads a data folder's catalog and rates; only while no showroom process has the folder open. */
export async function catalogOf(dataDir: string): Promise<CatalogFacts> {
  const db = await openDataFolder(dataDir);
  try {
    const products = new Map<string, Product>();
    for await (const product of streamProducts(db)) products.set(product.sku, product);
    const { rows } = await db.query<{ currency: string; usd_per_unit: number }>(
      'select currency, usd_per_unit from currency_rates',
    );
    return { products, usdPerUnit: new Map(rows.map((r) => [r.currency, Number(r.usd_per_unit)])) };
  } finally {
    await db.close();
  }
}
