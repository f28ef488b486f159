import type { Database, Queryable, QueryResult, Row } from '../../src/db/database.ts';

/**
 * A pass-through Database that adds up the wall time spent waiting on SQL
 * (inside transactions and sessions too, BEGIN and COMMIT included). Import runs its queries one after
 * another, so the sum splits an import's time into "database" and "the rest"
 * (reading, parsing, validating, hashing) — the benchmark's "where time goes".
 */

export interface DbClock {
  ms: number;
  queries: number;
}

function timedQueryable(target: Queryable, clock: DbClock): Queryable {
  const timed = async <R>(run: () => Promise<R>): Promise<R> => {
    const start = performance.now();
    try {
      return await run();
    } finally {
      clock.ms += performance.now() - start;
      clock.queries++;
    }
  };
  return {
    query: <T extends Row = Row>(sql: string, params?: readonly unknown[]): Promise<QueryResult<T>> =>
      timed(() => target.query<T>(sql, params)),
    exec: (sql: string) => timed(() => target.exec(sql)),
  };
}

export function timedDatabase(db: Database, clock: DbClock): Database {
  const root = timedQueryable(db, clock);
  return {
    kind: db.kind,
    description: db.description,
    query: root.query,
    exec: root.exec,
    // BEGIN and COMMIT are database time too: count the transaction's own overhead around fn.
    async transaction(fn) {
      const start = performance.now();
      let inside = 0;
      try {
        return await db.transaction(async (tx) => {
          const entered = performance.now();
          try {
            return await fn(timedQueryable(tx, clock));
          } finally {
            inside += performance.now() - entered;
          }
        });
      } finally {
        clock.ms += performance.now() - start - inside;
      }
    },
    session: (fn) => db.session((session) => fn(timedQueryable(session, clock))),
    close: () => db.close(),
  };
}
