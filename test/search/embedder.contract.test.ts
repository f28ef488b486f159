import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Embedder } from '../../src/search/embedder.ts';
import { loadLexicon } from '../../src/search/lexicon.ts';
import { createLocalEmbedder } from '../../src/search/local-embedder.ts';
import { createOpenAIEmbedder } from '../../src/search/openai-embedder.ts';
import { startFakeOpenAI, type FakeOpenAI } from '../helpers/fake-openai.ts';

const cosine = (a: number[], b: number[]) => a.reduce((sum, x, i) => sum + x * b[i]!, 0);

let fake: FakeOpenAI;
const targets: Array<{ name: string; make: () => Promise<Embedder> }> = [
  { name: 'local', make: async () => createLocalEmbedder(await loadLexicon()) },
  {
    name: 'openai (fake server)',
    make: async () =>
      createOpenAIEmbedder({
        apiKey: 'test',
        baseUrl: fake.baseUrl,
        model: 'text-embedding-3-small',
        dimensions: 64,
        batchSize: 2,
      }),
  },
];

beforeAll(async () => {
  fake = await startFakeOpenAI();
});
afterAll(() => fake.close());

describe.each(targets)('Embedder contract: $name', ({ make }) => {
  it('gives unit vectors of its dimension, the same for the same text', async () => {
    const embedder = await make();
    const [a, b] = await embedder.embedDocuments(['Chiffon maxi dress, red', 'Gold hoop earrings']);
    expect(a).toHaveLength(embedder.dimensions);
    expect(Math.hypot(...a!)).toBeCloseTo(1, 5);
    expect(await embedder.embedQuery('Chiffon maxi dress, red')).toEqual(a);
    expect(cosine(a!, b!)).toBeLessThan(0.9);
  });

  it('puts a typo close to the word it misspells', async () => {
    const embedder = await make();
    const [right, typo, other] = await embedder.embedDocuments([
      'chiffon maxi dress',
      'chifon maxy dres',
      'leather ankle boots',
    ]);
    expect(cosine(right!, typo!)).toBeGreaterThan(cosine(right!, other!));
  });

  it('has a stable id recorded with every vector', async () => {
    const embedder = await make();
    expect(embedder.id).toMatch(/^(local-v1|openai:text-embedding-3-small)$/);
  });
});

describe('local embedder', () => {
  it('brings a request in another language close to the English product', async () => {
    const embedder = createLocalEmbedder(await loadLexicon());
    const [product, shoes] = await embedder.embedDocuments([
      'Red chiffon maxi dress for evening parties',
      'Black leather ankle boots',
    ]);
    for (const request of [
      'vestido largo rojo',
      'robe longue rouge',
      'красное платье макси',
      'فستان أحمر طويل',
      '红色长裙',
    ]) {
      const query = await embedder.embedQuery(request);
      expect(cosine(query, product!), request).toBeGreaterThan(cosine(query, shoes!) + 0.2);
    }
  });
});

describe('OpenAI embedder', () => {
  it('batches requests and retries 429 and 5xx answers', async () => {
    const embedder = createOpenAIEmbedder({
      apiKey: 'test',
      baseUrl: fake.baseUrl,
      model: 'text-embedding-3-small',
      dimensions: 32,
      batchSize: 2,
      maxRetries: 3,
    });
    fake.requests.length = 0;
    fake.failures.push(429, 503);
    const vectors = await embedder.embedDocuments(['a dress', 'a bag', 'a hat']);
    expect(vectors).toHaveLength(3);
    const calls = fake.requests.filter((r) => r.path.endsWith('/embeddings'));
    expect(calls.length).toBe(4); // two failures retried, then two batches of at most 2
    expect(calls.every((c) => (c.body as { input: string[] }).input.length <= 2)).toBe(true);
  });

  it('says what to do when the server returns another dimension', async () => {
    const embedder = createOpenAIEmbedder({ apiKey: 'test', baseUrl: fake.baseUrl, model: 'm', dimensions: 16 });
    fake.forceDimensions = 8;
    try {
      await expect(embedder.embedQuery('x')).rejects.toThrow(
        /returned 8 dimensions.*EMBEDDING_DIMENSIONS is 16.*reindex/,
      );
    } finally {
      fake.forceDimensions = undefined;
    }
  });
});
