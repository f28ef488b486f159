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

const cache = new WeakMap<Lexicon, Array<{ intent: Intent; pattern: RegExp }>>();

function patterns(lexicon: Lexicon) {
  let list = cache.get(lexicon);
  if (list) return list;
  list = Object.entries(lexicon.intents).map(([intent, byLanguage]) => {
    const phrases = Object.values(byLanguage)
      .flat()
      .map((p) => normalizeText(p))
      .sort((a, b) => b.length - a.length);
    return { intent: intent as Intent, pattern: new RegExp(`${BEFORE}(?:${alternation(phrases)})${AFTER}`, 'u') };
  });
  cache.set(lexicon, list);
  return list;
}

export function detectIntents(lexicon: Lexicon, text: string): DetectedIntents {
  const normalized = normalizeText(text);
  const intents = new Set<Intent>();
  for (const { intent, pattern } of patterns(lexicon)) if (pattern.test(normalized)) intents.add(intent);
  const skuCandidates = [...new Set((text.match(/\b[A-Za-z]{1,6}-\d{2,8}\b/g) ?? []).map((s) => s.toUpperCase()))];
  const detected: DetectedIntents = { intents, skuCandidates };
  for (const [position, words] of Object.entries(lexicon.ordinals)) {
    const pattern = new RegExp(`(?:${BEFORE}|(?<=#))(?:${alternation(words.map(normalizeText))})${AFTER}`, 'u');
    if (
      pattern.test(normalized) ||
      new RegExp(`(?:number|no\\.?|n°|№|#)\\s*${position}${AFTER}`, 'u').test(normalized)
    ) {
      detected.position = Number(position);
      break;
    }
  }
  return detected;
}
