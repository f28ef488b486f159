import type { Database } from './database.ts';

/**
 * Fills embedded PGlite's page cache with the tables search reads, so the first buyers after a start are answered
 * as fast as later ones.
 *
 * PGlite reads a page that is not in its cache through WebAssembly's file-system layer, ~10–20 µs a page; an
 * HNSW walk at 100,000 products touches a few thousand pages, so a search on a cold cache took up to ~110 ms
 * where the same search took ~30 ms once its pages were cached (p95 of the benchmark's first pass 45.6 ms
 * against 28.5 ms on its second). PostgreSQL's own tool for this, pg_prewarm, is not built for PGlite;
 * pageinspect's get_raw_page reads a page through the same buffer manager (without the ring buffer a
 * sequential scan of a large table uses), so reading every block with it leaves the page cached.
 *
 * The warm-up runs in small statements, so a search waits for at most one of them, and stops at the cache's
 * size: past it, it would only evict what it had just read. PostgreSQL servers keep their cache across
 * connections and have pg_prewarm, so this does nothing there.
 */

/** Blocks read per statement: ~5–10 ms, the longest a search waits behind the warm-up. */
export const WARM_CHUNK_PAGES = 256;

export interface WarmResult {
  pages: number;
  ms: number;
  /** Relations read, in order; `pages` of each is what was read, which the cache's size may have cut. */
  relations: { name: string; pages: number }[];
  /** Why it stopped before reading everything, if it did. */
  stopped?: 'cache full' | 'aborted';
}

/**
 * Reads the tables' indexes, then the tables, in the order given, into the page cache. Returns null on
 * PostgreSQL. A relation that disappears meanwhile (a reindex swapping the search table) is skipped.
 */
export async function warmPageCache(
  db: Database,
  tables: readonly string[],
  options: { signal?: AbortSignal; chunkPages?: number } = {},
): Promise<WarmResult | null> {
  if (db.kind !== 'pglite') return null;
  const started = performance.now();
  const chunk = options.chunkPages ?? WARM_CHUNK_PAGES;
  await db.exec('create extension if not exists pageinspect');
  // shared_buffers is counted in 8 kB blocks; a tenth stays free for the pages searches bring in meanwhile.
  const { rows: cache } = await db.query<{ blocks: number }>(
    `select setting::int as blocks from pg_settings where name = 'shared_buffers'`,
  );
  let budget = Math.floor(cache[0]!.blocks * 0.9);
  const result: WarmResult = { pages: 0, ms: 0, relations: [] };
  for (const relation of await relationsOf(db, tables)) {
    const pages = Math.min(relation.pages, budget);
    let read = 0;
    try {
      for (; read < pages; read += chunk) {
        if (options.signal?.aborted) {
          result.stopped = 'aborted';
          break;
        }
        await db.query(`select count(get_raw_page($1, block)) from generate_series($2::bigint, $3::bigint) block`, [
          relation.name,
          read,
          Math.min(pages, read + chunk) - 1,
        ]);
      }
    } catch {
      // Dropped or truncated meanwhile: what was read stays cached; the next relation goes on.
    }
    read = Math.min(read, pages);
    result.relations.push({ name: relation.name, pages: read });
    result.pages += read;
    budget -= read;
    if (result.stopped) break;
    if (budget <= 0 && relation.pages > pages) {
      result.stopped = 'cache full';
      break;
    }
  }
  result.ms = performance.now() - started;
  return result;
}

/** Each table's indexes, largest first, then the table itself, with their sizes in blocks. */
async function relationsOf(db: Database, tables: readonly string[]): Promise<{ name: string; pages: number }[]> {
  const relations: { name: string; pages: number }[] = [];
  for (const table of tables) {
    const { rows } = await db.query<{ name: string; pages: number; is_table: boolean }>(
      `select c.oid::regclass::text as name, (pg_relation_size(c.oid) / 8192)::int as pages, c.oid = t.oid as is_table
         from pg_class t
         join pg_class c on c.oid = t.oid or c.oid in (select indexrelid from pg_index where indrelid = t.oid)
        where t.oid = to_regclass($1)
        order by is_table, pages desc`,
      [table],
    );
    relations.push(...rows.map(({ name, pages }) => ({ name, pages })));
  }
  return relations;
}
