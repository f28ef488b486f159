import { beforeAll, describe, expect, it } from 'vitest';
import { detectIntents } from '../../src/conversation/detect-intent.ts';
import {
  DEFAULT_HANDOFF_OFFERS,
  decideHandoffOffer,
  offerCues,
  offerLeads,
  type OfferMemory,
  type OfferSignals,
} from '../../src/handoff/handoff-offers.ts';
import { loadLexicon, type Lexicon } from '../../src/search/lexicon.ts';

/**
 * When the bot offers a sales rep unasked: the cues read from the buyer's
 * words (from the lexicon, in the buyer's language) and the decision that
 * offers each reason once, and never while sales already has the buyer.
 */

let lexicon: Lexicon;
beforeAll(async () => {
  lexicon = await loadLexicon();
});

const cuesOf = (text: string) => offerCues(detectIntents(lexicon, text), text);
const quiet: OfferSignals = { customization: false, negotiation: false, frustration: false, missed: false };
const context = { handoffStatus: 'none' as const, options: DEFAULT_HANDOFF_OFFERS };

describe('offerCues', () => {
  it.each([
    'can you do a better price?',
    'any discount for 500 pcs?',
    'that is too expensive',
    '¿me haces un descuento?',
    'vous pouvez faire un rabais ?',
    'tem desconto para 300 peças?',
    'gibt es Rabatt ab 500 Stück?',
    'а скидка будет?',
    'هل يوجد خصم؟',
    '能便宜点吗',
    '有折扣吗',
    "c'est trop cher",
  ])('reads haggling in "%s"', (text) => {
    expect(cuesOf(text)).toEqual({ negotiation: true, frustration: false });
  });

  it.each([
    'this is useless',
    "that's not what I asked for",
    "you don't understand",
    'esto es inútil',
    "n'importe quoi",
    'это бесполезно',
    '没用',
    'Nutzlos.',
    'ليس هذا ما طلبت',
    'black dresses???',
    'where is it?!?!',
    '!!?',
    '？？？',
    'وين المنتج؟؟؟',
  ])('reads frustration in "%s"', (text) => {
    expect(cuesOf(text)).toEqual({ negotiation: false, frustration: true });
  });

  it.each([
    'black evening dresses, 200 pcs',
    'how much for 500?',
    'something cheaper',
    'more cheaper ones please',
    'what is the price?',
    'is it in stock?',
    'muéstrame vestidos rojos',
    'покажи платья',
    '我要黑色连衣裙',
    'Thanks!!!',
    'Perfect, thank you so much!!!',
    'is it in stock?!',
  ])('finds no cue in "%s"', (text) => {
    expect(cuesOf(text)).toEqual({ negotiation: false, frustration: false });
  });
});

describe('decideHandoffOffer', () => {
  it('offers a rep above the large-quantity threshold, not at it', () => {
    expect(decideHandoffOffer({ ...quiet, quantity: 1000 }, undefined, context).reason).toBeUndefined();
    expect(decideHandoffOffer({ ...quiet, quantity: 1001 }, undefined, context).reason).toBe('large_quantity');
    const low = { ...context, options: { largeQuantity: 200 } };
    expect(decideHandoffOffer({ ...quiet, quantity: 300 }, undefined, low).reason).toBe('large_quantity');
  });

  it('offers each reason once per conversation', () => {
    const first = decideHandoffOffer({ ...quiet, customization: true }, undefined, context);
    expect(first.reason).toBe('custom');
    expect(decideHandoffOffer({ ...quiet, customization: true }, first.memory, context).reason).toBeUndefined();
    expect(decideHandoffOffer({ ...quiet, negotiation: true }, first.memory, context).reason).toBe('negotiation');
  });

  it('offers after two misses in a row, and a hit in between starts the count again', () => {
    let memory: OfferMemory | undefined;
    const turn = (signals: Partial<OfferSignals>) => {
      const decision = decideHandoffOffer({ ...quiet, ...signals }, memory, context);
      memory = decision.memory;
      return decision.reason;
    };
    expect(turn({ missed: true })).toBeUndefined();
    expect(turn({ missed: false })).toBeUndefined();
    expect(turn({ missed: true })).toBeUndefined();
    expect(turn({ missed: true })).toBe('misses');
    expect(turn({ missed: true })).toBeUndefined();
    expect(turn({ missed: true })).toBeUndefined();
  });

  it('counts a haggling or frustrated message as understood, not as a miss', () => {
    const once = decideHandoffOffer({ ...quiet, missed: true }, undefined, context);
    const haggled = decideHandoffOffer({ ...quiet, missed: true, negotiation: true }, once.memory, context);
    expect(haggled.reason).toBe('negotiation');
    expect(haggled.memory.misses).toBe(0);
  });

  it('offers once for a message with several reasons, the strongest first, and remembers them all', () => {
    const both = decideHandoffOffer(
      { ...quiet, customization: true, quantity: 5000, frustration: true },
      undefined,
      context,
    );
    expect(both.reason).toBe('frustration');
    expect(both.memory.offered).toEqual(['frustration', 'custom', 'large_quantity']);
    expect(decideHandoffOffer({ ...quiet, quantity: 5000 }, both.memory, context).reason).toBeUndefined();
  });

  it.each(['open', 'queued', 'claimed'] as const)('offers nothing while the hand-off is %s', (handoffStatus) => {
    const decision = decideHandoffOffer({ ...quiet, negotiation: true, quantity: 9000 }, undefined, {
      ...context,
      handoffStatus,
    });
    expect(decision.reason).toBeUndefined();
    expect(decision.memory.offered).toEqual([]);
  });

  it('offers again after a closed hand-off, for reasons not offered before', () => {
    const memory: OfferMemory = { offered: ['large_quantity'], misses: 0 };
    const closed = { ...context, handoffStatus: 'closed' as const };
    expect(decideHandoffOffer({ ...quiet, quantity: 9000 }, memory, closed).reason).toBeUndefined();
    expect(decideHandoffOffer({ ...quiet, frustration: true }, memory, closed).reason).toBe('frustration');
  });

  it('lets haggling and frustration lead the reply, the others follow the answer', () => {
    expect(offerLeads('negotiation')).toBe(true);
    expect(offerLeads('frustration')).toBe(true);
    expect(offerLeads('custom')).toBe(false);
    expect(offerLeads('large_quantity')).toBe(false);
    expect(offerLeads('misses')).toBe(false);
  });
});
