import type { DetectedIntents } from '../conversation/detect-intent.ts';
import type { HandoffStatus } from '../conversation/messages.ts';

/**
 * When the bot offers a human sales rep without being asked: a large order,
 * custom work, haggling, two misses in a row, a frustrated buyer. Offered,
 * never forced: one line and a Talk-to-sales button, each reason once per
 * conversation, and never while a hand-off is already under way. The cue
 * phrases are data (`negotiation` and `frustration` in seed/lexicon/intents.json).
 */

/** In the order they win when one message gives several. */
export const OFFER_REASONS = ['frustration', 'negotiation', 'misses', 'custom', 'large_quantity'] as const;
export type HandoffOfferReason = (typeof OFFER_REASONS)[number];

export interface HandoffOffersOptions {
  /** a quantity above this offers a rep: volume terms are theirs to discuss */
  largeQuantity: number;
}

export const DEFAULT_HANDOFF_OFFERS: HandoffOffersOptions = { largeQuantity: 1000 };

/** Misses in a row (nothing found, or not understood) before the bot offers a person. */
export const MISSES_BEFORE_OFFER = 2;

/** What the conversation remembers between messages (ConversationState.handoffOffers). */
export interface OfferMemory {
  offered: HandoffOfferReason[];
  /** turns in a row the bot found nothing or did not understand */
  misses: number;
}

/** What one buyer message showed, as the planner read it. */
export interface OfferSignals {
  /** the quantity the message asked for, if any */
  quantity?: number;
  /** customization, private label, logo, OEM */
  customization: boolean;
  negotiation: boolean;
  frustration: boolean;
  /** the reply found nothing or did not understand the message */
  missed: boolean;
}

export interface OfferDecision {
  /** the reason to offer a rep for in this turn, if any */
  reason?: HandoffOfferReason;
  memory: OfferMemory;
}

/**
 * "???", "?!?!", "؟؟؟": a run of three or more marks with a question in it reads as impatience in
 * every language. Exclamation marks alone do not: "Thanks!!!" is as common as "useless!!!", whose
 * words are the cue.
 */
const INSISTENT_MARKS = /(?=[?？؟!！]{3})[!！]*[?？؟][?？؟!！]*/u;

/** The cues of one message: haggling and frustration phrases from the lexicon, insistent punctuation. */
export function offerCues(
  detected: Pick<DetectedIntents, 'intents'>,
  text: string,
): Pick<OfferSignals, 'negotiation' | 'frustration'> {
  const intents = detected.intents as ReadonlySet<string>;
  return {
    negotiation: intents.has('negotiation'),
    frustration: intents.has('frustration') || INSISTENT_MARKS.test(text),
  };
}

/** Negotiation and frustration are answered by the offer itself; the others ride along with the answer. */
export function offerLeads(reason: HandoffOfferReason): boolean {
  return reason === 'negotiation' || reason === 'frustration';
}

/**
 * Whether this turn offers a rep, and the memory after it. Every reason the
 * turn shows is remembered as offered, so one offer covers a message that
 * is both large and custom. A message with a haggling or frustration cue was
 * understood, so it is no miss.
 */
export function decideHandoffOffer(
  signals: OfferSignals,
  memory: OfferMemory | undefined,
  context: { handoffStatus: HandoffStatus; options: HandoffOffersOptions },
): OfferDecision {
  const offered = memory?.offered ?? [];
  // A hand-off being prepared, queued or with a rep: sales already has the conversation.
  if (context.handoffStatus !== 'none' && context.handoffStatus !== 'closed') {
    return { memory: { offered, misses: 0 } };
  }
  const missed = signals.missed && !signals.negotiation && !signals.frustration;
  const misses = missed ? (memory?.misses ?? 0) + 1 : 0;
  const shown: Record<HandoffOfferReason, boolean> = {
    frustration: signals.frustration,
    negotiation: signals.negotiation,
    misses: misses >= MISSES_BEFORE_OFFER,
    custom: signals.customization,
    large_quantity: signals.quantity !== undefined && signals.quantity > context.options.largeQuantity,
  };
  const fresh = OFFER_REASONS.filter((reason) => shown[reason] && !offered.includes(reason));
  if (!fresh.length) return { memory: { offered, misses } };
  return { reason: fresh[0], memory: { offered: [...offered, ...fresh], misses: 0 } };
}
