import { describe, expect, it } from 'vitest';
import { escapeMrkdwn, splitText, truncate } from '../../adapters/slack/mrkdwn.ts';
import type { types } from '@slack/bolt';
import { BLOCK_LIMITS, renderMessages, withoutImages, type SlackMessage } from '../../adapters/slack/render-blocks.ts';
import type { Bundle } from '../../src/bundles/bundle.ts';
import type { OutboundMessage, ProductCard } from '../../src/conversation/messages.ts';
import { blockProblems } from '../helpers/fake-slack-api.ts';

function card(i: number, overrides: Partial<ProductCard> = {}): ProductCard {
  return {
    sku: `DR-${1000 + i}`,
    title: `Chiffon maxi dress ${i}`,
    category: 'dress',
    image_url: `https://img.example/DR-${1000 + i}.png`,
    colors: ['red', 'white'],
    sizes: ['S', 'M'],
    price_tiers: [
      { min_qty: 50, unit_price: 13.2 },
      { min_qty: 200, unit_price: 11.8 },
    ],
    currency: 'USD',
    moq: 50,
    lead_time_days: 17,
    sample: { price: 18, days: 7 },
    unit_price_at_quantity: 11.8,
    price_quantity: 300,
    why: 'red chiffon, for beach weddings',
    ...overrides,
  };
}

const buttons = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `id${i}`, label: `${i + 1}. Details` }));
const actionElements = (message: SlackMessage) =>
  message.blocks.flatMap((b) => (b.type === 'actions' ? (b.elements as types.Button[]) : []));

describe('rendering replies as Block Kit', () => {
  it('shows a product card with its image, price tiers, MOQ, lead time and sample as fields', () => {
    const [message] = renderMessages({ kind: 'products', text: 'Here is what I found', items: [card(1)] });
    const section = message!.blocks.find((b) => b.type === 'section' && 'accessory' in b) as types.SectionBlock;
    expect(section.accessory).toMatchObject({ type: 'image', image_url: 'https://img.example/DR-1001.png' });
    const fields = section.fields!.map((f) => f.text);
    expect(fields).toEqual(
      expect.arrayContaining([
        '*Price*\n50+ pcs: $13.20\n200+ pcs: $11.80',
        '*At 300 pcs*\n$11.80 each',
        '*MOQ*\n50 pcs',
        '*Lead time*\n17 days',
        '*Sample*\n$18.00 · 7 days',
      ]),
    );
    expect(message!.text).toContain('Here is what I found');
    expect(message!.text).toContain('Chiffon maxi dress 1 (DR-1001) — $11.80 at 300 pcs, MOQ 50');
  });

  it('puts buttons in actions blocks of at most 25, each carrying its short id', () => {
    const many = buttons(60).map((b, i) => (i === 0 ? { ...b, label: 'A very long label '.repeat(10) } : b));
    const [message, ...rest] = renderMessages({ kind: 'text', text: 'Choose', buttons: many });
    expect(rest).toEqual([]);
    const actions = message!.blocks.filter((b) => b.type === 'actions') as Array<{ elements: unknown[] }>;
    expect(actions.map((a) => a.elements.length)).toEqual([25, 25, 10]);
    const elements = actionElements(message!);
    expect(elements.map((e) => e.value)).toEqual(many.map((b) => b.id));
    expect(new Set(elements.map((e) => e.action_id)).size).toBe(60);
    expect(elements[0]!.text.text).toHaveLength(BLOCK_LIMITS.buttonText);
    expect(elements[0]!.text.text.endsWith('…')).toBe(true);
    expect(blockProblems(message!)).toEqual([]);
  });

  it('splits a reply needing more than 50 blocks into several messages, cards whole, buttons last', () => {
    const reply: OutboundMessage = {
      kind: 'products',
      text: 'Thirty dresses',
      items: Array.from({ length: 30 }, (_, i) => card(i)),
      buttons: buttons(30),
    };
    const messages = renderMessages(reply);
    expect(messages.length).toBe(2);
    for (const message of messages) {
      expect(message.blocks.length).toBeLessThanOrEqual(50);
      expect(blockProblems(message)).toEqual([]);
      // a card is its section and a divider: never split between messages
      expect(message.blocks.at(-1)!.type === 'divider' || message.blocks.at(-1)!.type === 'actions').toBe(true);
    }
    expect(messages[1]!.text.startsWith('(2/2) ')).toBe(true);
    expect(messages[1]!.text).toContain('DR-1029');
    expect(messages[0]!.blocks.filter((b) => b.type === 'actions')).toEqual([]);
    expect(actionElements(messages[1]!)).toHaveLength(30);
    const skus = messages.flatMap((m) => JSON.stringify(m.blocks).match(/DR-\d+(?=\))/g) ?? []);
    expect(new Set(skus).size).toBe(30);
  });

  it('keeps a very long text whole, in sections of at most 3,000 characters', () => {
    const paragraph = 'Silk & satin <gown> with hand-finished seams. '.repeat(40);
    const text = Array.from({ length: 80 }, () => paragraph).join('\n');
    const messages = renderMessages({ kind: 'text', text });
    expect(messages.length).toBeGreaterThan(1);
    const sections = messages.flatMap((m) => m.blocks) as Array<{ text: { text: string } }>;
    for (const s of sections) expect(s.text.text.length).toBeLessThanOrEqual(BLOCK_LIMITS.sectionText);
    for (const m of messages) expect(blockProblems(m)).toEqual([]);
    expect(sections.map((s) => s.text.text).join('\n')).toBe(escapeMrkdwn(text));
  });

  it('escapes catalog text for mrkdwn, so it can neither ping a channel nor become a link', () => {
    const [message] = renderMessages({
      kind: 'products',
      text: 'Found <!channel> & more',
      items: [card(1, { title: '<https://evil.example|Pay here> & <!here>', why: 'a <b>bold</b> claim' })],
    });
    const json = JSON.stringify(message);
    expect(json).toContain('&lt;https://evil.example|Pay here&gt; &amp; &lt;!here&gt;');
    expect(json).toContain('a &lt;b&gt;bold&lt;/b&gt; claim');
    expect(message!.text).toBe(
      'Found &lt;!channel&gt; &amp; more\n• &lt;https://evil.example|Pay here&gt; &amp; &lt;!here&gt; (DR-1001) — $11.80 at 300 pcs, MOQ 50',
    );
  });

  it('cuts long fields and headers to their limits with "…"', () => {
    const colors = Array.from({ length: 100 }, (_, i) => `${'midnight blue '.repeat(14)}${i}`);
    const [products] = renderMessages({ kind: 'products', text: 'One', items: [card(1, { colors })] });
    expect(blockProblems(products!)).toEqual([]);
    const fields = (products!.blocks[1] as { fields: Array<{ text: string }> }).fields;
    const colours = fields.find((f) => f.text.startsWith('*Colours*'))!;
    expect(colours.text).toHaveLength(BLOCK_LIMITS.fieldText);
    expect(colours.text.endsWith('…')).toBe(true);

    const item = {
      sku: 'DR-1',
      title: 'Gown '.repeat(100),
      category: 'dress',
      subcategory: null,
      colors: ['red'],
      color: 'red',
      factory: null,
      unit_price_at_quantity: 12,
      currency: 'USD',
      moq: 50,
      image_url: null,
      why: 'the main piece',
    };
    const bundle: Bundle = {
      main: item,
      items: [{ ...item, sku: 'SH-1', category: 'shoes', why: 'gold goes with red' }],
      quantity: 300,
      total_unit_price: 24,
      total_price: 7200,
      currency: 'USD',
      occasion: 'wedding',
      notes: [],
    };
    const [set] = renderMessages({ kind: 'bundle', text: 'A set', bundle, items: [{ sku: 'DR-1' }, { sku: 'SH-1' }] });
    const header = set!.blocks[0] as { type: string; text: { text: string } };
    expect(header.type).toBe('header');
    expect(header.text.text).toHaveLength(BLOCK_LIMITS.headerText);
    expect(blockProblems(set!)).toEqual([]);
  });

  it('lays out Arabic replies right to left', () => {
    const [message] = renderMessages({ kind: 'text', text: 'وجدت ٥ فساتين', direction: 'rtl' });
    expect((message!.blocks[0] as { text: { text: string } }).text.text).toBe('\u200Fوجدت ٥ فساتين');
  });

  it('drops images on request, keeping the facts', () => {
    const [message] = renderMessages({ kind: 'products', text: 'One', items: [card(1)] });
    const plain = withoutImages(message!);
    expect(JSON.stringify(plain)).not.toContain('img.example');
    expect(JSON.stringify(plain)).toContain('*MOQ*');
  });
});

describe('mrkdwn text helpers', () => {
  it('never cuts inside an escape or a surrogate pair', () => {
    expect(truncate('ab&amp;cd', 5)).toBe('ab…');
    expect(truncate('ab🌸cd', 4)).toBe('ab…');
    expect(truncate('short', 5)).toBe('short');
    const pieces = splitText('x'.repeat(2999) + '&amp;' + 'y'.repeat(10), 3000);
    expect(pieces[0]).toBe('x'.repeat(2999));
    expect(pieces.join('')).toBe('x'.repeat(2999) + '&amp;' + 'y'.repeat(10));
  });
});
