import type { Bundle } from '../bundles/bundle.ts';

/**
 * The platform-neutral message model. Adapters turn a platform's update into
 * an InboundMessage and render OutboundMessages in their own way (Telegram
 * photo + caption + inline keyboard, Slack Block Kit, web cards, CLI text).
 */

export interface InboundMessage {
  channel: string;
  chatId: string;
  userId: string;
  /** The platform's id for this update (Telegram update_id, Slack event_id): a retry carries the same one. */
  dedupeId: string;
  text?: string;
  /** A pressed button: the short id it carried. */
  actionId?: string;
  userName?: string;
  /** a photo the buyer sent (its caption, if any, is `text`); the URL must be fetchable by this server */
  photo?: { url: string; mimeType?: string };
  /** photos and files attached to the message, as the platform can fetch them again (passed to a rep while claimed) */
  files?: FileRef[];
}

/**
 * A photo or file someone sent, as its platform knows it: enough for that
 * platform's messenger to fetch it again, and nothing secret, so it can be
 * stored in the transcript and the outbox. (A Telegram download URL holds the
 * bot token, so only the file_id is kept.)
 */
export type FileRef = { name?: string; mimeType?: string; size?: number } & (
  | { platform: 'telegram'; fileId: string }
  // url_private, which only the bot token opens; looked up with files.info when an event lacks it
  | { platform: 'slack'; fileId: string; url?: string }
);

export interface Button {
  /** short server-side id (conversation_actions) */
  id: string;
  label: string;
}

export interface ProductCard {
  sku: string;
  title: string;
  category: string;
  image_url: string | null;
  colors: string[];
  sizes: string[];
  price_tiers: Array<{ min_qty: number; unit_price: number }>;
  currency: string;
  moq: number;
  lead_time_days: number | null;
  sample: { price: number; days: number | null } | null;
  unit_price_at_quantity: number | null;
  price_quantity: number;
  why?: string;
}

export type HandoffStatus = 'none' | 'open' | 'queued' | 'claimed' | 'closed';

interface Base {
  text: string;
  buttons?: Button[];
  /** set for right-to-left languages (Arabic), so renderers align and isolate the text */
  direction?: 'rtl';
}

export type OutboundMessage =
  | (Base & { kind: 'text' })
  | (Base & { kind: 'bundle'; bundle: Bundle; items: Array<{ sku: string }> })
  | (Base & { kind: 'products'; items: ProductCard[] })
  | (Base & { kind: 'shortlist'; items: ShortlistLine[] });

export interface ShortlistLine {
  sku: string;
  title: string;
  quantity: number;
  unit_price_at_quantity: number | null;
  currency: string;
  color?: string;
  size?: string;
}
