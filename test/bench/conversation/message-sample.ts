import { AsyncLocalStorage } from 'node:async_hooks';
import type { Database } from '../../../src/db/database.ts';
import type { Embedder } from '../../../src/search/embedder.ts';
import { statementKind as searchStatementKind } from '../search/recording-database.ts';
import { observedDatabase } from '../timed-database.ts';
import type { MessageKind } from './buyer-scripts.ts';

/**
 * What one buyer message cost: wall time of engine.handle, the SQL it ran
 * (each statement by kind), the BEGIN/COMMIT and lock wait around its
 * transaction, and the time embedding the request. With 200 conversations in
 * flight, statements of different messages interleave, so each handle() call
 * runs inside an AsyncLocalStorage context that the database and embedder
 * wrappers report to.
 */

export interface MessageSample {
  kind: MessageKind;
  lang: string;
  shape: string;
  text: string;
  ms: number;
  /** statements only */
  sqlMs: number;
  /** db.transaction wall time minus its statements: BEGIN/COMMIT, plus waiting for PGlite's lock under load */
  transactionMs: number;
  embedMs: number;
  statements: { kind: string; sql: string; params: readonly unknown[]; ms: number }[];
  replyKind?: string;
  ok: boolean;
}

const current = new AsyncLocalStorage<MessageSample>();

/** Runs one engine.handle() call with `sample` collecting what it costs. */
export function measured<T>(sample: MessageSample, run: () => Promise<T>): Promise<T> {
  return current.run(sample, run);
}

export function sampledDatabase(db: Database): Database {
  return observedDatabase(db, {
    statement(sql, params, ms) {
      const sample = current.getStore();
      if (!sample) return;
      sample.sqlMs += ms;
      sample.statements.push({ kind: statementKind(sql), sql, params, ms });
    },
    transactionOverhead(ms) {
      const sample = current.getStore();
      if (sample) sample.transactionMs += ms;
    },
  });
}

export function sampledEmbedder(embedder: Embedder): Embedder {
  return {
    id: embedder.id,
    dimensions: embedder.dimensions,
    embedDocuments: (texts) => embedder.embedDocuments(texts),
    async embedQuery(text) {
      const start = performance.now();
      try {
        return await embedder.embedQuery(text);
      } finally {
        const sample = current.getStore();
        if (sample) sample.embedMs += performance.now() - start;
      }
    },
  };
}

/** A short name for a statement the engine, the planner, search or bundles run. */
export function statementKind(sql: string): string {
  const text = sql.replace(/\s+/g, ' ').trim();
  if (/^insert into conversations\b/i.test(text)) return 'conversation upsert';
  if (/^insert into conversation_messages .*'in'/i.test(text)) return 'store inbound';
  if (/^insert into conversation_messages/i.test(text)) return 'store reply';
  if (/^insert into conversation_actions/i.test(text)) return 'store button';
  if (/^update conversations\b/i.test(text)) return 'save state';
  if (/^delete from conversations\b/i.test(text)) return 'delete conversation';
  if (/from conversation_actions/i.test(text)) return 'find button';
  if (/as recent from conversation_messages/i.test(text)) return 'rate limit count';
  if (/from conversation_messages/i.test(text)) return 'stored replies (repeat)';
  if (/to_regclass/i.test(text)) return 'bundle: index check';
  if (/from curated_bundles/i.test(text)) return 'bundle: curated';
  if (/lower\(p\.category\) = any/i.test(text)) return 'bundle: candidates';
  if (/where p\.sku = any/i.test(text)) return 'bundle: by sku';
  if (/where p\.sku = \$1/i.test(text)) return 'get product';
  return searchStatementKind(sql);
}
