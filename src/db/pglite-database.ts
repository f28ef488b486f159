import { mkdir, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';
import { pageinspect } from '@electric-sql/pglite/contrib/pageinspect';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { DatabaseError } from '../errors.ts';
import {
  INT8_OID,
  NUMERIC_OID,
  parseNumber,
  type Database,
  type Queryable,
  type QueryResult,
  type Row,
} from './database.ts';

export interface PgliteDatabaseOptions {
  /** Folder holding the database files; omit for an in-memory database (tests). */
  dir?: string;
  /** PostgreSQL's page cache (shared_buffers) in MiB; by default sized from the database on disk (cacheSizeMb). */
  cacheMb?: number;
}

export const CACHE_MIN_MB = 128;
export const CACHE_MAX_MB = 1024;

/**
 * The page cache for a database folder: its size on disk plus a quarter for growth, between CACHE_MIN_MB
 * (PostgreSQL's default) and CACHE_MAX_MB. PGlite reserves the whole cache in its memory when it starts, so a
 * fixed large one would cost a small catalog hundreds of MB; too small a one sends every search of a large
 * catalog through the file system (at 100,000 products the search table and its indexes are ~590 MB, and with
 * 128 MB the benchmark's mean search took ~47 ms instead of ~37 ms).
 */
export async function cacheSizeMb(dir: string): Promise<number> {
  // A new folder has no base/ yet.
  const bytes = await folderBytes(path.join(dir, 'base')).catch(() => 0);
  const wanted = Math.ceil((bytes * 1.25) / 2 ** 20);
  return Math.min(Math.max(wanted, CACHE_MIN_MB), CACHE_MAX_MB);
}

/** Bytes of every file under dir: a database's size on disk. */
export async function folderBytes(dir: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) total += (await stat(path.join(entry.parentPath, entry.name))).size;
  }
  return total;
}

/** Opens embedded PGlite with the extensions Showroom needs (vector, pg_trgm, unaccent, pageinspect). */
export async function createPgliteDatabase(options: PgliteDatabaseOptions = {}): Promise<PgliteDatabase> {
  if (options.dir) await mkdir(options.dir, { recursive: true });
  const cacheMb = options.cacheMb ?? (options.dir ? await cacheSizeMb(options.dir) : CACHE_MIN_MB);
  try {
    const pg = await PGlite.create(options.dir ?? 'memory://', {
      // pageinspect: warm-cache.ts reads pages into the cache with it.
      extensions: { vector, pg_trgm, unaccent, pageinspect },
      parsers: { [NUMERIC_OID]: parseNumber, [INT8_OID]: parseNumber },
      startParams: [...PGlite.defaultStartParams, '-c', `shared_buffers=${cacheMb}MB`],
    });
    return new PgliteDatabase(pg, options.dir ? `embedded PGlite in ${options.dir}` : 'in-memory PGlite');
  } catch (cause) {
    throw new DatabaseError(
      'DB_OPEN_FAILED',
      `Could not open the embedded database${options.dir ? ` in ${options.dir}` : ''}: ${String(cause)}. ` +
        'If another program changed that folder, restore it from a backup or point SHOWROOM_DATA_DIR at a new folder.',
      { cause },
    );
  }
}

function wrap(target: PGlite | Transaction): Queryable {
  return {
    async query<T extends Row>(sql: string, params: readonly unknown[] = []): Promise<QueryResult<T>> {
      const result = await target.query<T>(sql, params as unknown[]);
      return { rows: result.rows, rowCount: result.affectedRows ?? 0 };
    },
    async exec(sql: string): Promise<void> {
      await target.exec(sql);
    },
    async copyBinary(table: string, columns: readonly string[], data: Uint8Array): Promise<void> {
      // PGlite reads COPY's input from its /dev/blob device.
      await target.query(`copy ${table} (${columns.join(', ')}) from '/dev/blob' with (format binary)`, [], {
        blob: new Blob([data]),
      });
    },
  };
}

export class PgliteDatabase implements Database {
  readonly kind = 'pglite' as const;
  private readonly root: Queryable;

  constructor(
    /** The underlying PGlite, for pglite-socket in tests and benchmarks. */
    readonly pglite: PGlite,
    readonly description: string,
  ) {
    this.root = wrap(pglite);
  }

  query<T extends Row = Row>(sql: string, params?: readonly unknown[]): Promise<QueryResult<T>> {
    return this.root.query<T>(sql, params);
  }

  exec(sql: string): Promise<void> {
    return this.root.exec(sql);
  }

  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
    return this.pglite.transaction((tx) => fn(wrap(tx)));
  }

  // PGlite is one session already: every call runs on it.
  session<T>(fn: (session: Queryable) => Promise<T>): Promise<T> {
    return fn(this.root);
  }

  async close(): Promise<void> {
    if (!this.pglite.closed) await this.pglite.close();
  }
}
