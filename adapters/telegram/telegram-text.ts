/**
 * Plain text made safe for Telegram: HTML-escaped for parse_mode HTML, cut
 * into pieces under a message's length limit, and marked right-to-left.
 *
 * Telegram counts its limits (4096 per message, 1024 per caption) after
 * entities are parsed, so lengths here are of the plain text, before
 * escaping; JavaScript counts UTF-16 units, as Telegram does.
 */

/** The limits of the Bot API (sendMessage text, photo caption). */
export const TELEGRAM_MESSAGE_LIMIT = 4096;
export const TELEGRAM_CAPTION_LIMIT = 1024;

/** RIGHT-TO-LEFT MARK: a paragraph starting with it is laid out right to left. */
const RLM = '\u200F';

/** Everything from the catalog or the engine goes through this: parse_mode HTML knows only <, > and &. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Cuts text into pieces of at most `limit` characters, preferring a
 * paragraph break, then a line break, then a space; a piece is only cut
 * mid-word when a single word is longer than the limit.
 */
export function splitText(text: string, limit: number): string[] {
  const pieces: string[] = [];
  let rest = text.trim();
  while (rest.length > limit) {
    const cut = cutPoint(rest, limit);
    const piece = rest.slice(0, cut).trimEnd();
    if (piece) pieces.push(piece);
    rest = rest.slice(cut).trimStart();
  }
  if (rest) pieces.push(rest);
  return pieces;
}

function cutPoint(text: string, limit: number): number {
  const window = text.slice(0, limit + 1);
  // A break in the first third would leave a stub of a message; look for a later one.
  const earliest = Math.floor(limit / 3);
  for (const separator of ['\n\n', '\n', ' ']) {
    const at = window.lastIndexOf(separator);
    if (at >= earliest) return at;
  }
  // Never split a surrogate pair (an emoji, a rare CJK character).
  const code = text.charCodeAt(limit - 1);
  return code >= 0xd800 && code <= 0xdbff ? limit - 1 : limit;
}

/** Shortens a line to at most `length` characters, ending it with an ellipsis. */
export function truncate(text: string, length: number): string {
  if (text.length <= length) return text;
  if (length <= 1) return '…'.slice(0, length);
  let end = length - 1;
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end--;
  return `${text.slice(0, end).trimEnd()}…`;
}

/**
 * Telegram picks each paragraph's direction from its first strong character,
 * so an Arabic reply starting with a SKU or a price would be laid out left to
 * right. A RIGHT-TO-LEFT MARK at the start of every line fixes the direction
 * without changing what is shown.
 */
export function rightToLeft(text: string): string {
  return text
    .split('\n')
    .map((line) => (line && !line.startsWith(RLM) ? `${RLM}${line}` : line))
    .join('\n');
}

/** Text pieces for one reply: split under the limit, each piece right-to-left when the reply is. */
export function messagePieces(text: string, limit: number, direction?: 'rtl'): string[] {
  if (direction !== 'rtl') return splitText(text, limit);
  // A line cut mid-way continues in the next piece without its mark: one character is kept for it.
  return splitText(rightToLeft(text), limit - 1).map((piece) => (piece.startsWith(RLM) ? piece : `${RLM}${piece}`));
}
