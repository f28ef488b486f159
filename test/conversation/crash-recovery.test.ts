import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface } from 'node:readline';
import { afterAll, describe, expect, it } from 'vitest';
import { createConversationEngine, type Planner } from '../../src/conversation/conversation-engine.ts';
import { migrate } from '../../src/db/migrate.ts';
import { chatEnv, newDataFolder, openDataFolder } from '../helpers/chat-session.ts';
import { BIN } from '../helpers/cli.ts';
import { openSeedCatalog, offlinePlannerFor } from '../helpers/seed-catalog.ts';

/**
 * "A crash mid-message loses nothing already acknowledged": a buyer message
 * and its replies commit together, so after a crash each message is either
 * fully answered and remembered, or absent and answered afresh when the
 * platform delivers it again.
 */

describe('a planner that fails mid-message', () => {
  const catalog = openSeedCatalog();
  afterAll(async () => (await catalog).close());

  it('leaves no trace of the failed message; the redelivery is answered and earlier turns are intact', async () => {
    const { db } = await catalog;
    await migrate(db);
    const offline = await offlinePlannerFor(await catalog);
    let crashNext = false;
    // Crashes after the offline planner has done its work (searched, changed the state), before the commit.
    const planner: Planner = {
      name: 'crashing',
      notice: offline.notice,
      async plan(turn) {
        const drafts = await offline.plan(turn);
        if (crashNext) {
          crashNext = false;
          throw new Error('process died');
        }
        return drafts;
      },
    };
    const engine = createConversationEngine({ db, planner });
    const message = (dedupeId: string, text: string) => ({
      channel: 'crash',
      chatId: 'c1',
      userId: 'c1',
      dedupeId,
      text,
    });

    const [results] = await engine.handle(message('1', 'white maxi dresses'));
    const first = results && 'items' in results ? results.items[0]!.sku : undefined;
    await engine.handle(message('2', 'add the first one'));

    crashNext = true;
    await expect(engine.handle(message('3', 'black evening dresses'))).rejects.toThrow('process died');
    const rows = await db.query<{ dedupe_id: string | null; direction: string }>(
      `select m.dedupe_id, m.direction from conversation_messages m join conversations c on c.id = m.conversation_id
       where c.channel = 'crash' order by m.id`,
    );
    expect(rows.rows.filter((r) => r.direction === 'in').map((r) => r.dedupe_id)).toEqual(['1', '2']);
    const state = await db.query<{ state: { shortlist: Array<{ sku: string }>; lastResults: string[] } }>(
      `select state from conversations where channel = 'crash'`,
    );
    expect(state.rows[0]!.state.shortlist.map((e) => e.sku)).toEqual([first]);
    expect(state.rows[0]!.state.lastResults[0]).toBe(first);

    const [again] = await engine.handle(message('3', 'black evening dresses'));
    expect(again!.kind).toBe('products');
  });
});

/** `showroom chat --json` as a child process that can be killed at any moment. */
function chatProcess(dataDir: string) {
  const child = spawn(process.execPath, [BIN, 'chat', '--json', '--user', 'kill-buyer'], {
    env: chatEnv(dataDir),
    stdio: 'pipe',
  }) as ChildProcessWithoutNullStreams;
  const lines: string[] = [];
  let waiting: (() => void) | undefined;
  createInterface({ input: child.stdout }).on('line', (line) => {
    lines.push(line);
    waiting?.();
  });
  const exited = new Promise<void>((resolve) => child.on('close', () => resolve()));
  return {
    /** sends a line and waits for its turn_end: the message is acknowledged */
    async say(text: string): Promise<Array<{ kind: string; items?: Array<{ sku: string }> }>> {
      const start = lines.length;
      child.stdin.write(`${text}\n`);
      for (;;) {
        const end = lines.findIndex((line, i) => i >= start && line.includes('"turn_end"'));
        if (end >= 0) return lines.slice(start, end).map((line) => JSON.parse(line));
        await new Promise<void>((resolve) => (waiting = resolve));
      }
    },
    /** sends a line and kills the process after `ms`, answered or not */
    async sayAndKill(text: string, ms: number): Promise<void> {
      child.stdin.write(`${text}\n`);
      await new Promise((resolve) => setTimeout(resolve, ms));
      child.kill('SIGKILL');
      await exited;
    },
    async close() {
      child.stdin.end();
      await exited;
    },
  };
}

describe('showroom chat killed with SIGKILL mid-message', () => {
  it('keeps every acknowledged message and the shortlist; each stored message has its replies', async () => {
    const dataDir = await newDataFolder();
    const first = chatProcess(dataDir);
    const [results] = await first.say('white maxi dresses');
    const sku = results!.items![0]!.sku;
    await first.say('add the first one');
    // Kill at different moments of the next message: before, during and after its transaction.
    await first.sayAndKill('black evening dresses', 5);

    for (const ms of [40, 150]) {
      const next = chatProcess(dataDir);
      const [list] = await next.say('my shortlist');
      expect(list!.kind).toBe('shortlist');
      expect(list!.items!.map((item) => item.sku)).toEqual([sku]);
      await next.sayAndKill('red cocktail dresses', ms);
    }

    const db = await openDataFolder(dataDir);
    try {
      const { rows } = await db.query<{ text: string; replies: number }>(
        `select i.text, (select count(*)::int from conversation_messages o where o.reply_to = i.id) as replies
         from conversation_messages i join conversations c on c.id = i.conversation_id
         where c.user_id = 'kill-buyer' and i.direction = 'in' order by i.id`,
      );
      // The acknowledged turns are all there, in order; a killed turn is there only if it was answered in full.
      const texts = rows.map((row) => row.text);
      expect(texts.slice(0, 2)).toEqual(['white maxi dresses', 'add the first one']);
      expect(texts.filter((text) => text === 'my shortlist')).toHaveLength(2);
      for (const row of rows) expect(row.replies, `replies to "${row.text}"`).toBeGreaterThan(0);
      const state = await db.query<{ state: { shortlist: Array<{ sku: string }> } }>(
        `select state from conversations where user_id = 'kill-buyer'`,
      );
      expect(state.rows[0]!.state.shortlist.map((e) => e.sku)).toEqual([sku]);
    } finally {
      await db.close();
    }
  }, 300_000);
});
