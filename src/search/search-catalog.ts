import type { Database, Queryable } from '../db/database.ts';
import { priceAtQuantity, type PriceTier } from '../catalog/product.ts';
import { toVectorLiteral, type Embedder } from './embedder.ts';
import type { Lexicon } from './lexicon.ts';
import {
  RELAX_ORDER,
  activeFilters,
  filterSql,
  filtersFrom,
  withoutFilter,
  type FilterName,
  type Filters,
} from './search-filters.ts';
import { SEARCH_TABLE } from './search-index.ts';
import { understand, type Understood } from './understand.ts';
import { describeMatch, type MatchFacts } from './why-it-matches.ts';

/**
 * Hybrid retrieval: up to three ranked lists under the same hard filters
 * (vector similarity over the HNSW index, full text, trigram similarity for
 * words the lexicon does not know), fused by reciprocal rank. When the
 * filters leave nothing, the least important ones are relaxed one by one and
 * the response says which.
 */

export type SearchMode = 'hybrid' | 'vector' | 'text';

export interface SearchOptions {
  k?: number;
  mode?: SearchMode;
  now?: Date;
  /** Run inside this transaction (the conversation engine's, one per buyer message) instead of a new one. */
  tx?: Queryable;
}

export interface SearchResult {
  sku: string;
  title: string;
  category: string;
  subcategory: string | null;
  score: number;
  unit_price_at_quantity: number | null;
  /** the quantity that price is for: the request's, or the MOQ when it gave none */
  price_quantity: number;
  currency: string;
  moq: number;
  lead_time_days: number | null;
  colors: string[];
  image_url: string | null;
  why: string;
}

export interface SearchResponse {
  request: string;
  understood: Understood;
  results: SearchResult[];
  /** hard filters dropped to find anything, least important first */
  relaxed: FilterName[];
  message?: string;
}

export interface CatalogSearch {
  search(request: string, options?: SearchOptions): Promise<SearchResponse>;
  /** Retrieval for an already-understood request (the conversation engine refines filters across turns). */
  searchUnderstood(understood: Understood, request: string, options?: SearchOptions): Promise<SearchResponse>;
}

const RRF_K = 60;
const CANDIDATES = 100;

/** What a result needs beyond the facts its reason is built from. */
interface DetailRow extends MatchFacts {
  id: number;
  sku: string;
  title: string;
  image_urls: string[];
  price_tiers: PriceTier[];
}

export function createCatalogSearch(db: Database, deps: { embedder: Embedder; lexicon: Lexicon }): CatalogSearch {
  let rates: { at: number; values: Map<string, number> } | undefined;
  const loadRates = async (q: Queryable) => {
    if (!rates || Date.now() - rates.at > 30_000) {
      const { rows } = await q.query<{ currency: string; usd_per_unit: number }>(
        'select currency, usd_per_unit from currency_rates',
      );
      rates = { at: Date.now(), values: new Map(rows.map((r) => [r.currency.trim(), r.usd_per_unit])) };
    }
    return rates.values;
  };

  async function searchUnderstood(
    understood: Understood,
    request: string,
    options: SearchOptions = {},
  ): Promise<SearchResponse> {
    const k = Math.min(Math.max(options.k ?? 10, 1), 100);
    const mode = options.mode ?? 'hybrid';
    const queryVector = mode === 'text' ? undefined : await deps.embedder.embedQuery(request);
    const run = async (tx: Queryable): Promise<SearchResponse> => {
      await tx.exec(`set local hnsw.iterative_scan = 'relaxed_order'; set local hnsw.ef_search = 100`);
      const usd = await loadRates(tx);
      let filters = filtersFrom(understood, (currency) => usd.get(currency));
      const relaxed: FilterName[] = [];
      let ranked = await rankCandidates(tx, understood, filters, queryVector, mode);
      for (const name of RELAX_ORDER) {
        if (ranked.length > 0) break;
        if (!activeFilters(filters).includes(name)) continue;
        filters = withoutFilter(filters, name);
        relaxed.push(name);
        ranked = await rankCandidates(tx, understood, filters, queryVector, mode);
      }
      const top = ranked.slice(0, k);
      const details = await loadDetails(
        tx,
        top.map((r) => r.id),
      );
      const best = top[0]?.score ?? 1;
      const results = top.flatMap(({ id, score }) => {
        const row = details.get(id);
        if (!row) return [];
        const priceQuantity = Math.max(understood.quantity ?? row.moq, row.moq);
        const unitPrice = priceAtQuantity(row.price_tiers, priceQuantity);
        return [
          {
            sku: row.sku,
            title: row.title,
            category: row.category,
            subcategory: row.subcategory,
            score: Number((score / Math.max(best, 1e-9)).toFixed(3)),
            unit_price_at_quantity: unitPrice,
            price_quantity: priceQuantity,
            currency: row.currency,
            moq: row.moq,
            lead_time_days: row.lead_time_days,
            colors: row.colors,
            image_url: row.image_urls[0] ?? null,
            why: describeMatch(understood, row, unitPrice, priceQuantity),
          },
        ];
      });
      const response: SearchResponse = { request, understood, results, relaxed };
      if (relaxed.length) response.message = relaxedMessage(understood, relaxed, results.length);
      else if (results.length === 0) response.message = 'No active products match this request.';
      return response;
    };
    return options.tx ? run(options.tx) : db.transaction(run);
  }

  return {
    searchUnderstood,
    search: (request, options = {}) =>
      searchUnderstood(understand(deps.lexicon, request, options.now), request, options),
  };
}

interface Ranked {
  id: number;
  score: number;
}

async function rankCandidates(
  tx: Queryable,
  understood: Understood,
  filters: Filters,
  queryVector: number[] | undefined,
  mode: SearchMode,
): Promise<Ranked[]> {
  const lists: number[][] = [];
  const quantity = understood.quantity;
  const base = (offset: number) => filterSql(filters, quantity, offset);
  const from = `from products p join ${SEARCH_TABLE} s on s.product_id = p.id`;
  if (queryVector && queryVector.some((x) => x !== 0)) {
    const where = base(1);
    const { rows } = await tx.query<{ id: number }>(
      `select p.id ${from} where ${where.sql} order by s.embedding <=> $1::vector limit ${CANDIDATES}`,
      [toVectorLiteral(queryVector), ...where.params],
    );
    lists.push(rows.map((r) => r.id));
  }
  if (mode !== 'vector') {
    const terms = textQuery(understood, filters);
    if (terms) {
      lists.push(await fullTextList(tx, terms, filterSql(filters, quantity, 1)));
    }
    const trigram = await trigramList(tx, understood.keywords, [...new Set(lists.flat())]);
    if (trigram) lists.push(trigram);
  }
  // A request with no words to rank by ("50 pcs under $5") still lists what passes the filters.
  if (lists.length === 0) {
    const where = base(0);
    const { rows } = await tx.query<{ id: number }>(
      `select p.id ${from} where ${where.sql} order by p.id limit ${CANDIDATES}`,
      where.params,
    );
    lists.push(rows.map((r) => r.id));
  }
  // Hybrid only, so the vector and text modes stay what their names say for the eval.
  const facets = mode === 'hybrid' ? await facetList(tx, understood, [...new Set(lists.flat())]) : undefined;
  if (facets) lists.push(facets);
  const scores = new Map<number, number>();
  for (const list of lists) list.forEach((id, rank) => scores.set(id, (scores.get(id) ?? 0) + 1 / (RRF_K + rank + 1)));
  return [...scores].map(([id, score]) => ({ id, score })).sort((a, b) => b.score - a.score || a.id - b.id);
}

/**
 * One more ranked list for the fusion: the candidates ordered by how many of
 * the requested soft facets they have (the product type counts double), so a
 * "shoulder bag" request puts shoulder bags above other bags of the same colour.
 */
async function facetList(tx: Queryable, understood: Understood, ids: number[]): Promise<number[] | undefined> {
  const wanted: Array<[string, number]> = [
    ...understood.product_types.map((t): [string, number] => [`product_type:${t}`, 2]),
    ...understood.materials.map((m): [string, number] => [`material:${m}`, 1]),
    ...[...understood.occasions, ...understood.styles].map((o): [string, number] => [`occasion:${o}`, 1]),
  ];
  if (!wanted.length || !ids.length) return undefined;
  const { rows } = await tx.query<{ product_id: number; search_concepts: string[] }>(
    `select product_id, search_concepts from ${SEARCH_TABLE} where product_id = any($1::bigint[])`,
    [ids],
  );
  const concepts = new Map(rows.map((row) => [row.product_id, new Set(row.search_concepts)]));
  const facetScore = (id: number) =>
    wanted.reduce((sum, [key, weight]) => sum + (concepts.get(id)?.has(key) ? weight : 0), 0);
  const scored = ids.map((id, order) => ({ id, score: facetScore(id), order })).filter((x) => x.score > 0);
  return scored.sort((a, b) => b.score - a.score || a.order - b.order).map((x) => x.id);
}

/**
 * At most this many full-text matches are ranked. A request of common words ("linen summer") matches a third
 * of a 100,000-product catalog, and ranking them all (joined with products, under the budget filter) took
 * seconds; the vector list ranks such requests anyway. Smaller catalogs never reach it.
 */
const FULL_TEXT_MAX_MATCHES = 2_000;

async function fullTextList(tx: Queryable, terms: string, where: { sql: string; params: unknown[] }) {
  const { rows } = await tx.query<{ id: number }>(
    `select m.id
     from (select p.id, s.search_vector from products p join ${SEARCH_TABLE} s on s.product_id = p.id
           where s.search_vector @@ to_tsquery('english', $1) and ${where.sql}
           limit ${FULL_TEXT_MAX_MATCHES}) m, to_tsquery('english', $1) q
     order by ts_rank_cd(m.search_vector, q) desc, m.id limit ${CANDIDATES}`,
    [terms, ...where.params],
  );
  return rows.map((r) => r.id);
}

/**
 * Trigram similarity for the words the lexicon does not know (typos, brand and style names), over the
 * candidates the other lists found. Searching the whole table instead made it the slowest statement by far
 * (its GIN index matches most rows on common trigrams), while the vector list, built from the same words'
 * character trigrams, already finds the products they name.
 */
async function trigramList(tx: Queryable, keywords: string[], ids: number[]): Promise<number[] | undefined> {
  if (!keywords.length || !ids.length) return undefined;
  await tx.exec(`set local pg_trgm.word_similarity_threshold = 0.45`);
  const { rows } = await tx.query<{ id: number }>(
    `select s.product_id as id from ${SEARCH_TABLE} s where s.product_id = any($2::bigint[]) and $1 <% s.search_text
     order by word_similarity($1, s.search_text) desc, s.product_id limit ${CANDIDATES}`,
    [keywords.join(' '), ids],
  );
  return rows.map((r) => r.id);
}

/**
 * Full-text query: the canonical words of what was understood, plus the leftover keywords, OR-ed. Categories
 * and colours the filters already require are left out: every candidate has them, so they would only make
 * the query match (and rank) most of the table.
 */
export function textQuery(understood: Understood, filters: Filters = {}): string | undefined {
  const filteredCategories = new Set(filters.categories);
  const filteredColors = new Set(filters.colors);
  const phrases = [
    ...understood.product_types,
    ...understood.categories.filter((category) => !filteredCategories.has(category)),
    ...understood.colors.filter((color) => !filteredColors.has(`color:${color}`)),
    ...understood.materials,
    ...understood.occasions,
    ...understood.styles,
    ...understood.keywords,
  ];
  const parts = new Set<string>();
  for (const phrase of phrases) {
    const words = phrase.toLowerCase().match(/[\p{L}\p{N}]+/gu);
    if (words?.length) parts.add(words.map((w) => `'${w}'`).join(' <-> '));
  }
  return parts.size ? [...parts].join(' | ') : undefined;
}

async function loadDetails(tx: Queryable, ids: number[]): Promise<Map<number, DetailRow>> {
  if (!ids.length) return new Map();
  const { rows } = await tx.query<DetailRow & Record<string, unknown>>(
    `select p.id, p.sku, p.title, p.category, p.subcategory, p.colors, p.materials, p.tags, p.moq, p.currency,
            p.lead_time_days, p.stock, p.image_urls, s.search_concepts,
            coalesce((select jsonb_agg(jsonb_build_object('min_qty', t.min_qty, 'unit_price', t.unit_price::float8) order by t.min_qty)
                      from price_tiers t where t.product_id = p.id), '[]'::jsonb) as price_tiers
     from products p join ${SEARCH_TABLE} s on s.product_id = p.id where p.id = any($1::bigint[])`,
    [ids],
  );
  return new Map(
    rows.map((row) => [
      row.id,
      {
        ...row,
        currency: row.currency.trim(),
        price_tiers: typeof row.price_tiers === 'string' ? JSON.parse(row.price_tiers) : row.price_tiers,
      },
    ]),
  );
}

const RELAX_WORDS: Record<FilterName, (u: Understood) => string> = {
  category: () => 'category',
  colors: (u) => `colour (${u.colors.join(', ')})`,
  sizes: (u) => `size (${u.sizes.join(', ')})`,
  moq: (u) => `minimum order (${u.quantity} pcs)`,
  budget: (u) =>
    `budget (${u.budget?.amount} ${u.budget?.currency}${u.budget?.per === 'total' ? ' in total' : ' each'})`,
  deadline: (u) => `delivery time (${u.deadline?.days} days)`,
  certifications: (u) => `certification (${u.certifications.join(', ')})`,
  customization: (u) => `customization (${u.customization.join(', ').replace(/_/g, ' ')})`,
  dropship: () => 'dropshipping',
  in_stock: () => 'in stock',
};

function relaxedMessage(understood: Understood, relaxed: FilterName[], found: number): string {
  const dropped = relaxed.map((name) => RELAX_WORDS[name](understood)).join(', ');
  return found
    ? `Nothing matches every requirement; the closest, without the ${dropped} limit:`
    : `Nothing matches, even without the ${dropped} limit.`;
}
