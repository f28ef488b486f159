/**
 * Text normalisation shared by the lexicon, request understanding, the local
 * embedder and the stored search text: lower case, accents and Arabic
 * diacritics removed, Arabic letter variants unified, so "Soirée", "soiree"
 * and "SOIRÉE" are one word and "أحمر" matches "احمر".
 */

const COMBINING_MARKS = /[\u0300-\u036f]/g;
const ARABIC_MARKS = /[\u064b-\u065f\u0670\u0640]/g; // harakat, dagger alef, tatweel

/** Plain ASCII, for which normalising is lower-casing (most catalog text: it is normalised for every product). */
const ASCII = /^[ -~\t\n\r]*$/;

export function normalizeText(text: string): string {
  if (ASCII.test(text)) return text.toLowerCase();
  return (
    text
      .normalize('NFKD')
      .replace(COMBINING_MARKS, '')
      .replace(ARABIC_MARKS, '')
      .replace(/[أإآ]/g, 'ا')
      .replace(/ى/g, 'ي')
      .replace(/ة/g, 'ه')
      .toLowerCase()
      .replace(/ı/g, 'i')
      // Phones type the typographic apostrophe: "boucles d’oreilles" is "boucles d'oreilles".
      .replace(/[’‘ʼ]/g, "'")
      .normalize('NFC')
  );
}

/** Words: runs of letters, digits, and joining marks inside a word (t-shirt, 3xl, oeko-tex). */
const WORD = /[\p{L}\p{N}]+(?:[-'’.][\p{L}\p{N}]+)*/gu;

export function tokenize(normalized: string): string[] {
  return normalized.match(WORD) ?? [];
}

const HAN = /\p{Script=Han}/u;
export function hasHan(text: string): boolean {
  return HAN.test(text);
}
