import { beforeAll, describe, expect, it } from 'vitest';
import { matchConcepts } from '../../src/search/concept-matcher.ts';
import { loadLexicon, type Lexicon } from '../../src/search/lexicon.ts';

let lexicon: Lexicon;
beforeAll(async () => {
  lexicon = await loadLexicon();
});

const concepts = (text: string) => matchConcepts(lexicon, text).matches.map((m) => `${m.concept.kind}:${m.concept.id}`);

describe('concept matching', () => {
  it('does not read a word of a lexicon phrase as a typo of another concept ("sports" is not "shorts")', () => {
    expect(concepts('sports bag')).toEqual(['category:bag']);
    expect(concepts('sports watch')).toEqual(['category:watch']);
  });

  it('still reads a typo that one of the phrases spells ("maxy" of "maxy dress")', () => {
    expect(concepts('chifon maxy dres')).toContain('product_type:maxi dress');
  });

  it('gives the same answer when a guess comes from the cache', () => {
    const first = matchConcepts(lexicon, 'braclet with neckalce and earings');
    const again = matchConcepts(lexicon, 'braclet with neckalce and earings');
    expect(again.matches.map((m) => m.concept.id)).toEqual(first.matches.map((m) => m.concept.id));
    expect(again.unmatched).toEqual(first.unmatched);
  });

  it('knows shirts, t-shirts and polos, trousers, jeans and track pants as product types', () => {
    expect(concepts('white linen shirt')).toContain('product_type:shirt');
    expect(concepts('polo shirts')).toContain('product_type:t-shirt');
    expect(concepts('pantalones vaqueros')).toContain('product_type:jeans');
    expect(concepts('chinos')).toContain('product_type:trousers');
    expect(concepts('joggers for the gym')).toContain('product_type:track pants');
    expect(concepts('спортивные штаны')).toContain('product_type:track pants');
  });
});
