import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentLexemes, lexemeOf, phraseQuery, textWords, tsvectorLiteral } from '../../src/search/full-text.ts';

const documentVector = (text: string) => tsvectorLiteral(documentLexemes(text));
import { searchDocument } from '../../src/search/search-rows.ts';
import { openSeedCatalog, type EvalCatalog } from '../helpers/seed-catalog.ts';

/**
 * Full-text vectors and queries are analysed in JavaScript; vectors stored by to_tsvector('english') must keep
 * matching them, so each word's lexeme must be PostgreSQL's.
 */
describe('full-text analysis', () => {
  let catalog: EvalCatalog;
  beforeAll(async () => {
    catalog = await openSeedCatalog();
  });
  afterAll(() => catalog.close());

  it("gives every word of the seed catalog and the lexicon PostgreSQL's english lexeme", async () => {
    const words = new Set<string>();
    for (const product of catalog.products) for (const word of textWords(searchDocument(product))) words.add(word);
    for (const concept of catalog.lexicon.concepts)
      for (const terms of Object.values(concept.terms))
        for (const term of terms ?? []) for (const word of textWords(term)) words.add(word);
    for (const word of textWords('3xl 100 2-pack 22yds a148j305y the Ourselves XXL running dresses ıi größe'))
      words.add(word);
    expect(words.size).toBeGreaterThan(3000);
    const { rows } = await catalog.db.query<{ word: string; lexemes: string[] }>(
      `select w as word, tsvector_to_array(to_tsvector('english', w)) as lexemes from unnest($1::text[]) w`,
      [[...words]],
    );
    const differing = rows
      .map((row) => ({ word: row.word, postgres: row.lexemes, here: lexemeOf(row.word) }))
      .filter((row) => row.postgres.join() !== (row.here ?? ''));
    expect(differing.slice(0, 5)).toEqual([]);
    // Stop words are among them, and have no lexeme.
    expect(rows.filter((row) => row.lexemes.length === 0).length).toBeGreaterThan(20);
  });

  it('indexes each word once, where it first appears; a stop word takes a position', () => {
    expect(documentVector('Black A-line dress. BLACK dresses, the dress')).toBe("'black':1 'line':3 'dress':4,5");
    expect(documentVector('')).toBe('');
  });

  it('matches phrases across stop words as to_tsquery does, in PostgreSQL', async () => {
    const query = phraseQuery([['black', 'a', 'line'], ['the'], ['dresses']]);
    expect(query).toBe("'black' <2> 'line' | 'dress'");
    expect(phraseQuery([['the', 'of']])).toBeUndefined();
    const matches = async (text: string, phrases: string[][]) => {
      const { rows } = await catalog.db.query<{ hit: boolean; stored: boolean }>(
        `select $1::tsvector @@ $2::tsquery as hit, to_tsvector('english', $3) @@ $2::tsquery as stored`,
        [documentVector(text), phraseQuery(phrases), text],
      );
      return rows[0]!;
    };
    // A vector stored by to_tsvector (before this analysis moved to JavaScript) answers the same…
    expect(await matches('Black party A line dress', [['black', 'a', 'line']])).toEqual({ hit: false, stored: false });
    expect(await matches('Black A line party dress', [['black', 'a', 'line']])).toEqual({ hit: true, stored: true });
    expect(await matches('Running shoes', [['run', 'shoe']])).toEqual({ hit: true, stored: true });
    expect(await matches('Jeans in 3XL', [['3xl']])).toEqual({ hit: true, stored: true });
    // …except that to_tsvector also indexed a hyphenated word whole, one position more: "black a-line" was
    // three positions from "line" there, so the phrase missed.
    expect(await matches('Black A-line party dress', [['black', 'a', 'line']])).toEqual({ hit: true, stored: false });
  });
});
