import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PassThrough } from 'node:stream';
import { loadFactoryIndex, upsertProducts } from '../../src/catalog/catalog-repository.ts';
import { importCatalog } from '../../src/catalog/import-catalog.ts';
import type { Product } from '../../src/catalog/product.ts';
import type { Database, Queryable } from '../../src/db/database.ts';
import { createPostgresDatabase } from '../../src/db/postgres-database.ts';
import { CSV_HEADER, csvFile, csvRow, importText } from '../helpers/catalog.ts';
import { cliEnv, runCli, tempDir } from '../helpers/cli.ts';

/**
 * Against a real PostgreSQL server (.ci/run starts Debian's postgresql and sets
 * SHOWROOM_TEST_POSTGRES_URL). Debian's server has no pgvector package, which
 * lets the missing-extension message be tested for real too.
 */
const adminUrl = process.env.SHOWROOM_TEST_POSTGRES_URL;
const run = promisify(execFile);
const child = fileURLToPath(new URL('../fixtures/migrate-child.ts', import.meta.url));

describe.skipIf(!adminUrl)('a real PostgreSQL server', () => {
  const name = `showroom_test_${randomBytes(4).toString('hex')}`;
  let url = '';
  beforeAll(async () => {
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const parsed = new URL(adminUrl!);
    parsed.pathname = `/${name}`;
    url = parsed.toString();
  });
  afterAll(async () => {
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  });

  it('applies each migration once when two processes migrate at the same moment', async () => {
    const [first, second] = await Promise.all([
      run(process.execPath, ['--import', 'tsx', child, url]),
      run(process.execPath, ['--import', 'tsx', child, url]),
    ]);
    const applied = [JSON.parse(first.stdout), JSON.parse(second.stdout)].map((r) => r.applied.length).sort();
    expect(applied).toEqual([0, 2]);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const probe = await client.query('select n from mig_probe order by n');
    const versions = await client.query('select version from schema_migrations order by version');
    await client.end();
    expect(probe.rows.map((r) => r.n)).toEqual([1, 2]);
    expect(versions.rows.map((r) => r.version)).toEqual([1, 2]);
  });

  /** The catalog tables of migrations 001 and 007 (001's extensions aside: this server has no pgvector; 002 needs it). */
  async function createCatalogTables(db: Queryable): Promise<void> {
    const migration = (file: string) => readFile(new URL(`../../src/db/migrations/${file}`, import.meta.url), 'utf8');
    const catalog = (await migration('001_catalog.sql'))
      .split('\n')
      .filter((line) => !/^create extension/.test(line))
      .join('\n');
    await db.exec(
      `drop table if exists price_tiers, import_runs, products, factories, currency_rates, catalog_version cascade;
       drop function if exists bump_catalog_version; ${catalog};
       create table currency_rates (currency char(3) primary key); ${await migration('007_catalog_version.sql')}`,
    );
  }

  /**
   * An import that has written the first of these rows, one per batch, and waits, its transaction open, for the
   * rest of its file (write to `input`, then end it). The CSV parser hands a row over once the next one begins.
   */
  async function stalledImport(db: Database, rows: string[]) {
    const input = new PassThrough();
    let firstBatch: () => void = () => {};
    const firstBatchWritten = new Promise<void>((resolve) => (firstBatch = resolve));
    const importing = importCatalog(db, input, {
      format: 'csv',
      source: 'stalled.csv',
      batchSize: 1,
      onRows: () => firstBatch(),
    });
    input.write(`${CSV_HEADER}\n${rows.join('\n')}\n`);
    await firstBatchWritten;
    return { input, importing };
  }

  it('takes products and price tiers as binary rows, inserted and upserted', async () => {
    const db = await createPostgresDatabase({ url, poolSize: 1 });
    try {
      await createCatalogTables(db);
      const { defaultId } = await loadFactoryIndex(db);
      const product = (sku: string, title: string): Product => ({
        sku,
        title,
        category: 'dress',
        subcategory: null,
        description: null,
        factory: null,
        colors: ['red'],
        sizes: [],
        materials: [],
        tags: [],
        price_tiers: [
          { min_qty: 10, unit_price: 9.5 },
          { min_qty: 100, unit_price: 8.2525 },
        ],
        currency: 'EUR',
        moq: 10,
        sample_price: 3.5,
        sample_days: null,
        lead_time_days: 20,
        customization: [],
        certifications: [],
        dropship: false,
        stock: null,
        image_urls: [],
        status: 'active',
      });
      const write = (sku: string, title: string, existed: boolean) => ({
        product: product(sku, title),
        factoryId: defaultId,
        hash: title,
        existed,
      });
      const { ids } = await db.transaction((tx) =>
        upsertProducts(tx, [write('A-1', 'Платье макси', false), write('A-2', 'Two', false)]),
      );
      const again = await db.transaction((tx) => upsertProducts(tx, [write('A-1', 'Changed', true)]));
      expect(again).toEqual({ ids: [ids[0]], created: [false] });
      const { rows } = await db.query(
        `select p.sku, p.title, p.colors, p.sample_price, p.created_at <= p.updated_at as dated,
                array_agg(t.min_qty || ':' || t.unit_price order by t.min_qty) as tiers
         from products p join price_tiers t on t.product_id = p.id group by p.id order by p.sku`,
      );
      expect(rows).toEqual([
        {
          sku: 'A-1',
          title: 'Changed',
          colors: ['red'],
          sample_price: 3.5,
          dated: true,
          tiers: ['10:9.5000', '100:8.2525'],
        },
        {
          sku: 'A-2',
          title: 'Two',
          colors: ['red'],
          sample_price: 3.5,
          dated: true,
          tiers: ['10:9.5000', '100:8.2525'],
        },
      ]);
    } finally {
      await db.close();
    }
  });

  it('holds the factories an import reads, since it writes its references unchecked', async () => {
    // The CI role is a superuser, so the import skips the per-row foreign-key checks and must keep every
    // factory it may refer to from being deleted until it commits.
    const db = await createPostgresDatabase({ url, poolSize: 2 });
    const other = new pg.Client({ connectionString: url });
    await other.connect();
    try {
      await createCatalogTables(db);
      await db.query(`insert into factories (name) values ('Ningbo Star Bags')`);
      const version = async () =>
        (await db.query<{ v: number }>('select version::int as v from catalog_version')).rows[0]!.v;
      const before = await version();
      const { input, importing } = await stalledImport(db, [
        csvRow('BG-1', { factory: '' }),
        csvRow('BG-2', { factory: '' }),
      ]);
      // The file's next row names this factory: deleting it now must wait for the import, not leave it dangling.
      await other.query(`set lock_timeout = '300ms'`);
      const deleting = await other.query(`delete from factories where name = 'Ningbo Star Bags'`).then(
        () => 'deleted',
        (error: Error) => error.message,
      );
      input.end(`${csvRow('BG-3', { factory: 'Ningbo Star Bags' })}\n`);
      const report = await importing;
      expect(deleting).toMatch(/lock timeout/);
      expect(report).toMatchObject({ committed: true, created: 3 });
      const { rows } = await db.query<{ sku: string; factory: string; tiers: number }>(
        `select p.sku, f.name as factory, (select count(*)::int from price_tiers t where t.product_id = p.id) as tiers
         from products p join factories f on f.id = p.factory_id order by p.sku`,
      );
      expect(rows.map((row) => row.factory)).toEqual([expect.any(String), expect.any(String), 'Ningbo Star Bags']);
      expect(rows.every((row) => row.tiers > 0)).toBe(true);
      // The skipped triggers bumped catalog_version per statement; the import bumps it itself.
      expect(await version()).toBeGreaterThan(before);
    } finally {
      await other.end();
      await db.close();
    }
  });

  it('lets two imports create the same SKU at once: the later one updates it, with its tiers alone', async () => {
    const db = await createPostgresDatabase({ url, poolSize: 3 });
    try {
      await createCatalogTables(db);
      // The first import inserts BG-1 and stalls before committing; the second reads BG-1 as new meanwhile, so
      // its plain insert waits on the first one's row and then finds the SKU taken.
      const { input, importing: first } = await stalledImport(db, [
        csvRow('BG-1', { price_tiers: '50:12|500:10' }),
        csvRow('BG-2'),
      ]);
      const second = importText(
        db,
        csvFile([csvRow('BG-1', { price_tiers: '10:15', title: 'Second' }), csvRow('BG-3')]),
      );
      // Only once the second import waits on the first one's row does the first one commit.
      const waiting = async () =>
        (
          await db.query<{ n: number }>(
            `select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`,
          )
        ).rows[0]!.n;
      for (let tries = 0; (await waiting()) === 0; tries++) {
        if (tries === 200) throw new Error('the second import never waited on the first one');
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      input.end();
      expect(await first).toMatchObject({ committed: true, created: 2, updated: 0 });
      expect(await second).toMatchObject({ committed: true, created: 1, updated: 1 });
      const { rows } = await db.query<{ sku: string; title: string; tiers: string[] }>(
        `select p.sku, p.title, array_agg(t.min_qty || ':' || t.unit_price::float8 order by t.min_qty) as tiers
         from products p join price_tiers t on t.product_id = p.id group by p.id order by p.sku`,
      );
      expect(rows.find((row) => row.sku === 'BG-1')).toEqual({ sku: 'BG-1', title: 'Second', tiers: ['10:15'] });
      expect(rows.map((row) => row.sku)).toEqual(['BG-1', 'BG-2', 'BG-3']);
    } finally {
      await db.close();
    }
  });

  it('imports as a role that is not a superuser, as on a managed server, where the checks cannot be skipped', async () => {
    const owner = await createPostgresDatabase({ url, poolSize: 1 });
    const role = `showroom_app_${randomBytes(3).toString('hex')}`;
    const asRole = new URL(url);
    asRole.username = role;
    asRole.password = role;
    let db: Database | undefined;
    try {
      await createCatalogTables(owner);
      await owner.exec(
        `create role ${role} login password '${role}';
         grant select, insert, update, delete on all tables in schema public to ${role};
         grant usage, select, update on all sequences in schema public to ${role}`,
      );
      db = await createPostgresDatabase({ url: asRole.toString(), poolSize: 1 });
      const version = async () =>
        (await owner.query<{ v: number }>('select version::int as v from catalog_version')).rows[0]!.v;
      const before = await version();
      const report = await importText(db, csvFile([csvRow('NS-1'), csvRow('NS-2', { factory: 'Yiwu Bright Beads' })]));
      expect(report).toMatchObject({
        committed: true,
        created: 2,
        factories_created: ['Guangzhou Lian Garments', 'Yiwu Bright Beads'],
      });
      // The role may not skip the statement triggers: they told catalog caches.
      expect(await version()).toBeGreaterThan(before);
    } finally {
      await db?.close();
      await owner.exec(`drop owned by ${role}; drop role ${role}`);
      await owner.close();
    }
  });

  it('says plainly when the server lacks pgvector', async () => {
    const env = cliEnv(await tempDir(), { DATABASE_URL: url });
    const result = await runCli(['stats'], { env });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/without the pgvector extension/);
    expect(result.stderr).toMatch(/unset DATABASE_URL to use the embedded database/);
    expect(result.stderr).not.toContain(`:${new URL(url).password}@`);
  });
});
