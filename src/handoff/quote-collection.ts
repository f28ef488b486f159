import { getProducts } from '../catalog/catalog-repository.ts';
import type { ReplyDraft, Turn } from '../conversation/conversation-engine.ts';
import type { Speech } from '../conversation/speech.ts';
import type { Lexicon } from '../search/lexicon.ts';
import { summarizeConversation } from './conversation-summary.ts';
import { conversationIdOf, createHandoff } from './handoff-repository.ts';
import { readQuoteAnswers } from './quote-answers.ts';
import {
  QUESTIONS_PER_MESSAGE,
  buildQuoteRequest,
  missingFields,
  type QuoteProgress,
  type QuoteRequest,
} from './quote-request.ts';

/**
 * The conversation side of a hand-off: after "talk to sales" the bot fills
 * the quote request from what it already knows, asks for what is missing
 * (at most two questions a message, each skippable), shows a summary, and on
 * Confirm queues the request for sales with its outbox notification in the
 * turn's transaction. The conversation is `open` while this runs, `queued` after.
 */

export type QuoteCollection = ReturnType<typeof createQuoteCollection>;

export function createQuoteCollection(deps: { lexicon: Lexicon }) {
  const contactOf = (turn: Turn): QuoteRequest['contact'] => ({
    channel: turn.inbound.channel,
    chat_id: turn.inbound.chatId,
    user_id: turn.inbound.userId,
    ...(turn.inbound.userName ? { user_name: turn.inbound.userName } : {}),
  });
  const quoteOf = (turn: Turn) => buildQuoteRequest(turn.state, { contact: contactOf(turn), language: turn.language });

  /** "talk to sales": starts the request, or picks it up where it was. */
  function start(sp: Speech, turn: Turn): ReplyDraft[] {
    if (turn.handoffStatus === 'queued' || turn.handoffStatus === 'claimed') {
      return [{ kind: 'text', text: sp.t('sales_already') }];
    }
    if (turn.handoffStatus === 'open' && turn.state.quote) return next(sp, turn);
    turn.handoffStatus = 'open';
    turn.state.quote = { stage: 'collecting', asked: [], skipped: [], answers: {} };
    const count = turn.state.shortlist.length;
    return next(sp, turn, count ? sp.t('quote_intro', { count }) : sp.t('quote_intro_empty'));
  }

  /**
   * A message while the request is being put together. Undefined when it
   * answers nothing: the planner treats it as an ordinary message, and
   * `reask` when it is nothing else either.
   */
  function answer(sp: Speech, turn: Turn): ReplyDraft[] | undefined {
    const progress = live(turn);
    if (!progress || !turn.text) return undefined;
    const read = readQuoteAnswers(deps.lexicon, turn.text, progress.asked);
    if (read.skip) return skip(sp, turn);
    if (progress.stage === 'confirming' && read.confirm && !read.answered.length) return undefined;
    if (!read.answered.length) return undefined;
    Object.assign(progress.answers, read.answers);
    Object.assign(turn.state.profile, read.profile);
    progress.skipped = progress.skipped.filter((field) => !read.answered.includes(field));
    return next(sp, turn);
  }

  /** Nothing in the message was an answer, nor anything else the bot understands: the same questions again. */
  function reask(sp: Speech, turn: Turn): ReplyDraft[] | undefined {
    if (!live(turn)) return undefined;
    return next(sp, turn, sp.t('quote_not_understood'));
  }

  function skip(sp: Speech, turn: Turn): ReplyDraft[] {
    const progress = live(turn);
    if (!progress) return [{ kind: 'text', text: sp.t('quote_nothing_pending') }];
    progress.skipped = [...new Set([...progress.skipped, ...progress.asked])];
    return next(sp, turn);
  }

  async function confirm(sp: Speech, turn: Turn): Promise<ReplyDraft[]> {
    const progress = live(turn);
    if (!progress) {
      if (turn.handoffStatus === 'queued' || turn.handoffStatus === 'claimed') {
        return [{ kind: 'text', text: sp.t('sales_already') }];
      }
      return [{ kind: 'text', text: sp.t('quote_nothing_pending') }];
    }
    // A Confirm button from an older summary, pressed while questions are open: ask them.
    if (progress.stage !== 'confirming') return next(sp, turn);
    const quote = await withTitles(turn, quoteOf(turn));
    const conversationId = await conversationIdOf(turn.tx, turn.inbound);
    const summary = await summarizeConversation(turn.tx, conversationId, turn.state, quote);
    await createHandoff(turn.tx, conversationId, quote, summary);
    turn.handoffStatus = 'queued';
    delete turn.state.quote;
    return [{ kind: 'text', text: sp.t('quote_sent') }];
  }

  /** Edit: any fact may be restated now ("ship to France"); the summary comes back after it. */
  function edit(sp: Speech, turn: Turn): ReplyDraft[] {
    const progress = live(turn);
    if (!progress) return [{ kind: 'text', text: sp.t('quote_nothing_pending') }];
    progress.asked = [];
    return [
      {
        kind: 'text',
        text: sp.t('quote_edit'),
        buttons: [{ label: sp.t('button_confirm'), action: { type: 'quote_confirm' } }],
      },
    ];
  }

  /** The next questions, or the summary to confirm when nothing is missing. */
  function next(sp: Speech, turn: Turn, lead?: string): ReplyDraft[] {
    const progress = turn.state.quote!;
    const missing = missingFields(quoteOf(turn));
    const lines = lead ? [lead] : [];
    if (missing.length) {
      progress.stage = 'collecting';
      progress.asked = missing.slice(0, QUESTIONS_PER_MESSAGE);
      lines.push(...progress.asked.map((field) => sp.t(`quote_ask_${field}`)), sp.t('quote_skip_hint'));
      return [
        {
          kind: 'text',
          text: lines.join('\n'),
          buttons: [{ label: sp.t('button_skip'), action: { type: 'quote_skip' } }],
        },
      ];
    }
    progress.stage = 'confirming';
    progress.asked = [];
    return [
      {
        kind: 'text',
        text: [...lines, summaryForBuyer(sp, quoteOf(turn)), sp.t('quote_confirm_hint')].join('\n'),
        buttons: [
          { label: sp.t('button_confirm'), action: { type: 'quote_confirm' } },
          { label: sp.t('button_edit'), action: { type: 'quote_edit' } },
        ],
      },
    ];
  }

  /** The request as the buyer checks it, in their language (SKUs as in the shortlist; titles go to the rep). */
  function summaryForBuyer(sp: Speech, quote: QuoteRequest): string {
    const { t, locale } = sp;
    const notGiven = t('quote_not_given');
    const lines = [t('quote_summary')];
    for (const item of quote.items) {
      const parts = item.breakdown
        .filter((line) => line.color || line.size)
        .map((line) => `${[line.color, line.size].filter(Boolean).join(' ')}: ${line.quantity}`);
      lines.push(`• ${item.quantity} × ${item.sku}${parts.length ? ` (${parts.join(', ')})` : ''}`);
    }
    if (!quote.items.length) lines.push(t('quote_line_items', { value: quote.items_note ?? notGiven }));
    const country = quote.destination
      ? (new Intl.DisplayNames([locale], { type: 'region' }).of(quote.destination.country) ?? quote.destination.name)
      : notGiven;
    lines.push(t('quote_line_destination', { value: country }));
    const date = quote.target_date
      ? new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(quote.target_date))
      : notGiven;
    lines.push(t('quote_line_deadline', { value: date }));
    if (quote.customization.length) {
      lines.push(t('quote_line_customization', { value: quote.customization.join(', ').replace(/_/g, ' ') }));
    }
    if (quote.target_price) {
      const price = sp.money(quote.target_price.amount, quote.target_price.currency);
      lines.push(t(quote.target_price.per === 'unit' ? 'quote_line_price_unit' : 'quote_line_price_total', { price }));
    }
    lines.push(t('quote_line_name', { value: quote.buyer.name ?? notGiven }));
    lines.push(t('quote_line_company', { value: quote.buyer.company ?? notGiven }));
    return lines.join('\n');
  }

  return { start, answer, reask, skip, confirm, edit };
}

/** The request being put together, while the conversation is open for it. */
function live(turn: Turn): QuoteProgress | undefined {
  return turn.handoffStatus === 'open' ? turn.state.quote : undefined;
}

/** The rep's card names the products; the buyer's state keeps only SKUs. */
async function withTitles(turn: Turn, quote: QuoteRequest): Promise<QuoteRequest> {
  const products = new Map(
    (
      await getProducts(
        turn.tx,
        quote.items.map((item) => item.sku),
      )
    ).map((p) => [p.sku, p]),
  );
  return {
    ...quote,
    items: quote.items.map((item) => ({ ...item, title: products.get(item.sku)?.title ?? item.sku })),
  };
}
