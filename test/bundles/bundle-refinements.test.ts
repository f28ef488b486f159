import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bundle } from '../../src/bundles/bundle.ts';
import { openBundleFixture, skus, type BundleFixture } from './bundle-fixture.ts';

let f: BundleFixture;
beforeAll(async () => {
  f = await openBundleFixture();
});
afterAll(() => f?.close());

const piece = (bundle: Bundle, category: string) => bundle.items.find((item) => item.category === category)!;
const others = (bundle: Bundle, category: string) =>
  bundle.items.filter((item) => item.category !== category).map((item) => item.sku);

describe('swap the bag', () => {
  it('offers the next-best bag and keeps every other piece', async () => {
    const before = await f.suggester.suggest({ sku: 'DR-1001' });
    const after = await f.suggester.suggest({ sku: 'DR-1001', swap: { category: 'bag' } });
    expect(piece(after, 'bag').sku).not.toBe(piece(before, 'bag').sku);
    expect(others(after, 'bag')).toEqual(others(before, 'bag'));
    expect(piece(after, 'bag').why).toContain(`instead of ${piece(before, 'bag').sku}, the next-best bag`);
    expect(after.notes).toContain(`Swapped the bag: ${piece(before, 'bag').sku} → ${piece(after, 'bag').sku}.`);
  });

  it('moves on to a third bag when the conversation excludes the first one', async () => {
    const first = piece(await f.suggester.suggest({ sku: 'DR-1001' }), 'bag').sku;
    const second = piece(await f.suggester.suggest({ sku: 'DR-1001', swap: { category: 'bag' } }), 'bag').sku;
    const third = piece(
      await f.suggester.suggest({ sku: 'DR-1001', swap: { category: 'bag' }, exclude: [first] }),
      'bag',
    ).sku;
    expect(new Set([first, second, third]).size).toBe(3);
  });

  it('offers a bag in the material the buyer asks for', async () => {
    const bundle = await f.suggester.suggest({ sku: 'DR-1001', swap: { category: 'bag', material: 'leather' } });
    const bag = piece(bundle, 'bag');
    expect(f.product(bag.sku).materials.some((m) => m.toLowerCase().includes('leather'))).toBe(true);
    expect(bag.why).toMatch(/leather, as asked/);
  });
});

describe('cheaper shoes', () => {
  it('offers a cheaper pair than the current one, still within the rules', async () => {
    const before = await f.suggester.suggest({ sku: 'DR-1001' });
    const after = await f.suggester.suggest({ sku: 'DR-1001', swap: { category: 'shoes', cheaper: true } });
    const [was, now] = [piece(before, 'shoes'), piece(after, 'shoes')];
    expect(now.unit_price_at_quantity).toBeLessThan(was.unit_price_at_quantity);
    expect(now.moq).toBeLessThanOrEqual(after.quantity);
    expect(now.why).toContain(
      `cheaper: ${now.unit_price_at_quantity.toFixed(2)} USD vs ${was.unit_price_at_quantity.toFixed(2)} USD`,
    );
    expect(after.total_unit_price).toBeLessThan(before.total_unit_price);
    expect(others(after, 'shoes')).toEqual(others(before, 'shoes'));
  });

  it("understands the buyer's word for the category", async () => {
    const byWord = await f.suggester.suggest({ sku: 'DR-1001', swap: { category: 'heels', cheaper: true } });
    const byName = await f.suggester.suggest({ sku: 'DR-1001', swap: { category: 'shoes', cheaper: true } });
    expect(skus(byWord)).toEqual(skus(byName));
  });

  it('keeps the current pair and says so when no cheaper one fits', async () => {
    // At 1 piece, SH-2028 is the cheapest pair that goes with DR-1008.
    const bundle = await f.suggester.suggest({
      sku: 'DR-1008',
      quantity: 1,
      swap: { category: 'shoes', cheaper: true },
    });
    expect(piece(bundle, 'shoes').sku).toBe('SH-2028');
    expect(bundle.notes).toContain('Found no cheaper shoes that fits this set at 1 pc; kept SH-2028.');
  });
});

describe('gold jewellery instead', () => {
  it('offers jewellery in gold in place of silver', async () => {
    // The evening jumpsuit's curated jewellery is offered in silver.
    const before = await f.suggester.suggest({ sku: 'JS-1003' });
    expect(piece(before, 'jewelry').color).toBe('silver');
    const after = await f.suggester.suggest({ sku: 'JS-1003', swap: { category: 'jewellery', color: 'gold' } });
    const gold = piece(after, 'jewelry');
    expect(gold.color).toBe('gold');
    expect(f.product(gold.sku).colors).toContain('gold');
    expect(others(after, 'jewelry')).toEqual(others(before, 'jewelry'));
  });

  it("reads the colour in the buyer's language", async () => {
    const bundle = await f.suggester.suggest({ sku: 'JS-1003', swap: { category: 'joyas', color: 'dorado' } });
    expect(piece(bundle, 'jewelry').color).toBe('gold');
  });

  it('honours a colour outside the harmony because the buyer asked, and says so', async () => {
    const bundle = await f.suggester.suggest({
      sku: 'DR-1001',
      quantity: 200,
      swap: { category: 'bag', color: 'emerald' },
    });
    const bag = piece(bundle, 'bag');
    expect(bag.color).toBe('emerald');
    expect(bag.why).toContain('emerald, as asked (outside the red palette)');
  });
});

describe('refusals', () => {
  it('refuses to swap a category the set does not have', async () => {
    await expect(f.suggester.suggest({ sku: 'DR-1001', swap: { category: 'scarf' } })).rejects.toMatchObject({
      code: 'SWAP_CATEGORY',
      message: 'This set has no scarf to swap: its pieces are shoes, bag, hat, sunglasses, jewelry.',
    });
  });
});
