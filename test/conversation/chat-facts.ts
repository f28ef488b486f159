import { readFileSync } from 'node:fs';
import type { Product } from '../../src/catalog/product.ts';
import type { ProductCard } from '../../src/conversation/messages.ts';
import type { ChatReply } from '../helpers/chat-session.ts';

/**
 * What a buyer would check in a reply, computed independently of the bot:
 * the sentence its language's locale file says for that fact, the catalog's
 * tier price at a quantity, and amounts shown in the buyer's number format.
 */

export const LANGUAGES = ['en', 'es', 'fr', 'pt', 'de', 'it', 'ru', 'ar', 'tr', 'zh'] as const;
export type Language = (typeof LANGUAGES)[number];

const locales = new Map<Language, Record<string, string>>();

export function localeOf(language: Language): Record<string, string> {
  let locale = locales.get(language);
  if (!locale) {
    const file = new URL(`../../src/conversation/locales/${language}.json`, import.meta.url);
    locale = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
    locales.set(language, locale);
  }
  return locale;
}

/** The locale's sentence for key with the facts filled in, exactly as the buyer should read it. */
export function sentence(language: Language, key: string, values: Record<string, string | number> = {}): string {
  const template = localeOf(language)[key];
  if (template === undefined) throw new Error(`${language}.json has no "${key}"`);
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => {
    if (!(name in values)) throw new Error(`"${key}" in ${language}.json needs {{${name}}}`);
    return String(values[name]);
  });
}

/** The fixed start of a locale sentence, before its first placeholder ("Here is what I found ("). */
export function opening(language: Language, key: string): string {
  const template = localeOf(language)[key];
  if (template === undefined) throw new Error(`${language}.json has no "${key}"`);
  return template.split('{{')[0]!;
}

/** Sentences of the locale that take no facts (welcome, out of scope, empty shortlist…). */
export function fixedSentences(language: Language): string[] {
  return Object.values(localeOf(language)).filter((text) => !text.includes('{{'));
}

/** An amount as shown in that language (the currency format of its locale). */
export function money(amount: number, currency: string, language: Language): string {
  return new Intl.NumberFormat(language, { style: 'currency', currency, maximumFractionDigits: 4 }).format(amount);
}

/** The catalog's unit price at a quantity: the last tier whose minimum the quantity reaches. */
export function tierPrice(product: Product, quantity: number): number {
  const reached = product.price_tiers.filter((tier) => tier.min_qty <= quantity);
  const tier = reached.at(-1);
  if (!tier) throw new Error(`${product.sku} has no tier at ${quantity} pcs (MOQ ${product.moq})`);
  return tier.unit_price;
}

export type Reply<K extends ChatReply['kind']> = Extract<ChatReply, { kind: K }>;

/** The one reply of that kind in a turn; fails with the whole turn when there is none. */
export function replyOf<K extends ChatReply['kind']>(replies: ChatReply[], kind: K): Reply<K> {
  const found = replies.filter((reply) => reply.kind === kind);
  if (found.length !== 1) {
    throw new Error(`expected one "${kind}" reply, got:\n${JSON.stringify(replies, null, 2).slice(0, 3000)}`);
  }
  return found[0] as Reply<K>;
}

export function skusOf(reply: ChatReply): string[] {
  return 'items' in reply ? reply.items.map((item) => item.sku) : [];
}

export function cardsOf(replies: ChatReply[]): ProductCard[] {
  return replyOf(replies, 'products').items;
}

/** The id of the button labelled exactly this, among a turn's replies. */
export function buttonId(replies: ChatReply[], label: string): string {
  const buttons = replies.flatMap((reply) => reply.buttons ?? []);
  const button = buttons.find((b) => b.label === label);
  if (!button) throw new Error(`no button "${label}" among: ${buttons.map((b) => b.label).join(' | ')}`);
  return button.id;
}
