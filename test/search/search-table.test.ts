import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadMigrations, migrate } from '../../src/db/migrate.ts';
import { createPgliteDatabase, type PgliteDatabase } from '../../src/db/pglite-database.ts';
import { loadLexicon, type Lexicon } from '../../src/search/lexicon.ts';
import { createLocalEmbedder } from '../../src/search/local-embedder.ts';
import { createCatalogSearch } from '../../src/search/search-catalog.ts';
import { indexProducts, prepareSearchIndex } from '../../src/search/search-index.ts';
import { toSparseVectorLiteral } from '../../src/search/search-rows.ts';
import { SEARCH_TABLE } from '../../src/search/search-table.ts';
import { observedDatabase } from '../bench/timed-database.ts';
import { csvFile, csvRow, importText } from '../helpers/catalog.ts';
import { openSeedCatalog, type EvalCatalog } from '../helpers/seed-catalog.ts';

/** product_search copies the product fields the filters test; these tests check the copy stays true. */

interface CopiedFields {
  status: string;
  category: string;
  moq: number;
  stock: number | null;
  currency: string;
  tier_min_qty: number[];
  tier_unit_price: number[];
}

async function copiedFields(db: PgliteDatabase, sku: string): Promise<CopiedFields | undefined> {
  const { rows } = await db.query<CopiedFields & Record<string, unknown>>(
    `select s.status, s.category, s.moq, s.stock, s.currency, s.tier_min_qty, s.tier_unit_price
     from ${SEARCH_TABLE} s join products p on p.id = s.product_id where p.sku = $1`,
    [sku],
  );
  return rows[0] && { ...rows[0], tier_unit_price: rows[0].tier_unit_price.map(Number) };
}

describe('the filter fields copied into product_search', () => {
  let db: PgliteDatabase;
  let lexicon: Lexicon;
  const embedder = () => createLocalEmbedder(lexicon);
  beforeAll(async () => {
    db = await createPgliteDatabase();
    await migrate(db);
    lexicon = await loadLexicon();
    await prepareSearchIndex(db, { lexicon, embedder: embedder() });
  });
  afterAll(() => db.close());

  const onWritten = (tx: Parameters<typeof indexProducts>[0], ids: number[]) =>
    indexProducts(tx, ids, { lexicon, embedder: embedder() });

  it('follows an import that changes a product, and --sync archiving another', async () => {
    await importText(db, csvFile([csvRow('DR-1'), csvRow('DR-2')]), { onWritten });
    expect(await copiedFields(db, 'DR-1')).toEqual({
      status: 'active',
      category: 'dress',
      moq: 50,
      stock: 1200,
      currency: 'USD',
      tier_min_qty: [50, 200, 1000],
      tier_unit_price: [12.5, 10.8, 9.2],
    });

    await importText(db, csvFile([csvRow('DR-1', { moq: '100', stock: '', price_tiers: '100:11|500:8.5' })]), {
      onWritten,
      sync: true,
    });
    expect(await copiedFields(db, 'DR-1')).toMatchObject({
      moq: 100,
      stock: null,
      tier_min_qty: [100, 500],
      tier_unit_price: [11, 8.5],
    });
    expect(await copiedFields(db, 'DR-2')).toMatchObject({ status: 'archived' });
    const search = createCatalogSearch(db, { lexicon, embedder: embedder() });
    const skus = (await search.search('chiffon maxi dress')).results.map((r) => r.sku);
    expect(skus).toEqual(['DR-1']);
  });

  it('prices a budget at the tier the quantity reaches, in the product currency', async () => {
    await importText(
      db,
      csvFile([
        csvRow('DR-3', { price_tiers: '50:12|200:9', title: 'Linen shirt dress DR-3' }),
        csvRow('DR-4', { price_tiers: '50:12|500:9', title: 'Linen shirt dress DR-4' }),
      ]),
      { onWritten },
    );
    const search = createCatalogSearch(db, { lexicon, embedder: embedder() });
    const at300 = await search.search('300 linen shirt dresses under $10');
    expect(at300.relaxed).toEqual([]);
    expect(at300.results.map((r) => r.sku)).toEqual(['DR-3']);
    expect(at300.results[0]).toMatchObject({ unit_price_at_quantity: 9, price_quantity: 300 });
    // In euros: 9 USD at 1.08 USD per euro is 8.33 EUR, under the 8.5 EUR budget; 12 USD is not.
    const euros = await search.search('300 linen shirt dresses under 8.5 EUR');
    expect(euros.results.map((r) => r.sku)).toEqual(['DR-3']);
  });
});

describe('migration 010 on a search index built before it', () => {
  it('adds the filter fields and fills them from the catalog', async () => {
    const db = await createPgliteDatabase();
    try {
      await migrate(
        db,
        (await loadMigrations()).filter((m) => m.version < 10),
      );
      const lexicon = await loadLexicon();
      // The table as src/search/search-table.ts created it before migration 010.
      await db.exec(`create table product_search (
        product_id bigint primary key references products (id) on delete cascade,
        embedder text not null, dimensions integer not null, content_hash text not null,
        search_text text not null, search_concepts text[] not null, sizes text[] not null,
        search_vector tsvector not null, embedding vector(384) not null)`);
      await db.query(`insert into search_index_state (embedder, dimensions) values ('local-v1', 384)`);
      await importText(db, csvFile([csvRow('DR-1', { price_tiers: '50:12.50|200:10.80' })]));
      await db.query(
        `insert into product_search
         select id, 'local-v1', 384, content_hash, title, array['category:dress'], sizes, to_tsvector('english', title), $1::vector
         from products`,
        [`[${Array.from({ length: 384 }, (_, i) => (i === 0 ? 1 : 0)).join(',')}]`],
      );

      await migrate(db);
      expect(await copiedFields(db, 'DR-1')).toEqual({
        status: 'active',
        category: 'dress',
        moq: 50,
        stock: 1200,
        currency: 'USD',
        tier_min_qty: [50, 200],
        tier_unit_price: [12.5, 10.8],
      });
      // Migration 011 drops the search text nothing reads any more.
      const { rows: columns } = await db.query<{ name: string }>(
        `select attname as name from pg_attribute where attrelid = 'product_search'::regclass and attnum > 0 and not attisdropped`,
      );
      expect(columns.map((c) => c.name)).not.toContain('search_text');
      const search = createCatalogSearch(db, { lexicon, embedder: createLocalEmbedder(lexicon) });
      expect((await search.search('100 chiffon maxi dresses under $11')).results.map((r) => r.sku)).toEqual(['DR-1']);
      // A product imported after the migrations is written without it.
      await importText(db, csvFile([csvRow('DR-2', { title: 'Chiffon maxi dress pelican' })]), {
        onWritten: (tx, ids) => indexProducts(tx, ids, { lexicon, embedder: createLocalEmbedder(lexicon) }),
      });
      expect((await search.search('pelican dress', { mode: 'text' })).results.map((r) => r.sku)).toEqual(['DR-2']);
    } finally {
      await db.close();
    }
  });
});

describe('vector candidates with the HNSW index', () => {
  let catalog: EvalCatalog;
  beforeAll(async () => {
    catalog = await openSeedCatalog();
    await catalog.db.exec(
      `create index ${SEARCH_TABLE}_embedding on ${SEARCH_TABLE} using hnsw (embedding vector_cosine_ops)`,
    );
  });
  afterAll(() => catalog.close());

  const requests = [
    'red chiffon maxi dresses',
    'black evening dresses under $8 at 300 pcs',
    'gold hoop earrings, 1000 pcs under $1',
    'leather belts within 2 weeks',
    'straw hats with my logo',
  ];

  /** The vector statements one search runs: graph walks (ordered by the index) and exact scans (`+ 0`). */
  async function vectorSearch(request: string) {
    const statements: string[] = [];
    const db = observedDatabase(catalog.db, {
      statement: (sql) => statements.push(sql),
      transactionOverhead: () => undefined,
    });
    const response = await createCatalogSearch(db, catalog).search(request, { mode: 'vector', k: 20 });
    const vector = statements.filter((sql) => sql.includes('<=>'));
    return {
      skus: response.results.map((r) => r.sku).sort(),
      relaxed: response.relaxed,
      walks: vector.filter((sql) => !sql.includes('+ 0')).length,
      scans: vector.filter((sql) => sql.includes('+ 0')).length,
    };
  }

  it('finds the products the exact scan finds when the graph walk serves the vector list', async () => {
    // Without statistics nothing is estimated, so every vector list starts with the walk.
    await catalog.db.exec(`delete from pg_statistic where starelid = '${SEARCH_TABLE}'::regclass`);
    await catalog.db.exec(`drop index ${SEARCH_TABLE}_embedding`);
    const exact = [];
    for (const request of requests) exact.push(await vectorSearch(request));
    await catalog.db.exec(
      `create index ${SEARCH_TABLE}_embedding on ${SEARCH_TABLE} using hnsw (embedding vector_cosine_ops)`,
    );
    await catalog.db.exec(`delete from pg_statistic where starelid = '${SEARCH_TABLE}'::regclass`);
    for (const [i, request] of requests.entries()) {
      const walked = await vectorSearch(request);
      expect(walked.walks, request).toBeGreaterThan(0);
      expect(walked.relaxed, request).toEqual(exact[i]!.relaxed);
      expect(walked.skus, request).toEqual(exact[i]!.skus);
    }
  });

  it('skips the walk for the exact scan when the statistics say few products pass the filters', async () => {
    await catalog.db.exec(`analyze ${SEARCH_TABLE}`);
    // Gold hoop earrings are a few of the seed's 431 products, far below the rows a walk is worth.
    const estimated = await vectorSearch('gold hoop earrings, 1000 pcs under $1');
    expect(estimated.walks).toBe(0);
    expect(estimated.scans).toBeGreaterThan(0);
    await catalog.db.exec(`delete from pg_statistic where starelid = '${SEARCH_TABLE}'::regclass`);
    const walked = await vectorSearch('gold hoop earrings, 1000 pcs under $1');
    expect(walked.walks).toBeGreaterThan(0);
    expect(estimated.skus).toEqual(walked.skus);
    expect(estimated.skus.length).toBeGreaterThan(0);
  });
});

describe('vectors written as sparse whole numbers', () => {
  it('keep their direction, the largest component at ±10,000,000, zeros left out', () => {
    expect(toSparseVectorLiteral([0.5, -0.25, 0, Number.NaN])).toBe('{1:10000000,2:-5000000}/4');
    expect(toSparseVectorLiteral([0, 0])).toBe('{}/2');
  });

  it('are stored as the unit vector of what the embedder made', async () => {
    const db = await createPgliteDatabase();
    try {
      await migrate(db);
      const vector = [0, 0.3, 0, -0.4, 0.000001];
      const { rows } = await db.query<{ v: string }>(`select l2_normalize($1::sparsevec::vector)::text as v`, [
        toSparseVectorLiteral(vector),
      ]);
      const stored = JSON.parse(rows[0]!.v) as number[];
      const norm = Math.hypot(...vector);
      stored.forEach((x, i) => expect(x).toBeCloseTo(vector[i]! / norm, 6));
    } finally {
      await db.close();
    }
  });
});
