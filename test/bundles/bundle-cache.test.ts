import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CandidateCache } from '../../src/bundles/bundle-products.ts';
import { createBundleSuggester } from '../../src/bundles/bundle-suggester.ts';
import { openBundleFixture, type BundleFixture } from './bundle-fixture.ts';

/**
 * A planner keeps accessory rows between messages; the catalog version
 * (bumped by triggers on every catalog write) keeps it from offering a piece
 * that was archived, repriced or removed meanwhile.
 */
describe('bundle candidates kept between messages', () => {
  let fixture: BundleFixture;
  beforeAll(async () => (fixture = await openBundleFixture()));
  afterAll(() => fixture.close());

  it('gives the same sets as reading the catalog each time, and notices a change to the catalog', async () => {
    const cache: CandidateCache = new Map();
    const cached = createBundleSuggester(fixture.catalog.db, {
      rules: fixture.rules,
      lexicon: fixture.catalog.lexicon,
      cache,
    });
    const request = { sku: 'DR-1002', quantity: 300 };
    const fresh = await fixture.suggester.suggest(request);
    const first = await cached.suggest(request);
    expect(first).toEqual(fresh);
    expect(cache.size).toBeGreaterThan(0);

    // Archive the shoes the set used: the next set, from the same cache object, must not offer them.
    const shoes = first.items.find((item) => item.category === 'shoes')!;
    await fixture.catalog.db.query(`update products set status = 'archived' where sku = $1`, [shoes.sku]);
    try {
      const after = await cached.suggest(request);
      expect(after.items.map((item) => item.sku)).not.toContain(shoes.sku);
      expect(after).toEqual(await fixture.suggester.suggest(request));

      // A price change is seen too: the set's total follows the new tier price.
      const bag = after.items.find((item) => item.category === 'bag')!;
      await fixture.catalog.db.query(
        `update price_tiers set unit_price = unit_price - 0.5 where product_id = (select id from products where sku = $1)`,
        [bag.sku],
      );
      const repriced = await cached.suggest(request);
      expect(repriced).toEqual(await fixture.suggester.suggest(request));
      expect(repriced.items.find((item) => item.sku === bag.sku)?.unit_price_at_quantity).toBeCloseTo(
        bag.unit_price_at_quantity - 0.5,
        2,
      );
    } finally {
      await fixture.catalog.db.query(`update products set status = 'active' where sku = $1`, [shoes.sku]);
    }
  });
});
