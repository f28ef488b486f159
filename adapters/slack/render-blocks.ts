import type { types } from '@slack/bolt';
import type { Button, OutboundMessage, ProductCard, ShortlistLine } from '../../src/conversation/messages.ts';
import { escapeMrkdwn, mrkdwn, splitText, truncate } from './mrkdwn.ts';

/**
 * OutboundMessage → Block Kit. Slack rejects a whole message (invalid_blocks)
 * when one limit is broken, so every text is cut to its limit here and a reply
 * needing more than 50 blocks becomes several messages. Each message carries a
 * top-level `text`: Slack shows it in notifications and screen readers.
 */

type BundleItem = Extract<OutboundMessage, { kind: 'bundle' }>['bundle']['main'];
type Block = types.KnownBlock;

export interface SlackMessage {
  text: string;
  blocks: Block[];
}

/** https://docs.slack.dev/reference/block-kit/blocks */
export const BLOCK_LIMITS = {
  blocksPerMessage: 50,
  sectionText: 3000,
  fieldText: 2000,
  fieldsPerSection: 10,
  contextText: 2000,
  headerText: 150,
  buttonText: 75,
  actionsElements: 25,
  altText: 2000,
  imageUrl: 3000,
  /** our own cap for the notification text (Slack allows 40,000) */
  fallbackText: 3000,
} as const;

/** Blocks that must stay in one message (a card and its divider), with what they say in plain words. */
interface Unit {
  blocks: Block[];
  fallback: string;
}

export function renderMessages(reply: OutboundMessage): SlackMessage[] {
  // Slack has no direction setting; a leading RLM makes clients lay Arabic out right to left.
  const rtl = reply.direction === 'rtl' ? '\u200F' : '';
  const units: Unit[] = [];
  if (reply.kind === 'bundle') {
    const name = reply.bundle.curated?.name ?? reply.bundle.main.title;
    units.push({ blocks: [header(name)], fallback: '' });
  }
  const max = BLOCK_LIMITS.sectionText - rtl.length;
  for (const piece of splitText(escapeMrkdwn(reply.text), max)) {
    units.push({ blocks: [section(rtl + piece)], fallback: piece });
  }
  if (reply.kind === 'products') units.push(...reply.items.map((card) => productUnit(card, rtl)));
  if (reply.kind === 'bundle') {
    const { bundle } = reply;
    units.push(...[bundle.main, ...bundle.items].map((item) => bundleItemUnit(item, bundle.quantity, rtl)));
  }
  if (reply.kind === 'shortlist') units.push(...reply.items.map((line) => shortlistUnit(line, rtl)));
  units.push(...actionUnits(reply.buttons ?? []));
  return pack(units, firstLine(reply.text));
}

/** The same message without images: the fallback when Slack cannot fetch a catalog image. */
export function withoutImages(message: SlackMessage): SlackMessage {
  const blocks = message.blocks
    .filter((block) => block.type !== 'image')
    .map((block) => {
      if (block.type !== 'section' || block.accessory?.type !== 'image') return block;
      const { accessory: _image, ...rest } = block;
      return rest;
    });
  return { ...message, blocks };
}

export function hasImages(message: SlackMessage): boolean {
  return message.blocks.some((b) => b.type === 'image' || (b.type === 'section' && b.accessory?.type === 'image'));
}

function pack(units: Unit[], firstLineOfReply: string): SlackMessage[] {
  const messages: Unit[] = [];
  for (const unit of units) {
    const last = messages.at(-1);
    if (last && last.blocks.length + unit.blocks.length <= BLOCK_LIMITS.blocksPerMessage) {
      last.blocks.push(...unit.blocks);
      last.fallback = [last.fallback, unit.fallback].filter(Boolean).join('\n');
    } else {
      messages.push({ blocks: [...unit.blocks], fallback: unit.fallback });
    }
  }
  return messages.map(({ blocks, fallback }, i) => {
    const part = messages.length > 1 && i > 0 ? `(${i + 1}/${messages.length}) ` : '';
    return { text: truncate(part + (fallback || firstLineOfReply || '…'), BLOCK_LIMITS.fallbackText), blocks };
  });
}

function productUnit(card: ProductCard, rtl: string): Unit {
  const title = `*${mrkdwn(card.title, 500)}* (${mrkdwn(card.sku, 100)})`;
  const why = card.why ? `\n_${mrkdwn(card.why, 2000)}_` : '';
  const fields = [
    field('Price', card.price_tiers.map((t) => `${t.min_qty}+ pcs: ${money(t.unit_price, card.currency)}`).join('\n')),
    card.unit_price_at_quantity === null
      ? undefined
      : field(`At ${card.price_quantity} pcs`, `${money(card.unit_price_at_quantity, card.currency)} each`),
    field('MOQ', `${card.moq} pcs`),
    card.lead_time_days === null ? undefined : field('Lead time', `${card.lead_time_days} days`),
    field(
      'Sample',
      card.sample === null
        ? 'not offered'
        : `${money(card.sample.price, card.currency)}${card.sample.days === null ? '' : ` · ${card.sample.days} days`}`,
    ),
    card.colors.length ? field('Colours', card.colors.join(', ')) : undefined,
    card.sizes.length ? field('Sizes', card.sizes.join(', ')) : undefined,
  ].filter((f): f is types.MrkdwnElement => f !== undefined);
  const price =
    card.unit_price_at_quantity === null
      ? ''
      : ` — ${money(card.unit_price_at_quantity, card.currency)} at ${card.price_quantity} pcs`;
  return {
    blocks: [
      {
        ...section(rtl + title + why, card.image_url, card.title),
        fields: fields.slice(0, BLOCK_LIMITS.fieldsPerSection),
      },
      { type: 'divider' },
    ],
    fallback: escapeMrkdwn(`• ${card.title} (${card.sku})${price}, MOQ ${card.moq}`),
  };
}

function bundleItemUnit(item: BundleItem, quantity: number, rtl: string): Unit {
  const facts = [item.category, item.color, `${money(item.unit_price_at_quantity, item.currency)} at ${quantity} pcs`]
    .filter(Boolean)
    .join(' · ');
  const text = `*${mrkdwn(item.title, 500)}* (${mrkdwn(item.sku, 100)})\n${mrkdwn(facts, 500)}\n_${mrkdwn(item.why, 1500)}_`;
  return {
    blocks: [section(rtl + text, item.image_url, item.title)],
    fallback: escapeMrkdwn(`• ${item.title} (${item.sku})`),
  };
}

function shortlistUnit(line: ShortlistLine, rtl: string): Unit {
  const facts = [
    `${line.quantity} pcs`,
    line.unit_price_at_quantity === null ? undefined : `${money(line.unit_price_at_quantity, line.currency)} each`,
    line.color,
    line.size,
  ]
    .filter(Boolean)
    .join(' · ');
  return {
    blocks: [section(`${rtl}*${mrkdwn(line.title, 500)}* (${mrkdwn(line.sku, 100)})\n${mrkdwn(facts, 1000)}`)],
    fallback: escapeMrkdwn(`• ${line.title} (${line.sku}): ${line.quantity} pcs`),
  };
}

/** Slack allows 25 elements per actions block; action_id must be unique within a message. */
function actionUnits(buttons: Button[]): Unit[] {
  const units: Unit[] = [];
  for (let start = 0; start < buttons.length; start += BLOCK_LIMITS.actionsElements) {
    const elements = buttons.slice(start, start + BLOCK_LIMITS.actionsElements).map((button, i): types.Button => ({
      type: 'button',
      text: { type: 'plain_text', text: truncate(button.label || '…', BLOCK_LIMITS.buttonText), emoji: true },
      // The short id is all the engine needs; the label stays on the button.
      value: button.id,
      action_id: `showroom_${start + i}_${button.id}`.slice(0, 255),
    }));
    units.push({ blocks: [{ type: 'actions', elements }], fallback: '' });
  }
  return units;
}

function section(text: string, imageUrl?: string | null, altText?: string): types.SectionBlock {
  const block: types.SectionBlock = {
    type: 'section',
    text: { type: 'mrkdwn', text: truncate(text, BLOCK_LIMITS.sectionText) },
  };
  if (imageUrl && /^https?:\/\//.test(imageUrl) && imageUrl.length <= BLOCK_LIMITS.imageUrl) {
    block.accessory = { type: 'image', image_url: imageUrl, alt_text: truncate(altText || 'product photo', 2000) };
  }
  return block;
}

function header(text: string): types.HeaderBlock {
  return { type: 'header', text: { type: 'plain_text', text: truncate(text, BLOCK_LIMITS.headerText), emoji: true } };
}

function field(label: string, value: string): types.MrkdwnElement {
  return { type: 'mrkdwn', text: truncate(`*${label}*\n${escapeMrkdwn(value)}`, BLOCK_LIMITS.fieldText) };
}

function money(amount: number, currency: string): string {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency, maximumFractionDigits: 4 }).format(amount);
  } catch {
    return `${amount} ${currency}`;
  }
}

function firstLine(text: string): string {
  return escapeMrkdwn(text.split('\n', 1)[0] ?? '');
}
