import { stem } from 'porter2';
import { normalizeText } from './text.ts';

/**
 * Full-text vectors and queries, analysed here instead of by PostgreSQL's to_tsvector/to_tsquery('english').
 * PGlite's text search parser and Snowball stemmer cost ~50 µs a product in WebAssembly (~0.5 s of a
 * 10,000-product import), while the same analysis in JavaScript costs a few microseconds, and the stored vector
 * is then only read (`::tsvector`), as the query is (`::tsquery`).
 *
 * A word is a run of letters and digits (t-shirt is "t" then "shirt", as a request's words are split). Its
 * lexeme is what the 'english' configuration makes of such a word: with a digit it is kept as it is (PostgreSQL
 * maps numwords and numbers to the simple dictionary), a stop word has none, any other is Porter2-stemmed
 * (the Snowball "english" algorithm PostgreSQL uses; test/search/full-text.test.ts compares the two word by
 * word). So vectors stored by an earlier release, made by to_tsvector from the same words, still match the
 * queries made here; `showroom reindex` rewrites them in this form.
 */

/** PostgreSQL's tsearch_data/english.stop (Snowball's English stop words). */
const STOP_WORDS = new Set(
  (
    'i me my myself we our ours ourselves you your yours yourself yourselves he him his himself she her hers ' +
    'herself it its itself they them their theirs themselves what which who whom this that these those am is are ' +
    'was were be been being have has had having do does did doing a an the and but if or because as until while ' +
    'of at by for with about against between into through during before after above below to from up down in ' +
    'out on off over under again further then once here there when where why how all any both each few more most ' +
    'other some such no nor not only own same so than too very s t can will just don should now'
  ).split(' '),
);

const WORD = /[\p{L}\p{N}]+/gu;
const DIGIT = /\p{N}/u;

/** PostgreSQL's limits: positions above 16,383 are stored as 16,383; a lexeme keeps at most 256 positions. */
const MAX_POSITION = 16_383;
const MAX_POSITIONS = 256;
/** Longer words are not indexed (PostgreSQL skips words over 2,047 bytes); no product word comes near. */
const MAX_WORD_LENGTH = 500;

const lexemes = new Map<string, string | null>();
const LEXEME_CACHE_LIMIT = 50_000;

/** The lexeme of one normalised word, or undefined for a stop word. */
export function lexemeOf(word: string): string | undefined {
  let lexeme = lexemes.get(word);
  if (lexeme === undefined) {
    lexeme = DIGIT.test(word) ? word : STOP_WORDS.has(word) ? null : stem(word);
    if (lexemes.size >= LEXEME_CACHE_LIMIT) lexemes.clear();
    lexemes.set(word, lexeme);
  }
  return lexeme ?? undefined;
}

/** The words of a text, normalised (normalizeText) and split into runs of letters and digits. */
export function textWords(text: string): string[] {
  return normalizeText(text).match(WORD) ?? [];
}

/**
 * A document's full-text vector (lexeme → positions), from each distinct word in the order it first appears:
 * catalog texts repeat themselves (a description that opens with the title, the canonical names of concepts the
 * title already says), so a phrase keeps its adjacency where it first appears, which is where titles put it.
 * Stop words take a position without a lexeme, as in to_tsvector, so "a-line" is not adjacent to the word
 * before it.
 */
export function documentLexemes(text: string): Map<string, number[]> {
  const positions = new Map<string, number[]>();
  const seen = new Set<string>();
  let position = 0;
  for (const word of textWords(text)) {
    if (seen.has(word) || word.length > MAX_WORD_LENGTH) continue;
    seen.add(word);
    position = Math.min(position + 1, MAX_POSITION);
    const lexeme = lexemeOf(word);
    if (lexeme === undefined) continue;
    const at = positions.get(lexeme);
    if (!at) positions.set(lexeme, [position]);
    else if (at.length < MAX_POSITIONS && at[at.length - 1] !== position) at.push(position);
  }
  return positions;
}

/** The vector as a tsvector literal (words are letters and digits only, so nothing needs escaping). */
export function tsvectorLiteral(lexemes: ReadonlyMap<string, readonly number[]>): string {
  const entries: string[] = [];
  for (const [lexeme, at] of lexemes) entries.push(`'${lexeme}':${at.join(',')}`);
  return entries.join(' ');
}

/**
 * A tsquery literal OR-ing the phrases, each a list of normalised words that must follow one another. A stop
 * word inside a phrase widens the distance between its neighbours (as to_tsquery does); a phrase of stop words
 * alone is left out. Undefined when nothing is left.
 */
export function phraseQuery(phrases: readonly (readonly string[])[]): string | undefined {
  const parts: string[] = [];
  for (const words of phrases) {
    let query = '';
    let distance = 0;
    for (const word of words) {
      distance++;
      const lexeme = lexemeOf(word);
      if (lexeme === undefined) continue;
      query += query ? ` <${distance === 1 ? '-' : distance}> '${lexeme}'` : `'${lexeme}'`;
      distance = 0;
    }
    if (query) parts.push(query); // <-> binds tighter than |
  }
  return parts.length ? parts.join(' | ') : undefined;
}
