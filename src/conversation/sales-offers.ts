import { getProduct } from '../catalog/catalog-repository.ts';
import {
  DEFAULT_HANDOFF_OFFERS,
  decideHandoffOffer,
  offerCues,
  offerLeads,
  type HandoffOffersOptions,
  type OfferSignals,
} from '../handoff/handoff-offers.ts';
import type { Understood } from '../search/understand.ts';
import type { CatalogReplies } from './catalog-replies.ts';
import type { ReplyDraft, Turn } from './conversation-engine.ts';
import type { DetectedIntents } from './detect-intent.ts';
import type { Speech } from './speech.ts';

/**
 * The bot's unasked offer of a sales rep, shared by both planners: what a
 * buyer message shows (offerSignals) and the line with a Talk-to-sales button
 * added to the turn's replies (when handoff-offers.ts decides the turn calls
 * for a person). The offline planner reads the signals while it plans; the
 * LLM planner reads them from the buyer's text after the model answered.
 */

/** Replies that found nothing or did not understand: fixed sentences, so comparing the text is exact. */
const MISS_KEYS = ['out_of_scope', 'no_results', 'no_search', 'which_product'] as const;

/** The turn's only reply is one of the fixed "found nothing / did not understand" sentences. */
export function isMiss(sp: Speech, drafts: readonly ReplyDraft[]): boolean {
  const only = drafts.length === 1 ? drafts[0] : undefined;
  return only?.kind === 'text' && MISS_KEYS.some((key) => only.text === sp.t(key));
}

/** A lone number in a price or quantity question ("how much for 500?"); "by 2027" has none. */
export function bareQuantity(text: string): number | undefined {
  const match = /(?<![\d.,$€£¥-])(\d{1,7})(?![\d.,%$€£¥])/.exec(text.replace(/[A-Za-z]{1,6}-\d+/g, ''));
  return match ? Number(match[1]) : undefined;
}

/** What one buyer message shows that may call for a person (the miss is the reply's, added later). */
export function offerSignals(
  text: string,
  understood: Pick<Understood, 'customization' | 'quantity'>,
  detected: Pick<DetectedIntents, 'intents'>,
): Omit<OfferSignals, 'missed'> {
  const has = (intent: string) => (detected.intents as ReadonlySet<string>).has(intent);
  const quantity = understood.quantity ?? (has('price') || has('change_quantity') ? bareQuantity(text) : undefined);
  return {
    ...offerCues(detected, text),
    customization: understood.customization.length > 0 || has('customization'),
    ...(quantity !== undefined ? { quantity } : {}),
  };
}

export interface SalesOffers {
  /**
   * The turn's replies with the offer added when it calls for a person: haggling and frustration are
   * answered by the offer (with the price of the product in focus, the facts that apply); the other
   * reasons follow the answer, which stays whole. Updates the conversation's offer memory.
   */
  add(
    turn: Turn,
    sp: Speech,
    drafts: ReplyDraft[],
    signals: Partial<Omit<OfferSignals, 'missed'>>,
    missed: boolean,
  ): Promise<ReplyDraft[]>;
}

export function createSalesOffers(deps: {
  replies: Pick<CatalogReplies, 'priceReply'>;
  options?: Partial<HandoffOffersOptions>;
}): SalesOffers {
  const options: HandoffOffersOptions = { ...DEFAULT_HANDOFF_OFFERS, ...deps.options };
  return {
    async add(turn, sp, drafts, signals, missed) {
      const { reason, memory } = decideHandoffOffer(
        { customization: false, negotiation: false, frustration: false, ...signals, missed },
        turn.state.handoffOffers,
        { handoffStatus: turn.handoffStatus, options },
      );
      if (memory.offered.length || memory.misses) turn.state.handoffOffers = memory;
      else delete turn.state.handoffOffers;
      if (!reason) return drafts;
      const offer: ReplyDraft = {
        kind: 'text',
        text: sp.t(`offer_${reason}`),
        buttons: [{ label: sp.t('button_sales'), action: { type: 'sales' } }],
      };
      if (!offerLeads(reason)) return [...drafts, offer];
      if (!missed) return [offer, ...drafts];
      const focus =
        reason === 'negotiation' && turn.state.focus ? await getProduct(turn.tx, turn.state.focus) : undefined;
      return focus?.status === 'active' ? [offer, deps.replies.priceReply(sp, focus, signals.quantity)] : [offer];
    },
  };
}
