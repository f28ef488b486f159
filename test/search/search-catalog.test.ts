import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importCatalog } from '../../src/catalog/import-catalog.ts';
import type { Product } from '../../src/catalog/product.ts';
import type { Embedder } from '../../src/search/embedder.ts';
import { createLocalEmbedder } from '../../src/search/local-embedder.ts';
import { phraseQuery } from '../../src/search/full-text.ts';
import { createCatalogSearch, textPhrases, type CatalogSearch } from '../../src/search/search-catalog.ts';
import { filtersFrom } from '../../src/search/search-filters.ts';
import { hasVectorIndex, SEARCH_TABLE, VECTOR_INDEX_MIN_ROWS } from '../../src/search/search-table.ts';
import { understand } from '../../src/search/understand.ts';
import { indexProducts, prepareSearchIndex, readIndexState, reindex } from '../../src/search/search-index.ts';
import { violations, type LabeledQuery } from '../eval/labels.ts';
import { openSeedCatalog, type EvalCatalog } from '../helpers/seed-catalog.ts';

let catalog: EvalCatalog;
let search: CatalogSearch;
let bySku: Map<string, Product>;
beforeAll(async () => {
  catalog = await openSeedCatalog();
  search = createCatalogSearch(catalog.db, catalog);
  bySku = new Map(catalog.products.map((p) => [p.sku, p]));
});
afterAll(() => catalog.close());

describe('hybrid catalog search over the seed catalog', () => {
  it('finds red chiffon maxi dresses within budget at the quantity, with price and reason', async () => {
    const response = await search.search(
      'need 300 red chiffon maxi dresses for beach weddings under $12, ship to Spain',
    );
    expect(response.relaxed).toEqual([]);
    expect(response.results.length).toBeGreaterThan(0);
    const first = response.results[0]!;
    const product = bySku.get(first.sku)!;
    expect(product.category).toBe('dress');
    expect(product.colors).toContain('red');
    expect(first.price_quantity).toBe(300);
    expect(first.unit_price_at_quantity).toBeLessThanOrEqual(12);
    expect(first.why).toMatch(/each at 300 pcs/);
    expect(first.why).toMatch(/red/);
  });

  it('answers other languages from the same English catalog', async () => {
    for (const request of [
      'vestidos de fiesta negros talla M, 50 piezas',
      'платье макси белое',
      'فستان سهرة أسود',
      'robe de soirée rouge',
    ]) {
      const response = await search.search(request);
      expect(response.results.length, request).toBeGreaterThan(0);
      for (const result of response.results) expect(bySku.get(result.sku)!.category, request).toBe('dress');
    }
  });

  it('relaxes the least important filter when nothing matches, and says which', async () => {
    const response = await search.search('red evening dresses under $1 at 300 pcs');
    expect(response.relaxed).toContain('budget');
    expect(response.message).toMatch(/budget \(1 USD each\)/);
    expect(response.results.length).toBeGreaterThan(0);
    expect(response.relaxed).not.toContain('category');
  });

  it('never returns a product that breaks a hard constraint it kept (random requests)', async () => {
    let seed = 42;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const pick = <T>(items: T[]) => items[Math.floor(random() * items.length)]!;
    const kinds = [
      { words: ['dresses', 'vestidos', 'robes', 'платья'], category: 'dress' },
      { words: ['heels', 'sandals', 'zapatos'], category: 'shoes' },
      { words: ['clutch bags', 'bolsos'], category: 'bag' },
      { words: ['necklaces', 'earrings'], category: 'jewelry' },
    ];
    const colors: Array<[string, string]> = [
      ['red', 'red'],
      ['black', 'black'],
      ['blanco', 'white'],
      ['gold', 'gold'],
      ['navy', 'navy'],
      ['nude', 'nude'],
    ];
    for (let i = 0; i < 60; i++) {
      const kind = pick(kinds);
      const parts: string[] = [];
      const constraints: NonNullable<LabeledQuery['constraints']> = {};
      if (random() < 0.6) {
        const quantity = pick([1, 10, 50, 100, 300, 1000]);
        parts.push(`${quantity} pcs`);
        constraints.quantity = quantity;
      }
      const color = random() < 0.5 ? pick(colors) : undefined;
      if (color) constraints.colors = [color[1]];
      parts.push(`${color ? `${color[0]} ` : ''}${pick(kind.words)}`);
      if (random() < 0.5) {
        const budget = pick([3, 6, 10, 15, 25]);
        parts.push(`under $${budget}`);
        constraints.max_unit_price_usd = budget;
      }
      if (random() < 0.3) {
        parts.push('within 3 weeks');
        constraints.max_lead_time_days = 21;
      }
      if (random() < 0.2) {
        parts.push('with my logo');
        constraints.customization = ['logo'];
      }
      if (random() < 0.15) {
        parts.push('dropshipping');
        constraints.dropship = true;
      }
      const request = parts.join(', ');
      const response = await search.search(request, { k: 20 });
      const kept: LabeledQuery = {
        id: 'p',
        lang: 'en',
        query: request,
        relevant: { category: kind.category },
        constraints: { ...constraints },
      };
      // A relaxed filter is announced; what was kept must hold for every result.
      if (response.relaxed.includes('moq')) delete kept.constraints!.quantity;
      if (response.relaxed.includes('budget')) delete kept.constraints!.max_unit_price_usd;
      if (response.relaxed.includes('colors')) delete kept.constraints!.colors;
      if (response.relaxed.includes('deadline')) delete kept.constraints!.max_lead_time_days;
      if (response.relaxed.includes('customization')) delete kept.constraints!.customization;
      if (response.relaxed.includes('dropship')) delete kept.constraints!.dropship;
      for (const result of response.results) {
        const product = bySku.get(result.sku)!;
        expect(product.category, request).toBe(kind.category);
        expect(violations(kept, product), `${request} → ${result.sku}`).toEqual([]);
      }
    }
  });
});

describe('the search index', () => {
  it('refuses to serve vectors made by another embedder, naming the fix', async () => {
    const other = createLocalEmbedder(catalog.lexicon, 64);
    await expect(prepareSearchIndex(catalog.db, { embedder: other, lexicon: catalog.lexicon })).rejects.toThrow(
      /built by the local-v1 embedder \(384 dimensions\).*local-v1-64 \(64 dimensions\).*showroom reindex/,
    );
  });

  it('embeds only new or changed products on import', async () => {
    const counting: Embedder & { texts: number } = {
      ...catalog.embedder,
      texts: 0,
      async embedDocuments(texts) {
        counting.texts += texts.length;
        return catalog.embedder.embedDocuments(texts);
      },
    };
    const rows = catalog.products.slice(0, 5).map((p) => JSON.stringify(p));
    const options = {
      format: 'jsonl' as const,
      source: 'x.jsonl',
      onWritten: (tx: Parameters<typeof indexProducts>[0], ids: number[]) =>
        indexProducts(tx, ids, { embedder: counting, lexicon: catalog.lexicon }),
    };
    await importCatalog(catalog.db, Readable.from([rows.join('\n')]), options);
    expect(counting.texts).toBe(0);
    const changed = { ...catalog.products[0]!, title: `${catalog.products[0]!.title} (new season)` };
    await importCatalog(catalog.db, Readable.from([[JSON.stringify(changed), ...rows.slice(1)].join('\n')]), options);
    expect(counting.texts).toBe(1);
  });

  it('keeps the old index serving when a reindex stops half-way, and swaps when one completes', async () => {
    const before = await search.search('gold necklace for evening');
    let calls = 0;
    const failing: Embedder = {
      ...catalog.embedder,
      async embedDocuments(texts) {
        if (++calls === 2) throw new Error('embedding server went away');
        return catalog.embedder.embedDocuments(texts);
      },
    };
    await expect(reindex(catalog.db, { embedder: failing, lexicon: catalog.lexicon, batchSize: 100 })).rejects.toThrow(
      'went away',
    );
    expect(await readIndexState(catalog.db)).toEqual({ embedder: 'local-v1', dimensions: 384 });
    expect((await search.search('gold necklace for evening')).results.map((r) => r.sku)).toEqual(
      before.results.map((r) => r.sku),
    );

    const small = createLocalEmbedder(catalog.lexicon, 64);
    const progress: number[] = [];
    const count = await reindex(catalog.db, {
      embedder: small,
      lexicon: catalog.lexicon,
      batchSize: 200,
      onProgress: (done) => progress.push(done),
    });
    expect(count).toBe(catalog.products.length);
    expect(progress.at(-1)).toBe(count);
    expect(await readIndexState(catalog.db)).toEqual({ embedder: 'local-v1-64', dimensions: 64 });
    const swapped = createCatalogSearch(catalog.db, { embedder: small, lexicon: catalog.lexicon });
    expect((await swapped.search('gold necklace for evening')).results.length).toBeGreaterThan(0);
    // Back to the configured embedder for the other tests in this file.
    await reindex(catalog.db, { embedder: catalog.embedder, lexicon: catalog.lexicon });
  });
});

describe('what retrieval asks the database', () => {
  it('leaves categories and colours the filters require out of the full-text query', () => {
    const understood = understand(catalog.lexicon, 'red chiffon maxi dresses for a beach wedding');
    const filters = filtersFrom(understood, () => 1);
    const terms = phraseQuery(textPhrases(understood, filters))!.split(' | ');
    expect(terms).toEqual(expect.arrayContaining(["'chiffon'", "'maxi' <-> 'dress'"]));
    expect(terms).not.toContain("'red'");
    expect(terms).not.toContain("'dress'");
    // Once the colour filter is relaxed, the colour ranks again.
    expect(phraseQuery(textPhrases(understood, { ...filters, colors: undefined }))).toContain("'red'");
  });

  it('keeps no HNSW index below VECTOR_INDEX_MIN_ROWS products (an exact scan is as fast there)', async () => {
    expect(catalog.products.length).toBeLessThan(VECTOR_INDEX_MIN_ROWS);
    expect(await hasVectorIndex(catalog.db, SEARCH_TABLE)).toBe(false);
  });
});
