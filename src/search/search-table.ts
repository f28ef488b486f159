import type { Queryable } from '../db/database.ts';

/**
 * The product_search table's layout and indexes. The embedding column's
 * dimension depends on the embedder, so the table is created here rather
 * than by a migration.
 *
 * The HNSW index exists only once the table holds VECTOR_INDEX_MIN_ROWS rows:
 * below that an exact scan is about as fast (a few milliseconds at 20,000
 * vectors) and exact, while keeping the graph up to date costs ~5 ms per
 * written row and building it ~1.6 ms per row on PGlite, which would cap a
 * first import far below 2,000 products/s.
 */

export const SEARCH_TABLE = 'product_search';
export const VECTOR_INDEX_MIN_ROWS = 20_000;

/** The tables a search reads, most-read first: what `showroom start` loads into the page cache (src/db/warm-cache.ts). */
export const SEARCH_READS = [SEARCH_TABLE, 'products', 'price_tiers'] as const;

/** Index name suffixes; the vector one is optional (see above). */
const INDEX_SUFFIXES = ['embedding', 'fts', 'concepts'] as const;

/**
 * HNSW builds are several times faster when the whole graph fits in memory; at 100,000 vectors of 384
 * dimensions it needs ~200 MB, well over the 64 MB default. Set only for the statement's transaction.
 */
const INDEX_BUILD_MEMORY = '512MB';

/**
 * Vectors up to this size are kept inline in the row (storage plain) instead of
 * in the TOAST table, where pgvector puts them once a row passes 2 KB: an exact
 * distance scan then fetched every vector through the TOAST index, about three
 * page reads per row (8,400 rows: 95 ms instead of 28 ms at 100,000 products on
 * PGlite). Larger vectors (1,536 dims and up) would leave little room in an 8 KB page.
 *
 * ANALYZE skips the columns no query filters on by themselves (statistics 0): the
 * vectors (reading them made analysing a 10,000-product import take a second), the
 * embedder fields, the content hash and the price tiers (tested only inside an
 * expression, where their statistics are not used); ~30% of the analyse.
 */
const INLINE_VECTOR_MAX_DIMENSIONS = 1024;

const UNANALYZED_COLUMNS = ['embedding', 'embedder', 'dimensions', 'content_hash', 'tier_min_qty', 'tier_unit_price'];

/**
 * Besides the retrieval data, each row copies the product fields the hard
 * filters test (status, category, MOQ, lead time, stock, dropship, currency,
 * price tiers), so the filtered vector and full-text scans read this table
 * alone instead of joining products row by row. Writers of those fields
 * re-index the product (import calls indexProducts for what it writes or archives).
 * The text the full-text vector is made from is not kept (nothing reads it, and
 * at 100,000 products it was 39 MB of the pages every filtered scan reads).
 */
export function createTableSql(table: string, dimensions: number): string {
  const inline = dimensions <= INLINE_VECTOR_MAX_DIMENSIONS;
  return `create table ${table} (
    product_id bigint primary key references products (id) on delete cascade,
    embedder text not null,
    dimensions integer not null,
    content_hash text not null,
    status text not null,
    category text not null,
    moq integer not null,
    lead_time_days integer,
    stock integer,
    dropship boolean not null,
    currency char(3) not null,
    tier_min_qty integer[] not null,
    tier_unit_price numeric(14, 4)[] not null,
    search_concepts text[] not null,
    sizes text[] not null,
    search_vector tsvector not null,
    embedding vector(${dimensions}) not null
  )${inline ? ` with (toast_tuple_target = 8160);\n  alter table ${table} alter column embedding set storage plain` : ''};
  alter table ${table} ${UNANALYZED_COLUMNS.map((column) => `alter column ${column} set statistics 0`).join(', ')}`;
}

function vectorIndexSql(table: string): string {
  return `create index ${table}_embedding on ${table} using hnsw (embedding vector_cosine_ops)`;
}

/**
 * The full-text and concept indexes, and the HNSW index when asked. No trigram index: trigram similarity
 * only re-ranks candidates the other lists found (see search-catalog.ts), so it never scans the table.
 */
export async function buildIndexes(tx: Queryable, table: string, options: { vector: boolean }): Promise<void> {
  await buildTextIndexes(tx, table);
  if (options.vector) await tx.exec(vectorIndexSql(table));
}

/** The two GIN indexes (full text, concept keys), built in the caller's transaction. */
export async function buildTextIndexes(tx: Queryable, table: string): Promise<void> {
  await tx.exec(`set local maintenance_work_mem = '${INDEX_BUILD_MEMORY}'`);
  await tx.exec(`create index ${table}_fts on ${table} using gin (search_vector)`);
  await tx.exec(`create index ${table}_concepts on ${table} using gin (search_concepts)`);
}

/**
 * Drops the GIN indexes inside the caller's transaction, for a bulk import that rebuilds them with
 * buildTextIndexes before it commits: a rollback brings the old ones back, so no reader ever sees the
 * table without them. Until the commit, the drop locks the table against other sessions' searches.
 */
export async function dropTextIndexes(tx: Queryable, table: string): Promise<void> {
  await tx.exec(`drop index ${table}_fts; drop index ${table}_concepts`);
}

/** Rows in `table`, counted up to `cap` (the count stops there, so a large table costs no full scan). */
export async function countRows(tx: Queryable, table: string, cap: number): Promise<number> {
  const { rows } = await tx.query<{ n: number }>(
    `select count(*)::int as n from (select from ${table} limit ${cap}) t`,
  );
  return rows[0]?.n ?? 0;
}

export async function hasVectorIndex(tx: Queryable, table: string): Promise<boolean> {
  const { rows } = await tx.query<{ present: boolean }>(`select to_regclass($1) is not null as present`, [
    `${table}_embedding`,
  ]);
  return Boolean(rows[0]?.present);
}

/** Builds the HNSW index once the table has grown past VECTOR_INDEX_MIN_ROWS (inside the caller's transaction). */
export async function ensureVectorIndex(tx: Queryable, table: string): Promise<boolean> {
  if (await hasVectorIndex(tx, table)) return false;
  // Counting stops at the threshold: import calls this after every batch, and the table may be large.
  if ((await countRows(tx, table, VECTOR_INDEX_MIN_ROWS)) < VECTOR_INDEX_MIN_ROWS) return false;
  await tx.exec(`set local maintenance_work_mem = '${INDEX_BUILD_MEMORY}'`);
  await tx.exec(vectorIndexSql(table));
  return true;
}

/** Replaces `live` with `next` (same transaction), renaming `next`'s indexes and key to the live names. */
export async function swapTables(tx: Queryable, live: string, next: string): Promise<void> {
  const vector = await hasVectorIndex(tx, next);
  await tx.exec(`drop table if exists ${live}`);
  await tx.exec(`alter table ${next} rename to ${live}`);
  for (const suffix of INDEX_SUFFIXES) {
    if (suffix === 'embedding' && !vector) continue;
    await tx.exec(`alter index ${next}_${suffix} rename to ${live}_${suffix}`);
  }
  await tx.exec(`alter table ${live} rename constraint ${next}_pkey to ${live}_pkey`);
  // Concepts (read by the bundle suggester) may differ in the new table: catalog rows kept in memory are stale.
  await tx.exec(`update catalog_version set version = version + 1`);
}
