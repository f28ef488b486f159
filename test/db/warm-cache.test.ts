import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.ts';
import { createPgliteDatabase } from '../../src/db/pglite-database.ts';
import { createPostgresDatabase } from '../../src/db/postgres-database.ts';
import { warmPageCache } from '../../src/db/warm-cache.ts';
import { servePglite } from '../helpers/databases.ts';

/**
 * Blocks a query over every row found outside the page cache: "read=" in EXPLAIN's buffer counts of the
 * execution (planning may read a catalog page, which the warm-up leaves alone).
 */
async function blocksRead(db: Database): Promise<number> {
  const { rows } = await db.query<{ 'QUERY PLAN': string }>(
    `explain (analyze, buffers) select count(*) from (select label from items order by id) ordered`,
  );
  const lines = rows.map((row) => row['QUERY PLAN']);
  const planning = lines.indexOf('Planning:');
  return lines
    .slice(0, planning < 0 ? lines.length : planning)
    .map((line) => /\bread=(\d+)/.exec(line)?.[1])
    .reduce((sum, read) => sum + Number(read ?? 0), 0);
}

describe('warming the embedded page cache', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'showroom-warm-'));
    const db = await createPgliteDatabase({ dir });
    await db.exec(`create table items (id int primary key, label text);
      insert into items select n, repeat(md5(n::text), 40) from generate_series(1, 20000) n;`);
    await db.close();
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('leaves nothing for a search to read from disk after a restart', async () => {
    const cold = await createPgliteDatabase({ dir });
    try {
      expect(await blocksRead(cold)).toBeGreaterThan(100);
    } finally {
      await cold.close();
    }

    const db = await createPgliteDatabase({ dir });
    try {
      const warmed = await warmPageCache(db, ['items'], { chunkPages: 100 });
      const { rows } = await db.query<{ table: number; index: number }>(
        `select pg_relation_size('items') / 8192 as table, pg_relation_size('items_pkey') / 8192 as index`,
      );
      // The index first, then the table, each whole.
      expect(warmed?.relations).toEqual([
        { name: 'items_pkey', pages: rows[0]!.index },
        { name: 'items', pages: rows[0]!.table },
      ]);
      expect(warmed?.pages).toBe(rows[0]!.table + rows[0]!.index);
      expect(warmed?.stopped).toBeUndefined();
      expect(await blocksRead(db)).toBe(0);
    } finally {
      await db.close();
    }
  });

  it('stops at the size of the cache instead of evicting what it read', async () => {
    // 16 MiB = 2,048 blocks, of which the warm-up takes at most nine tenths; the table and index are larger.
    const db = await createPgliteDatabase({ dir, cacheMb: 16 });
    try {
      const warmed = await warmPageCache(db, ['items']);
      expect(warmed?.stopped).toBe('cache full');
      expect(warmed?.pages).toBe(Math.floor(2048 * 0.9));
    } finally {
      await db.close();
    }
  });

  it('stops when the server stops, and skips tables that do not exist', async () => {
    const db = await createPgliteDatabase({ dir });
    try {
      const stopping = new AbortController();
      stopping.abort();
      expect(await warmPageCache(db, ['items'], { signal: stopping.signal })).toMatchObject({
        pages: 0,
        stopped: 'aborted',
      });
      expect(await warmPageCache(db, ['no_such_table'])).toMatchObject({ pages: 0, relations: [] });
    } finally {
      await db.close();
    }
  });

  it('leaves a PostgreSQL server’s cache to the server', async () => {
    const embedded = await createPgliteDatabase();
    const server = await servePglite(embedded.pglite);
    const db = await createPostgresDatabase({ url: server.url, poolSize: 1 });
    try {
      expect(await warmPageCache(db, ['pg_class'])).toBeNull();
    } finally {
      await db.close();
      await server.stop();
      await embedded.close();
    }
  });
});
