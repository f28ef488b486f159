import type { Lexicon } from '../search/lexicon.ts';
import { AFTER, BEFORE, alternation } from '../search/request-amounts.ts';
import { normalizeText } from '../search/text.ts';

/**
 * Which conversational moves a buyer message makes, from the phrases in
 * seed/lexicon/intents.json, and which earlier result it points at ("the
 * second one", "#2", "DR-1042").
 */

export type Intent =
  | 'greeting'
  | 'help'
  | 'more'
  | 'cheaper'
  | 'shortlist_show'
  | 'shortlist_add'
  | 'price'
  | 'moq'
  | 'details'
  | 'sample'
  | 'customization'
  | 'lead_time'
  | 'remove'
  | 'delete_data'
  | 'bundle'
  | 'swap'
  | 'sales'
  | 'change_quantity'
  /** "same but midi": a refinement even though it names a product type */
  | 'same'
  /** haggling ("better price", "descuento") and frustration ("this is useless"): cues to offer a sales rep */
  | 'negotiation'
  | 'frustration'
  /** "/lang es", "in Spanish please" */
  | `language_${string}`
  /** cue phrases and business types read by buyer-profile.ts */
  | `profile_${string}`
  | `business_${string}`;

export interface DetectedIntents {
  intents: Set<Intent>;
  /** 1-based position among the results last shown */
  position?: number;
  /** words shaped like a SKU ("DR-1042"); the planner checks them against the catalog */
  skuCandidates: string[];
}

interface Patterns {
  intents: Array<{ intent: Intent; pattern: RegExp }>;
  /** position → "second", "segundo", "第二" or "#2", "number 2" */
  ordinals: Array<{ position: number; words: RegExp; numbered: RegExp }>;
}

const cache = new WeakMap<Lexicon, Patterns>();

/** Built once per lexicon: a message is matched against every phrase of every intent. */
function patterns(lexicon: Lexicon): Patterns {
  let built = cache.get(lexicon);
  if (built) return built;
  built = {
    intents: Object.entries(lexicon.intents).map(([intent, byLanguage]) => {
      const phrases = Object.values(byLanguage)
        .flat()
        .map((p) => normalizeText(p))
        .sort((a, b) => b.length - a.length);
      return { intent: intent as Intent, pattern: new RegExp(`${BEFORE}(?:${alternation(phrases)})${AFTER}`, 'u') };
    }),
    ordinals: Object.entries(lexicon.ordinals).map(([position, words]) => ({
      position: Number(position),
      words: new RegExp(`(?:${BEFORE}|(?<=#))(?:${alternation(words.map(normalizeText))})${AFTER}`, 'u'),
      numbered: new RegExp(`(?:number|no\\.?|n°|№|#)\\s*${position}${AFTER}`, 'u'),
    })),
  };
  cache.set(lexicon, built);
  return built;
}

export function detectIntents(lexicon: Lexicon, text: string): DetectedIntents {
  const normalized = normalizeText(text);
  const { intents: intentPatterns, ordinals } = patterns(lexicon);
  const intents = new Set<Intent>();
  for (const { intent, pattern } of intentPatterns) if (pattern.test(normalized)) intents.add(intent);
  const skuCandidates = [...new Set((text.match(/\b[A-Za-z]{1,6}-\d{2,8}\b/g) ?? []).map((s) => s.toUpperCase()))];
  const detected: DetectedIntents = { intents, skuCandidates };
  const ordinal = ordinals.find(({ words, numbered }) => words.test(normalized) || numbered.test(normalized));
  if (ordinal) detected.position = ordinal.position;
  return detected;
}
