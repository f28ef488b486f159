import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

  it('says plainly when the server lacks pgvector', async () => {
    const env = cliEnv(await tempDir(), { DATABASE_URL: url });
    const result = await runCli(['stats'], { env });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/without the pgvector extension/);
    expect(result.stderr).toMatch(/unset DATABASE_URL to use the embedded database/);
    expect(result.stderr).not.toContain(`:${new URL(url).password}@`);
  });
});
