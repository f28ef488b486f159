import type { Language, LanguageMarkers, Lexicon } from './lexicon.ts';
import { LANGUAGES } from './lexicon.ts';
import type { ConceptMatch } from './concept-matcher.ts';
import { normalizeText, tokenize } from './text.ts';

/**
 * Language of a short buyer request. Scripts decide Arabic, Russian and
 * Chinese outright; Latin-script languages are scored by their function words
 * (markers.json stopwords), the language of matched lexicon terms and of the
 * words around amounts and dates (units, months, "by", "within", size words),
 * and a few letters only one or two of them use. English wins ties: it is the
 * catalog's language and the commonest among buyers.
 */

export interface DetectedLanguage {
  language: Language;
  /** 0–1: how far the winner is ahead */
  confidence: number;
}

const LETTER_HINTS: Array<[RegExp, Language, number]> = [
  [/[ñ¿¡]/, 'es', 3],
  [/[ãõ]/, 'pt', 3],
  [/ç(?=[aou])|ção|ções/, 'pt', 2],
  [/[ßä]/, 'de', 2],
  // Turkish writes ö and ü as often as German does ("ürün", "gömlek").
  [/[öü]/, 'de', 1],
  [/[öü]/, 'tr', 1],
  [/[ğış]|İ/, 'tr', 3],
  [/[èêëàâîôûœ]/, 'fr', 2],
  [/[ìò]/, 'it', 2],
];

const stopwordCache = new WeakMap<Lexicon, Map<string, Language[]>>();

function stopwords(lexicon: Lexicon): Map<string, Language[]> {
  let map = stopwordCache.get(lexicon);
  if (map) return map;
  map = new Map();
  for (const language of LANGUAGES) {
    for (const word of lexicon.markers[language]?.stopwords ?? []) {
      const key = word
        .normalize('NFKD')
        .replace(/[\u0300-\u036f]/g, '')
        .toLowerCase();
      map.set(key, [...(map.get(key) ?? []), language]);
    }
  }
  stopwordCache.set(lexicon, map);
  return map;
}

/** The markers that name units, months and deadlines: each says something of the language it belongs to. */
const EVIDENCE_MARKERS = ['quantity_units', 'months', 'deadline_by', 'deadline_within', 'size_words'] as const;

interface MarkerPhrase {
  tokens: string[];
  languages: Language[];
}

const markerPhraseCache = new WeakMap<Lexicon, Map<string, MarkerPhrase[]>>();

/** The marker phrases of every language by their first word, stopwords left out (they are counted already). */
function markerPhrases(lexicon: Lexicon): Map<string, MarkerPhrase[]> {
  let byFirst = markerPhraseCache.get(lexicon);
  if (byFirst) return byFirst;
  const languagesOf = new Map<string, Set<Language>>();
  for (const language of LANGUAGES) {
    const markers: LanguageMarkers | undefined = lexicon.markers[language];
    if (!markers) continue;
    const phrases = [
      ...EVIDENCE_MARKERS.flatMap((field) => markers[field]),
      ...Object.values(markers.time_units).flat(),
    ];
    for (const phrase of phrases) {
      const key = tokenize(normalizeText(phrase)).join(' ');
      if (key) languagesOf.set(key, (languagesOf.get(key) ?? new Set()).add(language));
    }
  }
  const words = stopwords(lexicon);
  byFirst = new Map();
  for (const [key, languages] of languagesOf) {
    const tokens = key.split(' ');
    if (tokens.length === 1 && words.has(key)) continue;
    const entry = { tokens, languages: [...languages] };
    byFirst.set(tokens[0]!, [...(byFirst.get(tokens[0]!) ?? []), entry]);
  }
  markerPhraseCache.set(lexicon, byFirst);
  return byFirst;
}

/** The marker phrases among the tokens; a word with a suffix after an apostrophe ("haziran'a") counts as its stem. */
function markersIn(lexicon: Lexicon, tokens: string[]): MarkerPhrase[] {
  const phrases = markerPhrases(lexicon);
  const stem = (token: string) => token.split("'")[0]!;
  const found: MarkerPhrase[] = [];
  tokens.forEach((token, i) => {
    for (const phrase of phrases.get(token) ?? phrases.get(stem(token)) ?? []) {
      const last = phrase.tokens.length - 1;
      const matches = phrase.tokens.every((word, j) => {
        const at = tokens[i + j];
        return at === word || (j === last && at !== undefined && stem(at) === word);
      });
      if (matches) found.push(phrase);
    }
  });
  return found;
}

export function detectLanguage(
  lexicon: Lexicon,
  raw: string,
  tokens: string[],
  matches: ConceptMatch[],
): DetectedLanguage {
  const arabic = (raw.match(/\p{Script=Arabic}/gu) ?? []).length;
  const cyrillic = (raw.match(/\p{Script=Cyrillic}/gu) ?? []).length;
  const han = (raw.match(/\p{Script=Han}/gu) ?? []).length;
  const latin = (raw.match(/\p{Script=Latin}/gu) ?? []).length;
  const strongest = Math.max(arabic, cyrillic, han);
  if (strongest > 0 && strongest >= latin / 2) {
    const language: Language = strongest === arabic ? 'ar' : strongest === cyrillic ? 'ru' : 'zh';
    return { language, confidence: 1 };
  }
  const scores = new Map<Language, number>(LANGUAGES.map((l) => [l, 0]));
  const bump = (language: string, by: number) => {
    if (scores.has(language as Language)) scores.set(language as Language, scores.get(language as Language)! + by);
  };
  const words = stopwords(lexicon);
  for (const token of tokens) for (const language of words.get(token) ?? []) bump(language, 1);
  for (const match of matches) {
    if (match.fuzzy) continue;
    // A term shared by several languages ("maxi", "bikini") says little; one unique to a language says more.
    const languagesOfTerm = new Set(lexicon.terms.get(match.term)?.map((entry) => entry.language) ?? [match.language]);
    for (const language of languagesOfTerm) bump(language, 1.5 / languagesOfTerm.size);
  }
  for (const { languages } of markersIn(lexicon, tokens)) {
    for (const language of languages) bump(language, 1 / languages.length);
  }
  const lower = raw.toLowerCase();
  for (const [pattern, language, weight] of LETTER_HINTS) if (pattern.test(lower)) bump(language, weight);
  bump('en', 0.25);
  const ranked = [...scores].sort((a, b) => b[1] - a[1]);
  const [first, second] = ranked;
  const confidence = first![1] <= 0.25 ? 0 : Math.min(1, (first![1] - second![1]) / first![1]);
  return { language: first![0], confidence: Number(confidence.toFixed(2)) };
}
