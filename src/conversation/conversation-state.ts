import type { OfferMemory } from '../handoff/handoff-offers.ts';
import type { QuoteProgress } from '../handoff/quote-request.ts';
import type { Understood } from '../search/understand.ts';

/** What the bot remembers of a conversation between messages; stored as JSON in conversations.state. */
export interface ConversationState {
  profile: { name?: string; company?: string; country?: string; business_type?: string };
  /** the filters of the current search, refined turn by turn */
  understood?: Understood;
  request?: string;
  /** SKUs of the results last shown, in order, so "the second one" and "show more" work */
  lastResults: string[];
  /** how many of the current search's results have been shown */
  shown: number;
  /** the product last talked about ("how much for 500?" after its details) */
  focus?: string;
  shortlist: ShortlistEntry[];
  /** the set last suggested, so "swap the bag" and "cheaper shoes" change it */
  lastBundle?: {
    sku: string;
    quantity: number;
    occasion: string | null;
    exclude: string[];
    items: Record<string, string>;
  };
  /** the buyer was told once that replies are in English because their language has no catalog */
  toldEnglishFallback?: boolean;
  /** the buyer chose the reply language ("/lang es", "in English please"): detection no longer changes it */
  languageChosen?: boolean;
  /** what "the second one" points at: the results or the shortlist, whichever was shown last */
  lastList?: 'results' | 'shortlist';
  /** a quote request being put together for sales: what was asked, answered and skipped */
  quote?: QuoteProgress;
  /** the reasons a sales rep was offered for (once each) and the misses in a row (src/handoff/handoff-offers.ts) */
  handoffOffers?: OfferMemory;
}

export interface ShortlistEntry {
  sku: string;
  quantity: number;
  color?: string;
  size?: string;
}

export function emptyState(): ConversationState {
  return { profile: {}, lastResults: [], shown: 0, shortlist: [] };
}

export type Action =
  | { type: 'details'; sku: string }
  | { type: 'add'; sku: string }
  | { type: 'more' }
  | { type: 'shortlist' }
  | { type: 'bundle'; sku: string }
  | { type: 'sales' }
  /** the quote request's buttons: leave the questions asked out, send it to sales, change it */
  | { type: 'quote_skip' }
  | { type: 'quote_confirm' }
  | { type: 'quote_edit' };
