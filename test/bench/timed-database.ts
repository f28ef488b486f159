import type { Database, Queryable, QueryResult, Row } from '../../src/db/database.ts';

/**
 * Pass-through Databases that watch the SQL an operation runs (inside
 * transactions and sessions too). `observedDatabase` reports each statement
 * and each transaction's own BEGIN/COMMIT overhead; `timedDatabase` adds them
 * up, which splits an import's time into "database" and "the rest" (reading,
 * parsing, validating, hashing) — the benchmark's "where time goes".
 */

export interface SqlObserver {
  statement(sql: string, params: readonly unknown[], ms: number): void;
  /** wall time of a transaction minus the statements inside it */
  transactionOverhead(ms: number): void;
}

function observedQueryable(target: Queryable, observer: SqlObserver): Queryable {
  const timed = async <R>(sql: string, params: readonly unknown[], run: () => Promise<R>): Promise<R> => {
    const start = performance.now();
    try {
      return await run();
    } finally {
      observer.statement(sql, params, performance.now() - start);
    }
  };
  return {
    query: <T extends Row = Row>(sql: string, params: readonly unknown[] = []): Promise<QueryResult<T>> =>
      timed(sql, params, () => target.query<T>(sql, params)),
    exec: (sql: string) => timed(sql, [], () => target.exec(sql)),
    ...(target.binaryParameters && { binaryParameters: true }),
    ...(target.copyBinary && {
      copyBinary: (table: string, columns: readonly string[], data: Uint8Array) =>
        timed(`copy ${table} (${columns.join(', ')}) from binary data`, [], () =>
          target.copyBinary!(table, columns, data),
        ),
    }),
  };
}

export function observedDatabase(db: Database, observer: SqlObserver): Database {
  const root = observedQueryable(db, observer);
  return {
    kind: db.kind,
    description: db.description,
    query: root.query,
    exec: root.exec,
    ...(db.binaryParameters && { binaryParameters: true }),
    // BEGIN and COMMIT are database time too: count the transaction's own overhead around fn.
    async transaction(fn) {
      const start = performance.now();
      let inside = 0;
      try {
        return await db.transaction(async (tx) => {
          const entered = performance.now();
          try {
            return await fn(observedQueryable(tx, observer));
          } finally {
            inside += performance.now() - entered;
          }
        });
      } finally {
        observer.transactionOverhead(performance.now() - start - inside);
      }
    },
    session: (fn) => db.session((session) => fn(observedQueryable(session, observer))),
    close: () => db.close(),
  };
}

export interface DbClock {
  ms: number;
  queries: number;
}

export function timedDatabase(db: Database, clock: DbClock): Database {
  return observedDatabase(db, {
    statement(_sql, _params, ms) {
      clock.ms += ms;
      clock.queries++;
    },
    transactionOverhead(ms) {
      clock.ms += ms;
    },
  });
}
