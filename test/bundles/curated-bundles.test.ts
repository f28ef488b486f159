import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { curatedBundlesFor, readCuratedBundles, seedCuratedBundles } from '../../src/bundles/curated-bundles.ts';
import { migrate } from '../../src/db/migrate.ts';
import { createPgliteDatabase, type PgliteDatabase } from '../../src/db/pglite-database.ts';
import { csvFile, csvRow, importText } from '../helpers/catalog.ts';

let db: PgliteDatabase;
beforeAll(async () => {
  db = await createPgliteDatabase();
  await migrate(db);
});
afterAll(() => db?.close());

describe('curated bundles', () => {
  it("loads none of the seed's looks into a catalog that lacks their main products", async () => {
    expect(await seedCuratedBundles(db)).toBe(0);
  });

  it('loads the looks whose main product is in the catalog, once', async () => {
    await importText(db, csvFile([csvRow('DR-1001'), csvRow('DR-1002')]));
    expect(await seedCuratedBundles(db)).toBe(2);
    expect(await seedCuratedBundles(db)).toBe(0);
    expect(await curatedBundlesFor(db, 'DR-1001')).toEqual([
      expect.objectContaining({
        id: 'beach-wedding-red',
        main_sku: 'DR-1001',
        item_skus: ['SH-2004', 'BG-3001', 'HT-7001', 'SG-8004', 'JW-4012'],
        occasion: 'beach',
      }),
    ]);
  });

  it('reports a curated bundles file that does not validate', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'showroom-curated-'));
    const file = path.join(dir, 'bundles.json');
    await writeFile(file, JSON.stringify([{ id: 'x', name: 'X', main_sku: 'bad sku!', item_skus: [] }]));
    await expect(readCuratedBundles(file)).rejects.toThrow(/0\.main_sku: expected a SKU.*0\.item_skus/);
  });
});
