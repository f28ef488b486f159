import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.ts';
import { migrate } from '../../src/db/migrate.ts';
import { createPgliteDatabase, type PgliteDatabase } from '../../src/db/pglite-database.ts';
import { createPostgresDatabase } from '../../src/db/postgres-database.ts';
import { loadLexicon, type Lexicon } from '../../src/search/lexicon.ts';
import { createLocalEmbedder } from '../../src/search/local-embedder.ts';
import { createCatalogSearch, type SearchMode } from '../../src/search/search-catalog.ts';
import { createImportIndexer, prepareSearchIndex, type ImportIndexer } from '../../src/search/search-index.ts';
import { SEARCH_TABLE } from '../../src/search/search-table.ts';
import { observedDatabase } from '../bench/timed-database.ts';
import { csvFile, csvRow, importText, productCount } from '../helpers/catalog.ts';
import { servePglite } from '../helpers/databases.ts';

/**
 * The import's search-index hook: a bulk import drops the GIN indexes inside its transaction and rebuilds
 * them before the commit. These tests run it with a bulk threshold of 4 products and batches of 2.
 */

const BULK = { bulkMinRows: 4, batchSize: 2 };

/** Words the lexicon does not know, one per product, for full-text requests that name a single product. */
const NAMES = ['pelican', 'walrus', 'badger', 'puffin', 'osprey', 'marten', 'lynx', 'bison', 'condor', 'ibex'];

function rows(prefix: string, count: number, title = 'Linen shirt dress'): string[] {
  return Array.from({ length: count }, (_, i) => csvRow(`${prefix}-${i + 1}`, { title: `${title} ${NAMES[i]}` }));
}

describe('createImportIndexer', () => {
  let db: PgliteDatabase;
  let lexicon: Lexicon;
  const statements: string[] = [];
  let watched: Database;
  const indexer = (readersWait = true): ImportIndexer =>
    createImportIndexer({
      lexicon,
      embedder: createLocalEmbedder(lexicon),
      readersWait,
      bulkMinRows: BULK.bulkMinRows,
    });
  const search = (request: string, mode: SearchMode = 'hybrid') =>
    createCatalogSearch(db, { lexicon, embedder: createLocalEmbedder(lexicon) }).search(request, { mode });
  const textIndexes = async () => {
    const { rows: found } = await db.query<{ indexname: string }>(
      `select indexname from pg_indexes where tablename = $1 and indexname <> $2 order by indexname`,
      [SEARCH_TABLE, `${SEARCH_TABLE}_pkey`],
    );
    return found.map((row) => row.indexname);
  };
  const dropped = () => statements.filter((sql) => /^drop index/i.test(sql.trim())).length;

  beforeAll(async () => {
    db = await createPgliteDatabase();
    await migrate(db);
    lexicon = await loadLexicon();
    await prepareSearchIndex(db, { lexicon, embedder: createLocalEmbedder(lexicon) });
    watched = observedDatabase(db, { statement: (sql) => statements.push(sql), transactionOverhead: () => {} });
  });
  afterAll(() => db.close());
  beforeEach(async () => {
    await db.exec(
      `truncate ${SEARCH_TABLE}, price_tiers, products, import_runs; delete from factories where not is_default`,
    );
    statements.length = 0;
  });

  it('rebuilds the text indexes of a bulk import before it commits, so full-text search finds its products', async () => {
    const report = await importText(watched, csvFile(rows('LS', 7)), { ...BULK, ...indexer() });
    expect(report).toMatchObject({ committed: true, created: 7 });
    expect(dropped()).toBe(1);
    expect(await textIndexes()).toEqual([`${SEARCH_TABLE}_concepts`, `${SEARCH_TABLE}_fts`]);
    const { rows: indexed } = await db.query<{ n: number }>(`select count(*)::int as n from ${SEARCH_TABLE}`);
    expect(indexed[0]!.n).toBe(7);
    const found = await search('linen dress osprey', 'text');
    expect(found.results[0]?.sku).toBe('LS-5');
    expect((await search('linen dress', 'text')).results).toHaveLength(7);
  });

  it('keeps a failed bulk import from leaving search without its indexes or with half the rows', async () => {
    await importText(db, csvFile(rows('CH', 3, 'Chiffon maxi dress')), { ...BULK, ...indexer() });
    const before = await search('chiffon maxi dress');
    expect(before.results.map((r) => r.sku).sort()).toEqual(['CH-1', 'CH-2', 'CH-3']);

    // The hook fails on the fourth batch, after the indexes were dropped on the second.
    const hooks = indexer();
    let batches = 0;
    const failing = importText(watched, csvFile(rows('LS', 10)), {
      ...BULK,
      onWritten: async (tx, ids, products) => {
        if (++batches === 4) throw new Error('disk full');
        await hooks.onWritten(tx, ids, products);
      },
      onFinished: hooks.onFinished,
    });
    await expect(failing).rejects.toThrow('disk full');
    expect(dropped()).toBe(1);

    // A bad last row rolls the import back too, once the rows before it were written and indexed.
    const rejected = await importText(watched, csvFile([...rows('LS', 9), csvRow('LS-10', { price_tiers: 'none' })]), {
      ...BULK,
      ...indexer(),
    });
    expect(rejected).toMatchObject({ committed: false, invalid: 1 });
    expect(dropped()).toBe(2);

    expect(await productCount(db)).toBe(3);
    expect(await textIndexes()).toEqual([`${SEARCH_TABLE}_concepts`, `${SEARCH_TABLE}_fts`]);
    expect(await search('chiffon maxi dress')).toEqual(before);
    expect((await search('linen shirt dress', 'text')).results.map((r) => r.sku)).not.toContain('LS-1');
  });

  it('maintains the indexes row by row when the import is small beside the table', async () => {
    await importText(db, csvFile(rows('CH', 6, 'Chiffon maxi dress')), { ...BULK, ...indexer() });
    statements.length = 0;
    // 4 products reach the bulk threshold, but the table held 6.
    await importText(watched, csvFile(rows('LS', 4)), { ...BULK, ...indexer() });
    expect(dropped()).toBe(0);
    expect((await search('linen dress badger', 'text')).results[0]?.sku).toBe('LS-3');
  });

  it('drops them on PostgreSQL too while the table is nearly empty', async () => {
    await importText(watched, csvFile(rows('LS', 5)), { ...BULK, ...indexer(false) });
    expect(dropped()).toBe(1);
    expect(await textIndexes()).toEqual([`${SEARCH_TABLE}_concepts`, `${SEARCH_TABLE}_fts`]);
  });

  it.each([
    ['PGlite (new products inserted plainly)', true],
    ['PostgreSQL (every row upserted)', false],
  ])('writes created and updated products in one batch: %s', async (_, readersWait) => {
    await importText(db, csvFile(rows('CH', 3, 'Chiffon maxi dress')), { ...BULK, ...indexer(readersWait) });
    // CH-2 changes its title, CH-4 is new, CH-1 and CH-3 are unchanged.
    const next = [...rows('CH', 3, 'Chiffon maxi dress'), csvRow('CH-4', { title: 'Chiffon maxi dress ibex' })].map(
      (row) => (row.startsWith('CH-2,') ? csvRow('CH-2', { title: 'Chiffon maxi dress condor' }) : row),
    );
    const report = await importText(db, csvFile(next), { ...BULK, ...indexer(readersWait) });
    expect(report).toMatchObject({ committed: true, created: 1, updated: 1, unchanged: 2 });
    expect((await search('condor', 'text')).results.map((r) => r.sku)).toEqual(['CH-2']);
    expect((await search('ibex', 'text')).results.map((r) => r.sku)).toEqual(['CH-4']);
    // CH-2 was "… walrus": its search row was replaced, not added to.
    expect((await search('walrus', 'text')).results.map((r) => r.sku)).toEqual([]);
    const { rows: indexed } = await db.query<{ n: number }>(`select count(*)::int as n from ${SEARCH_TABLE}`);
    expect(indexed[0]!.n).toBe(4);
  });

  it("stores the same rows through PGlite's binary COPY, the pg driver's binary rows and an INSERT from JSON", async () => {
    const file = csvFile([
      csvRow('MX-1', { price_tiers: '1:123456.7891|100:10000|5000:12.5|20000:0.05', stock: '' }),
      csvRow('MX-2', { title: 'Платье макси 连衣裙 — robe de soirée', sizes: 'xl|One Size', stock: '0' }),
      csvRow('MX-3', { colors: '', sizes: '', tags: '' }),
      ...rows('MX', 3).map((row) => row.replace(/^MX-(\d)/, 'MX-1$1')),
    ]);
    const stored = async () => {
      const { rows: found } = await db.query<Record<string, unknown> & { embedding: string }>(
        `select p.sku, s.embedder, s.dimensions, s.content_hash, s.status, s.category, s.moq, s.lead_time_days,
                s.stock, s.dropship, s.currency, s.tier_min_qty::text, s.tier_unit_price::text, s.search_concepts,
                s.sizes, s.search_vector::text, s.embedding::text
         from ${SEARCH_TABLE} s join products p on p.id = s.product_id order by p.sku`,
      );
      return found.map(({ embedding, ...row }) => ({ ...row, embedding: JSON.parse(embedding) as number[] }));
    };
    expect(await importText(watched, file, { ...BULK, ...indexer(true) })).toMatchObject({ created: 6 });
    expect(statements.filter((sql) => /^copy product_search/.test(sql))).toHaveLength(3);
    const viaCopy = await stored();
    // PGlite's updates take the JSON path: the same products again, as changed ones whose search rows are gone.
    await db.exec(`truncate ${SEARCH_TABLE}; update products set content_hash = 'stale'`);
    statements.length = 0;
    expect(await importText(watched, file, { ...BULK, ...indexer(true) })).toMatchObject({ updated: 6 });
    expect(statements.filter((sql) => /^copy product_search|unnest\(\$1::product_search/.test(sql))).toEqual([]);
    const viaJson = await stored();

    // The pg driver, to the same PGlite through pglite-socket: PostgreSQL's path.
    await db.exec(`truncate ${SEARCH_TABLE}, price_tiers, products`);
    statements.length = 0;
    const server = await servePglite(db.pglite);
    const driver = await createPostgresDatabase({ url: server.url, poolSize: 1 });
    try {
      const observed = observedDatabase(driver, { statement: (sql) => statements.push(sql), transactionOverhead() {} });
      expect(await importText(observed, file, { ...BULK, ...indexer(false) })).toMatchObject({ created: 6 });
    } finally {
      await driver.close();
      await server.stop();
    }
    expect(statements.filter((sql) => /unnest\(\$1::product_search\[\]\)/.test(sql))).toHaveLength(3);
    const viaDriver = await stored();

    expect(viaCopy).toHaveLength(6);
    const withoutVectors = (found: typeof viaCopy) => found.map(({ embedding: _, ...row }) => row);
    expect(withoutVectors(viaCopy)).toEqual(withoutVectors(viaJson));
    expect(withoutVectors(viaDriver)).toEqual(withoutVectors(viaJson));
    expect(viaCopy[0]).toMatchObject({ tier_unit_price: '{123456.7891,10000.0000,12.5000,0.0500}', stock: null });
    // Vectors are normalised in float8 in JavaScript and in float4 by l2_normalize in SQL: equal to float4 precision.
    for (const binary of [viaCopy, viaDriver]) {
      binary.forEach(({ embedding }, i) => {
        const other = viaJson[i]!.embedding;
        expect(embedding).toHaveLength(384);
        expect(Math.max(...embedding.map((x, j) => Math.abs(x - other[j]!)))).toBeLessThan(1e-6);
      });
    }
  });
});
