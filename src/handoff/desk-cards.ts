import { getProducts } from '../catalog/catalog-repository.ts';
import { priceAtQuantity } from '../catalog/product.ts';
import type { OutboundMessage } from '../conversation/messages.ts';
import { formatMoney } from '../conversation/product-cards.ts';
import type { Queryable } from '../db/database.ts';
import { breakdownText } from './conversation-summary.ts';
import { OUTCOMES } from './desk-state.ts';
import type { QuoteRequest } from './quote-request.ts';

/**
 * The hand-off card reps see in the sales channel: who is asking, in which
 * language and where, what they want with indicative prices from the tiers
 * at the requested quantity, the conversation's summary, where it stands,
 * and the buttons for the next step. In English, the sales team's language.
 * Rendered again from the database after every change, so a card edited late
 * (a platform that was down) still shows the current state.
 */

/** Button ids on desk messages: "desk:<verb>:<handoff id>" (Telegram's 64-byte callback_data fits them). */
export const DESK_ACTION = /^desk:(claim|bot|release|close-(?:quoted|won|lost|spam)):(\d+)$/;

export type CardFacts = {
  id: number;
  status: string;
  quote: QuoteRequest;
  summary: string | null;
  outcome: string | null;
  note: string | null;
  channel: string;
  language: string | null;
  claimed_by_name: string | null;
  claimed_at: Date | string | null;
  queued_at: Date | string | null;
  closed_at: Date | string | null;
};

export async function cardFacts(db: Queryable, id: number): Promise<CardFacts | undefined> {
  const { rows } = await db.query<CardFacts & { quote: QuoteRequest | string }>(
    `select h.id, h.status, h.quote, h.summary, h.outcome, h.note, c.channel, c.language, h.claimed_by_name,
       h.claimed_at, h.queued_at, h.closed_at
     from handoffs h join conversations c on c.id = h.conversation_id where h.id = $1`,
    [id],
  );
  const row = rows[0];
  if (!row) return undefined;
  return { ...row, quote: typeof row.quote === 'string' ? (JSON.parse(row.quote) as QuoteRequest) : row.quote };
}

export async function renderCard(db: Queryable, facts: CardFacts, timeZone: string): Promise<OutboundMessage> {
  const { quote } = facts;
  const products = new Map(
    (
      await getProducts(
        db,
        quote.items.map((item) => item.sku),
      )
    ).map((p) => [p.sku, p]),
  );
  const buyer = [quote.buyer.name, quote.buyer.company, quote.buyer.country].filter(Boolean).join(', ');
  const language = facts.language ? languageName(facts.language) : 'language unknown';
  const lines = [
    `Quote request #${facts.id} from ${buyer || quote.contact.user_name || 'a buyer'} · ${platformName(facts.channel)} · ${language}`,
  ];
  const terms = [
    quote.destination ? `ship to ${quote.destination.name}` : 'destination not given',
    quote.target_date ? `needed by ${quote.target_date}` : 'no target date',
    quote.customization.length ? `customization: ${quote.customization.join(', ').replace(/_/g, ' ')}` : '',
    quote.target_price
      ? `target price ${formatMoney(quote.target_price.amount, quote.target_price.currency, 'en')} ${quote.target_price.per === 'unit' ? 'per unit' : 'in total'}`
      : '',
    quote.buyer.business_type ? `buyer is a ${quote.buyer.business_type.replace(/_/g, ' ')}` : '',
  ].filter(Boolean);
  lines.push(`Requirements: ${terms.join(' · ')}`);
  if (quote.items.length) {
    lines.push('Items (indicative prices from the tiers at the requested quantity):');
    for (const item of quote.items) {
      const product = products.get(item.sku);
      const price = product ? priceAtQuantity(product.price_tiers, item.quantity) : null;
      const priced = product
        ? price === null
          ? ` — below the MOQ of ${product.moq}`
          : ` — ${formatMoney(price, product.currency, 'en')} each (MOQ ${product.moq}${product.lead_time_days ? `, ${product.lead_time_days} days` : ''})`
        : ' — no longer in the catalog';
      lines.push(
        `• ${item.quantity} × ${item.sku} ${item.title ?? product?.title ?? ''}${breakdownText(item.breakdown)}${priced}`,
      );
    }
  } else {
    lines.push(
      `Items: ${quote.items_note ? `"${quote.items_note}"` : 'not chosen yet'}${quote.quantity ? `, ${quote.quantity} pcs` : ''}`,
    );
  }
  if (facts.summary) lines.push('', facts.summary);
  lines.push('', statusLine(facts, timeZone));
  return { kind: 'text', text: lines.join('\n'), ...buttonsFor(facts) };
}

function statusLine(facts: CardFacts, timeZone: string): string {
  const at = (value: Date | string | null) => (value ? clockTime(new Date(value), timeZone) : '');
  switch (facts.status) {
    case 'queued':
      return `Waiting for a rep since ${at(facts.queued_at)}: press Claim to take it.`;
    case 'claimed':
      return `Claimed by ${facts.claimed_by_name ?? 'a rep'} at ${at(facts.claimed_at)}. Reply in this thread (Telegram: reply to this message) to write to the buyer.`;
    case 'closed':
      return `Closed at ${at(facts.closed_at)}: ${facts.outcome ?? 'no outcome'}${facts.note ? ` (${facts.note})` : ''}.`;
    default:
      return `Status: ${facts.status}.`;
  }
}

function buttonsFor(facts: CardFacts): Pick<OutboundMessage, 'buttons'> {
  const id = facts.id;
  if (facts.status === 'queued') return { buttons: [{ id: `desk:claim:${id}`, label: 'Claim' }] };
  if (facts.status !== 'claimed') return {};
  return {
    buttons: [
      { id: `desk:bot:${id}`, label: 'Let the bot answer once' },
      { id: `desk:release:${id}`, label: 'Release' },
      ...OUTCOMES.map((outcome) => ({ id: `desk:close-${outcome}:${id}`, label: `Close: ${outcome}` })),
    ],
  };
}

/** "Mon 10:05 (Asia/Shanghai)": the team's own clock. */
export function clockTime(at: Date, timeZone: string): string {
  const text = new Intl.DateTimeFormat('en-GB', {
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone,
  }).format(at);
  return `${text} (${timeZone})`;
}

function languageName(code: string): string {
  try {
    return new Intl.DisplayNames(['en'], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}

function platformName(channel: string): string {
  return { telegram: 'Telegram', slack: 'Slack', web: 'web chat', cli: 'command line' }[channel] ?? channel;
}
