import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliEnv, runCli, tempDir } from '../helpers/cli.ts';
import { startFakeOpenAI, type FakeOpenAI } from '../helpers/fake-openai.ts';

describe('showroom search and reindex', () => {
  let fake: FakeOpenAI;
  let dir: string;
  beforeAll(async () => {
    fake = await startFakeOpenAI();
    dir = await tempDir();
    // An import seeds nothing; the first command that needs the catalog is given one.
    const seeded = await runCli(['import', path.resolve('seed/catalog.jsonl'), '--json'], {
      env: cliEnv(path.join(dir, 'data')),
    });
    expect(seeded.code).toBe(0);
  });
  afterAll(() => fake.close());

  it('prints what it understood and the results in the CONTRACT shape', async () => {
    const result = await runCli(['search', 'vestidos de fiesta negros talla M, 50 piezas', '--json', '--k', '5'], {
      env: cliEnv(path.join(dir, 'data')),
    });
    expect(result.code).toBe(0);
    const response = JSON.parse(result.stdout);
    expect(response.understood).toMatchObject({
      language: 'es',
      category: 'dress',
      colors: ['black'],
      sizes: ['M'],
      quantity: 50,
    });
    expect(response.results.length).toBeGreaterThan(0);
    expect(response.results.length).toBeLessThanOrEqual(5);
    for (const r of response.results) {
      expect(r).toEqual(
        expect.objectContaining({
          sku: expect.any(String),
          title: expect.any(String),
          category: 'dress',
          score: expect.any(Number),
          currency: expect.any(String),
          why: expect.any(String),
        }),
      );
      expect(r.moq).toBeLessThanOrEqual(50);
    }
  });

  it('answers one request per stdin line, in order, one JSON document per line', async () => {
    const result = await runCli(['search', '--stdin', '--json', '--k', '3'], {
      env: cliEnv(path.join(dir, 'data')),
      input: 'платье макси белое\n\nfeet\ngold necklace for evening\n',
    });
    expect(result.code).toBe(0);
    const lines = result.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines.map((l) => l.request)).toEqual(['платье макси белое', 'feet', 'gold necklace for evening']);
    expect(lines[0].understood.language).toBe('ru');
  });

  it('asks for a reindex when the embedder changes, and serves again after it', async () => {
    const openai = cliEnv(path.join(dir, 'data'), {
      EMBEDDER: 'openai',
      OPENAI_API_KEY: 'test',
      OPENAI_BASE_URL: fake.baseUrl,
      EMBEDDING_DIMENSIONS: '64',
    });
    const refused = await runCli(['search', 'red dress'], { env: openai });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(
      /built by the local-v1 embedder \(384 dimensions\).*openai:text-embedding-3-small \(64 dimensions\).*showroom reindex/s,
    );

    const reindexed = await runCli(['reindex', '--json'], { env: openai });
    expect(reindexed.code).toBe(0);
    expect(JSON.parse(reindexed.stdout)).toMatchObject({ embedder: 'openai:text-embedding-3-small', dimensions: 64 });
    expect(reindexed.stderr).toMatch(/Reindexing: \d+%/);

    const served = await runCli(['search', 'red dress', '--json'], { env: openai });
    expect(served.code).toBe(0);
    expect(JSON.parse(served.stdout).results.length).toBeGreaterThan(0);
  });

  it('converts budgets with the rates an admin sets', async () => {
    const env = cliEnv(path.join(await tempDir(), 'data'));
    expect((await runCli(['import', path.resolve('seed/catalog.jsonl')], { env })).code).toBe(0);
    const set = await runCli(['rates', 'EUR=2', '--json'], { env });
    expect(set.code).toBe(0);
    expect(JSON.parse(set.stdout).rates).toContainEqual(expect.objectContaining({ currency: 'EUR', usd_per_unit: 2 }));
    const bad = await runCli(['rates', 'EURO=1'], { env });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/not CODE=USD_PER_UNIT/);
    // 5 EUR is now 10 USD: dresses up to 10 USD pass, none above.
    const result = await runCli(['search', 'dresses under 5 euros', '--json', '--k', '20'], { env });
    const response = JSON.parse(result.stdout);
    expect(response.understood.budget).toMatchObject({ amount: 5, currency: 'EUR' });
    expect(response.relaxed).toEqual([]);
    expect(
      response.results.some(
        (r: { unit_price_at_quantity: number; currency: string }) =>
          r.currency === 'USD' && r.unit_price_at_quantity > 5,
      ),
    ).toBe(true);
    for (const r of response.results)
      if (r.currency === 'USD') expect(r.unit_price_at_quantity).toBeLessThanOrEqual(10);
  });
});
