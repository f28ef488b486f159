import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../src/db/migrate.ts';
import { createPgliteDatabase, type PgliteDatabase } from '../../src/db/pglite-database.ts';
import { loadLexicon } from '../../src/search/lexicon.ts';
import { createLocalEmbedder } from '../../src/search/local-embedder.ts';
import { createImportIndexer, prepareSearchIndex } from '../../src/search/search-index.ts';
import { SEARCH_TABLE } from '../../src/search/search-table.ts';
import { createTermCounts } from '../../src/search/term-counts.ts';
import { csvFile, csvRow, importText } from '../helpers/catalog.ts';

/**
 * The full-text match keeps the rarest phrases that can fill the ranking limit. A limit of a few rows over a
 * 60-product table stands in for the 1,000 of a large catalog.
 */
describe('createTermCounts().narrow', () => {
  let db: PgliteDatabase;

  beforeAll(async () => {
    db = await createPgliteDatabase();
    await migrate(db);
    const lexicon = await loadLexicon();
    const embedder = createLocalEmbedder(lexicon);
    await prepareSearchIndex(db, { lexicon, embedder });
    const rows = Array.from({ length: 60 }, (_, i) =>
      csvRow(`P-${i + 1}`, {
        title: i < 8 ? `Pelican print linen shirt ${i}` : `Boho summer blouse ${i}`,
        description: 'Soft and light.',
      }),
    );
    await importText(db, csvFile(rows), createImportIndexer({ lexicon, embedder, readersWait: true }));
  });
  afterAll(() => db.close());

  it('matches every phrase while the table has no statistics', async () => {
    await db.exec(`delete from pg_statistic where starelid = '${SEARCH_TABLE}'::regclass`);
    const phrases = [['boho'], ['pelican']];
    expect(await createTermCounts(SEARCH_TABLE).narrow(db, phrases, 5)).toEqual(phrases);
  });

  it('keeps the rarest phrases whose rows reach the limit, in the request order', async () => {
    await db.exec(`analyze ${SEARCH_TABLE}`);
    const counts = createTermCounts(SEARCH_TABLE);
    // pelican: 8 rows, enough for a limit of 5; boho (52 rows) only ranks.
    expect(await counts.narrow(db, [['boho'], ['pelican']], 5)).toEqual([['pelican']]);
    // A limit past the rarest phrase's rows takes the next one too.
    expect(await counts.narrow(db, [['boho'], ['pelican']], 20)).toEqual([['boho'], ['pelican']]);
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
    expect(await createTermCounts(SEARCH_TABLE).narrow(db, [['boho'], ['pelcan'], ['pelican']], 5)).toEqual([
      ['pelcan'],
      ['pelican'],
    ]);
  });

  it('leaves a table smaller than the limit alone', async () => {
    await db.exec(`analyze ${SEARCH_TABLE}`);
    const phrases = [['boho'], ['pelican']];
    expect(await createTermCounts(SEARCH_TABLE).narrow(db, phrases, 100)).toEqual(phrases);
  });
});
