import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import MiniSearch from 'minisearch';
import type { Product } from '../../src/catalog/product.ts';
import type { Database } from '../../src/db/database.ts';
import { createCatalogSearch, type SearchMode } from '../../src/search/search-catalog.ts';
import type { EvalCatalog } from '../helpers/seed-catalog.ts';
import { gain, violations, type LabeledQuery } from './labels.ts';
import { mean, ndcg, reciprocalRank, recallAt } from './metrics.ts';

/**
 * The search quality eval: labeled requests over the seed catalog, scored
 * per language for each mode of Showroom's search and for an in-process
 * search library (MiniSearch) given the same products and requests.
 */

export const QUERIES_FILE = fileURLToPath(new URL('./search-queries.jsonl', import.meta.url));

export interface QueryScore {
  id: string;
  lang: string;
  ndcg: number;
  recall: number;
  mrr: number;
  violations: number;
  skus: string[];
  /** Showroom only: the response relaxed a hard filter (and said so), so violations were announced */
  relaxed?: boolean;
}

export interface SystemScores {
  system: string;
  scores: QueryScore[];
}

export async function loadQueries(file = QUERIES_FILE): Promise<LabeledQuery[]> {
  const text = await readFile(file, 'utf8');
  return text
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as LabeledQuery);
}

function score(query: LabeledQuery, skus: string[], bySku: Map<string, Product>, products: Product[]): QueryScore {
  const gains = skus.map((sku) => gain(query, bySku.get(sku)!));
  const all = products.map((p) => gain(query, p));
  return {
    id: query.id,
    lang: query.lang,
    ndcg: ndcg(gains, all),
    recall: recallAt(gains, all.filter((g) => g === 2).length),
    mrr: reciprocalRank(gains),
    violations: skus.filter((sku) => violations(query, bySku.get(sku)!).length > 0).length,
    skus,
  };
}

export async function evaluateShowroom(
  catalog: Omit<EvalCatalog, 'db' | 'close'> & { db: Database },
  queries: LabeledQuery[],
  mode: SearchMode,
): Promise<SystemScores> {
  const search = createCatalogSearch(catalog.db, { embedder: catalog.embedder, lexicon: catalog.lexicon });
  const bySku = new Map(catalog.products.map((p) => [p.sku, p]));
  const scores: QueryScore[] = [];
  for (const query of queries) {
    const response = await search.search(query.query, { k: 10, mode });
    scores.push({
      ...score(
        query,
        response.results.map((r) => r.sku),
        bySku,
        catalog.products,
      ),
      relaxed: response.relaxed.length > 0,
    });
  }
  return { system: `showroom ${mode}`, scores };
}

export type MiniSearchIndex = MiniSearch<Product & { id: string; text: string }>;

/** MiniSearch with its usual set-up for product search, over the active products: fuzzy, prefix, OR, title boosted. */
export function miniSearchIndex(products: Product[]): MiniSearchIndex {
  const index: MiniSearchIndex = new MiniSearch({
    fields: ['title', 'text'],
    storeFields: ['sku'],
    searchOptions: { boost: { title: 2 }, fuzzy: 0.2, prefix: true, combineWith: 'OR' },
  });
  index.addAll(
    products
      .filter((p) => p.status === 'active')
      .map((p) => ({
        ...p,
        id: p.sku,
        text: [p.subcategory, p.category, ...p.colors, ...p.materials, ...p.tags, p.description]
          .filter(Boolean)
          .join(' '),
      })),
  );
  return index;
}

/** The labeled requests through MiniSearch (`index`: built from these products, when the caller has one). */
export function evaluateMiniSearch(
  products: Product[],
  queries: LabeledQuery[],
  index: MiniSearchIndex = miniSearchIndex(products),
): SystemScores {
  const bySku = new Map(products.map((p) => [p.sku, p]));
  const scores = queries.map((query) =>
    score(
      query,
      index
        .search(query.query)
        .slice(0, 10)
        .map((hit) => String(hit.id)),
      bySku,
      products,
    ),
  );
  return { system: 'minisearch', scores };
}

export interface Summary {
  group: string;
  queries: number;
  ndcg: number;
  recall: number;
  mrr: number;
  violations: number;
}

export function summarize(scores: QueryScore[], group: (s: QueryScore) => string): Summary[] {
  const groups = new Map<string, QueryScore[]>();
  for (const s of scores) groups.set(group(s), [...(groups.get(group(s)) ?? []), s]);
  return [...groups]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, list]) => ({
      group: name,
      queries: list.length,
      ndcg: mean(list.map((s) => s.ndcg)),
      recall: mean(list.map((s) => s.recall)),
      mrr: mean(list.map((s) => s.mrr)),
      violations: list.reduce((sum, s) => sum + s.violations, 0),
    }));
}
