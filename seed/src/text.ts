/** Wording shared by the generators: occasion phrases, size runs, list phrasing. */
import type { Rng } from './random.ts';

export const OCCASION_PHRASES: Record<string, string> = {
  beach: 'beach days',
  'wedding guest': 'wedding guests',
  evening: 'evening events',
  cocktail: 'cocktail parties',
  party: 'parties',
  office: 'the office',
  casual: 'everyday wear',
  prom: 'prom night',
  modest: 'modest dressing',
  vacation: 'holidays',
};

export const STANDARD_SIZES = ['XS', 'S', 'M', 'L', 'XL', 'XXL'];
export const PLUS_SIZES = ['1XL', '2XL', '3XL', '4XL', '5XL'];
export const SHOE_SIZES = ['35', '36', '37', '38', '39', '40', '41'];

/** A contiguous run of sizes, e.g. S–XL. */
export function sizeRun(rng: Rng, sizes: readonly string[], minLength: number): string[] {
  const length = rng.int(minLength, sizes.length);
  const start = rng.int(0, sizes.length - length);
  return sizes.slice(start, start + length);
}

export function standardSizes(rng: Rng): string[] {
  return STANDARD_SIZES.slice(rng.chance(0.5) ? 0 : 1, rng.chance(0.6) ? 6 : 5);
}

export function plusSizes(rng: Rng): string[] {
  return PLUS_SIZES.slice(0, rng.int(3, 5));
}

/** "a", "a and b", "a, b and c". */
export function listPhrase(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

export function occasionSentence(occasions: readonly string[]): string {
  const phrases = occasions.map((o) => OCCASION_PHRASES[o] ?? o);
  return phrases.length ? `Made for ${listPhrase(phrases)}.` : '';
}

export function colorSentence(colors: readonly string[]): string {
  if (colors.length === 1) return `Comes in ${colors[0]}.`;
  return `Available in ${listPhrase(colors)}.`;
}

export function sentences(...parts: string[]): string {
  return parts.filter((p) => p.trim() !== '').join(' ');
}

const NOUN_FORMS: Record<string, string> = {
  'off-shoulder': 'an off-shoulder neckline',
  'one shoulder': 'a one-shoulder neckline',
  'long sleeves': 'long sleeves',
};

/** "a ruffle hem", "an open back", "puff sleeves". */
export function withArticle(phrase: string): string {
  const known = NOUN_FORMS[phrase];
  if (known) return known;
  if (phrase.endsWith('s')) return phrase;
  return /^([aeiouAEIOU]|8|11 |18)/.test(phrase) ? `an ${phrase}` : `a ${phrase}`;
}
