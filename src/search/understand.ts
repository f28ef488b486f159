import { functionWords, matchConcepts, type ConceptMatch } from './concept-matcher.ts';
import { detectLanguage } from './detect-language.ts';
import type { Concept, Language, Lexicon } from './lexicon.ts';
import {
  AFTER,
  BEFORE,
  alternation,
  compiled,
  findBudget,
  findDeadline,
  findQuantity,
  markerSets,
  type Budget,
  type Deadline,
} from './request-amounts.ts';
import { normalizeText } from './text.ts';

/**
 * What a buyer's request asks for, read offline with the lexicon: the slots
 * search filters on (category, colours, sizes, quantity, budget, deadline,
 * certification, customization, dropship, stock) and the ones it ranks by
 * (product type, material, occasion, style, keywords). Shown as `understood`
 * in `showroom search --json`.
 */

export interface Understood {
  language: Language;
  language_confidence: number;
  category?: string;
  categories: string[];
  product_types: string[];
  colors: string[];
  sizes: string[];
  materials: string[];
  occasions: string[];
  styles: string[];
  quantity?: number;
  budget?: Budget;
  cheap?: boolean;
  deadline?: Deadline;
  destination?: { country: string; name: string };
  customization: string[];
  certifications: string[];
  dropship?: boolean;
  in_stock?: boolean;
  /** words no concept covered, for full-text and trigram matching */
  keywords: string[];
}

const SIZE_TOKEN = /^(xxs|xs|s|m|l|xl|xxl|xxxl|[1-6]xl|\d{2})$/i;
const LETTER_SIZE = /^(xxs|xs|xl|xxl|xxxl|[1-6]xl)$/i;
const ATTACHED_SIZE = /^(\p{Script=Han}*)(\d{2})(\p{Script=Han}*)$/u;

export function understand(lexicon: Lexicon, request: string, now = new Date()): Understood {
  const matched = matchConcepts(lexicon, request);
  const { normalized, tokens, matches, unmatched } = matched;
  const sets = markerSets(lexicon);
  const detected = detectLanguage(lexicon, request, tokens, matches);
  const ids = (kind: Concept['kind'], group?: string) =>
    unique(
      matches.filter((m) => m.concept.kind === kind && (!group || m.concept.group === group)).map((m) => m.concept.id),
    );

  const productTypes = ids('product_type');
  const nouns = matches
    .filter((m) => m.concept.kind === 'product_type' || m.concept.kind === 'category')
    .sort((a, b) => a.start - b.start);
  const categoryOf = (m: ConceptMatch) => (m.concept.kind === 'product_type' ? m.concept.category! : m.concept.id);
  // In the order the buyer named them: the first is what they are looking for.
  const categories = unique(nouns.map(categoryOf));

  const productWords = new RegExp(
    alternation(
      unique(
        matches
          .filter(
            (m) =>
              ['category', 'product_type', 'color', 'material', 'occasion'].includes(m.concept.kind) && m.start >= 0,
          )
          .map((m) => tokens.slice(m.start, m.end).join(' ')),
      ),
    ),
    'u',
  );
  const quantity = findQuantity(normalized, sets, productWords);
  const budget = findBudget(normalized, lexicon, sets);
  const deadline = findDeadline(normalized, sets, now);
  const markerWords = (pick: (m: NonNullable<Lexicon['markers'][string]>) => string[]) =>
    Object.values(lexicon.markers).flatMap((m) => pick(m!).map(normalizeText));
  const says = (marker: 'cheap' | 'dropship' | 'in_stock') =>
    compiled(
      lexicon,
      `says ${marker}`,
      () => `${BEFORE}(?:${alternation(markerWords((m) => m[marker]))})${AFTER}`,
    ).test(normalized);

  const sizes = findSizes(request, tokens, sets.sizeWords);
  // A bare number read as a size ("38 beden elbise": a size-38 dress) is not also the quantity.
  const sizeNotQuantity =
    quantity !== undefined &&
    /^[^\p{L}]*$/u.test(normalized.slice(quantity.start, quantity.end)) &&
    sizes.includes(String(quantity.value));
  const understood: Understood = {
    language: detected.language,
    language_confidence: detected.confidence,
    categories,
    product_types: productTypes,
    colors: colorsOf(matches, nouns, categories[0], categoryOf),
    sizes,
    materials: ids('material'),
    occasions: ids('occasion', 'occasion'),
    styles: unique([...ids('occasion', 'style'), ...ids('occasion', 'season')]),
    customization: ids('customization'),
    certifications: ids('certification'),
    keywords: keywords(lexicon, tokens, unmatched),
  };
  if (categories[0]) understood.category = categories[0];
  if (quantity && quantity.value >= 1 && quantity.value < 10_000_000 && !sizeNotQuantity)
    understood.quantity = quantity.value;
  if (budget && !(quantity && overlaps(budget, quantity))) understood.budget = budget.value;
  if (says('cheap')) understood.cheap = true;
  if (deadline && !(quantity && overlaps(deadline, quantity))) understood.deadline = deadline.value;
  const destination = findDestination(
    matches,
    normalized,
    markerWords((m) => m.destination),
  );
  if (destination) understood.destination = destination;
  if (says('dropship')) understood.dropship = true;
  if (says('in_stock')) understood.in_stock = true;
  return understood;
}

/**
 * The colours of the thing asked for. With two kinds of product in one request ("gold sandals to
 * match an emerald dress") each colour belongs to the nearest product word, before or after it.
 */
function colorsOf(
  matches: ConceptMatch[],
  nouns: ConceptMatch[],
  primary: string | undefined,
  categoryOf: (m: ConceptMatch) => string,
): string[] {
  const colors = matches.filter((m) => m.concept.kind === 'color');
  if (!primary || new Set(nouns.map(categoryOf)).size < 2) return unique(colors.map((m) => m.concept.id));
  return unique(
    colors
      .filter((color) => {
        if (color.start < 0) return true;
        const nearest = nouns
          .filter((noun) => noun.start >= 0)
          .map((noun) => ({
            noun,
            distance: noun.start > color.start ? noun.start - color.end : color.start - noun.end,
          }))
          .sort((a, b) => a.distance - b.distance)[0];
        return !nearest || categoryOf(nearest.noun) === primary;
      })
      .map((m) => m.concept.id),
  );
}

function overlaps(a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  return a.start < b.end && b.start < a.end;
}

function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}

const LIST_JOINERS = new Set(['and', 'or', 'y', 'o', 'et', 'ou', 'e', 'und', 'oder', 've', 'veya', 'и', 'или']);

/**
 * Sizes: tokens after a size word ("talla M/L", "size 38 and 39") or shoe sizes
 * before one ("38 numara", "37 ve 38 numara", "37码"), letter sizes that cannot be
 * anything else (XL, 3XL), or a capital S, M or L standing alone.
 */
function findSizes(raw: string, tokens: string[], sizeWords: string[]): string[] {
  const sizeWordSet = new Set(sizeWords);
  const sizes: string[] = [];
  let afterSizeWord = false;
  // Two-digit numbers since the last other word ("37 ve 38"), and the ones a size word has just followed:
  // those are sizes unless the size word is followed by sizes of its own ("40 size M" is 40 of size M).
  let numbersBefore: string[] = [];
  let heldBefore: string[] = [];
  for (const token of tokens) {
    // Chinese writes the size word against the number, in one token: "37码", "尺码37".
    const attached = ATTACHED_SIZE.exec(token);
    if (attached && (sizeWordSet.has(attached[1]!) || sizeWordSet.has(attached[3]!))) {
      if (Number(attached[2]) >= 30 && Number(attached[2]) <= 48) sizes.push(attached[2]!);
      continue;
    }
    if (sizeWordSet.has(token)) {
      heldBefore = numbersBefore;
      numbersBefore = [];
      afterSizeWord = true;
      continue;
    }
    if (!SIZE_TOKEN.test(token)) {
      if (!LIST_JOINERS.has(token)) {
        sizes.push(...heldBefore);
        heldBefore = [];
        afterSizeWord = false;
        numbersBefore = [];
      }
      continue;
    }
    if (afterSizeWord) heldBefore = [];
    if (/^\d{2}$/.test(token)) {
      if (Number(token) >= 30 && Number(token) <= 48) {
        if (afterSizeWord) sizes.push(token);
        else numbersBefore.push(token);
      }
      continue;
    }
    const upper = token.toUpperCase();
    const capitalAlone = new RegExp(`(?<![\\p{L}\\p{N}])${upper}(?![\\p{L}\\p{N}])`, 'u').test(raw);
    if (afterSizeWord || LETTER_SIZE.test(token) || capitalAlone) sizes.push(upper);
  }
  sizes.push(...heldBefore);
  return unique(sizes);
}

function findDestination(matches: ConceptMatch[], normalized: string, markers: string[]): Understood['destination'] {
  const countries = matches.filter((m) => m.concept.kind === 'country');
  if (countries.length === 0) return undefined;
  const afterMarker = countries.find((m) =>
    new RegExp(
      `${BEFORE}(?:${alternation(markers)})\\s+(?:the\\s+)?${m.term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`,
      'u',
    ).test(normalized),
  );
  const chosen = afterMarker ?? countries[countries.length - 1]!;
  return { country: chosen.concept.id, name: chosen.concept.name ?? chosen.concept.id };
}

function keywords(lexicon: Lexicon, tokens: string[], unmatched: number[]): string[] {
  const noise = functionWords(lexicon);
  return unique(
    unmatched
      .map((index) => tokens[index]!)
      .filter((token) => token.length >= 3 && !noise.has(token) && !/^\d/.test(token) && !SIZE_TOKEN.test(token)),
  );
}
