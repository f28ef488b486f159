/**
 * The one port every part of Showroom uses to reach its data. Two
 * implementations: embedded PGlite (the default) and PostgreSQL through `pg`.
 * Both return numeric and bigint columns as JS numbers, so callers never see
 * a difference; test/db/database.contract.ts holds them to that.
 */

export type Row = Record<string, unknown>;

export interface QueryResult<T extends Row = Row> {
  rows: T[];
  /** Rows inserted, updated or deleted by the statement (0 for a plain select). */
  rowCount: number;
}

export interface Queryable {
  query<T extends Row = Row>(sql: string, params?: readonly unknown[]): Promise<QueryResult<T>>;
  /** Runs one or more statements without parameters (migrations, DDL). */
  exec(sql: string): Promise<void>;
  /**
   * Embedded PGlite only: loads rows in binary COPY format (src/db/binary-copy.ts) into these columns of
   * `table`. Bulk writers use it where they can and fall back to INSERT when it is absent.
   */
  copyBinary?(table: string, columns: readonly string[], data: Uint8Array): Promise<void>;
  /**
   * The pg driver: a Buffer parameter reaches the server in binary format, so bulk writers send rows as one array
   * of the table's row type (src/db/binary-copy.ts). PGlite sends every parameter as text.
   */
  readonly binaryParameters?: true;
}

export interface Database extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** Where the data lives, for messages: "embedded PGlite in /srv/data/pgdata". */
  readonly description: string;
  /** Runs fn inside BEGIN … COMMIT on one connection; a thrown error rolls back. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /** Runs fn on one pinned connection without a transaction (session-level locks). */
  session<T>(fn: (session: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** Type OIDs both drivers must parse to JS numbers. */
export const NUMERIC_OID = 1700;
export const INT8_OID = 20;

export function parseNumber(value: string): number {
  return Number(value);
}
