import type { ConversationState } from '../conversation/conversation-state.ts';
import type { Budget } from '../search/request-amounts.ts';

/**
 * The quote request a sales rep receives: what the buyer wants (the
 * shortlist, with its colour and size breakdown), where and by when, and who
 * is asking. Built from the conversation state each time, so an answer given
 * during the search ("ship to Spain") counts as much as one given when asked.
 */

/** The facts the bot asks for when they are missing, in the order it asks. */
export const QUOTE_FIELDS = ['items', 'destination', 'deadline', 'name', 'company'] as const;
export type QuoteField = (typeof QUOTE_FIELDS)[number];

/** At most this many questions in one message. */
export const QUESTIONS_PER_MESSAGE = 2;

/** Where a quote request stands in the conversation (ConversationState.quote). */
export interface QuoteProgress {
  stage: 'collecting' | 'confirming';
  /** the questions of the bot's last message */
  asked: QuoteField[];
  skipped: QuoteField[];
  /** what the buyer answered to the bot's questions; takes precedence over the search's filters */
  answers: {
    destination?: { country: string; name: string };
    /** ISO date (YYYY-MM-DD) */
    target_date?: string;
    /** the buyer's own words when there is no shortlist ("300 red dresses, 200 bags") */
    items_note?: string;
    quantity?: number;
  };
}

export interface QuoteItem {
  sku: string;
  title?: string;
  /** all colours and sizes together */
  quantity: number;
  /** per colour/size line of the shortlist; one line without colour or size when none was chosen */
  breakdown: Array<{ quantity: number; color?: string; size?: string }>;
}

export interface QuoteRequest {
  items: QuoteItem[];
  items_note?: string;
  quantity?: number;
  destination?: { country: string; name: string };
  target_date?: string;
  customization: string[];
  target_price?: Budget;
  buyer: ConversationState['profile'];
  /** the chat the buyer wrote in: the rep answers there, through the bot */
  contact: { channel: string; chat_id: string; user_id: string; user_name?: string };
  language?: string;
  skipped: QuoteField[];
}

export interface QuoteContext {
  contact: QuoteRequest['contact'];
  language: string | undefined;
  now?: Date;
}

export function buildQuoteRequest(state: ConversationState, context: QuoteContext): QuoteRequest {
  const answers = state.quote?.answers ?? {};
  const understood = state.understood;
  const quote: QuoteRequest = {
    items: groupShortlist(state.shortlist),
    customization: understood?.customization ?? [],
    buyer: { ...state.profile },
    contact: context.contact,
    skipped: state.quote?.skipped ?? [],
  };
  if (answers.items_note) quote.items_note = answers.items_note;
  const quantity = answers.quantity ?? (quote.items.length ? undefined : understood?.quantity);
  if (quantity) quote.quantity = quantity;
  const destination = answers.destination ?? understood?.destination;
  if (destination) quote.destination = destination;
  const deadline = understood?.deadline;
  const targetDate =
    answers.target_date ?? deadline?.date ?? (deadline ? addDays(context.now ?? new Date(), deadline.days) : undefined);
  if (targetDate) quote.target_date = targetDate;
  if (understood?.budget) quote.target_price = understood.budget;
  if (context.language) quote.language = context.language;
  return quote;
}

/** The fields still unknown and not skipped, in the order they are asked. */
export function missingFields(quote: QuoteRequest): QuoteField[] {
  const known: Record<QuoteField, boolean> = {
    items: quote.items.length > 0 || Boolean(quote.items_note),
    destination: Boolean(quote.destination),
    deadline: Boolean(quote.target_date),
    name: Boolean(quote.buyer.name),
    company: Boolean(quote.buyer.company),
  };
  return QUOTE_FIELDS.filter((field) => !known[field] && !quote.skipped.includes(field));
}

/** Shortlist lines of one SKU (red M, black L) become one item with a breakdown, in shortlist order. */
function groupShortlist(shortlist: ConversationState['shortlist']): QuoteItem[] {
  const items = new Map<string, QuoteItem>();
  for (const entry of shortlist) {
    const item = items.get(entry.sku) ?? { sku: entry.sku, quantity: 0, breakdown: [] };
    item.quantity += entry.quantity;
    item.breakdown.push({
      quantity: entry.quantity,
      ...(entry.color ? { color: entry.color } : {}),
      ...(entry.size ? { size: entry.size } : {}),
    });
    items.set(entry.sku, item);
  }
  return [...items.values()];
}

export function addDays(from: Date, days: number): string {
  return new Date(from.getTime() + days * 86_400_000).toISOString().slice(0, 10);
}
