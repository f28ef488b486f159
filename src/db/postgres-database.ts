import pg from 'pg';
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

export interface PostgresDatabaseOptions {
  url: string;
  /** Connections in the pool; tests against pglite-socket use 1 (it has one session). */
  poolSize?: number;
}

const typeParsers: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: string) =>
    oid === NUMERIC_OID || oid === INT8_OID
      ? parseNumber
      : pg.types.getTypeParser(oid, format as 'text')) as pg.CustomTypesConfig['getTypeParser'],
};

/** Connects to PostgreSQL through a `pg` pool and checks the server answers. */
export async function createPostgresDatabase(options: PostgresDatabaseOptions): Promise<PostgresDatabase> {
  const pool = new pg.Pool({ connectionString: options.url, max: options.poolSize ?? 10, types: typeParsers });
  // An idle client that loses its server must not crash the process; the next query reports it.
  pool.on('error', () => {});
  try {
    await pool.query('select 1');
  } catch (cause) {
    await pool.end().catch(() => {});
    throw new DatabaseError(
      'DB_CONNECT_FAILED',
      `Could not connect to DATABASE_URL (${redact(options.url)}): ${(cause as Error).message}. ` +
        'Check that the server is running and the URL, user and password are right, or unset DATABASE_URL to use the embedded database.',
      { cause },
    );
  }
  return new PostgresDatabase(pool, `PostgreSQL at ${redact(options.url)}`);
}

function wrap(client: pg.Pool | pg.PoolClient): Queryable {
  return {
    binaryParameters: true,
    async query<T extends Row>(sql: string, params: readonly unknown[] = []): Promise<QueryResult<T>> {
      const result = await client.query<T>(sql, params as unknown[]);
      return { rows: result.rows, rowCount: result.command === 'SELECT' ? 0 : (result.rowCount ?? 0) };
    },
    async exec(sql: string): Promise<void> {
      await client.query(sql);
    },
  };
}

export class PostgresDatabase implements Database {
  readonly kind = 'postgres' as const;
  readonly binaryParameters = true;
  private readonly root: Queryable;

  constructor(
    private readonly pool: pg.Pool,
    readonly description: string,
  ) {
    this.root = wrap(pool);
  }

  query<T extends Row = Row>(sql: string, params?: readonly unknown[]): Promise<QueryResult<T>> {
    return this.root.query<T>(sql, params);
  }

  exec(sql: string): Promise<void> {
    return this.root.exec(sql);
  }

  async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
    return this.session(async (session) => {
      await session.exec('begin');
      try {
        const result = await fn(session);
        await session.exec('commit');
        return result;
      } catch (error) {
        await session.exec('rollback').catch(() => {});
        throw error;
      }
    });
  }

  async session<T>(fn: (session: Queryable) => Promise<T>): Promise<T> {
    // pg-pool itself drops a client whose connection failed; a thrown error from fn leaves it usable.
    const client = await this.pool.connect();
    try {
      return await fn(wrap(client));
    } finally {
      client.release();
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

function redact(url: string): string {
  return url.replace(/:[^:@/]*@/, ':***@');
}
