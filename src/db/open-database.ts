import path from 'node:path';
import type { DatabaseConfig } from '../config.ts';
import type { Database } from './database.ts';
import { migrate, requirePgvector } from './migrate.ts';
import { createPgliteDatabase } from './pglite-database.ts';
import { createPostgresDatabase } from './postgres-database.ts';

/** The embedded database's files live in this sub-folder of the data folder. */
export const PGLITE_SUBDIR = 'pgdata';

/** Opens the configured database and brings its schema up to date. */
export async function openDatabase(config: DatabaseConfig): Promise<Database> {
  const db =
    config.kind === 'pglite'
      ? await createPgliteDatabase({ dir: path.join(config.dataDir, PGLITE_SUBDIR), cacheMb: config.cacheMb })
      : await createPostgresDatabase({ url: config.url, poolSize: config.poolSize });
  try {
    if (db.kind === 'postgres') await requirePgvector(db);
    await migrate(db);
  } catch (error) {
    await db.close().catch(() => {});
    throw error;
  }
  return db;
}
