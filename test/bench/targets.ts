import type { Database } from '../../src/db/database.ts';
import { createPgliteDatabase } from '../../src/db/pglite-database.ts';
import { createPostgresDatabase } from '../../src/db/postgres-database.ts';
import { servePglite } from '../helpers/databases.ts';

/**
 * The two ways Showroom reaches its database, as the benchmark opens them.
 * Both keep PGlite's files on disk in the folder given, so the difference
 * between them is the wire protocol and the `pg` driver, not the storage:
 *  - pglite:    embedded PGlite, as `showroom` uses it by default;
 *  - pg-socket: the real `pg` driver (pool of 1, since pglite-socket serves
 *               one session) talking to that PGlite through pglite-socket,
 *               server and client in the same process.
 */

export const TARGETS = ['pglite', 'pg-socket'] as const;
export type Target = (typeof TARGETS)[number];

export const TARGET_DESCRIPTIONS: Record<Target, string> = {
  pglite: 'embedded PGlite, files on disk in a fresh temp folder (as production)',
  'pg-socket':
    'pg driver, pool of 1 -> pglite-socket on 127.0.0.1 -> PGlite on disk in a fresh temp folder (same process)',
};

export interface OpenTarget {
  db: Database;
  /** the PGlite behind db: db itself, or the one pglite-socket serves */
  embedded: Database;
  close(): Promise<void>;
}

export async function openTarget(target: Target, dir: string): Promise<OpenTarget> {
  const embedded = await createPgliteDatabase({ dir });
  if (target === 'pglite') return { db: embedded, embedded, close: () => embedded.close() };
  const server = await servePglite(embedded.pglite);
  const db = await createPostgresDatabase({ url: server.url, poolSize: 1 });
  return {
    db,
    embedded,
    async close() {
      await db.close();
      await server.stop();
      await embedded.close();
    },
  };
}
