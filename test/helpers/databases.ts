import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import type { Database } from '../../src/db/database.ts';
import { migrate } from '../../src/db/migrate.ts';
import { createPgliteDatabase, type PgliteDatabase } from '../../src/db/pglite-database.ts';
import { createPostgresDatabase } from '../../src/db/postgres-database.ts';

/**
 * The two ways Showroom reaches PostgreSQL, for contract suites: embedded
 * PGlite called directly, and the real `pg` driver over the wire protocol
 * (PGlite served by pglite-socket, one connection since it has one session).
 */

export interface TestDatabase {
  db: Database;
  close(): Promise<void>;
}

export interface DatabaseTarget {
  name: string;
  open(options?: { migrated?: boolean }): Promise<TestDatabase>;
}

export async function servePglite(pglite: PgliteDatabase['pglite']): Promise<{ url: string; stop(): Promise<void> }> {
  const server = new PGLiteSocketServer({ db: pglite, host: '127.0.0.1', port: 0 });
  await server.start();
  const url = `postgres://postgres:postgres@${server.getServerConn()}/postgres`;
  return { url, stop: () => server.stop() };
}

export const databaseTargets: DatabaseTarget[] = [
  {
    name: 'PGlite',
    async open({ migrated = true } = {}) {
      const db = await createPgliteDatabase();
      if (migrated) await migrate(db);
      return { db, close: () => db.close() };
    },
  },
  {
    name: 'pg over pglite-socket',
    async open({ migrated = true } = {}) {
      const embedded = await createPgliteDatabase();
      const server = await servePglite(embedded.pglite);
      const db = await createPostgresDatabase({ url: server.url, poolSize: 1 });
      if (migrated) await migrate(db);
      return {
        db,
        async close() {
          await db.close();
          await server.stop();
          await embedded.close();
        },
      };
    },
  },
];
