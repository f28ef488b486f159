import type { ConversationState } from '../conversation/conversation-state.ts';
import { handoffNoteOf } from '../conversation/llm/handoff-note.ts';
import type { Queryable } from '../db/database.ts';
import type { QuoteRequest } from './quote-request.ts';

/**
 * What a sales rep reads first on a hand-off, without a model: the LLM
 * planner's note when it wrote one, then the buyer's own last words, the
 * search's filters and the shortlist. Extractive on purpose: nothing in it
 * is the bot's paraphrase, so nothing in it can be wrong about the buyer.
 * In English, the sales team's working language.
 */

const LAST_BUYER_MESSAGES = 5;
const QUOTED_MAX = 200;

export async function summarizeConversation(
  tx: Queryable,
  conversationId: number,
  state: ConversationState,
  quote: QuoteRequest,
): Promise<string> {
  const { rows } = await tx.query<{ text: string }>(
    `select text from conversation_messages
     where conversation_id = $1 and direction = 'in' and text is not null and text <> '' and text not like '/%'
     order by id desc limit $2`,
    [conversationId, LAST_BUYER_MESSAGES],
  );
  return summaryText(state, quote, rows.map((row) => row.text).reverse());
}

/** The summary from its parts (pure: the buyer's messages are passed in, oldest first). */
export function summaryText(state: ConversationState, quote: QuoteRequest, buyerMessages: string[]): string {
  const lines: string[] = [];
  const note = handoffNoteOf(state);
  if (note) lines.push(`Note: ${note.text}`);
  const buyer = [
    quote.buyer.name,
    quote.buyer.company,
    quote.buyer.business_type?.replace(/_/g, ' '),
    quote.buyer.country,
  ]
    .filter(Boolean)
    .join(', ');
  lines.push(
    `Buyer: ${buyer || 'not introduced'} (${quote.contact.channel}${quote.language ? `, ${quote.language}` : ''}).`,
  );
  if (buyerMessages.length) {
    lines.push('Buyer said:');
    for (const text of buyerMessages) lines.push(`  "${clip(text.replace(/\s+/g, ' ').trim())}"`);
  }
  const u = state.understood;
  if (state.request) {
    const filters = [
      u?.quantity ? `${u.quantity} pcs` : '',
      u?.colors.length ? `colours ${u.colors.join('/')}` : '',
      u?.sizes.length ? `sizes ${u.sizes.join('/')}` : '',
      u?.materials.length ? `materials ${u.materials.join('/')}` : '',
      u?.occasions.length ? `for ${u.occasions.join('/')}` : '',
      u?.budget
        ? `budget ${u.budget.amount} ${u.budget.currency} ${u.budget.per === 'unit' ? 'per unit' : 'in total'}`
        : '',
      u?.certifications.length ? `certified ${u.certifications.join('/')}` : '',
    ].filter(Boolean);
    lines.push(`Searched: "${clip(state.request)}"${filters.length ? ` (${filters.join(', ')})` : ''}.`);
  }
  lines.push(
    quote.items.length
      ? `Shortlist: ${quote.items.map((item) => `${item.quantity} × ${item.sku}${breakdownText(item.breakdown)}`).join('; ')}.`
      : `Shortlist: empty${quote.items_note ? `; asked for "${clip(quote.items_note)}"` : ''}.`,
  );
  const terms = [
    quote.destination ? `ship to ${quote.destination.name}` : '',
    quote.target_date ? `needed by ${quote.target_date}` : '',
    quote.customization.length ? `customization ${quote.customization.join('/').replace(/_/g, ' ')}` : '',
  ].filter(Boolean);
  if (terms.length) lines.push(`Terms: ${terms.join(', ')}.`);
  if (quote.skipped.length) lines.push(`Skipped by the buyer: ${quote.skipped.join(', ')}.`);
  return lines.join('\n');
}

/** " (red M 100, black L 200)" when the buyer chose colours or sizes. */
export function breakdownText(breakdown: QuoteRequest['items'][number]['breakdown']): string {
  const parts = breakdown
    .filter((line) => line.color || line.size)
    .map((line) => `${[line.color, line.size].filter(Boolean).join(' ')} ${line.quantity}`);
  return parts.length ? ` (${parts.join(', ')})` : '';
}

function clip(text: string): string {
  return text.length > QUOTED_MAX ? `${text.slice(0, QUOTED_MAX - 1)}…` : text;
}
