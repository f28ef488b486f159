import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BinaryCopyWriter, rowTypeOf } from '../../src/db/binary-copy.ts';
import type { Queryable } from '../../src/db/database.ts';
import { createPgliteDatabase, type PgliteDatabase } from '../../src/db/pglite-database.ts';
import { createPostgresDatabase, type PostgresDatabase } from '../../src/db/postgres-database.ts';
import { servePglite } from '../helpers/databases.ts';

/** One column of every kind the writers use, and the rows both containers carry. */
const COLUMNS = ['id', 'name', 'code', 'qty', 'flag', 'price', 'tags', 'prices', 'words', 'vec'];
const TABLE = `create table t (id bigint, name text, code char(3), qty integer, flag boolean, price numeric(14, 4),
  tags text[], prices numeric(14, 4)[], words tsvector, vec vector(3))`;

type Write = (rows: BinaryCopyWriter) => void;
const ROWS: Write[] = [
  (w) =>
    w
      .row(10)
      .int8(2 ** 40 + 7)
      .text('Платье 连衣裙 "soirée", a\\b')
      .text('EUR')
      .int4(-12)
      .bool(true)
      .numeric(123456.7891)
      .textArray(['a', 'ONE SIZE', ''])
      .numericArray([0.05, 10, 0])
      .tsvector(
        new Map([
          ['dress', [1, 4]],
          ['линн', [2]],
        ]),
      )
      .vector([0.5, -1, 2], 2),
  (w) =>
    w
      .row(10)
      .int8(1)
      .null()
      .text('USD')
      .int4(null)
      .bool(false)
      .numeric(-0.5)
      .textArray([])
      .numericArray([])
      .tsvector(new Map())
      .vector([0, 0, 0]),
];

const SELECT = `select id, name, code, qty, flag, price::text, tags, prices::text, words::text, vec::text from t order by id`;

describe('binary rows: COPY data and arrays of a table’s rows', () => {
  let embedded: PgliteDatabase;
  let server: Awaited<ReturnType<typeof servePglite>>;
  let driver: PostgresDatabase;
  beforeAll(async () => {
    embedded = await createPgliteDatabase();
    await embedded.exec(`create extension if not exists vector; ${TABLE}`);
    server = await servePglite(embedded.pglite);
    driver = await createPostgresDatabase({ url: server.url, poolSize: 1 });
  });
  afterAll(async () => {
    await driver.close();
    await server.stop();
    await embedded.close();
  });

  it('store the same values either way, as the text literals would', async () => {
    const copy = new BinaryCopyWriter(16);
    for (const write of ROWS) write(copy);
    await embedded.transaction((tx) => tx.copyBinary!('t', COLUMNS, copy.finish()));
    const viaCopy = (await embedded.query(SELECT)).rows;
    await embedded.exec('truncate t');

    const rows = BinaryCopyWriter.recordArray(await rowTypeOf(driver, 't', COLUMNS), 16);
    for (const write of ROWS) write(rows);
    const inserted = await driver.query('insert into t select * from unnest($1::t[])', [rows.finish()]);
    expect(inserted.rowCount).toBe(2);
    const viaDriver = (await driver.query(SELECT)).rows;
    await embedded.exec('truncate t');

    expect(viaDriver).toEqual(viaCopy);
    expect(viaCopy).toEqual([
      {
        id: 1,
        name: null,
        code: 'USD',
        qty: null,
        flag: false,
        price: '-0.5000',
        tags: [],
        prices: '{}',
        words: '',
        vec: '[0,0,0]',
      },
      {
        id: 2 ** 40 + 7,
        name: 'Платье 连衣裙 "soirée", a\\b',
        code: 'EUR',
        qty: -12,
        flag: true,
        price: '123456.7891',
        tags: ['a', 'ONE SIZE', ''],
        prices: '{0.0500,10.0000,0.0000}',
        words: "'dress':1,4 'линн':2",
        vec: '[1,-2,4]',
      },
    ]);
  });

  it('send an empty array as no rows', async () => {
    const rows = BinaryCopyWriter.recordArray(await rowTypeOf(driver, 't', COLUMNS));
    const inserted = await driver.query('insert into t select * from unnest($1::t[])', [rows.finish()]);
    expect(inserted.rowCount).toBe(0);
  });

  it('refuse a row that does not match the table', async () => {
    await expect(rowTypeOf(driver, 't', ['id', 'name'])).rejects.toThrow(
      't has columns (id, name, code, qty, flag, price, tags, prices, words, vec), expected (id, name)',
    );
    const rowType = await rowTypeOf(driver, 't', COLUMNS);
    expect(() => BinaryCopyWriter.recordArray(rowType).row(3)).toThrow('the row type has 10 columns, not 3');
    const short = BinaryCopyWriter.recordArray(rowType);
    short.row(10).int8(1).text('x');
    expect(() => short.finish()).toThrow('a row has 2 fields, the row type 10');
  });

  it('look a row type up once per transaction, and afresh once the table is replaced', async () => {
    const seen = await driver.transaction(async (tx) => {
      let lookups = 0;
      const counted: Queryable = {
        binaryParameters: true,
        query: (sql, params) => {
          if (sql.includes('pg_attribute')) lookups++;
          return tx.query(sql, params);
        },
        exec: (sql) => tx.exec(sql),
      };
      const first = await rowTypeOf(counted, 't', COLUMNS);
      expect(await rowTypeOf(counted, 't', COLUMNS)).toBe(first);
      expect(lookups).toBe(1);
      return first.oid;
    });
    // As reindex swaps product_search: same columns, a new table, a new row type.
    await driver.exec(`drop table t; ${TABLE}`);
    const rowType = await driver.transaction(async (tx) => {
      const replaced = await rowTypeOf(tx, 't', COLUMNS);
      const rows = BinaryCopyWriter.recordArray(replaced);
      ROWS[1]!(rows);
      await tx.query('insert into t select * from unnest($1::t[])', [rows.finish()]);
      return replaced;
    });
    expect(rowType.oid).not.toBe(seen);
    expect((await driver.query<{ n: number }>('select count(*)::int as n from t')).rows[0]!.n).toBe(1);
  });
});
