import type { Database, Queryable, QueryResult, Row } from '../../../src/db/database.ts';

/**
 * A pass-through Database that records every statement it runs (SQL text,
 * parameters, wall time), inside transactions too, plus the BEGIN/COMMIT
 * overhead around them. The search benchmark uses it to split a request's
 * latency into SQL and the rest (understanding, embedding, fusion), to name
 * the slowest statement, and to replay that statement under EXPLAIN ANALYZE.
 * (test/bench/timed-database.ts only keeps the sum; this keeps each statement.)
 */

export interface Statement {
  sql: string;
  params: readonly unknown[];
  ms: number;
}

export interface Recorder {
  /** when false, nothing is kept (warm-up) */
  on: boolean;
  statements: Statement[];
  /** BEGIN + COMMIT time of transactions (wall time of the transaction minus the statements in it) */
  transactionMs: number;
}

export function createRecorder(): Recorder {
  return { on: true, statements: [], transactionMs: 0 };
}

function recordingQueryable(target: Queryable, recorder: Recorder): Queryable {
  const timed = async <R>(sql: string, params: readonly unknown[], run: () => Promise<R>): Promise<R> => {
    const start = performance.now();
    try {
      return await run();
    } finally {
      if (recorder.on) recorder.statements.push({ sql, params, ms: performance.now() - start });
    }
  };
  return {
    query: <T extends Row = Row>(sql: string, params: readonly unknown[] = []): Promise<QueryResult<T>> =>
      timed(sql, params, () => target.query<T>(sql, params)),
    exec: (sql: string) => timed(sql, [], () => target.exec(sql)),
  };
}

export function recordingDatabase(db: Database, recorder: Recorder): Database {
  const root = recordingQueryable(db, recorder);
  return {
    kind: db.kind,
    description: db.description,
    query: root.query,
    exec: root.exec,
    async transaction(fn) {
      const start = performance.now();
      let inside = 0;
      try {
        return await db.transaction(async (tx) => {
          const entered = performance.now();
          try {
            return await fn(recordingQueryable(tx, recorder));
          } finally {
            inside += performance.now() - entered;
          }
        });
      } finally {
        if (recorder.on) recorder.transactionMs += performance.now() - start - inside;
      }
    },
    session: (fn) => db.session((session) => fn(recordingQueryable(session, recorder))),
    close: () => db.close(),
  };
}

/** A short name for a search statement, from its SQL (src/search/search-catalog.ts). */
export function statementKind(sql: string): string {
  const text = sql.replace(/\s+/g, ' ').trim();
  if (/^set local/i.test(text)) return 'set local';
  if (/from currency_rates/i.test(text) && /^select currency/i.test(text)) return 'currency rates';
  if (/<=>/.test(text)) return 'vector (HNSW/scan)';
  if (/to_tsquery/.test(text)) return 'full text';
  if (/<%/.test(text)) return 'trigram';
  if (/jsonb_agg/.test(text)) return 'details';
  if (/^select product_id, search_concepts/i.test(text)) return 'facets';
  if (/order by p\.id limit/i.test(text)) return 'filter only';
  return text.slice(0, 30);
}
