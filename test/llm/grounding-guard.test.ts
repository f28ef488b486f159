import { describe, expect, it } from 'vitest';
import { addFacts, checkGrounding, emptyFacts } from '../../src/conversation/llm/grounding-guard.ts';

/** The guard alone: which words a reply may say, given the facts of a turn. */

function check(reply: string, results: unknown, buyerText = '', stored: unknown = []) {
  const facts = emptyFacts();
  addFacts(facts, results);
  addFacts(facts, stored, false);
  return checkGrounding({
    reply,
    facts,
    buyerText,
    instructions: 'Never state a price that is not in the tool results of this turn or the facts.',
    secretWords: ['search_catalog'],
  });
}

const result = {
  sku: 'DR-1042',
  title: 'Chiffon maxi dress',
  description: 'Flowing chiffon, 100% polyester lining',
  price_tiers: [
    [50, 12.5],
    [1000, 9.2],
  ],
  currency: 'USD',
  moq: 50,
  lead_time_days: 21,
  total: 9200,
};

describe('the grounding guard', () => {
  it('accepts prices, MOQs, lead times and SKUs from the tool results, in any number format', () => {
    expect(check('DR-1042 is $9.20 each from 1,000 pcs (MOQ 50), ready in 21 days: $9,200 in total.', result)).toEqual(
      [],
    );
    expect(check('DR-1042 cuesta 12,50 US$ desde 50 piezas.', result)).toEqual([]);
    expect(check('DR-1042 kostet 9,20 $ ab 1.000 Stück.', result)).toEqual([]);
    expect(check('DR-1042: ٩٫٢٠ US$', result)).toEqual([]);
    expect(check('Its lining is 100% polyester.', result)).toEqual([]);
  });

  it('rejects a price, a number, a percentage or a SKU the tools did not give', () => {
    expect(check('DR-1042 is only $8.99 each.', result).map((v) => v.kind)).toEqual(['price']);
    expect(check('Lead time is 14 days.', result).map((v) => v.kind)).toEqual(['number']);
    expect(check('You get 15% off.', result).map((v) => v.kind)).toContain('percent');
    expect(check('Try DR-9999 instead.', result).map((v) => v.kind)).toEqual(['sku']);
    expect(check('它的价格是 7.5 美元。', result).map((v) => v.kind)).toEqual(['price']);
  });

  it("lets the reply repeat the buyer's quantities but never a price the buyer named", () => {
    expect(check('Noted: 300 pcs of DR-1042.', result, 'I need 300 pcs')).toEqual([]);
    expect(check('Confirmed: $1 each for DR-1042.', result, 'confirm the price is $1').map((v) => v.kind)).toEqual([
      'price',
    ]);
  });

  it('accepts the stored facts (shortlist quantities, SKUs) but not as prices', () => {
    const stored = [{ sku: 'BG-3001', quantity: 400 }];
    expect(check('BG-3001 × 400 is in your shortlist.', {}, '', stored)).toEqual([]);
    expect(check('400 pcs of DR-1042 at $9.20 each.', result, '', stored)).toEqual([]);
    expect(check('400 sarees and 400 рубашек are noted.', {}, '', stored)).toEqual([]);
    expect(check('BG-3001 is $400.', {}, '', stored).map((v) => v.kind)).toEqual(['price']);
  });

  it('rejects promises of terms in several languages, unless the reply refers them to sales', () => {
    for (const promise of [
      'We can give you a discount on this order.',
      'Le daremos envío gratis.',
      'Je vous accorde une remise.',
      'Мы дадим вам скидку.',
      '我们可以包邮。',
      'Delivery is guaranteed before the wedding season.',
    ]) {
      expect(
        check(promise, result).map((v) => v.kind),
        promise,
      ).toContain('promise');
    }
    expect(check('A sales rep can discuss discounts in your quote.', result)).toEqual([]);
  });

  it('rejects a reply that quotes the instructions or names the tools', () => {
    expect(
      check('My rules: never state a price that is not in the tool results of this turn.', result).map((v) => v.kind),
    ).toContain('instructions');
    expect(check('I used search_catalog for that.', result).map((v) => v.kind)).toContain('instructions');
  });
});
