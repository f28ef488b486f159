import type { Database, Queryable } from '../db/database.ts';
import type { Logger } from '../logger.ts';

/**
 * Notifications that must survive a crash or a failed send. A state change
 * and its outbox row commit in one transaction (enqueue takes the caller's
 * tx); the worker delivers later, with retries and exponential backoff.
 *
 * A row is claimed in a short transaction (FOR UPDATE SKIP LOCKED, so
 * replicas never claim the same row) that pushes its next_attempt_at one lease
 * ahead, and the handler runs outside any transaction: on the embedded
 * database a transaction held across a network call would stop every other
 * query. A worker that dies mid-delivery leaves the row to be claimed again
 * when the lease ends, so delivery is at least once; handlers get the
 * idempotency key to make a repeat harmless.
 */

export interface OutboxMessage {
  id: number;
  kind: string;
  idempotencyKey: string;
  payload: Record<string, unknown>;
  /** 1 on the first delivery */
  attempt: number;
}

/** Delivers one message; throwing schedules a retry. */
export type OutboxHandler = (message: OutboxMessage) => Promise<void>;

export type OutboxHandlers = Partial<Record<string, OutboxHandler>>;

/**
 * Adds a message in the caller's transaction; false when the key was
 * enqueued before (nothing added). `at` schedules it (a durable timer: the
 * worker delivers it once its clock reaches `at`).
 */
export async function enqueue(
  tx: Queryable,
  kind: string,
  idempotencyKey: string,
  payload: Record<string, unknown>,
  options: { at?: Date } = {},
): Promise<boolean> {
  const { rowCount } = await tx.query(
    `insert into outbox (kind, idempotency_key, payload, next_attempt_at) values ($1, $2, $3, coalesce($4, now()))
     on conflict (idempotency_key) do nothing`,
    [kind, idempotencyKey, JSON.stringify(payload), options.at?.toISOString() ?? null],
  );
  return rowCount === 1;
}

export interface OutboxWorkerOptions {
  db: Database;
  handlers: OutboxHandlers;
  log?: Pick<Logger, 'warn' | 'error'>;
  clock?: () => Date;
  /** rows claimed per transaction */
  batchSize?: number;
  /** how long a claimed row is left to its worker before another may claim it */
  leaseMs?: number;
  /** first retry delay; doubled per attempt up to maxDelayMs */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** how often start() polls for due rows */
  pollMs?: number;
}

export interface OutboxWorker {
  /** Claims and delivers the rows due now; resolves with how many were delivered. */
  runOnce(): Promise<number>;
  /** Polls until stop(); a failing poll is logged and retried on the next tick. */
  start(): void;
  /** Stops polling and waits for the deliveries in flight. */
  stop(): Promise<void>;
}

type ClaimedRow = {
  id: number;
  kind: string;
  idempotency_key: string;
  payload: Record<string, unknown> | string;
  attempts: number;
};

export function retryDelayMs(attempt: number, baseDelayMs: number, maxDelayMs: number): number {
  return Math.min(baseDelayMs * 2 ** Math.max(attempt - 1, 0), maxDelayMs);
}

export function createOutboxWorker(options: OutboxWorkerOptions): OutboxWorker {
  const {
    db,
    handlers,
    log,
    clock = () => new Date(),
    batchSize = 20,
    leaseMs = 60_000,
    baseDelayMs = 5_000,
    maxDelayMs = 3_600_000,
    pollMs = 1_000,
  } = options;
  const kinds = Object.keys(handlers).filter((kind) => handlers[kind]);
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  let stopped = true;

  /** Rows due now, of kinds this worker handles, each pushed one lease ahead and its attempt counted. */
  async function claim(): Promise<ClaimedRow[]> {
    if (!kinds.length) return [];
    const now = clock();
    return db.transaction(async (tx) => {
      const { rows } = await tx.query<ClaimedRow>(
        `with due as (
           select id from outbox
           where delivered_at is null and next_attempt_at <= $1 and kind = any($2::text[])
           order by next_attempt_at, id limit $3
           for update skip locked)
         update outbox o set attempts = o.attempts + 1, next_attempt_at = $4
         from due where o.id = due.id
         returning o.id, o.kind, o.idempotency_key, o.payload, o.attempts`,
        [now.toISOString(), kinds, batchSize, new Date(now.getTime() + leaseMs).toISOString()],
      );
      return rows.sort((a, b) => a.id - b.id);
    });
  }

  async function deliver(row: ClaimedRow): Promise<boolean> {
    const message: OutboxMessage = {
      id: row.id,
      kind: row.kind,
      idempotencyKey: row.idempotency_key,
      payload: typeof row.payload === 'string' ? JSON.parse(row.payload) : row.payload,
      attempt: row.attempts,
    };
    try {
      await handlers[row.kind]!(message);
    } catch (error) {
      const delay = retryDelayMs(row.attempts, baseDelayMs, maxDelayMs);
      const reason = error instanceof Error ? error.message : String(error);
      log?.warn(
        { outbox: row.id, kind: row.kind, attempt: row.attempts, delay_ms: delay, err: reason },
        'outbox delivery failed',
      );
      // "attempts = $4": only while the claim is still this worker's (its lease may have run out).
      await db.query(
        `update outbox set next_attempt_at = $2, last_error = $3
         where id = $1 and delivered_at is null and attempts = $4`,
        [row.id, new Date(clock().getTime() + delay).toISOString(), reason.slice(0, 2000), row.attempts],
      );
      return false;
    }
    await db.query('update outbox set delivered_at = $2, last_error = null where id = $1 and delivered_at is null', [
      row.id,
      clock().toISOString(),
    ]);
    return true;
  }

  async function runOnce(): Promise<number> {
    let delivered = 0;
    for (const row of await claim()) if (await deliver(row)) delivered++;
    return delivered;
  }

  function tick(): void {
    if (stopped) return;
    running = runOnce()
      .catch((error: unknown) => log?.error({ err: error }, 'outbox worker poll failed'))
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, pollMs);
      });
  }

  return {
    runOnce,
    start() {
      if (!stopped) return;
      stopped = false;
      tick();
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
