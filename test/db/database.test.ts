import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadMigrations, migrate } from '../../src/db/migrate.ts';
import { databaseTargets, type TestDatabase } from '../helpers/databases.ts';

// One contract, two implementations: PGlite called directly, and the real `pg` driver over the wire.
describe.each(databaseTargets)('Database contract: $name', (target) => {
  let handle: TestDatabase;
  beforeAll(async () => {
    handle = await target.open();
  });
  afterAll(() => handle.close());

  it('returns numeric and bigint columns as JS numbers', async () => {
    const { rows } = await handle.db.query(
      `select 12.50::numeric as price, 9007199254740::bigint as big, 3::int as small`,
    );
    expect(rows[0]).toEqual({ price: 12.5, big: 9007199254740, small: 3 });
  });

  it('passes text arrays both ways, quotes and commas intact', async () => {
    const values = ['red', 'navy, dark', 'say "hi"', 'ü'];
    const { rows } = await handle.db.query<{ a: string[] }>('select $1::text[] as a', [values]);
    expect(rows[0]!.a).toEqual(values);
  });

  it('reports rows changed by a statement', async () => {
    await handle.db.exec('create temporary table t_count (n int)');
    const inserted = await handle.db.query('insert into t_count select generate_series(1, 5)');
    expect(inserted.rowCount).toBe(5);
    const updated = await handle.db.query('update t_count set n = n + 1 where n > 3');
    expect(updated.rowCount).toBe(2);
  });

  it('commits a transaction that succeeds', async () => {
    await handle.db.transaction(async (tx) => {
      await tx.query(`insert into factories (name) values ('Committed Co')`);
    });
    const { rows } = await handle.db.query(`select count(*)::int as n from factories where name = 'Committed Co'`);
    expect(rows[0]!.n).toBe(1);
  });

  it('rolls back every statement of a transaction that throws, and stays usable', async () => {
    await expect(
      handle.db.transaction(async (tx) => {
        await tx.query(`insert into factories (name) values ('Rolled Back Co')`);
        throw new Error('stop');
      }),
    ).rejects.toThrow('stop');
    const { rows } = await handle.db.query(`select count(*)::int as n from factories where name = 'Rolled Back Co'`);
    expect(rows[0]!.n).toBe(0);
  });

  it('rolls back on a failing statement inside a transaction', async () => {
    await expect(
      handle.db.transaction(async (tx) => {
        await tx.query(`insert into factories (name) values ('Half Co')`);
        await tx.query(`insert into factories (name) values ('half co')`); // unique on lower(name)
      }),
    ).rejects.toThrow();
    const { rows } = await handle.db.query(`select count(*)::int as n from factories where lower(name) = 'half co'`);
    expect(rows[0]!.n).toBe(0);
  });

  it('has the vector and pg_trgm extensions', async () => {
    const { rows } = await handle.db.query<{ d: number; s: number }>(
      `select '[1,0,0]'::vector <=> '[0,1,0]'::vector as d, similarity('chifon', 'chiffon') as s`,
    );
    expect(rows[0]!.d).toBeCloseTo(1);
    expect(rows[0]!.s).toBeGreaterThan(0.5);
  });

  it('applies migrations once: running them again does nothing', async () => {
    const all = await loadMigrations();
    const again = await migrate(handle.db);
    expect(again.applied).toEqual([]);
    expect(again.alreadyApplied).toBe(all.length);
    const { rows } = await handle.db.query<{ n: number }>('select count(*)::int as n from schema_migrations');
    expect(rows[0]!.n).toBe(all.length);
  });

  it('refuses to run when an applied migration file was edited', async () => {
    const [first, ...rest] = await loadMigrations();
    const edited = { ...first!, checksum: 'edited' };
    await expect(migrate(handle.db, [edited, ...rest])).rejects.toThrow(/was changed after it was applied/);
  });
});
