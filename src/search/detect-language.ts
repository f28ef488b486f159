import type { Language, Lexicon } from './lexicon.ts';
import { LANGUAGES } from './lexicon.ts';
import type { ConceptMatch } from './concept-matcher.ts';

/**
 * Language of a short buyer request. Scripts decide Arabic, Russian and
 * Chinese outright; Latin-script languages are scored by their function words
 * (markers.json stopwords), the language of matched lexicon terms, and a few
 * letters only one of them uses. English wins ties: it is the catalog's
 * language and the commonest among buyers.
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
  [/[ßäöü]/, 'de', 2],
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
  const lower = raw.toLowerCase();
  for (const [pattern, language, weight] of LETTER_HINTS) if (pattern.test(lower)) bump(language, weight);
  bump('en', 0.25);
  const ranked = [...scores].sort((a, b) => b[1] - a[1]);
  const [first, second] = ranked;
  const confidence = first![1] <= 0.25 ? 0 : Math.min(1, (first![1] - second![1]) / first![1]);
  return { language: first![0], confidence: Number(confidence.toFixed(2)) };
}
