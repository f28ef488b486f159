import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getProduct } from '../../src/catalog/catalog-repository.ts';
import type { Database } from '../../src/db/database.ts';
import type { PgliteDatabase } from '../../src/db/pglite-database.ts';
import { createPostgresDatabase } from '../../src/db/postgres-database.ts';
import { observedDatabase } from '../bench/timed-database.ts';
import { databaseTargets, servePglite, type TestDatabase } from '../helpers/databases.ts';
import { csvFile, csvRow, exportText, importText, productCount, resetCatalog } from '../helpers/catalog.ts';

describe.each(databaseTargets)('catalog import on $name', (target) => {
  let handle: TestDatabase;
  beforeAll(async () => {
    handle = await target.open();
  });
  afterAll(() => handle.close());
  beforeEach(() => resetCatalog(handle.db));

  const db = () => handle.db;

  it('creates products with their tiers, factory and normalised category', async () => {
    const report = await importText(db(), csvFile([csvRow('DR-1', { category: 'Dresses' }), csvRow('DR-2')]));
    expect(report).toMatchObject({ committed: true, created: 2, updated: 0, unchanged: 0, invalid: 0 });
    expect(report.factories_created).toEqual(['Guangzhou Lian Garments']);
    const product = await getProduct(db(), 'DR-1');
    expect(product).toMatchObject({
      category: 'dress',
      colors: ['red', 'black'],
      moq: 50,
      stock: 1200,
      factory: 'Guangzhou Lian Garments',
      price_tiers: [
        { min_qty: 50, unit_price: 12.5 },
        { min_qty: 200, unit_price: 10.8 },
        { min_qty: 1000, unit_price: 9.2 },
      ],
    });
  });

  it('names file, row, line, field and reason for every bad row', async () => {
    const report = await importText(
      db(),
      csvFile([
        csvRow('', { title: 'no sku' }),
        csvRow('DR-2', { price_tiers: '200:10|50:12' }),
        csvRow('DR-3', { price_tiers: '50:10|200:12' }),
        csvRow('DR-4', { moq: '0' }),
        csvRow('DR-5', { moq: '-5' }),
        csvRow('DR-6', { status: 'deleted' }),
        csvRow('DR-7'),
      ]),
    );
    expect(report.committed).toBe(false);
    expect(report.invalid).toBe(6);
    const byRow = Object.fromEntries(report.errors.map((e) => [e.row, e]));
    expect(byRow[1]).toMatchObject({
      file: 'catalog.csv',
      line: 2,
      field: 'sku',
      reason: expect.stringMatching(/required/),
    });
    expect(byRow[2]).toMatchObject({
      sku: 'DR-2',
      field: 'price_tiers',
      reason: expect.stringMatching(/quantities must rise/),
    });
    expect(byRow[3]).toMatchObject({ field: 'price_tiers', reason: expect.stringMatching(/must fall or stay/) });
    expect(byRow[4]).toMatchObject({ field: 'moq', reason: expect.stringMatching(/at least 1/) });
    expect(byRow[5]).toMatchObject({ field: 'moq', reason: expect.stringMatching(/at least 1/) });
    expect(byRow[6]).toMatchObject({ field: 'status', reason: expect.stringMatching(/active or archived/) });
    expect(await productCount(db())).toBe(0);
  });

  it('rejects a SKU repeated in one file, naming the first row', async () => {
    const report = await importText(
      db(),
      csvFile([csvRow('DR-1'), csvRow('DR-2'), csvRow('DR-1', { title: 'again' })]),
    );
    expect(report.errors).toEqual([
      expect.objectContaining({
        row: 3,
        sku: 'DR-1',
        field: 'sku',
        reason: 'duplicate SKU: already in row 1 of this file',
      }),
    ]);
    expect(await productCount(db())).toBe(0);
  });

  it('writes nothing when one row of 1,000 is bad', async () => {
    const rows = Array.from({ length: 1000 }, (_, i) => csvRow(`SKU-${i}`, i === 777 ? { price_tiers: 'cheap' } : {}));
    const report = await importText(db(), csvFile(rows));
    expect(report).toMatchObject({ committed: false, rows: 1000, invalid: 1, created: 999 });
    expect(report.errors[0]).toMatchObject({ row: 778, sku: 'SKU-777', field: 'price_tiers' });
    expect(await productCount(db())).toBe(0);
  });

  it('with --skip-invalid writes the good rows and still reports the bad ones', async () => {
    const report = await importText(db(), csvFile([csvRow('DR-1'), csvRow('DR-2', { moq: 'many' }), csvRow('DR-3')]), {
      skipInvalid: true,
    });
    expect(report).toMatchObject({ committed: true, created: 2, invalid: 1 });
    expect(report.errors[0]).toMatchObject({ row: 2, field: 'moq' });
    expect(await productCount(db())).toBe(2);
  });

  it('with --dry-run counts what would change and writes nothing', async () => {
    await importText(db(), csvFile([csvRow('DR-1')]));
    const report = await importText(db(), csvFile([csvRow('DR-1', { title: 'New title' }), csvRow('DR-2')]), {
      dryRun: true,
    });
    expect(report).toMatchObject({ committed: false, created: 1, updated: 1 });
    expect((await getProduct(db(), 'DR-1'))?.title).toBe('Chiffon maxi dress DR-1');
    expect(await productCount(db())).toBe(1);
  });

  it('re-importing an unchanged file writes nothing', async () => {
    const file = csvFile([csvRow('DR-1'), csvRow('DR-2')]);
    await importText(db(), file);
    const before = await db().query<{ sku: string; updated_at: Date }>(
      'select sku, updated_at from products order by sku',
    );
    const again = await importText(db(), file);
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
    const after = await db().query<{ sku: string; updated_at: Date }>(
      'select sku, updated_at from products order by sku',
    );
    expect(after.rows).toEqual(before.rows);
  });

  it('updates only the rows that changed, replacing their tiers', async () => {
    await importText(db(), csvFile([csvRow('DR-1'), csvRow('DR-2')]));
    const report = await importText(
      db(),
      csvFile([csvRow('DR-1', { price_tiers: '10:15|100:13', moq: '10' }), csvRow('DR-2')]),
    );
    expect(report).toMatchObject({ created: 0, updated: 1, unchanged: 1 });
    expect((await getProduct(db(), 'DR-1'))?.price_tiers).toEqual([
      { min_qty: 10, unit_price: 15 },
      { min_qty: 100, unit_price: 13 },
    ]);
  });

  it('leaves every reference intact and tells catalog caches each change, references checked or not', async () => {
    // On PGlite the import skips PostgreSQL's per-row foreign-key checks and the triggers that bump
    // catalog_version (it bumps it itself); over the socket both run. Either way the same must hold.
    const version = async () =>
      (await db().query<{ v: number }>('select version::int as v from catalog_version')).rows[0]!.v;
    const orphans = async () =>
      (
        await db().query<{ n: number }>(
          `select ((select count(*) from price_tiers t where not exists (select 1 from products p where p.id = t.product_id))
                 + (select count(*) from products p where not exists (select 1 from factories f where f.id = p.factory_id)))::int as n`,
        )
      ).rows[0]!.n;
    const before = await version();
    await importText(db(), csvFile([csvRow('DR-1'), csvRow('DR-2', { factory: 'Ningbo Star Bags' })]));
    const created = await version();
    expect(created).toBeGreaterThan(before);
    await importText(db(), csvFile([csvRow('DR-1', { price_tiers: '10:15' })]), { sync: true });
    const updated = await version();
    expect(updated).toBeGreaterThan(created);
    expect((await getProduct(db(), 'DR-2'))?.status).toBe('archived');
    // Nothing changed: nothing to tell.
    await importText(db(), csvFile([csvRow('DR-1', { price_tiers: '10:15' })]));
    expect(await version()).toBe(updated);
    expect(await orphans()).toBe(0);
  });

  it('with --sync archives products absent from the file, and a later import brings them back', async () => {
    await importText(db(), csvFile([csvRow('DR-1'), csvRow('DR-2'), csvRow('DR-3')]));
    const synced = await importText(db(), csvFile([csvRow('DR-1')]), { sync: true });
    expect(synced).toMatchObject({ archived: 2, unchanged: 1 });
    expect((await getProduct(db(), 'DR-2'))?.status).toBe('archived');
    const back = await importText(db(), csvFile([csvRow('DR-2')]));
    expect(back).toMatchObject({ updated: 1 });
    expect((await getProduct(db(), 'DR-2'))?.status).toBe('active');
  });

  it('reports broken CSV quoting with its line and keeps nothing', async () => {
    const text = `${csvFile([csvRow('DR-1')])}DR-2,"Unclosed title,dress,,red,,,50:10,50,,,\nDR-3,Fine,dress,,,,,50:10,50,,,\n`;
    const report = await importText(db(), text, { skipInvalid: true });
    expect(report.committed).toBe(false);
    expect(report.errors.some((e) => /unreadable CSV/.test(e.reason))).toBe(true);
    expect(await productCount(db())).toBe(0);
  });

  it('reports invalid UTF-8 on its row and field', async () => {
    const good = Buffer.from(csvFile([csvRow('DR-1')]));
    const bad = Buffer.concat([
      Buffer.from('DR-2,Robe de soir'),
      Buffer.from([0xe9]),
      Buffer.from('e rouge,dress,,red,,,50:10,50,,,\n'),
    ]);
    const report = await importText(db(), Buffer.concat([good, bad]));
    expect(report.errors).toEqual([
      expect.objectContaining({
        row: 2,
        line: 3,
        sku: 'DR-2',
        field: 'title',
        reason: expect.stringMatching(/invalid UTF-8/),
      }),
    ]);
  });

  it('accepts a 64 KiB description and rejects a longer one', async () => {
    const exactly = 'a'.repeat(64 * 1024);
    const report = await importText(
      db(),
      JSON.stringify([
        { sku: 'DR-1', title: 'Long', category: 'dress', price_tiers: '1:5', description: exactly },
        { sku: 'DR-2', title: 'Longer', category: 'dress', price_tiers: '1:5', description: `${exactly}b` },
      ]),
      { format: 'json', skipInvalid: true },
    );
    expect(report.created).toBe(1);
    expect(report.errors).toEqual([
      expect.objectContaining({ row: 2, field: 'description', reason: expect.stringMatching(/at most 65536/) }),
    ]);
    expect((await getProduct(db(), 'DR-1'))?.description).toHaveLength(64 * 1024);
  });

  it('stores formula-like text as given and neutralises it on CSV export only', async () => {
    const title = '=HYPERLINK("http://evil.example","click")';
    await importText(
      db(),
      JSON.stringify([{ sku: 'DR-1', title, category: 'dress', price_tiers: '1:5', tags: ['+cmd', '@SUM(A1)'] }]),
      { format: 'json' },
    );
    expect((await getProduct(db(), 'DR-1'))?.title).toBe(title);
    const csv = await exportText(db(), 'csv');
    expect(csv).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
    expect(csv).toContain(`'+cmd|@SUM(A1)`);
    expect(await exportText(db(), 'jsonl')).toContain(JSON.stringify(title));
  });

  it('reads JSON arrays and JSONL, with tiers as objects or strings', async () => {
    const json = JSON.stringify([
      {
        sku: 'BG-1',
        title: 'Straw beach bag',
        category: 'bags',
        price_tiers: [{ min_qty: 20, unit_price: 6.5 }],
        dropship: true,
      },
    ]);
    const jsonl = `{"sku":"SH-1","title":"Block heels","category":"heels","price_tiers":"30:14|300:12","stock":0}\n\nnot json\n`;
    expect(await importText(db(), json, { format: 'json' })).toMatchObject({ created: 1, invalid: 0 });
    const report = await importText(db(), jsonl, { format: 'jsonl', skipInvalid: true });
    expect(report).toMatchObject({ created: 1, invalid: 1 });
    expect(report.errors[0]).toMatchObject({ row: 2, line: 3, reason: expect.stringMatching(/not valid JSON/) });
    expect(await getProduct(db(), 'BG-1')).toMatchObject({ category: 'bag', dropship: true, moq: 20 });
    expect(await getProduct(db(), 'SH-1')).toMatchObject({ category: 'shoes', stock: 0 });
  });

  it('says when a JSON file is not an array of products', async () => {
    const report = await importText(db(), '{"sku": "DR-1"}', { format: 'json' });
    expect(report.committed).toBe(false);
    expect(report.errors[0]).toMatchObject({ field: '(file)' });
  });

  it('refuses an empty file instead of syncing the catalog away', async () => {
    await importText(db(), csvFile([csvRow('DR-1')]));
    const report = await importText(db(), `${'sku,title,category,price_tiers'}\n`, { sync: true });
    expect(report).toMatchObject({ committed: false, archived: 0 });
    expect(report.errors[0]?.reason).toMatch(/no products/);
    expect((await getProduct(db(), 'DR-1'))?.status).toBe('active');
  });

  it.each(['csv', 'json', 'jsonl'] as const)(
    'export → import into an empty database → export is byte-identical (%s)',
    async (format) => {
      await importText(
        db(),
        JSON.stringify([
          {
            sku: 'DR-1',
            title: 'Maxi, "quoted"',
            category: 'dress',
            description: 'Line one\nline two',
            tags: ['-50% sale', '=trend'],
            price_tiers: '50:12.5|200:10.8',
            factory: 'Lian',
          },
          {
            sku: 'DR-2',
            title: 'Plain',
            category: 'dress',
            price_tiers: '1:9.99',
            stock: 0,
            sample_price: 0,
            dropship: true,
          },
          {
            sku: 'JW-1',
            title: '+ Gold chain',
            category: 'necklace',
            price_tiers: '1:0.55|100:0.4999',
            image_urls: ['https://placehold.co/600x800/png?text=JW-1'],
          },
        ]),
        { format: 'json' },
      );
      const first = await exportText(db(), format);
      await resetCatalog(db());
      const report = await importText(db(), first, { format });
      expect(report).toMatchObject({ created: 3, invalid: 0 });
      expect(await exportText(db(), format)).toBe(first);
    },
  );
});

describe('the binary writes of new products (COPY on PGlite, binary parameters over pg)', () => {
  let handle: TestDatabase;
  beforeAll(async () => {
    handle = await databaseTargets[0]!.open();
  });
  afterAll(() => handle.close());

  const catalog = JSON.stringify([
    {
      sku: 'DR-1',
      title: 'Платье макси "Soirée", 连衣裙',
      category: 'dress',
      subcategory: 'maxi',
      description: 'Line one\nline two',
      colors: ['red', 'black'],
      sizes: ['S', 'XL'],
      materials: ['chiffon'],
      tags: ['-50% sale', '=trend'],
      price_tiers: '50:123456.7891|200:10.8|5000:0.05',
      currency: 'EUR',
      sample_price: 12.3456,
      sample_days: 7,
      lead_time_days: 21,
      customization: ['logo', 'private_label'],
      certifications: ['OEKO-TEX'],
      dropship: true,
      stock: 1200,
      image_urls: ['https://placehold.co/600x800/png?text=DR-1'],
      factory: 'Lian',
    },
    { sku: 'DR-2', title: 'Plain', category: 'dress', price_tiers: '1:9.99', stock: 0, sample_price: 0 },
    { sku: 'JW-1', title: 'Gold chain', category: 'necklace', price_tiers: '1:10000', status: 'archived' },
  ]);
  const stored = async () => {
    const { rows } = await handle.db.query<Record<string, unknown>>(
      `select p.sku, f.name as factory, to_jsonb(p) - 'id' - 'factory_id' - 'created_at' - 'updated_at' as product,
              (select json_agg(json_build_object('min_qty', t.min_qty, 'unit_price', t.unit_price::text)
                               order by t.min_qty)
               from price_tiers t where t.product_id = p.id) as tiers
       from products p join factories f on f.id = p.factory_id order by p.sku`,
    );
    return rows;
  };

  it('store what the INSERT from JSON stores, ids included', async () => {
    const statements: string[] = [];
    const copied = observedDatabase(handle.db, { statement: (sql) => statements.push(sql), transactionOverhead() {} });
    expect(await importText(copied, catalog, { format: 'json' })).toMatchObject({ created: 3 });
    expect(statements.filter((sql) => /^copy (products|price_tiers)/.test(sql))).toHaveLength(2);
    const viaCopy = await stored();
    const { rows: ids } = await handle.db.query<{ id: number }>('select id from products order by id');

    await resetCatalog(handle.db);
    // The same import through a database with neither COPY nor binary parameters: INSERT … SELECT from JSON.
    const plain: Database = {
      ...handle.db,
      query: (sql, params) => handle.db.query(sql, params),
      exec: (sql) => handle.db.exec(sql),
      transaction: (fn) => handle.db.transaction((tx) => fn({ query: tx.query, exec: tx.exec })),
    };
    expect(await importText(plain, catalog, { format: 'json' })).toMatchObject({ created: 3 });
    expect(await stored()).toEqual(viaCopy);

    // And through the pg driver to the same PGlite: PostgreSQL's path, the rows as one binary parameter each.
    await resetCatalog(handle.db);
    statements.length = 0;
    const server = await servePglite((handle.db as PgliteDatabase).pglite);
    const driver = await createPostgresDatabase({ url: server.url, poolSize: 1 });
    try {
      const observed = observedDatabase(driver, { statement: (sql) => statements.push(sql), transactionOverhead() {} });
      expect(await importText(observed, catalog, { format: 'json' })).toMatchObject({ created: 3 });
    } finally {
      await driver.close();
      await server.stop();
    }
    expect(statements.filter((sql) => /unnest\(\$1::(products|price_tiers)\[\]\)/.test(sql))).toHaveLength(2);
    expect(await stored()).toEqual(viaCopy);
    expect(viaCopy[0]).toMatchObject({
      tiers: [
        { min_qty: 50, unit_price: '123456.7891' },
        { min_qty: 200, unit_price: '10.8000' },
        { min_qty: 5000, unit_price: '0.0500' },
      ],
    });
    // Ids come from the identity's sequence either way: distinct, and a later insert continues after them.
    const { rows: later } = await handle.db.query<{ id: number }>('select id from products order by id');
    expect(new Set(ids.map((row) => row.id)).size).toBe(3);
    expect(later[0]!.id).toBeGreaterThan(ids[2]!.id);
  });
});
