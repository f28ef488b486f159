import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../src/db/migrate.ts';
import { createPgliteDatabase, type PgliteDatabase } from '../../src/db/pglite-database.ts';
import { loadLexicon } from '../../src/search/lexicon.ts';
import { createLocalEmbedder } from '../../src/search/local-embedder.ts';
import { createImportIndexer, prepareSearchIndex } from '../../src/search/search-index.ts';
import { SEARCH_TABLE } from '../../src/search/search-table.ts';
import { createSearchStats } from '../../src/search/search-stats.ts';
import { csvFile, csvRow, importText } from '../helpers/catalog.ts';

/** A new database with 60 imported and indexed products, the i-th (from 0) with these cells. */
async function indexedCatalog(cells: (i: number) => Partial<Record<string, string>>): Promise<PgliteDatabase> {
  const db = await createPgliteDatabase();
  await migrate(db);
  const lexicon = await loadLexicon();
  const embedder = createLocalEmbedder(lexicon);
  await prepareSearchIndex(db, { lexicon, embedder });
  const rows = Array.from({ length: 60 }, (_, i) => csvRow(`P-${i + 1}`, cells(i)));
  await importText(db, csvFile(rows), createImportIndexer({ lexicon, embedder, readersWait: true }));
  return db;
}

/**
 * The full-text match keeps the rarest phrases that can fill the ranking limit. A limit of a few rows over a
 * 60-product table stands in for the 1,000 of a large catalog.
 */
describe('createSearchStats().narrow', () => {
  let db: PgliteDatabase;

  beforeAll(async () => {
    db = await indexedCatalog((i) => ({
      title: i < 8 ? `Pelican print linen shirt ${i}` : `Boho summer blouse ${i}`,
      description: 'Soft and light.',
    }));
  });
  afterAll(() => db.close());

  it('matches every phrase while the table has no statistics', async () => {
    await db.exec(`delete from pg_statistic where starelid = '${SEARCH_TABLE}'::regclass`);
    const phrases = [['boho'], ['pelican']];
    expect(await createSearchStats(SEARCH_TABLE).narrow(db, phrases, 5)).toEqual(phrases);
  });

  it('keeps the rarest phrases whose rows reach the limit, in the request order', async () => {
    await db.exec(`analyze ${SEARCH_TABLE}`);
    const counts = createSearchStats(SEARCH_TABLE);
    // pelican: 8 rows, enough for a limit of 5; boho (52 rows) only ranks.
    expect(await counts.narrow(db, [['boho'], ['pelican']], 5)).toEqual([['pelican']]);
    // A limit past the rarest phrase's rows takes the next one too.
    expect(await counts.narrow(db, [['boho'], ['pelican']], 20)).toEqual([['boho'], ['pelican']]);
    // Unless that one is in more than three times the limit's rows: ranking the first of them says nothing.
    expect(await counts.narrow(db, [['boho'], ['pelican']], 10)).toEqual([['pelican']]);
    expect(await counts.narrow(db, [['boho']], 10)).toEqual([]);
    // A phrase counts as its rarest word: "pelican print" is as rare as pelican.
    expect(
      await counts.narrow(
        db,
        [
          ['summer', 'blouse'],
          ['pelican', 'print'],
        ],
        5,
      ),
    ).toEqual([['pelican', 'print']]);
  });

  it('never narrows to words that may match nothing: an unknown word is kept with the rarest known one', async () => {
    await db.exec(`analyze ${SEARCH_TABLE}`);
    // "pelcan" (a typo) is in no row; alone it would leave the match empty.
    expect(await createSearchStats(SEARCH_TABLE).narrow(db, [['boho'], ['pelcan'], ['pelican']], 5)).toEqual([
      ['pelcan'],
      ['pelican'],
    ]);
  });

  it('leaves a table smaller than the limit alone', async () => {
    await db.exec(`analyze ${SEARCH_TABLE}`);
    const phrases = [['boho'], ['pelican']];
    expect(await createSearchStats(SEARCH_TABLE).narrow(db, phrases, 100)).toEqual(phrases);
  });
});

/** The rows the concept and size filters leave, estimated for choosing between an HNSW walk and an exact scan. */
describe('createSearchStats().passingRows', () => {
  let db: PgliteDatabase;

  beforeAll(async () => {
    // 40 dresses (10 of them red, 4 in XXL) and 20 bags.
    db = await indexedCatalog((i) => ({
      title: i < 40 ? `Midi dress ${i}` : `Tote bag ${i}`,
      category: i < 40 ? 'dress' : 'bag',
      colors: i < 10 ? 'red' : i < 40 ? 'black' : 'blue',
      sizes: i < 4 ? 'XXL' : i < 40 ? 'S|M|L' : 'ONE SIZE',
    }));
  });
  afterAll(() => db.close());

  it('has no estimate for a table without statistics', async () => {
    await db.exec(`delete from pg_statistic where starelid = '${SEARCH_TABLE}'::regclass`);
    expect(await createSearchStats(SEARCH_TABLE).passingRows(db, { categories: ['dress'] })).toBeUndefined();
  });

  it('multiplies the fractions of the filters, summing the values one filter allows', async () => {
    await db.exec(`analyze ${SEARCH_TABLE}`);
    const stats = createSearchStats(SEARCH_TABLE);
    const estimate = (filters: Parameters<typeof stats.passingRows>[1]) => stats.passingRows(db, filters);
    expect(await estimate({})).toBeCloseTo(60, 0);
    expect(await estimate({ categories: ['dress'] })).toBeCloseTo(40, 0);
    expect(await estimate({ categories: ['dress', 'bag'] })).toBeCloseTo(60, 0);
    // Taken as independent: 40/60 dresses × 10/60 red of 60 rows.
    expect(await estimate({ categories: ['dress'], colors: ['color:red'] })).toBeCloseTo((40 * 10) / 60, 0);
    expect(await estimate({ categories: ['dress'], sizes: ['XXL'] })).toBeCloseTo((40 * 4) / 60, 0);
    // A value in no row counts as rarer than the rarest listed one, never as none.
    const teal = (await estimate({ colors: ['color:teal'] }))!;
    expect(teal).toBeGreaterThan(0);
    expect(teal).toBeLessThan((await estimate({ colors: ['color:red'] }))!);
  });
});
