import type { Concept, Lexicon } from './lexicon.ts';
import { normalizeText, tokenize } from './text.ts';
import { remember } from './remember.ts';

/**
 * Finds lexicon concepts in a text: longest phrase first, left to right, on
 * normalised tokens; Chinese terms as substrings. Tokens no term covers are
 * read as German compounds of two terms (see compoundParts), then tried once
 * more against the lexicon's single words with a small edit distance, so
 * "chifon maxy dres" still reads as chiffon, maxi, dress.
 */

export interface ConceptMatch {
  concept: Concept;
  language: string;
  /** the matched text, normalised */
  term: string;
  /** token positions [start, end) in `tokens`; -1 for a Chinese substring match */
  start: number;
  end: number;
  fuzzy: boolean;
}

export interface MatchedText {
  normalized: string;
  tokens: string[];
  matches: ConceptMatch[];
  /** token positions no concept covers */
  unmatched: number[];
}

export function matchConcepts(lexicon: Lexicon, text: string, options: { fuzzy?: boolean } = {}): MatchedText {
  const normalizedText = normalizeText(text);
  let normalized = normalizedText;
  const matches: ConceptMatch[] = [];
  if (/\p{Script=Han}/u.test(normalized)) {
    for (const { term, entry } of lexicon.hanTerms) {
      let at = normalized.indexOf(term);
      while (at !== -1) {
        matches.push({ concept: entry.concept, language: entry.language, term, start: -1, end: -1, fuzzy: false });
        // Blank out the match so a shorter term inside it does not match again.
        normalized = normalized.slice(0, at) + ' '.repeat(term.length) + normalized.slice(at + term.length);
        at = normalized.indexOf(term, at + term.length);
      }
    }
  }
  const tokens = tokenize(normalized);
  const covered = new Array<boolean>(tokens.length).fill(false);
  const longestFrom = longestPhraseFrom(lexicon);
  for (let i = 0; i < tokens.length;) {
    let matched = false;
    for (let length = Math.min(longestFrom.get(tokens[i]!) ?? 1, tokens.length - i); length >= 1; length--) {
      const term = length === 1 ? tokens[i]! : tokens.slice(i, i + length).join(' ');
      const entries = lexicon.terms.get(term);
      if (!entries) continue;
      for (const entry of uniqueConcepts(entries)) {
        matches.push({
          concept: entry.concept,
          language: entry.language,
          term,
          start: i,
          end: i + length,
          fuzzy: false,
        });
      }
      covered.fill(true, i, i + length);
      i += length;
      matched = true;
      break;
    }
    if (!matched) i++;
  }
  let unmatched: number[] = [];
  covered.forEach((isCovered, index) => {
    if (!isCovered) unmatched.push(index);
  });
  const split = new Set<number>();
  for (const index of unmatched) {
    const parts = cachedCompoundParts(lexicon, tokens[index]!);
    if (!parts) continue;
    split.add(index);
    for (const term of parts) {
      for (const entry of uniqueConcepts(lexicon.terms.get(term)!.filter((e) => e.language === 'de'))) {
        matches.push({
          concept: entry.concept,
          language: entry.language,
          term,
          start: index,
          end: index + 1,
          fuzzy: false,
        });
      }
    }
  }
  if (split.size) unmatched = unmatched.filter((index) => !split.has(index));
  if (options.fuzzy !== false) {
    const known = functionWords(lexicon);
    const phraseWords = lexiconPhraseWords(lexicon);
    const guessed = new Set<number>();
    for (const index of unmatched) {
      const token = tokens[index]!;
      // "than" is not a misspelt "tan", nor "june" of "jaune": words the lexicon knows in another role are never
      // guessed.
      if (known.has(token)) continue;
      const near = cachedFuzzyTerm(lexicon, token);
      if (!near) continue;
      // Nor is a word of the lexicon's phrases guessed as another concept: "sports" (of "sports shoes") is not
      // a misspelt "shorts", while "maxy" (of "maxy dress") may well be "maxi".
      const phraseConcepts = phraseWords.get(token);
      if (phraseConcepts && !lexicon.terms.get(near)!.some((entry) => phraseConcepts.has(entry.concept))) continue;
      for (const entry of uniqueConcepts(lexicon.terms.get(near)!)) {
        // A destination is named, not described: two letters off is another word ("canelada", ribbed, is not
        // "canada"), and a wrong country would reach the sales rep's hand-off summary.
        if (entry.concept.kind === 'country' && editDistance(token, near, 1) > 1) continue;
        guessed.add(index);
        matches.push({
          concept: entry.concept,
          language: entry.language,
          term: token,
          start: index,
          end: index + 1,
          fuzzy: true,
        });
      }
    }
    if (guessed.size) unmatched = unmatched.filter((index) => !guessed.has(index));
  }
  return { normalized: normalizedText, tokens, matches, unmatched };
}

/** The linking elements German puts between the parts of a compound ("Hochzeits-", "Perlen-", "Seiden-"). */
const LINKING_ENDINGS = ['s', 'es', 'n', 'en'];

/**
 * German writes a product's material, occasion or cut into one word with it: "Leinenkleider", "Strandtasche",
 * "Baumwollkleid". A word no term covers is read as two German terms when it ends in one of four letters or
 * more and what comes before is one too: as written, without a linking ending, or with the final "e" that
 * compounds drop ("Baumwolle" → "Baumwoll-"). Both parts must be known, so a word is never half guessed.
 */
export function compoundParts(lexicon: Lexicon, token: string): [string, string] | undefined {
  const german = germanWords(lexicon);
  // The longest known tail first: "sommerkleider" is sommer + kleider, not sommerklei + der.
  for (let cut = 3; cut <= token.length - 4; cut++) {
    const tail = token.slice(cut);
    if (!german.has(tail)) continue;
    const head = token.slice(0, cut);
    const heads = [
      head,
      `${head}e`,
      ...LINKING_ENDINGS.filter((end) => head.endsWith(end)).map((end) => head.slice(0, -end.length)),
    ];
    const known = heads.find((candidate) => candidate.length >= 3 && german.has(candidate));
    if (known) return [known, tail];
  }
  return undefined;
}

const germanWordCache = new WeakMap<Lexicon, Set<string>>();

/** The lexicon's single-word German terms. */
function germanWords(lexicon: Lexicon): Set<string> {
  let words = germanWordCache.get(lexicon);
  if (words) return words;
  words = new Set();
  for (const [term, entries] of lexicon.terms) {
    if (!term.includes(' ') && entries.some((entry) => entry.language === 'de')) words.add(term);
  }
  germanWordCache.set(lexicon, words);
  return words;
}

function uniqueConcepts<T extends { concept: Concept }>(entries: T[]): T[] {
  const seen = new Set<Concept>();
  return entries.filter((entry) => (seen.has(entry.concept) ? false : (seen.add(entry.concept), true)));
}

const fuzzyCache = new WeakMap<Lexicon, Map<number, string[]>>();
const functionWordCache = new WeakMap<Lexicon, Set<string>>();
const phraseWordCache = new WeakMap<Lexicon, Map<string, Set<Concept>>>();
const guessCache = new WeakMap<Lexicon, Map<string, string | null>>();
const compoundCache = new WeakMap<Lexicon, Map<string, [string, string] | null>>();
/** Product descriptions repeat the same few thousand words; past this many distinct ones a cache starts over. */
const WORD_CACHE_LIMIT = 50_000;

/** `compute(token)`, remembered per lexicon (null for nothing found); past `limit` keys the cache starts over. */
export function rememberPerLexicon<T>(
  caches: WeakMap<Lexicon, Map<string, T | null>>,
  lexicon: Lexicon,
  token: string,
  compute: () => T | undefined,
  limit = WORD_CACHE_LIMIT,
): T | undefined {
  let cache = caches.get(lexicon);
  if (!cache) caches.set(lexicon, (cache = new Map()));
  return remember(cache, token, () => compute() ?? null, limit) ?? undefined;
}

const longestPhraseCache = new WeakMap<Lexicon, Map<string, number>>();

/** First word → the most tokens a term starting with it has: most words start no phrase, so one lookup does. */
function longestPhraseFrom(lexicon: Lexicon): Map<string, number> {
  let longest = longestPhraseCache.get(lexicon);
  if (longest) return longest;
  longest = new Map();
  for (const term of lexicon.terms.keys()) {
    const words = term.split(' ');
    longest.set(words[0]!, Math.max(longest.get(words[0]!) ?? 1, words.length));
  }
  longestPhraseCache.set(lexicon, longest);
  return longest;
}

/** Every word of the lexicon's multi-word terms → the concepts of the phrases it is part of. */
function lexiconPhraseWords(lexicon: Lexicon): Map<string, Set<Concept>> {
  let words = phraseWordCache.get(lexicon);
  if (words) return words;
  words = new Map();
  for (const [term, entries] of lexicon.terms) {
    if (!term.includes(' ')) continue;
    for (const word of term.split(' ')) {
      const concepts = words.get(word) ?? new Set<Concept>();
      for (const entry of entries) concepts.add(entry.concept);
      words.set(word, concepts);
    }
  }
  phraseWordCache.set(lexicon, words);
  return words;
}

/**
 * fuzzyTerm, remembered per lexicon: the guess scans every term of a similar length, which made
 * embedding a catalog cost milliseconds per product (descriptions are mostly words no concept covers).
 */
function cachedFuzzyTerm(lexicon: Lexicon, token: string): string | undefined {
  return rememberPerLexicon(guessCache, lexicon, token, () => fuzzyTerm(lexicon, token));
}

/** compoundParts, remembered per lexicon: every word of a description no term covers is tried. */
function cachedCompoundParts(lexicon: Lexicon, token: string): [string, string] | undefined {
  // Three letters of head and four of tail at least.
  if (token.length < 7) return undefined;
  return rememberPerLexicon(compoundCache, lexicon, token, () => compoundParts(lexicon, token));
}

/** Every single word the markers and currencies use (stopwords, units, months, number words, …). */
export function functionWords(lexicon: Lexicon): Set<string> {
  let words = functionWordCache.get(lexicon);
  if (words) return words;
  words = new Set<string>();
  const addAll = (value: unknown): void => {
    if (typeof value === 'string') for (const token of tokenize(normalizeText(value))) words!.add(token);
    else if (Array.isArray(value)) value.forEach(addAll);
    else if (value && typeof value === 'object') {
      for (const [key, inner] of Object.entries(value)) {
        if (typeof inner === 'number') addAll(key);
        else addAll(inner);
      }
    }
  };
  for (const markers of Object.values(lexicon.markers)) addAll(markers);
  for (const currency of lexicon.currencies) addAll(currency.terms);
  // Conversation words ("detalles", "más") are not misspelt products either.
  addAll(lexicon.intents);
  addAll(lexicon.ordinals);
  functionWordCache.set(lexicon, words);
  return words;
}

/** Single-word terms bucketed by length, built once per lexicon. */
function wordsByLength(lexicon: Lexicon): Map<number, string[]> {
  let buckets = fuzzyCache.get(lexicon);
  if (buckets) return buckets;
  buckets = new Map();
  for (const term of lexicon.terms.keys()) {
    if (term.includes(' ') || term.length < 3) continue;
    const list = buckets.get(term.length) ?? [];
    list.push(term);
    buckets.set(term.length, list);
  }
  fuzzyCache.set(lexicon, buckets);
  return buckets;
}

/** The closest single-word term within 1 edit (words of 4–6 letters) or 2 (longer); none for short words or numbers. */
export function fuzzyTerm(lexicon: Lexicon, token: string): string | undefined {
  if (token.length < 4 || /\d/.test(token)) return undefined;
  const allowed = token.length <= 6 ? 1 : 2;
  const buckets = wordsByLength(lexicon);
  let best: { term: string; distance: number } | undefined;
  for (let length = token.length - allowed; length <= token.length + allowed; length++) {
    for (const term of buckets.get(length) ?? []) {
      if (term[0] !== token[0]) continue; // buyers rarely mistype the first letter; keeps false friends out
      const distance = editDistance(token, term, allowed);
      if (distance <= allowed && (!best || distance < best.distance)) best = { term, distance };
    }
  }
  return best?.term;
}

/** Optimal string alignment distance (adjacent transpositions count 1), cut off above `limit`. */
export function editDistance(a: string, b: string, limit = Infinity): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let before = new Array<number>(b.length + 1).fill(0);
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, before[j - 2]! + 1);
      current.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > limit) return limit + 1;
    before = previous;
    previous = current;
  }
  return previous[b.length]!;
}
