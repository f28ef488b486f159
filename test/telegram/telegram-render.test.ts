import { describe, expect, it } from 'vitest';
import { renderReply } from '../../adapters/telegram/telegram-render.ts';
import { escapeHtml, messagePieces, splitText } from '../../adapters/telegram/telegram-text.ts';
import { readMessage } from '../../adapters/telegram/telegram-update.ts';
import type { OutboundMessage, ProductCard } from '../../src/conversation/messages.ts';
import type { Message } from 'grammy/types';
import { visibleText } from './telegram-fixture.ts';

const LIMITS = { messageChars: 4096, captionChars: 1024 };
const RLM = '\u200F';

const card = (sku: string, extra: Partial<ProductCard> = {}): ProductCard => ({
  sku,
  title: `Linen shirt ${sku}`,
  category: 'top',
  image_url: `https://img.example/${sku}.jpg`,
  colors: ['white'],
  sizes: ['M'],
  price_tiers: [{ min_qty: 50, unit_price: 8 }],
  currency: 'USD',
  moq: 50,
  lead_time_days: 12,
  sample: null,
  unit_price_at_quantity: 8,
  price_quantity: 100,
  ...extra,
});

describe('splitting long text', () => {
  it('cuts at a paragraph break, then a line break, then a space, and only mid-word for a giant word', () => {
    const paragraph = 'word '.repeat(300).trim(); // 1499 characters
    expect(splitText([paragraph, paragraph, paragraph].join('\n\n'), 4096)).toEqual([
      `${paragraph}\n\n${paragraph}`,
      paragraph,
    ]);
    expect(splitText(`${'a'.repeat(3000)}\n${'b'.repeat(3000)}`, 4096)).toEqual(['a'.repeat(3000), 'b'.repeat(3000)]);
    expect(splitText(`${'a '.repeat(2500)}`, 4096).every((piece) => piece.length <= 4096 && !/ $/.test(piece))).toBe(
      true,
    );
    expect(splitText('x'.repeat(5000), 4096).map((piece) => piece.length)).toEqual([4096, 904]);
  });

  it('never splits an emoji in two', () => {
    const pieces = splitText(`${'x'.repeat(4095)}😀tail`, 4096);
    expect(pieces[0]).toBe('x'.repeat(4095));
    expect(pieces[1]).toBe('😀tail');
  });

  it('marks every right-to-left piece and line with a RIGHT-TO-LEFT MARK and stays under the limit', () => {
    const arabic = 'DR-1001 فستان ماكسي شيفون\n'.repeat(400);
    const pieces = messagePieces(arabic, 4096, 'rtl');
    expect(pieces.length).toBeGreaterThan(1);
    for (const piece of pieces) {
      expect(piece.length).toBeLessThanOrEqual(4096);
      for (const line of piece.split('\n')) expect(line.startsWith(RLM)).toBe(true);
    }
  });

  it('escapes only what parse_mode HTML reads', () => {
    expect(escapeHtml('<b>Tom & Jerry</b> "quoted"')).toBe('&lt;b&gt;Tom &amp; Jerry&lt;/b&gt; "quoted"');
  });
});

describe('rendering a reply', () => {
  it('puts two buttons a row on the last card and leaves out an id longer than 64 bytes', () => {
    const reply: OutboundMessage = {
      kind: 'products',
      text: 'Here is what I found:',
      items: [card('TP-1'), card('TP-2', { image_url: null })],
      buttons: [
        { id: 'aaaa1111', label: '1. Details' },
        { id: 'bbbb2222', label: '1. Add to quote' },
        { id: 'c'.repeat(65), label: 'Too long' },
        { id: 'dddd4444', label: 'Show more' },
      ],
    };
    const { sends, droppedButtons } = renderReply(reply, LIMITS);
    expect(sends.map((send) => send.method)).toEqual(['sendMessage', 'sendPhoto', 'sendMessage']);
    expect(droppedButtons.map((b) => b.label)).toEqual(['Too long']);
    const last = sends[2]!;
    expect(last.method === 'sendMessage' && last.text).toMatch(
      /^<b>2\. Linen shirt TP-2<\/b>\nTP-2 · \$8\.00 × 100 pcs/,
    );
    expect('keyboard' in last && last.keyboard?.inline_keyboard).toEqual([
      [
        { text: '1. Details', callback_data: 'aaaa1111' },
        { text: '1. Add to quote', callback_data: 'bbbb2222' },
      ],
      [{ text: 'Show more', callback_data: 'dddd4444' }],
    ]);
  });

  it('shows a bundle as one album, then its text with the buttons', () => {
    const piece = (sku: string, category: string) => ({
      sku,
      title: `Piece ${sku}`,
      category,
      subcategory: null,
      colors: ['gold'],
      color: 'gold',
      factory: null,
      unit_price_at_quantity: 5,
      currency: 'USD',
      moq: 50,
      image_url: `https://img.example/${sku}.jpg`,
      why: 'goes with it',
    });
    const reply: OutboundMessage = {
      kind: 'bundle',
      text: 'A set around Dress (DR-1):\n• shoes: Piece SH-1',
      bundle: {
        main: piece('DR-1', 'dress'),
        items: [piece('SH-1', 'shoes'), { ...piece('BG-1', 'bag'), image_url: null }],
        quantity: 100,
        total_unit_price: 10,
        total_price: 1000,
        currency: 'USD',
        occasion: null,
        notes: [],
      },
      items: [{ sku: 'DR-1' }, { sku: 'SH-1' }, { sku: 'BG-1' }],
      buttons: [{ id: 'eeee5555', label: 'Add to quote: shoes' }],
    };
    const { sends } = renderReply(reply, LIMITS);
    expect(sends.map((send) => send.method)).toEqual(['sendMediaGroup', 'sendMessage']);
    const album = sends[0]!;
    expect(album.method === 'sendMediaGroup' && album.media.map((m) => [m.media, m.caption])).toEqual([
      ['https://img.example/DR-1.jpg', '<b>dress: Piece DR-1 (DR-1)</b>'],
      ['https://img.example/SH-1.jpg', '<b>shoes: Piece SH-1 (SH-1)</b>'],
    ]);
    expect('keyboard' in sends[1]! && sends[1].keyboard).toBeTruthy();
  });

  it('keeps a caption within 1024 characters by shortening the longest line, and marks right-to-left captions', () => {
    const long = card('TP-3', { title: 'T'.repeat(500), why: 'because '.repeat(200) });
    const { sends } = renderReply({ kind: 'products', text: '', items: [long], direction: 'rtl' }, LIMITS);
    expect(sends).toHaveLength(1);
    const photo = sends[0]!;
    if (photo.method !== 'sendPhoto') throw new Error('expected a photo');
    const caption = visibleText(photo.caption);
    expect(caption.length).toBeLessThanOrEqual(1024);
    expect(caption.split('\n')[1]).toBe(`${RLM}TP-3 · $8.00 × 100 pcs · MOQ 50`);
    expect(caption.split('\n').every((line) => line.startsWith(RLM))).toBe(true);
  });
});

describe('reading a message', () => {
  const bot = { id: 666, username: 'ShowroomBot' };
  const base = {
    message_id: 1,
    date: 0,
    chat: { id: -5, type: 'supergroup', title: 'Buyers' },
    from: { id: 9, is_bot: false, first_name: 'Ana' },
  };
  const message = (extra: object) => ({ ...base, ...extra }) as unknown as Message;

  it('strips a mention in the middle of the text and a text_mention of the bot', () => {
    expect(
      readMessage(
        message({ text: 'hi @showroombot, 50 bags', entities: [{ type: 'mention', offset: 3, length: 12 }] }),
        bot,
      ),
    ).toEqual({ addressed: true, text: 'hi , 50 bags' });
    expect(
      readMessage(
        message({
          text: 'Showroom red scarves',
          entities: [{ type: 'text_mention', offset: 0, length: 8, user: { id: 666, is_bot: true, first_name: 'S' } }],
        }),
        bot,
      ),
    ).toEqual({ addressed: true, text: 'red scarves' });
  });

  it('takes the largest size of a photo, and ignores a photo in a group unless it is addressed', () => {
    const photo = [
      { file_id: 'small', file_unique_id: 's', width: 90, height: 90 },
      { file_id: 'large', file_unique_id: 'l', width: 1280, height: 1280 },
    ];
    expect(readMessage(message({ photo, caption: 'like this' }), bot)).toEqual({
      addressed: false,
      reason: 'not addressed in a group',
    });
    expect(
      readMessage(
        message({
          photo,
          caption: '@ShowroomBot like this',
          caption_entities: [{ type: 'mention', offset: 0, length: 12 }],
        }),
        bot,
      ),
    ).toEqual({ addressed: true, text: 'like this', photoFileId: 'large' });
  });
});
