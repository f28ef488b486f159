import type { Database } from '../../../src/db/database.ts';
import { observedDatabase } from '../timed-database.ts';

/**
 * A pass-through Database that records every statement it runs (SQL text,
 * parameters, wall time), inside transactions too, plus the BEGIN/COMMIT
 * overhead around them. The search benchmark uses it to split a request's
 * latency into SQL and the rest (understanding, embedding, fusion), to name
 * the slowest statement, and to replay that statement under EXPLAIN ANALYZE.
 * (timedDatabase keeps only the sum; this keeps each statement.)
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

export function recordingDatabase(db: Database, recorder: Recorder): Database {
  return observedDatabase(db, {
    statement(sql, params, ms) {
      if (recorder.on) recorder.statements.push({ sql, params, ms });
    },
    transactionOverhead(ms) {
      if (recorder.on) recorder.transactionMs += ms;
    },
  });
}

/** A short name for a search statement, from its SQL (src/search/search-catalog.ts). */
export function statementKind(sql: string): string {
  const text = sql.replace(/\s+/g, ' ').trim();
  if (/^set local/i.test(text)) return 'set local';
  if (/from currency_rates/i.test(text) && /^select currency/i.test(text)) return 'currency rates';
  if (/<=>/.test(text)) return 'vector (HNSW/scan)';
  if (/::tsquery/.test(text)) return 'full text';
  if (/concat_ws\(' ', p\.title/.test(text)) return 'trigram';
  if (/jsonb_agg/.test(text)) return 'details';
  if (/^select product_id, search_concepts/i.test(text)) return 'facets';
  if (/order by (p\.id|s\.product_id) limit/i.test(text)) return 'filter only';
  return text.slice(0, 30);
}
