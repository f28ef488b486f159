import { getProduct } from '../catalog/catalog-repository.ts';
import type { BundleSwap } from '../bundles/bundle.ts';
import type { HandoffOffersOptions, OfferSignals } from '../handoff/handoff-offers.ts';
import { understand } from '../search/understand.ts';
import {
  belowCheapestShown,
  createCatalogReplies,
  hasRefinement,
  refine,
  type CatalogRepliesDeps,
} from './catalog-replies.ts';
import type { Planner, ReplyDraft, Turn } from './conversation-engine.ts';
import type { Action, ConversationState } from './conversation-state.ts';
import { extractProfile } from './buyer-profile.ts';
import { detectIntents, type DetectedIntents } from './detect-intent.ts';
import { bareQuantity, createSalesOffers, isMiss, offerSignals } from './sales-offers.ts';
import { createSpeaker, type Speech } from './speech.ts';

/**
 * The rule-based planner: always available, the default without an LLM key.
 * It reads intents and references with the lexicon, keeps the search filters
 * across turns (refine, show more, cheaper), and answers price, MOQ and
 * shortlist questions from catalog facts only (the moves in catalog-replies.ts).
 * It offers a sales rep, unasked, when the turn calls for a person (handoff-offers.ts).
 */

export interface OfflinePlannerDeps extends CatalogRepliesDeps {
  /** when a sales rep is offered unasked; a quantity above `largeQuantity` (default 1000) is one such time */
  handoffOffers?: Partial<HandoffOffersOptions>;
}

export async function createOfflinePlanner(deps: OfflinePlannerDeps): Promise<Planner> {
  const speaker = await createSpeaker();
  const speechFor = speaker.speechFor;
  const replies = createCatalogReplies(deps);
  const offers = createSalesOffers({ replies, ...(deps.handoffOffers ? { options: deps.handoffOffers } : {}) });

  /** What the buyer told about themselves, said back so they can correct it. */
  function profileNoted(sp: Speech, turn: Turn, learned: ConversationState['profile']): ReplyDraft[] {
    const { t, locale } = sp;
    const facts = [
      learned.company,
      learned.business_type ? t(`business_${learned.business_type}`) : undefined,
      learned.country ? new Intl.DisplayNames([locale], { type: 'region' }).of(learned.country) : undefined,
    ].filter(Boolean);
    if (!facts.length && learned.name) facts.push(learned.name);
    const name = learned.name ?? turn.state.profile.name;
    const text = name
      ? t('profile_noted_name', { name, facts: facts.join(', ') })
      : t('profile_noted', { facts: facts.join(', ') });
    return [{ kind: 'text', text }];
  }

  return {
    name: 'offline',
    notice(notice, language) {
      const { t, locale } = speechFor(language);
      const draft: ReplyDraft = {
        kind: 'text',
        text:
          notice.kind === 'too_long' ? t('too_long', { length: notice.length, max: notice.max }) : t('rate_limited'),
      };
      return speaker.isRtl(locale) ? { ...draft, direction: 'rtl' } : draft;
    },
    async plan(turn) {
      const seen: Partial<OfferSignals> = {};
      let drafts = await planTurn(turn, seen);
      if (!turn.forget) {
        const sp = speechFor(turn.language);
        drafts = await offers.add(turn, sp, drafts, seen, isMiss(sp, drafts));
      }
      const locale = speechFor(turn.language).locale;
      if (turn.language && locale !== turn.language && !turn.state.toldEnglishFallback && drafts[0]) {
        turn.state.toldEnglishFallback = true;
        drafts[0] = { ...drafts[0], text: `${speechFor('en').t('language_fallback')}\n${drafts[0].text}` };
      }
      return speaker.isRtl(locale) ? drafts.map((draft) => ({ ...draft, direction: 'rtl' as const })) : drafts;
    },
  };

  /** Plans the answer; `seen` gets what the message showed that may call for a sales rep. */
  async function planTurn(turn: Turn, seen: Partial<OfferSignals>): Promise<ReplyDraft[]> {
    if (turn.action) return planAction(speechFor(turn.language), turn, turn.action);
    if (turn.inbound.photo && !turn.text) return [{ kind: 'text', text: speechFor(turn.language).t('photo_offline') }];
    const understood = understand(deps.lexicon, turn.text);
    const detected = detectIntents(deps.lexicon, turn.text);
    const has = (intent: Parameters<typeof detected.intents.has>[0]) => detected.intents.has(intent);
    Object.assign(seen, offerSignals(turn.text, understood, detected));
    const hasProductWords = understood.categories.length > 0 || understood.product_types.length > 0;
    const chosen = !hasProductWords ? chosenLanguage(detected) : undefined;
    if (chosen) {
      turn.language = chosen;
      turn.state.languageChosen = true;
      const sp = speechFor(chosen);
      // A language an admin's lexicon recognises but no message catalog speaks: say so, once, in English.
      const spoken = sp.locale === chosen;
      turn.state.toldEnglishFallback = !spoken;
      if (!spoken) return [{ kind: 'text', text: sp.t('language_fallback') }];
      const language = new Intl.DisplayNames([sp.locale], { type: 'language' }).of(chosen) ?? chosen;
      return [{ kind: 'text', text: sp.t('language_set', { language }) }];
    }
    // A command ("/sales", "/deletemydata") says nothing about the buyer's language.
    const command = turn.text.startsWith('/');
    // Answers to the quote questions ("Maria", "Spain") say nothing about the buyer's language either.
    const answering = turn.handoffStatus === 'open' && turn.state.quote !== undefined;
    if (
      !turn.language ||
      (!turn.state.languageChosen && !command && !answering && understood.language_confidence >= 0.5)
    ) {
      turn.language = understood.language;
    }
    const sp = speechFor(turn.language);
    const { t } = sp;

    if (has('delete_data')) {
      turn.forget = true;
      return [{ kind: 'text', text: t('data_deleted') }];
    }
    const answered = replies.quote.answer(sp, turn);
    if (answered) return answered;
    if (
      answering &&
      turn.state.quote?.stage === 'confirming' &&
      (detected.intents as Set<string>).has('quote_confirm')
    ) {
      return replies.quote.confirm(sp, turn);
    }
    const learned = newProfileFacts(turn.state.profile, extractProfile(deps.lexicon, turn.text));
    Object.assign(turn.state.profile, learned);
    if (has('sales') && !has('price')) return replies.requestSales(sp, turn);
    const quantity = understood.quantity ?? bareQuantity(turn.text);
    if (has('change_quantity') && quantity && turn.state.shortlist.length && !has('price')) {
      return replies.changeQuantity(sp, turn, detected, quantity);
    }
    const last = turn.state.lastBundle;
    const swapCategory = last && understood.categories.find((category) => category in last.items);
    if (
      last &&
      swapCategory &&
      (has('swap') || has('cheaper') || understood.colors.length || understood.materials.length)
    ) {
      const main = await getProduct(turn.tx, last.sku);
      if (main) {
        const swap: BundleSwap = { category: swapCategory };
        if (has('cheaper')) swap.cheaper = true;
        if (understood.colors[0]) swap.color = understood.colors[0];
        if (understood.materials[0]) swap.material = understood.materials[0];
        return replies.bundleReply(sp, turn, main, swap);
      }
    }
    if (
      has('bundle') &&
      (detected.position || detected.skuCandidates.length || turn.state.focus || turn.state.lastResults[0])
    ) {
      const product =
        (await replies.resolveProduct(turn, detected)) ?? (await getProduct(turn.tx, turn.state.lastResults[0]!));
      if (product) return replies.bundleReply(sp, turn, product);
    }
    if (has('shortlist_show') && !has('shortlist_add') && !has('remove')) return replies.shortlist(sp, turn);
    if (has('remove')) {
      const product = await replies.resolveProduct(turn, detected);
      if (!product) return [{ kind: 'text', text: t('which_product') }];
      return replies.removeFromShortlist(sp, turn, product);
    }
    const factQuestion = has('sample') || has('customization') || has('lead_time');
    if (factQuestion && (detected.position || detected.skuCandidates.length || turn.state.focus) && !hasProductWords) {
      const product = await replies.resolveProduct(turn, detected);
      if (product)
        return [
          replies.factReply(
            sp,
            product,
            has('sample') ? 'sample' : has('customization') ? 'customization' : 'lead_time',
          ),
        ];
    }
    if (has('shortlist_add') && (detected.position || detected.skuCandidates.length || turn.state.focus)) {
      const product = await replies.resolveProduct(turn, detected);
      return product
        ? replies.addToShortlist(sp, turn, product, understood)
        : [{ kind: 'text', text: t('which_product') }];
    }
    if (has('moq') || has('price') || has('details') || (detected.position && !hasProductWords)) {
      const product = await replies.resolveProduct(turn, detected);
      if (!product) return [{ kind: 'text', text: t(turn.state.lastResults.length ? 'which_product' : 'no_search') }];
      if (has('moq'))
        return [{ kind: 'text', text: t('moq', { title: product.title, sku: product.sku, moq: product.moq }) }];
      if (has('price')) return [replies.priceReply(sp, product, understood.quantity ?? bareQuantity(turn.text))];
      return replies.details(sp, turn, product);
    }
    if (detected.skuCandidates.length) {
      const product = await replies.resolveProduct(turn, detected);
      if (product) return replies.details(sp, turn, product);
    }
    if (has('more') && !hasProductWords && !has('cheaper')) {
      if (!turn.state.understood) return [{ kind: 'text', text: t('no_search') }];
      return replies.showResults(sp, turn, turn.state.understood, turn.state.request ?? '', turn.state.shown);
    }
    const refinement =
      turn.state.understood && (has('cheaper') || has('same') || (!hasProductWords && hasRefinement(understood)));
    if (refinement) {
      const refined = refine(turn.state, understood);
      if (has('cheaper')) refined.budget = await belowCheapestShown(turn, refined);
      // "same but midi" replaces the product words of the request ("wrap") rather than adding to them.
      const request = has('same') && hasProductWords ? turn.text : `${turn.state.request} ${turn.text}`;
      return replies.showResults(sp, turn, refined, request, 0);
    }
    if (hasProductWords) return replies.showResults(sp, turn, understood, turn.text, 0);
    // A message that is neither an answer nor anything else while quote questions are open.
    const reasked = replies.quote.reask(sp, turn);
    if (reasked) return reasked;
    if (Object.keys(learned).length) return profileNoted(sp, turn, learned);
    if (has('greeting')) return [{ kind: 'text', text: t('welcome') }];
    if (has('help')) return [{ kind: 'text', text: t('help') }];
    return [{ kind: 'text', text: t('out_of_scope') }];
  }

  async function planAction(sp: Speech, turn: Turn, action: Action): Promise<ReplyDraft[]> {
    const { t } = sp;
    if (action.type === 'more' && turn.state.understood) {
      return replies.showResults(sp, turn, turn.state.understood, turn.state.request ?? '', turn.state.shown);
    }
    if (action.type === 'shortlist') return replies.shortlist(sp, turn);
    if (action.type === 'sales') return replies.requestSales(sp, turn);
    if (action.type === 'quote_skip') return replies.quote.skip(sp, turn);
    if (action.type === 'quote_confirm') return replies.quote.confirm(sp, turn);
    if (action.type === 'quote_edit') return replies.quote.edit(sp, turn);
    if (action.type === 'bundle') {
      const product = await getProduct(turn.tx, action.sku);
      if (product?.status === 'active') return replies.bundleReply(sp, turn, product);
    }
    if (action.type === 'details' || action.type === 'add') {
      const product = await getProduct(turn.tx, action.sku);
      if (!product || product.status !== 'active') return [{ kind: 'text', text: t('no_results') }];
      return action.type === 'details'
        ? replies.details(sp, turn, product)
        : replies.addToShortlist(sp, turn, product, understand(deps.lexicon, ''));
    }
    return [{ kind: 'text', text: t('out_of_scope') }];
  }
}

/** "/lang es", "in Spanish please", "по-русски": the language the buyer asks for, if one. */
function chosenLanguage(detected: DetectedIntents): string | undefined {
  const chosen = [...detected.intents].filter((intent) => intent.startsWith('language_'));
  return chosen.length === 1 ? chosen[0]!.slice('language_'.length) : undefined;
}

/** What is new or changed (a buyer correcting their company name), so the reply repeats only that. */
function newProfileFacts(
  known: ConversationState['profile'],
  found: ConversationState['profile'],
): ConversationState['profile'] {
  return Object.fromEntries(
    Object.entries(found).filter(([key, value]) => value && known[key as keyof typeof known] !== value),
  );
}
