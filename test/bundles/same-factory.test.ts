import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvFile, csvRow, importText } from '../helpers/catalog.ts';
import { openBundleFixture, type BundleFixture } from './bundle-fixture.ts';

// DR-1158 is a white beach sundress from Guangzhou Lian Garments, whose accessories all come from
// other factories in the seed. Two pieces from its own factory are added here.
let f: BundleFixture;
beforeAll(async () => {
  f = await openBundleFixture();
  const common = { factory: 'Guangzhou Lian Garments', colors: 'white', sizes: 'one size', moq: '50', stock: '' };
  const report = await importText(
    f.catalog.db,
    csvFile([
      // As good a beach bag as the best one, one shared tag short: a close fit.
      csvRow('BG-9001', {
        ...common,
        title: 'Cotton beach tote',
        category: 'bag',
        tags: 'beach',
        price_tiers: '50:4.50',
      }),
      // Same factory, but not a beach piece: the beach hats fit clearly better.
      csvRow('HT-9002', {
        ...common,
        title: 'Cotton bucket hat',
        category: 'hat',
        tags: 'casual',
        price_tiers: '50:2.00',
      }),
    ]),
  );
  expect(report.committed).toBe(true);
});
afterAll(() => f?.close());

describe("the main product's factory", () => {
  it('wins a close fit and says the pieces ship together', async () => {
    const bundle = await f.suggester.suggest({ sku: 'DR-1158', quantity: 300 });
    const bag = bundle.items.find((item) => item.category === 'bag')!;
    expect(bag.sku).toBe('BG-9001');
    expect(bag.factory).toBe('Guangzhou Lian Garments');
    expect(bag.why).toContain('same factory: ships together');
  });

  it('does not outweigh the occasion', async () => {
    const bundle = await f.suggester.suggest({ sku: 'DR-1158', quantity: 300 });
    const hat = bundle.items.find((item) => item.category === 'hat')!;
    expect(hat.sku).not.toBe('HT-9002');
    expect(hat.why).not.toContain('same factory');
  });
});
