import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { ShowroomError } from '../errors.ts';
import { normalizeText, tokenize } from './text.ts';

/**
 * The multilingual lexicon (docs/lexicon-format.md): concept files that map a
 * buyer's words in ten languages to catalog concepts, plus per-language
 * markers for quantities, budgets and deadlines. Data, not code: the files in
 * seed/lexicon/, extended by an admin's own folder (SHOWROOM_LEXICON_DIR).
 */

export const LANGUAGES = ['en', 'es', 'fr', 'pt', 'de', 'it', 'ru', 'ar', 'tr', 'zh'] as const;
export type Language = (typeof LANGUAGES)[number];

export const CONCEPT_KINDS = [
  'category',
  'product_type',
  'color',
  'material',
  'occasion',
  'customization',
  'certification',
  'country',
] as const;
export type ConceptKind = (typeof CONCEPT_KINDS)[number];

export const LEXICON_DIR = fileURLToPath(new URL('../../seed/lexicon/', import.meta.url));

const termsSchema = z.record(z.string(), z.array(z.string()));
const conceptSchema = z
  .object({
    id: z.string().min(1),
    terms: termsSchema,
    category: z.string().optional(),
    family: z.string().optional(),
    group: z.string().optional(),
    name: z.string().optional(),
  })
  .passthrough();
const conceptFileSchema = z.object({ kind: z.enum(CONCEPT_KINDS), concepts: z.array(conceptSchema) });

const stringList = z.array(z.string()).default([]);
const markerSchema = z
  .object({
    stopwords: stringList,
    quantity_units: stringList,
    budget_max: stringList,
    budget_min: stringList,
    per_unit: stringList,
    total: stringList,
    cheap: stringList,
    deadline_by: stringList,
    deadline_within: stringList,
    time_units: z.object({ day: stringList, week: stringList, month: stringList }).partial().default({}),
    months: stringList,
    month_abbreviations: stringList,
    /** "by" written after the date (Turkish "15 Haziran'a kadar"), and the case endings a month takes before it */
    deadline_after: stringList,
    month_suffixes: stringList,
    destination: stringList,
    dropship: stringList,
    in_stock: stringList,
    size_words: stringList,
    dozen_words: stringList,
    number_words: z.record(z.string(), z.number()).default({}),
  })
  .passthrough();
export type LanguageMarkers = z.infer<typeof markerSchema>;
const markersFileSchema = z.object({ kind: z.literal('markers'), languages: z.record(z.string(), markerSchema) });
const intentsFileSchema = z.object({
  kind: z.literal('intents'),
  intents: z.record(z.string(), termsSchema),
  ordinals: z.record(z.string(), z.array(z.string())).default({}),
});
const currenciesFileSchema = z.object({
  kind: z.literal('currencies'),
  currencies: z.array(z.object({ code: z.string().length(3), terms: z.array(z.string()) })),
});

export interface Concept {
  kind: ConceptKind;
  id: string;
  /** product_type: its canonical category; color: its family; occasion: occasion|style|season; country: English name. */
  category?: string;
  family?: string;
  group?: string;
  name?: string;
  terms: Partial<Record<string, string[]>>;
}

export interface TermEntry {
  concept: Concept;
  language: string;
}

export interface Lexicon {
  concepts: Concept[];
  byKey: Map<string, Concept>;
  /** normalised term (space-joined tokens) → the concepts it names */
  terms: Map<string, TermEntry[]>;
  /** the longest term, in tokens: how far the phrase matcher looks ahead */
  maxPhraseTokens: number;
  /** Chinese terms (no word boundaries), longest first */
  hanTerms: Array<{ term: string; entry: TermEntry }>;
  markers: Partial<Record<string, LanguageMarkers>>;
  currencies: Array<{ code: string; terms: string[] }>;
  /** conversation intents: intent → language → phrases (intents.json) */
  intents: Record<string, Record<string, string[]>>;
  /** position (1-based) → words naming it: "second", "segundo", "第二" */
  ordinals: Record<string, string[]>;
}

export function conceptKey(kind: ConceptKind, id: string): string {
  return `${kind}:${id}`;
}

export async function loadLexicon(dirs: string[] = [LEXICON_DIR]): Promise<Lexicon> {
  const concepts = new Map<string, Concept>();
  const markers: Record<string, LanguageMarkers> = {};
  const currencies = new Map<string, Set<string>>();
  const intents: Lexicon['intents'] = {};
  const ordinals: Lexicon['ordinals'] = {};
  for (const dir of dirs) {
    const files = (await readdir(dir)).filter((file) => file.endsWith('.json')).sort();
    for (const file of files) {
      const where = path.join(dir, file);
      let raw: unknown;
      try {
        raw = JSON.parse(await readFile(where, 'utf8'));
      } catch (cause) {
        throw new ShowroomError(
          'LEXICON_INVALID',
          `Lexicon file ${where} is not valid JSON: ${(cause as Error).message}`,
        );
      }
      const kind = (raw as { kind?: string })?.kind;
      const parsed =
        kind === 'markers'
          ? markersFileSchema.safeParse(raw)
          : kind === 'intents'
            ? intentsFileSchema.safeParse(raw)
            : kind === 'currencies'
              ? currenciesFileSchema.safeParse(raw)
              : conceptFileSchema.safeParse(raw);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new ShowroomError(
          'LEXICON_INVALID',
          `Lexicon file ${where} does not follow docs/lexicon-format.md: ${issue?.path.join('.')}: ${issue?.message}`,
        );
      }
      const data = parsed.data;
      if ('intents' in data) {
        for (const [intent, byLanguage] of Object.entries(data.intents)) {
          const target = (intents[intent] ??= {});
          for (const [language, phrases] of Object.entries(byLanguage)) {
            target[language] = [...new Set([...(target[language] ?? []), ...(phrases ?? [])])];
          }
        }
        for (const [position, words] of Object.entries(data.ordinals)) {
          ordinals[position] = [...new Set([...(ordinals[position] ?? []), ...words])];
        }
      } else if ('languages' in data) {
        for (const [language, value] of Object.entries(data.languages))
          markers[language] = mergeMarkers(markers[language], value);
      } else if ('currencies' in data) {
        for (const currency of data.currencies) {
          const set = currencies.get(currency.code) ?? new Set<string>();
          currency.terms.forEach((term) => set.add(term));
          currencies.set(currency.code, set);
        }
      } else {
        for (const concept of data.concepts) mergeConcept(concepts, { ...concept, kind: data.kind });
      }
    }
  }
  return {
    ...buildLexicon(
      [...concepts.values()],
      markers,
      [...currencies].map(([code, terms]) => ({ code, terms: [...terms] })),
    ),
    intents,
    ordinals,
  };
}

function mergeConcept(concepts: Map<string, Concept>, concept: Concept): void {
  const key = conceptKey(concept.kind, concept.id);
  const existing = concepts.get(key);
  if (!existing) {
    concepts.set(key, concept);
    return;
  }
  for (const [language, terms] of Object.entries(concept.terms)) {
    existing.terms[language] = [...new Set([...(existing.terms[language] ?? []), ...(terms ?? [])])];
  }
}

function mergeMarkers(base: LanguageMarkers | undefined, extra: LanguageMarkers): LanguageMarkers {
  if (!base) return extra;
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(extra)) {
    const previous = merged[key];
    if (Array.isArray(value) && Array.isArray(previous)) merged[key] = [...new Set([...previous, ...value])];
    else if (value && typeof value === 'object') merged[key] = { ...(previous as object), ...value };
  }
  return merged as LanguageMarkers;
}

function buildLexicon(
  concepts: Concept[],
  markers: Record<string, LanguageMarkers>,
  currencies: Lexicon['currencies'],
): Omit<Lexicon, 'intents' | 'ordinals'> {
  const terms = new Map<string, TermEntry[]>();
  const hanTerms: Lexicon['hanTerms'] = [];
  let maxPhraseTokens = 1;
  const add = (term: string, entry: TermEntry) => {
    const normalized = normalizeText(term).trim();
    if (!normalized) return;
    if (entry.language === 'zh' || /\p{Script=Han}/u.test(normalized)) {
      hanTerms.push({ term: normalized, entry });
      return;
    }
    const tokens = tokenize(normalized);
    if (tokens.length === 0) return;
    const key = tokens.join(' ');
    maxPhraseTokens = Math.max(maxPhraseTokens, tokens.length);
    const list = terms.get(key) ?? [];
    if (!list.some((e) => e.concept === entry.concept && e.language === entry.language)) list.push(entry);
    terms.set(key, list);
  };
  for (const concept of concepts) {
    // The id itself is a term in English (the catalog's language): "maxi dress", "private label". Not for
    // countries and certifications, whose ids are codes that are also English words ("in", "us", "reach").
    if (concept.kind !== 'country' && concept.kind !== 'certification') {
      add(concept.id.replace(/_/g, ' '), { concept, language: 'en' });
    }
    for (const [language, list] of Object.entries(concept.terms)) {
      for (const term of list ?? []) add(term, { concept, language });
    }
  }
  hanTerms.sort((a, b) => b.term.length - a.term.length);
  return {
    concepts,
    byKey: new Map(concepts.map((c) => [conceptKey(c.kind, c.id), c])),
    terms,
    maxPhraseTokens,
    hanTerms,
    markers,
    currencies,
  };
}
