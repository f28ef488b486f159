import { matchConcepts } from './concept-matcher.ts';
import { remember } from './remember.ts';
import type { Embedder } from './embedder.ts';
import type { Concept, ConceptKind, Lexicon } from './lexicon.ts';

/**
 * The built-in embedder: feature hashing over two kinds of features.
 * Concept features come from the multilingual lexicon, so "vestido rojo",
 * "robe rouge" and "red dress" share them; character trigrams of the words
 * no concept covers survive typos and inflections. Deterministic, no network,
 * no model download.
 */

export const LOCAL_EMBEDDER_ID = 'local-v1';
export const LOCAL_DIMENSIONS = 384;

const CONCEPT_WEIGHTS: Record<ConceptKind, number> = {
  category: 2,
  product_type: 2,
  color: 1.6,
  material: 1.3,
  occasion: 1.3,
  customization: 0.6,
  certification: 0.6,
  country: 0.2,
};

/** 32-bit FNV-1a: stable across runs and platforms. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export function localFeatures(lexicon: Lexicon, text: string): Map<string, number> {
  const features = new Map<string, number>();
  // The strongest mention of a feature counts, not how often it is repeated.
  const add = (feature: string, weight: number) => features.set(feature, Math.max(features.get(feature) ?? 0, weight));
  const { tokens, matches, unmatched } = matchConcepts(lexicon, text);
  for (const match of matches) {
    const { concept } = match;
    const names = featureNames(concept);
    const weight = CONCEPT_WEIGHTS[concept.kind] * (match.fuzzy ? 0.8 : 1);
    add(names.concept, weight);
    if (names.category) add(names.category, CONCEPT_WEIGHTS.category);
    if (names.family) add(names.family, weight * 0.5);
  }
  // A repeated word adds nothing (its features' weights are the same), so each is taken once.
  for (const token of new Set(unmatched.map((index) => tokens[index]!))) {
    if (token.length < 3 || /^\d+$/.test(token)) continue;
    add(`w:${token}`, 0.5);
    const grams = tokenGrams(token);
    for (const gram of grams) add(gram, 0.9 / Math.sqrt(grams.length));
  }
  return features;
}

/** A concept's feature names, made once per concept: indexing looks them up for every product. */
const conceptFeatures = new WeakMap<Concept, { concept: string; category?: string; family?: string }>();

function featureNames(concept: Concept): { concept: string; category?: string; family?: string } {
  let names = conceptFeatures.get(concept);
  if (!names) {
    names = { concept: `c:${concept.kind}:${concept.id}` };
    if (concept.kind === 'product_type' && concept.category) names.category = `c:category:${concept.category}`;
    if (concept.family) names.family = `f:${concept.kind}:${concept.family}`;
    conceptFeatures.set(concept, names);
  }
  return names;
}

/** Catalog text repeats its words, so their trigram features and hashes are computed once (bounded caches). */
const CACHE_LIMIT = 100_000;
const gramCache = new Map<string, string[]>();
const hashCache = new Map<string, number>();

/** Character trigrams of a word padded with #, as features: "g:#re", "g:red", "g:ed#". */
function tokenGrams(token: string): string[] {
  return remember(
    gramCache,
    token,
    () => {
      const padded = `#${token}#`;
      return Array.from({ length: padded.length - 2 }, (_, i) => `g:${padded.slice(i, i + 3)}`);
    },
    CACHE_LIMIT,
  );
}

export function createLocalEmbedder(lexicon: Lexicon, dimensions = LOCAL_DIMENSIONS): Embedder {
  const embed = (text: string): number[] => {
    const vector = new Array<number>(dimensions).fill(0);
    for (const [feature, weight] of localFeatures(lexicon, text)) {
      const h = remember(hashCache, feature, hash, CACHE_LIMIT);
      vector[h % dimensions]! += (h & 0x80000000 ? -1 : 1) * weight;
    }
    let squares = 0;
    for (const x of vector) squares += x * x;
    const norm = Math.sqrt(squares);
    if (norm > 0) for (let i = 0; i < dimensions; i++) vector[i]! /= norm;
    return vector;
  };
  return {
    id: dimensions === LOCAL_DIMENSIONS ? LOCAL_EMBEDDER_ID : `${LOCAL_EMBEDDER_ID}-${dimensions}`,
    dimensions,
    embedDocuments: async (texts) => texts.map(embed),
    embedQuery: async (text) => embed(text),
  };
}
