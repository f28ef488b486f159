import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseBundleRules } from '../../src/bundles/bundle-rules.ts';
import { createBundleSuggester } from '../../src/bundles/bundle-suggester.ts';
import { priceAtQuantity } from '../../src/catalog/product.ts';
import { categories, harmonises, openBundleFixture, skus, type BundleFixture } from './bundle-fixture.ts';

let f: BundleFixture;
beforeAll(async () => {
  f = await openBundleFixture();
});
afterAll(() => f?.close());

describe('complements by occasion', () => {
  it('builds a beach set around a beach dress: shoes, bag, hat, sunglasses and jewellery, in that order', async () => {
    // DR-1158: a white sundress tagged beach, with no curated look.
    const bundle = await f.suggester.suggest({ sku: 'DR-1158', quantity: 300 });
    expect(bundle.occasion).toBe('beach');
    expect(categories(bundle)).toEqual(['shoes', 'bag', 'hat', 'sunglasses', 'jewelry']);
    expect(bundle.curated).toBeUndefined();
    expect(bundle.notes).toContain("For beach (from the dress's tags).");
  });

  it('follows the occasion the buyer names: an office set has a belt and no hat or sunglasses', async () => {
    const bundle = await f.suggester.suggest({ sku: 'DR-1158', quantity: 300, occasion: 'office' });
    expect(bundle.occasion).toBe('office');
    expect(categories(bundle)).toEqual(['shoes', 'bag', 'belt', 'jewelry']);
  });

  it("reads the occasion in the buyer's own words", async () => {
    const bundle = await f.suggester.suggest({ sku: 'DR-1158', quantity: 300, occasion: 'soirée' });
    expect(bundle.occasion).toBe('evening');
    expect(categories(bundle)).toEqual(['shoes', 'bag', 'jewelry']);
  });

  it('uses the default pieces when the rules have no list for that occasion, and says so', async () => {
    const bundle = await f.suggester.suggest({ sku: 'TP-1001', occasion: 'party' });
    const allowed = f.rules.complements.top!.default!;
    expect(categories(bundle).every((c) => allowed.includes(c))).toBe(true);
    expect(bundle.notes.join(' ')).toContain('no party list for a top');
  });

  it('prefers pieces tagged for the occasion', async () => {
    const bundle = await f.suggester.suggest({ sku: 'DR-1158', quantity: 300 });
    for (const item of bundle.items) expect(f.product(item.sku).tags).toContain('beach');
  });

  it('never offers two pieces of one category, archived products or the main product itself', async () => {
    for (const sku of ['DR-1001', 'DR-1158', 'JS-1003', 'SK-1004', 'TP-1003']) {
      const bundle = await f.suggester.suggest({ sku });
      expect(new Set(categories(bundle)).size).toBe(bundle.items.length);
      expect(bundle.items.length).toBeGreaterThanOrEqual(2);
      expect(bundle.items.length).toBeLessThanOrEqual(5);
      for (const item of bundle.items) {
        expect(f.product(item.sku).status).toBe('active');
        expect(item.sku).not.toBe(sku);
      }
    }
  });
});

describe('colour harmony', () => {
  it("offers every piece in the dress's colour, a colour of its palette, or a neutral", async () => {
    for (const sku of ['DR-1001', 'DR-1028', 'DR-1141', 'DR-1161', 'TP-1001']) {
      const bundle = await f.suggester.suggest({ sku });
      for (const item of bundle.items) expect(harmonises(f.rules, bundle, item, f.product(item.sku))).toBe(true);
    }
  });

  it('builds around the colour the buyer picks from the main product', async () => {
    const red = await f.suggester.suggest({ sku: 'DR-1001', quantity: 200, occasion: 'office' });
    expect(red.items.find((item) => item.category === 'bag')?.color).toBe('red');
    const skyBlue = await f.suggester.suggest({ sku: 'DR-1001', quantity: 200, occasion: 'office', color: 'sky blue' });
    expect(skyBlue.main.color).toBe('sky blue');
    for (const item of skyBlue.items) {
      expect(item.color).not.toBe('red');
      expect(harmonises(f.rules, skyBlue, item, f.product(item.sku))).toBe(true);
    }
  });

  it('says which colour it picked and why in each piece', async () => {
    const bundle = await f.suggester.suggest({ sku: 'DR-1158', quantity: 300 });
    for (const item of bundle.items)
      expect(item.why.startsWith(`${item.color} `) || item.why.startsWith(`neutral ${item.color}`)).toBe(true);
  });
});

describe('MOQ and quantity', () => {
  it("defaults the quantity to the main product's MOQ", async () => {
    const bundle = await f.suggester.suggest({ sku: 'DR-1001' });
    expect(bundle.quantity).toBe(50);
  });

  it('offers only pieces whose MOQ fits the quantity, and says which category found none', async () => {
    const bundle = await f.suggester.suggest({ sku: 'DR-1008', quantity: 1 });
    for (const item of bundle.items) expect(item.moq).toBe(1);
    expect(categories(bundle)).not.toContain('sunglasses');
    expect(bundle.notes).toContain('No sunglasses in the set: none active with an MOQ of 1 or less.');
    const bigger = await f.suggester.suggest({ sku: 'DR-1008', quantity: 300 });
    expect(categories(bigger)).toContain('sunglasses');
  });

  it("prices every piece at the buyer's quantity and totals the set in the main's currency", async () => {
    // DR-1028 is priced in CNY; its shoes, bag and hat in USD.
    const bundle = await f.suggester.suggest({ sku: 'DR-1028', quantity: 50 });
    expect(bundle.currency).toBe('CNY');
    let total = priceAtQuantity(f.product('DR-1028').price_tiers, 50)!;
    expect(bundle.main.unit_price_at_quantity).toBe(total);
    for (const item of bundle.items) {
      const product = f.product(item.sku);
      const unit = priceAtQuantity(product.price_tiers, 50)!;
      expect(item.unit_price_at_quantity).toBe(unit);
      expect(item.currency).toBe(product.currency);
      total += (unit * f.usd(product.currency)) / f.usd('CNY');
    }
    expect(bundle.total_unit_price).toBeCloseTo(total, 2);
    expect(bundle.total_price).toBeCloseTo(bundle.total_unit_price * 50, 2);
    expect(bundle.items.some((item) => item.currency === 'USD')).toBe(true);
  });
});

describe('price band', () => {
  it('keeps every piece within the ratio of the main unit price, compared in one currency', async () => {
    const ratio = f.rules.price_band.max_ratio_to_main;
    for (const [sku, quantity] of [
      ['DR-1010', 100],
      ['DR-1028', 10],
      ['TP-1005', 50],
      ['JS-1003', 5],
    ] as const) {
      const bundle = await f.suggester.suggest({ sku, quantity });
      const mainUsd = bundle.main.unit_price_at_quantity * f.usd(bundle.currency);
      for (const item of bundle.items)
        expect(item.unit_price_at_quantity * f.usd(item.currency)).toBeLessThanOrEqual(ratio * mainUsd + 1e-9);
    }
  });

  it("follows an admin's tighter band and explains the categories it empties", async () => {
    const tight = parseBundleRules({ ...f.rules, price_band: { max_ratio_to_main: 0.4 } });
    const suggester = createBundleSuggester(f.catalog.db, { rules: tight, lexicon: f.catalog.lexicon });
    const bundle = await suggester.suggest({ sku: 'DR-1158', quantity: 300 });
    for (const item of bundle.items) expect(item.unit_price_at_quantity).toBeLessThanOrEqual(0.4 * 8.4 + 1e-9);
    expect(categories(bundle)).not.toContain('shoes');
    expect(bundle.notes.find((n) => n.startsWith('No shoes'))).toMatch(/cost more than 0\.4× the dress/);
  });
});

describe('curated looks', () => {
  it('loads the seed looks into an empty table once', async () => {
    expect(f.curatedLoaded).toBe(13);
  });

  it('takes precedence when the main product has one and its pieces still fit', async () => {
    const bundle = await f.suggester.suggest({ sku: 'DR-1001' });
    expect(bundle.curated).toEqual({ id: 'beach-wedding-red', name: 'Beach wedding guest in red' });
    expect(skus(bundle)).toEqual(['SH-2004', 'BG-3001', 'HT-7001', 'SG-8004', 'JW-4012']);
    for (const item of bundle.items) {
      expect(item.curated).toBe(true);
      expect(item.why).toContain('from the curated look "Beach wedding guest in red"');
    }
  });

  it('replaces a curated piece whose MOQ is above the quantity, and says so', async () => {
    const bundle = await f.suggester.suggest({ sku: 'DR-1183', quantity: 20 });
    expect(bundle.curated?.id).toBe('kaftan-beach');
    expect(skus(bundle)).not.toContain('SG-8005');
    const sunglasses = bundle.items.find((item) => item.category === 'sunglasses')!;
    expect(sunglasses.moq).toBeLessThanOrEqual(20);
    expect(sunglasses.curated).toBeUndefined();
    expect(bundle.notes).toContain('Curated SG-8005 left out: its MOQ 300 is above 20 pcs.');
  });

  it('leaves out an archived curated piece and one of a category the rules do not list', async () => {
    await f.catalog.db.query(
      `insert into curated_bundles (id, name, main_sku, item_skus, occasion)
       values ('test-blue-kaftan', 'Blue kaftan test', 'DR-1189', '{SH-2004,JW-4006,BT-5001}', 'beach')`,
    );
    const bundle = await f.suggester.suggest({ sku: 'DR-1189', quantity: 100 });
    expect(bundle.curated?.id).toBe('test-blue-kaftan');
    expect(bundle.items[0]).toMatchObject({ sku: 'SH-2004', curated: true });
    expect(skus(bundle)).not.toContain('JW-4006');
    expect(categories(bundle)).toContain('jewelry');
    expect(bundle.notes).toContain('Curated JW-4006 left out: it is archived.');
    expect(bundle.notes).toContain('Curated BT-5001 left out: the rules list no belt for this set.');
  });

  it('gives way when the buyer asks for another occasion', async () => {
    const bundle = await f.suggester.suggest({ sku: 'DR-1001', quantity: 200, occasion: 'office' });
    expect(bundle.curated).toBeUndefined();
    expect(categories(bundle)).toEqual(['shoes', 'bag', 'belt', 'jewelry']);
  });
});

describe('answers', () => {
  it('gives the same bundle for the same request', async () => {
    const first = await f.suggester.suggest({ sku: 'DR-1161', quantity: 50 });
    const second = await f.suggester.suggest({ sku: 'DR-1161', quantity: 50 });
    expect(second).toEqual(first);
  });

  it('explains each piece with catalog facts: its price at the quantity and its MOQ', async () => {
    const bundle = await f.suggester.suggest({ sku: 'DR-1158', quantity: 300 });
    for (const item of bundle.items) {
      expect(item.why).toContain(`${item.unit_price_at_quantity.toFixed(2)} ${item.currency} each at 300 pcs`);
      expect(item.why).toContain(`MOQ ${item.moq}`);
    }
  });

  it('never offers an excluded SKU', async () => {
    const bundle = await f.suggester.suggest({ sku: 'DR-1001', exclude: ['SH-2004', 'BG-3001'] });
    expect(skus(bundle)).not.toContain('SH-2004');
    expect(skus(bundle)).not.toContain('BG-3001');
    expect(categories(bundle).slice(0, 2)).toEqual(['shoes', 'bag']);
  });
});

describe('errors', () => {
  it.each([
    [{ sku: 'NOPE-1' }, 'UNKNOWN_SKU', 'No product has the SKU "NOPE-1"'],
    [{ sku: 'DR-1077' }, 'ARCHIVED_SKU', 'DR-1077 is archived'],
    [{ sku: 'SH-2001' }, 'NO_RULES', 'No bundle rules for the category "shoes"'],
    [{ sku: 'DR-1001', quantity: 10 }, 'BELOW_MOQ', 'DR-1001 has an MOQ of 50 pcs; ask for 50 or more.'],
    [{ sku: 'DR-1001', quantity: 2.5 }, 'INVALID_QUANTITY', 'whole number'],
    [{ sku: 'DR-1001', occasion: 'funeral' }, 'UNKNOWN_OCCASION', 'use one of beach, wedding guest'],
    [{ sku: 'DR-1001', color: 'purple' }, 'UNKNOWN_COLOR', 'DR-1001 comes in red, blush, sky blue, white, not purple'],
  ])('%j is refused with %s', async (request, code, message) => {
    await expect(f.suggester.suggest(request)).rejects.toMatchObject({ name: 'BundleError', code });
    await expect(f.suggester.suggest(request)).rejects.toThrow(message);
  });
});
