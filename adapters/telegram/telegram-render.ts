import type { InlineKeyboardButton, InlineKeyboardMarkup, InputMediaPhoto } from 'grammy/types';
import type { Button, OutboundMessage, ProductCard } from '../../src/conversation/messages.ts';
import { escapeHtml, messagePieces, rightToLeft, truncate } from './telegram-text.ts';

/**
 * One OutboundMessage as the Bot API calls that show it: the reply's text
 * (split under the message limit), each product card as a photo with a
 * caption (or as text when it has no image), a bundle's pictures as one
 * album, and the buttons as an inline keyboard on the last message. Pure:
 * the adapter sends what this returns, in order.
 *
 * Everything is sent with parse_mode HTML: catalog and engine text is
 * escaped, and only the adapter's own <b> marks a title.
 */

export type TelegramSend =
  | { method: 'sendMessage'; text: string; keyboard?: InlineKeyboardMarkup }
  | { method: 'sendPhoto'; photo: string; caption: string; keyboard?: InlineKeyboardMarkup }
  | { method: 'sendMediaGroup'; media: InputMediaPhoto[] };

export interface RenderLimits {
  /** longest text per message (Telegram: 4096) */
  messageChars: number;
  /** longest photo caption (Telegram: 1024) */
  captionChars: number;
}

export interface Rendered {
  sends: TelegramSend[];
  /** buttons left out because their id does not fit Telegram's callback_data */
  droppedButtons: Button[];
}

/** Telegram rejects callback_data over 64 bytes, so buttons carry the engine's short id, never a payload. */
const CALLBACK_DATA_BYTES = 64;
/** An album holds 2–10 photos. */
const ALBUM_MAX = 10;
const BUTTONS_PER_ROW = 2;

type BundlePiece = Extract<OutboundMessage, { kind: 'bundle' }>['bundle']['main'];

export function renderReply(reply: OutboundMessage, limits: RenderLimits): Rendered {
  const { keyboard, dropped } = inlineKeyboard(reply.buttons ?? []);
  const sends: TelegramSend[] = [];
  const texts = (): TelegramSend[] =>
    messagePieces(reply.text, limits.messageChars, reply.direction).map((piece) => ({
      method: 'sendMessage',
      text: escapeHtml(piece),
    }));

  if (reply.kind === 'bundle') {
    sends.push(...bundlePictures([reply.bundle.main, ...reply.bundle.items], limits, reply.direction));
    // An album cannot carry a keyboard, so the list of pieces comes after it, with the buttons.
    sends.push(...texts());
  } else if (reply.kind === 'products') {
    sends.push(...texts());
    const numbered = reply.items.length > 1;
    reply.items.forEach((card, i) => sends.push(cardSend(card, numbered ? i + 1 : undefined, limits, reply.direction)));
  } else {
    sends.push(...texts());
  }

  if (keyboard) {
    const last = sends.at(-1);
    if (last && last.method !== 'sendMediaGroup') last.keyboard = keyboard;
    // Buttons need a message to hang from; a reply of buttons alone points at them.
    else sends.push({ method: 'sendMessage', text: '👇', keyboard });
  }
  return { sends, droppedButtons: dropped };
}

/** Two buttons a row; callback_data is the button's short id. */
export function inlineKeyboard(buttons: Button[]): { keyboard?: InlineKeyboardMarkup; dropped: Button[] } {
  const dropped: Button[] = [];
  const row: InlineKeyboardButton[] = [];
  for (const button of buttons) {
    const bytes = Buffer.byteLength(button.id, 'utf8');
    if (bytes === 0 || bytes > CALLBACK_DATA_BYTES) dropped.push(button);
    else row.push({ text: button.label, callback_data: button.id });
  }
  if (row.length === 0) return { dropped };
  const rows: InlineKeyboardButton[][] = [];
  for (let i = 0; i < row.length; i += BUTTONS_PER_ROW) rows.push(row.slice(i, i + BUTTONS_PER_ROW));
  return { keyboard: { inline_keyboard: rows }, dropped };
}

function cardSend(
  card: ProductCard,
  position: number | undefined,
  limits: RenderLimits,
  direction?: 'rtl',
): TelegramSend {
  const lines = [`${position ? `${position}. ` : ''}${card.title}`, ...cardFacts(card)];
  if (card.why) lines.push(card.why);
  if (card.image_url) {
    return { method: 'sendPhoto', photo: card.image_url, caption: formatLines(lines, limits.captionChars, direction) };
  }
  return { method: 'sendMessage', text: formatLines(lines, limits.messageChars, direction) };
}

/** Short catalog facts under the title: SKU, price at the buyer's quantity, MOQ, lead time, sample, options. */
function cardFacts(card: ProductCard): string[] {
  const price =
    card.unit_price_at_quantity === null
      ? ''
      : `${money(card.unit_price_at_quantity, card.currency)} × ${card.price_quantity} pcs · `;
  const terms = [
    card.lead_time_days === null ? '' : `lead time ${card.lead_time_days} days`,
    card.sample ? `sample ${money(card.sample.price, card.currency)}` : '',
  ].filter(Boolean);
  const options = [card.colors.join(', '), card.sizes.join(', ')].filter(Boolean);
  return [`${card.sku} · ${price}MOQ ${card.moq}`, terms.join(' · '), options.join(' · ')].filter(Boolean);
}

/** A bundle's pictures: one album, or one photo when only one piece has an image. */
function bundlePictures(pieces: BundlePiece[], limits: RenderLimits, direction?: 'rtl'): TelegramSend[] {
  const pictured = pieces.filter((piece) => piece.image_url).slice(0, ALBUM_MAX);
  const caption = (piece: BundlePiece) =>
    formatLines([`${piece.category}: ${piece.title} (${piece.sku})`], limits.captionChars, direction);
  if (pictured.length === 0) return [];
  if (pictured.length === 1) {
    return [{ method: 'sendPhoto', photo: pictured[0]!.image_url!, caption: caption(pictured[0]!) }];
  }
  return [
    {
      method: 'sendMediaGroup',
      media: pictured.map((piece) => ({
        type: 'photo',
        media: piece.image_url!,
        caption: caption(piece),
        parse_mode: 'HTML',
      })),
    },
  ];
}

/**
 * Lines fitted under a limit (the longest line is shortened first, so a
 * 500-character title or a long "why" gives way before the price does), the
 * first one bold, all escaped.
 */
function formatLines(lines: string[], limit: number, direction?: 'rtl'): string {
  const marked = direction === 'rtl' ? lines.map(rightToLeft) : lines;
  const fitted = fitLines(marked, limit);
  return fitted.map((line, i) => (i === 0 ? `<b>${escapeHtml(line)}</b>` : escapeHtml(line))).join('\n');
}

function fitLines(lines: string[], limit: number): string[] {
  const fitted = lines.map((line) => line.replace(/\s*\n\s*/g, ' ').trim()).filter(Boolean);
  for (;;) {
    const excess = fitted.reduce((n, line) => n + line.length, 0) + fitted.length - 1 - limit;
    if (excess <= 0) return fitted;
    const longest = fitted.reduce((best, line, i) => (line.length > fitted[best]!.length ? i : best), 0);
    const line = fitted[longest]!;
    if (line.length <= 24) fitted.pop();
    else fitted[longest] = truncate(line, Math.max(line.length - excess, 24));
  }
}

function money(amount: number, currency: string): string {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency, maximumFractionDigits: 4 }).format(amount);
  } catch {
    return `${amount} ${currency}`;
  }
}
