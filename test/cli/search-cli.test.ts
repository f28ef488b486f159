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
});
