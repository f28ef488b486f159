import type { ConceptKind, Lexicon } from '../search/lexicon.ts';
import { normalizeText, tokenize } from '../search/text.ts';

/**
 * Buyers name things in their own words and languages: "jewellery", "heels",
 * "dorado", "soirée". With the lexicon these become the catalog's words
 * (jewelry, shoes, gold, evening); without it, only case and spacing change.
 */

function lookup(lexicon: Lexicon, word: string, kinds: readonly ConceptKind[]) {
  const normalized = normalizeText(word).trim();
  const entries = lexicon.terms.get(tokenize(normalized).join(' ')) ?? [];
  const han = lexicon.hanTerms.filter((h) => h.term === normalized).map((h) => h.entry);
  for (const kind of kinds) {
    const entry = [...entries, ...han].find((e) => e.concept.kind === kind);
    if (entry) return entry.concept;
  }
  return undefined;
}

function plain(word: string): string {
  return word.trim().toLowerCase().replace(/\s+/g, ' ');
}

/** A category word: "jewellery" → jewelry, "heels" → shoes (a product type names its category). */
export function categoryTerm(lexicon: Lexicon | undefined, word: string): string {
  const concept = lexicon && lookup(lexicon, word, ['category', 'product_type']);
  if (!concept) return plain(word);
  return concept.kind === 'product_type' ? (concept.category ?? concept.id) : concept.id;
}

export function colorTerm(lexicon: Lexicon | undefined, word: string): string {
  return (lexicon && lookup(lexicon, word, ['color'])?.id) ?? plain(word);
}

export function materialTerm(lexicon: Lexicon | undefined, word: string): string {
  return (lexicon && lookup(lexicon, word, ['material'])?.id) ?? plain(word);
}

export function occasionTerm(lexicon: Lexicon | undefined, word: string): string {
  return (lexicon && lookup(lexicon, word, ['occasion'])?.id) ?? plain(word);
}
