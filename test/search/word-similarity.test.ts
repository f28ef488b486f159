import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trigramSequence, wordSimilarity } from '../../src/search/word-similarity.ts';
import { openSeedCatalog, type EvalCatalog } from '../helpers/seed-catalog.ts';

/** Retrieval ranks candidates by this instead of pg_trgm's word_similarity: the values must be pg_trgm's. */
describe('wordSimilarity', () => {
  let catalog: EvalCatalog;
  beforeAll(async () => {
    catalog = await openSeedCatalog();
  });
  afterAll(() => catalog.close());

  it('makes the trigrams pg_trgm makes: words lower-cased, padded, in any script', () => {
    expect(trigramSequence('Red a')).toEqual(['  r', ' re', 'red', 'ed ', '  a', ' a ']);
    expect(trigramSequence('платье, 连衣裙!')).toEqual([
      ...['  п', ' пл', 'пла', 'лат', 'ать', 'тье', 'ье '],
      ...['  连', ' 连衣', '连衣裙', '衣裙 '],
    ]);
    expect(trigramSequence(' ,;- ')).toEqual([]);
  });

  it('equals pg_trgm on typos, other scripts and every seed product', async () => {
    const patterns = [
      'aviator polarized',
      'chifon',
      'sandels',
      'rund',
      'ruffles',
      'pleated',
      'polka dots',
      'leopard print',
      'hoop',
      'größe',
      'трикотажное',
      'ruched bodycon',
      'x',
      'cat eye',
    ];
    const { rows } = await catalog.db.query<{ pattern: string; words: string; similarity: number }>(
      `select k as pattern, w.words, word_similarity(k, w.words) as similarity
       from (select concat_ws(' ', p.title, p.subcategory, array_to_string(p.materials, ' '),
                              array_to_string(p.colors, ' '), array_to_string(p.tags, ' ')) as words
             from products p
             union all select unnest($2::text[])) w, unnest($1::text[]) k`,
      [patterns, ['Größe XL Kleid', 'платье трикотажное миди', 'aviator-style, polarised lenses', '']],
    );
    expect(rows.length).toBeGreaterThan(patterns.length * 400);
    // PostgreSQL sends float4 in its shortest decimal form, which reads back as the same float4.
    const differing = rows.filter(
      (row) => wordSimilarity(row.pattern, row.words) !== Math.fround(Number(row.similarity)),
    );
    expect(differing.slice(0, 5)).toEqual([]);
    // Not all zero: the comparison covers real matches.
    expect(rows.filter((row) => Number(row.similarity) >= 0.45).length).toBeGreaterThan(50);
  });
});
