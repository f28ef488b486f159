import type { Database, Queryable } from '../db/database.ts';
import { rowTypeOf } from '../db/binary-copy.ts';
import { DatabaseError } from '../errors.ts';
import type { Embedder } from './embedder.ts';
import type { Lexicon } from './lexicon.ts';
import { SEARCH_ROW_COLUMNS, searchRows, searchRowsBinary, searchRowsJson, type SearchSource } from './search-rows.ts';
import { parsePriceTiers, PRICE_TIERS_JSON } from '../catalog/catalog-repository.ts';
import type { WrittenProduct } from '../catalog/import-catalog.ts';
import type { PriceTier } from '../catalog/product.ts';
import {
  buildIndexes,
  buildTextIndexes,
  countRows,
  createTableSql,
  dropTextIndexes,
  ensureVectorIndex,
  SEARCH_TABLE,
  swapTables,
  VECTOR_INDEX_MIN_ROWS,
} from './search-table.ts';

/**
 * product_search: one row per product with what retrieval needs (normalised
 * search text with the lexicon's canonical words, concept keys for filters,
 * a full-text vector, the embedding and which embedder made it). Import keeps
 * it current for the rows it writes; `showroom reindex` rebuilds it beside
 * the live one and swaps, so an interrupted reindex leaves the old one serving.
 */

const NEXT_TABLE = 'product_search_next';

export { SEARCH_TABLE };

export interface SearchIndexOptions {
  embedder: Embedder;
  lexicon: Lexicon;
}

export interface IndexState {
  embedder: string;
  dimensions: number;
}

export async function readIndexState(db: Queryable): Promise<IndexState | undefined> {
  const { rows } = await db.query<{ embedder: string; dimensions: number }>(
    'select embedder, dimensions from search_index_state',
  );
  return rows[0];
}

/**
 * At start-up: create the index for a new database, or check that the stored
 * vectors were made by the configured embedder; then index any product that
 * has no row yet (imported before the search index existed).
 */
export async function prepareSearchIndex(db: Database, options: SearchIndexOptions): Promise<number> {
  const { embedder } = options;
  const state = await readIndexState(db);
  if (!state) {
    await db.transaction(async (tx) => {
      await tx.exec(`drop table if exists ${SEARCH_TABLE}`);
      await tx.exec(createTableSql(SEARCH_TABLE, embedder.dimensions));
      await buildIndexes(tx, SEARCH_TABLE, { vector: false });
      await tx.query('insert into search_index_state (embedder, dimensions) values ($1, $2)', [
        embedder.id,
        embedder.dimensions,
      ]);
    });
  } else if (state.embedder !== embedder.id || state.dimensions !== embedder.dimensions) {
    throw new DatabaseError(
      'REINDEX_REQUIRED',
      `The catalog's search index was built by the ${state.embedder} embedder (${state.dimensions} dimensions), ` +
        `but the configured embedder is ${embedder.id} (${embedder.dimensions} dimensions). ` +
        'Run `showroom reindex` to rebuild it with the configured one, or set EMBEDDER back.',
    );
  }
  const missing = await db.query<{ id: number }>(
    `select p.id from products p where not exists (select 1 from ${SEARCH_TABLE} s where s.product_id = p.id and s.content_hash = p.content_hash)`,
  );
  const ids = missing.rows.map((row) => row.id);
  for (let i = 0; i < ids.length; i += 500) {
    await db.transaction((tx) => writeSearchRows(tx, ids.slice(i, i + 500), options, SEARCH_TABLE));
  }
  // Once, after all the rows: building the HNSW graph is cheaper than growing it row by row.
  if (ids.length) await db.transaction((tx) => ensureVectorIndex(tx, SEARCH_TABLE));
  return ids.length;
}

/**
 * Recomputes product_search rows for these product ids (import calls it for the rows it wrote), and
 * builds the HNSW index when the table has just grown large enough to need one.
 */
export async function indexProducts(
  tx: Queryable,
  productIds: readonly number[],
  options: SearchIndexOptions,
): Promise<void> {
  if (productIds.length === 0) return;
  await writeSearchRows(tx, productIds, options, SEARCH_TABLE);
  await ensureVectorIndex(tx, SEARCH_TABLE);
}

export interface ImportIndexerOptions extends SearchIndexOptions {
  /**
   * The database makes readers wait for a running import anyway (embedded PGlite): the import's transaction is
   * its one session, so nobody else writes meanwhile either.
   */
  readersWait: boolean;
  /** Written products from which a bulk import rebuilds the text indexes instead of maintaining them. */
  bulkMinRows?: number;
}

export interface ImportIndexer {
  onWritten(tx: Queryable, productIds: number[], products?: WrittenProduct[]): Promise<void>;
  onFinished(tx: Queryable): Promise<void>;
}

export const BULK_MIN_ROWS = 1_000;
const NEARLY_EMPTY_ROWS = 1_000;

/**
 * The search index's side of `showroom import`, for one import: `onWritten` indexes each written batch (from
 * the products the import hands over, without reading them back), `onFinished` runs before the commit.
 *
 * A bulk import drops the two GIN indexes once it has written BULK_MIN_ROWS products and twice as many as the
 * table held before (so the rebuild covers mostly its own rows), and `onFinished` rebuilds them: building a GIN
 * index once costs a fraction of updating it row by row. Both happen in the import's transaction, so a failed
 * import rolls back to the old indexes and nobody ever reads the table without them. The drop locks
 * product_search against other sessions until the commit: on PGlite the import's transaction holds the one
 * session anyway (`readersWait`), while on PostgreSQL searches would wait too, so there only an import into
 * a nearly empty table (fewer than NEARLY_EMPTY_ROWS rows) does it.
 */
export function createImportIndexer(options: ImportIndexerOptions): ImportIndexer {
  const bulkMinRows = options.bulkMinRows ?? BULK_MIN_ROWS;
  // Rows the table held before the import, counted up to the HNSW threshold (a lower bound past it).
  let rowsBefore: number | undefined;
  let written = 0;
  let textIndexesDropped = false;
  return {
    async onWritten(tx, productIds, products) {
      if (productIds.length === 0) return;
      rowsBefore ??= await countRows(tx, SEARCH_TABLE, VECTOR_INDEX_MIN_ROWS);
      written += productIds.length;
      const counted = rowsBefore < VECTOR_INDEX_MIN_ROWS;
      const bulk =
        written >= bulkMinRows &&
        counted &&
        rowsBefore * 2 <= written &&
        (options.readersWait || rowsBefore < NEARLY_EMPTY_ROWS);
      if (bulk && !textIndexesDropped) {
        await dropTextIndexes(tx, SEARCH_TABLE);
        textIndexesDropped = true;
      }
      if (products) {
        // A product the import's own insert created has no search row yet (its id is new): those rows are
        // inserted plainly, without ON CONFLICT's speculative insertion (~5% of the statement on PGlite, ~10%
        // over pg-socket). A SKU another import stored meanwhile comes back as updated (upsertProducts).
        const created = products.filter((product) => product.created).map(productSource);
        await writeSearchRows(tx, created, options, SEARCH_TABLE, { insertOnly: true });
        const updated = products.filter((product) => !product.created).map(productSource);
        await writeSearchRows(tx, updated, options, SEARCH_TABLE);
      } else {
        await writeSearchRows(tx, productIds, options, SEARCH_TABLE);
      }
      // The table cannot have reached the HNSW threshold before rowsBefore + written rows.
      if (!counted || rowsBefore + written >= VECTOR_INDEX_MIN_ROWS) await ensureVectorIndex(tx, SEARCH_TABLE);
    },
    async onFinished(tx) {
      if (!textIndexesDropped) return;
      await buildTextIndexes(tx, SEARCH_TABLE);
      textIndexesDropped = false;
    },
  };
}

function productSource({ id, hash, product }: WrittenProduct): SearchSource {
  return { ...product, id, content_hash: hash };
}

const UPSERT = `on conflict (product_id) do update set ${SEARCH_ROW_COLUMNS.filter((column) => column !== 'product_id')
  .map((column) => `${column} = excluded.${column}`)
  .join(', ')}`;

/**
 * Writes the search rows of these products: ids are read from products, sources are used as given, in one
 * statement, upserting unless `insertOnly`. The rows go in binary: on embedded PGlite new rows (`insertOnly`) as
 * a binary COPY; over the pg driver as one binary parameter, an array of the table's rows. PGlite sends
 * parameters as text, so its upserts take an INSERT … SELECT from JSON.
 */
async function writeSearchRows(
  tx: Queryable,
  products: readonly number[] | readonly SearchSource[],
  options: SearchIndexOptions,
  table: string,
  { insertOnly = false } = {},
): Promise<void> {
  if (products.length === 0) return;
  const sources = products.every((product) => typeof product === 'number')
    ? await readProductSources(tx, products)
    : (products as readonly SearchSource[]);
  // Every field comes with the rows (search-rows.ts): no join with products or price_tiers per row.
  const rows = await searchRows(sources, options);
  if (insertOnly && tx.copyBinary) {
    await tx.copyBinary(table, SEARCH_ROW_COLUMNS, searchRowsBinary(rows, options.embedder));
    return;
  }
  if (tx.binaryParameters) {
    const rowType = await rowTypeOf(tx, table, SEARCH_ROW_COLUMNS);
    await tx.query(`insert into ${table} select * from unnest($1::${table}[]) ${insertOnly ? '' : UPSERT}`, [
      searchRowsBinary(rows, options.embedder, rowType),
    ]);
    return;
  }
  await tx.query(
    `insert into ${table} (${SEARCH_ROW_COLUMNS.join(', ')})
     select r.product_id, $2, $3, r.content_hash, r.status, r.category, r.moq, r.lead_time_days, r.stock,
            r.dropship, r.currency, r.tier_min_qty, r.tier_unit_price, r.search_concepts, r.sizes,
            r.search_vector, l2_normalize(r.embedding::sparsevec::vector)
     from jsonb_to_recordset($1::jsonb) as r(product_id bigint, content_hash text, status text, category text,
       moq integer, lead_time_days integer, stock integer, dropship boolean, currency text, tier_min_qty integer[],
       tier_unit_price numeric[], search_vector tsvector, search_concepts text[], sizes text[], embedding text)
     ${insertOnly ? '' : UPSERT}`,
    [searchRowsJson(rows), options.embedder.id, options.embedder.dimensions],
  );
}

async function readProductSources(tx: Queryable, productIds: readonly number[]): Promise<SearchSource[]> {
  const { rows } = await tx.query<
    Omit<SearchSource, 'price_tiers'> & { price_tiers: PriceTier[] | string } & Record<string, unknown>
  >(
    `select id, content_hash, title, category, subcategory, description, colors, materials, tags, customization,
            certifications, sizes, status, moq, lead_time_days, stock, dropship, currency,
            ${PRICE_TIERS_JSON} as price_tiers
     from products p where id = any($1::bigint[])`,
    [productIds],
  );
  return rows.map((row) => ({ ...row, price_tiers: parsePriceTiers(row.price_tiers) }));
}

/**
 * Rebuilds the whole index with the configured embedder in a table beside the
 * live one, then swaps them in one transaction.
 */
export async function reindex(
  db: Database,
  options: SearchIndexOptions & { batchSize?: number; onProgress?: (done: number, total: number) => void },
): Promise<number> {
  // Written category by category, so a filtered scan of one category reads adjacent pages.
  const { rows } = await db.query<{ id: number }>('select id from products order by category, id');
  const ids = rows.map((row) => row.id);
  await db.exec(`drop table if exists ${NEXT_TABLE}`);
  await db.exec(createTableSql(NEXT_TABLE, options.embedder.dimensions));
  const batchSize = options.batchSize ?? 200;
  for (let i = 0; i < ids.length; i += batchSize) {
    // The table is new: every row is inserted plainly (a binary COPY on embedded PGlite).
    await db.transaction((tx) =>
      writeSearchRows(tx, ids.slice(i, i + batchSize), options, NEXT_TABLE, { insertOnly: true }),
    );
    options.onProgress?.(Math.min(i + batchSize, ids.length), ids.length);
  }
  // Indexes are built once, after the rows: much faster than maintaining them row by row. PGlite runs no
  // autovacuum, so statistics are gathered here or the planner never uses the concept and vector indexes.
  await db.transaction((tx) => buildIndexes(tx, NEXT_TABLE, { vector: ids.length >= VECTOR_INDEX_MIN_ROWS }));
  await db.exec(`analyze ${NEXT_TABLE}`);
  await db.transaction(async (tx) => {
    await swapTables(tx, SEARCH_TABLE, NEXT_TABLE);
    await tx.query('delete from search_index_state');
    await tx.query('insert into search_index_state (embedder, dimensions) values ($1, $2)', [
      options.embedder.id,
      options.embedder.dimensions,
    ]);
  });
  return ids.length;
}
