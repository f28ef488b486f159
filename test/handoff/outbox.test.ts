import { afterEach, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.ts';
import {
  createOutboxWorker,
  enqueue,
  retryDelayMs,
  type OutboxMessage,
  type OutboxWorkerOptions,
} from '../../src/handoff/outbox.ts';
import { databaseTargets, type TestDatabase } from '../helpers/databases.ts';

/**
 * The outbox against both database drivers: enqueued in the caller's
 * transaction, delivered by a worker with retries and backoff, each row once
 * even with two workers at it, and picked up by a new worker after a crash.
 */

/** A clock tests move by hand, so backoff is checked without waiting. */
function manualClock() {
  // A whole minute ahead of the database's now(), which stamps every row enqueued without `at` as due.
  const start = Math.ceil(Date.now() / 60_000) * 60_000 + 60_000;
  let now = start;
  return { start, clock: () => new Date(now), advance: (ms: number) => (now += ms) };
}

async function outboxRow(db: Database, key: string) {
  const { rows } = await db.query<{
    attempts: number;
    next_attempt_at: Date | string;
    delivered_at: Date | string | null;
    last_error: string | null;
  }>('select attempts, next_attempt_at, delivered_at, last_error from outbox where idempotency_key = $1', [key]);
  return rows[0]!;
}

describe.each(databaseTargets)('outbox on $name', (target) => {
  let opened: TestDatabase | undefined;
  afterEach(async () => {
    await opened?.close();
    opened = undefined;
  });
  const open = async () => (opened = await target.open()).db;
  const worker = (db: Database, options: Partial<OutboxWorkerOptions> & Pick<OutboxWorkerOptions, 'handlers'>) =>
    createOutboxWorker({ db, baseDelayMs: 1_000, maxDelayMs: 60_000, leaseMs: 30_000, ...options });

  it('adds a key once, and only when the transaction commits', async () => {
    const db = await open();
    expect(await db.transaction((tx) => enqueue(tx, 'handoff.created', 'k1', { handoff_id: 1 }))).toBe(true);
    expect(await db.transaction((tx) => enqueue(tx, 'handoff.created', 'k1', { handoff_id: 1 }))).toBe(false);
    await expect(
      db.transaction(async (tx) => {
        await enqueue(tx, 'handoff.created', 'k2', {});
        throw new Error('the state change failed');
      }),
    ).rejects.toThrow('the state change failed');
    const { rows } = await db.query<{ idempotency_key: string }>('select idempotency_key from outbox');
    expect(rows.map((r) => r.idempotency_key)).toEqual(['k1']);
  });

  it('retries a failing delivery with exponential backoff, then marks it delivered', async () => {
    const db = await open();
    const { start, clock, advance } = manualClock();
    await db.transaction((tx) => enqueue(tx, 'handoff.created', 'k1', { handoff_id: 7 }));
    const seen: OutboxMessage[] = [];
    let failures = 2;
    const w = worker(db, {
      clock,
      handlers: {
        'handoff.created': async (message) => {
          seen.push(message);
          if (failures-- > 0) throw new Error('Slack answered 503');
        },
      },
    });
    expect(await w.runOnce()).toBe(0);
    let row = await outboxRow(db, 'k1');
    expect(row).toMatchObject({ attempts: 1, delivered_at: null, last_error: 'Slack answered 503' });
    expect(new Date(row.next_attempt_at).getTime()).toBe(start + 1_000);
    // Not due yet: nothing is tried.
    expect(await w.runOnce()).toBe(0);
    expect(seen).toHaveLength(1);
    advance(1_000);
    expect(await w.runOnce()).toBe(0);
    row = await outboxRow(db, 'k1');
    expect(new Date(row.next_attempt_at).getTime()).toBe(start + 1_000 + 2_000);
    advance(2_000);
    expect(await w.runOnce()).toBe(1);
    row = await outboxRow(db, 'k1');
    expect(row).toMatchObject({ attempts: 3, last_error: null });
    expect(row.delivered_at).not.toBeNull();
    expect(seen.map((m) => [m.attempt, m.idempotencyKey, m.payload])).toEqual([
      [1, 'k1', { handoff_id: 7 }],
      [2, 'k1', { handoff_id: 7 }],
      [3, 'k1', { handoff_id: 7 }],
    ]);
    advance(3_600_000);
    expect(await w.runOnce()).toBe(0);
  });

  it('delivers each row once with two workers polling at the same time', async () => {
    const db = await open();
    const keys = Array.from({ length: 30 }, (_, i) => `k${i}`);
    await db.transaction(async (tx) => {
      for (const key of keys) await enqueue(tx, 'handoff.created', key, {});
    });
    const delivered: string[] = [];
    const handler = async (message: OutboxMessage) => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      delivered.push(message.idempotencyKey);
    };
    const workers = [0, 1].map(() => worker(db, { batchSize: 4, handlers: { 'handoff.created': handler } }));
    const drain = async (w: ReturnType<typeof worker>) => {
      while ((await w.runOnce()) > 0);
    };
    await Promise.all(workers.map(drain));
    expect(delivered.sort()).toEqual([...keys].sort());
  });

  it('leaves kinds without a handler queued', async () => {
    const db = await open();
    await db.transaction((tx) => enqueue(tx, 'handoff.reminder', 'r1', {}));
    const w = worker(db, { handlers: { 'handoff.created': async () => {} } });
    expect(await w.runOnce()).toBe(0);
    expect(await outboxRow(db, 'r1')).toMatchObject({ attempts: 0, delivered_at: null });
    expect(await worker(db, { handlers: {} }).runOnce()).toBe(0);
  });

  it('after a crash mid-delivery, a new worker delivers the claimed row when its lease ends, and nothing delivered twice', async () => {
    const db = await open();
    const { clock, advance } = manualClock();
    await db.transaction(async (tx) => {
      await enqueue(tx, 'handoff.created', 'done', {});
      await enqueue(tx, 'handoff.created', 'in-flight', {});
    });
    const first: string[] = [];
    const crashed = worker(db, {
      clock,
      handlers: {
        'handoff.created': async (message) => {
          first.push(message.idempotencyKey);
          // The process dies while this send is in flight: it never returns.
          if (message.idempotencyKey === 'in-flight') await new Promise(() => {});
        },
      },
    });
    void crashed.runOnce();
    await expect.poll(() => first).toEqual(['done', 'in-flight']);

    const second: OutboxMessage[] = [];
    const restarted = worker(db, {
      clock,
      handlers: { 'handoff.created': async (message) => void second.push(message) },
    });
    // The lease still runs: the row is left to the worker that claimed it.
    expect(await restarted.runOnce()).toBe(0);
    advance(30_000);
    expect(await restarted.runOnce()).toBe(1);
    expect(second.map((m) => [m.idempotencyKey, m.attempt])).toEqual([['in-flight', 2]]);
    expect(await restarted.runOnce()).toBe(0);
    expect((await outboxRow(db, 'done')).attempts).toBe(1);
  });

  it('polls with start() until stop()', async () => {
    const db = await open();
    const delivered: string[] = [];
    const w = worker(db, {
      pollMs: 10,
      handlers: { 'handoff.created': async (m) => void delivered.push(m.idempotencyKey) },
    });
    w.start();
    await db.transaction((tx) => enqueue(tx, 'handoff.created', 'late', {}));
    await expect.poll(() => delivered, { timeout: 5_000 }).toEqual(['late']);
    await w.stop();
  });
});

describe('retryDelayMs', () => {
  it('doubles per attempt up to the cap', () => {
    expect([1, 2, 3, 4, 10].map((n) => retryDelayMs(n, 5_000, 60_000))).toEqual([
      5_000, 10_000, 20_000, 40_000, 60_000,
    ]);
  });
});
