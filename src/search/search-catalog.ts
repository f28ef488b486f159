import type { Database, Queryable } from '../db/database.ts';
import { parsePriceTiers, PRICE_TIERS_JSON } from '../catalog/catalog-repository.ts';
import { priceAtQuantity, type PriceTier } from '../catalog/product.ts';
import { toVectorLiteral, type Embedder } from './embedder.ts';
import { phraseQuery, textWords } from './full-text.ts';
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
import { hasVectorIndex, SEARCH_TABLE } from './search-table.ts';
import { createSearchStats, type SearchStats } from './search-stats.ts';
import { understand, type Understood } from './understand.ts';
import { describeMatch, type MatchFacts } from './why-it-matches.ts';
import { wordSimilarity } from './word-similarity.ts';

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
/** Candidates each ranked list brings to the fusion, the vector list's aside. */
const CANDIDATES = 100;

/**
 * The vector list's candidates, and the HNSW walk's ef_search. Half of CANDIDATES: at 100,000 products, in four
 * alternating pairs of 100 benchmark requests, the mean search went from 17.4–20.0 to 14.0–15.4 ms and p95 from
 * 30.5–34.9 to 26.5–29.6 ms (a shorter walk and exact scan, and fewer candidates to fetch words and facts
 * for), while nDCG@10 of the seed eval stayed the same (0.838 / 0.825) and over the 100k generated catalog
 * moved by 0.002 (0.693 → 0.694 English, 0.618 → 0.616 others), over the 41k real products of the datasets eval
 * by 0.003 (0.957 → 0.954). At 10 the seed eval's others fell to 0.815.
 */
const VECTOR_CANDIDATES = 50;

/** What a result needs beyond the facts its reason is built from. */
interface DetailRow extends MatchFacts {
  id: number;
  sku: string;
  title: string;
  image_urls: string[];
  price_tiers: PriceTier[];
}

export function createCatalogSearch(db: Database, deps: { embedder: Embedder; lexicon: Lexicon }): CatalogSearch {
  const stats = createSearchStats(SEARCH_TABLE);
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
      await tx.exec(`set local hnsw.iterative_scan = 'relaxed_order'; set local hnsw.ef_search = ${VECTOR_CANDIDATES}`);
      const usd = await loadRates(tx);
      let filters = filtersFrom(understood, (currency) => usd.get(currency));
      const relaxed: FilterName[] = [];
      const hnsw = queryVector !== undefined && (await hasVectorIndex(tx, SEARCH_TABLE));
      const concepts = new Map<number, string[]>();
      const rank = () =>
        rankCandidates(tx, understood, filters, { queryVector, mode, hnsw, usdPerUnit: usd, concepts, stats });
      let ranked = await rank();
      for (const name of RELAX_ORDER) {
        if (ranked.length > 0) break;
        if (!activeFilters(filters).includes(name)) continue;
        filters = withoutFilter(filters, name);
        relaxed.push(name);
        ranked = await rank();
      }
      const top = ranked.slice(0, k);
      const details = await loadDetails(
        tx,
        top.map((r) => r.id),
        concepts,
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

/** What rankCandidates needs besides the request and its filters. */
interface RankOptions {
  queryVector: number[] | undefined;
  mode: SearchMode;
  /** the HNSW index exists */
  hnsw: boolean;
  usdPerUnit: ReadonlyMap<string, number>;
  /**
   * Filled with the concept keys of every candidate: the statements that find them read those rows anyway,
   * so facets and reasons need no second visit to rows spread across the table.
   */
  concepts: Map<number, string[]>;
  stats: SearchStats;
}

/** A candidate as the retrieval statements return it. */
interface CandidateRow {
  id: number;
  search_concepts: string[];
}

async function rankCandidates(
  tx: Queryable,
  understood: Understood,
  filters: Filters,
  { queryVector, mode, hnsw, usdPerUnit, concepts, stats }: RankOptions,
): Promise<Ranked[]> {
  const lists: number[][] = [];
  const quantity = understood.quantity;
  const base = (offset: number) => filterSql(filters, quantity, offset, usdPerUnit);
  const list = (rows: CandidateRow[]) => {
    for (const row of rows) concepts.set(row.id, row.search_concepts);
    return rows.map((row) => row.id);
  };
  // Set when the vector list holds every product that passes the filters (fewer than VECTOR_CANDIDATES do).
  let passing: number[] | undefined;
  if (queryVector && queryVector.some((x) => x !== 0)) {
    // Few products pass: the walk would come back short, and the exact scan reads those few anyway.
    const passingRows = hnsw ? await stats.passingRows(tx, filters) : undefined;
    const walk = hnsw && !(passingRows !== undefined && passingRows < EXACT_SCAN_MAX_ROWS);
    const nearest = await vectorList(tx, queryVector, base(1), walk);
    lists.push(list(nearest.rows));
    if (nearest.all) passing = nearest.rows.map((row) => row.id);
  }
  // Nothing passes: the other lists would be empty too, so relaxation goes on without running them.
  if (passing?.length === 0) return [];
  if (mode !== 'vector') {
    const phrases = textPhrases(understood, filters);
    if (phrases.length) {
      // Ranking the few products known to pass is cheaper than matching the request's words across the table.
      const where = passing ? { sql: 's.product_id = any($3::bigint[])', params: [passing] } : base(2);
      const match = phraseQuery(passing ? phrases : await stats.narrow(tx, phrases, FULL_TEXT_MAX_MATCHES));
      // No phrase rare enough to match (all are in a large part of the catalog), or only stop words: the vector
      // list ranks them.
      if (match) lists.push(list(await fullTextList(tx, { match, rank: phraseQuery(phrases)! }, where)));
    }
    const trigram = await trigramList(tx, understood.keywords, [...new Set(lists.flat())]);
    if (trigram) lists.push(trigram);
  }
  // A request with no words to rank by ("50 pcs under $5") still lists what passes the filters.
  if (lists.length === 0) {
    const where = base(0);
    const { rows } = await tx.query<CandidateRow & Record<string, unknown>>(
      `select s.product_id as id, s.search_concepts from ${SEARCH_TABLE} s where ${where.sql}
       order by s.product_id limit ${CANDIDATES}`,
      where.params,
    );
    lists.push(list(rows));
  }
  // Hybrid only, so the vector and text modes stay what their names say for the eval.
  const facets = mode === 'hybrid' ? facetList(understood, [...new Set(lists.flat())], concepts) : undefined;
  if (facets) lists.push(facets);
  const scores = new Map<number, number>();
  for (const list of lists) list.forEach((id, rank) => scores.set(id, (scores.get(id) ?? 0) + 1 / (RRF_K + rank + 1)));
  return [...scores].map(([id, score]) => ({ id, score })).sort((a, b) => b.score - a.score || a.id - b.id);
}

/**
 * How many index entries the HNSW walk may visit for one request before the exact scan takes over. The
 * local embedder weighs the category heavily, so under a category filter nearly every neighbour passes and
 * the candidates come within a few hundred entries; filters the vectors know nothing of (a rare size, a
 * budget) can reject most of them, and past this many visits the exact scan is the cheaper way.
 */
const HNSW_MAX_SCAN_TUPLES = 1_000;

/**
 * Below this many products estimated to pass the filters (SearchStats.passingRows), the vector list is an exact
 * scan from the start: through the concept index it reads those rows and little else, while an HNSW walk
 * would visit up to HNSW_MAX_SCAN_TUPLES entries to find them and then, short of VECTOR_CANDIDATES, hand over to
 * the same scan.
 */
const EXACT_SCAN_MAX_ROWS = 3_000;

/**
 * The nearest products that pass the filters. With `walk`, the HNSW graph walk comes first: PostgreSQL's
 * planner, which cannot know that the nearest neighbours mostly share the filtered category, would otherwise
 * sort the whole category by distance (9,000 rows at 100,000 products: ~30 ms, the walk ~10 ms).
 * When the walk stops short of VECTOR_CANDIDATES (few products pass, or it visited HNSW_MAX_SCAN_TUPLES), the exact
 * scan answers; `+ 0` keeps it off the index. `all`: the exact scan found fewer than VECTOR_CANDIDATES, so these are
 * all the products that pass.
 */
async function vectorList(
  tx: Queryable,
  queryVector: number[],
  where: { sql: string; params: unknown[] },
  walk: boolean,
): Promise<{ rows: CandidateRow[]; all: boolean }> {
  const params = [toVectorLiteral(queryVector), ...where.params];
  const select = `select s.product_id as id, s.search_concepts from ${SEARCH_TABLE} s where ${where.sql}`;
  if (walk) {
    await tx.exec(`set local enable_sort = off; set local hnsw.max_scan_tuples = ${HNSW_MAX_SCAN_TUPLES}`);
    const { rows } = await tx.query<CandidateRow & Record<string, unknown>>(
      `${select} order by s.embedding <=> $1::vector limit ${VECTOR_CANDIDATES}`,
      params,
    );
    await tx.exec(`set local enable_sort = on`);
    if (rows.length === VECTOR_CANDIDATES) return { rows, all: false };
  }
  const { rows } = await tx.query<CandidateRow & Record<string, unknown>>(
    `${select} order by (s.embedding <=> $1::vector) + 0, s.product_id limit ${VECTOR_CANDIDATES}`,
    params,
  );
  return { rows, all: rows.length < VECTOR_CANDIDATES };
}

/**
 * One more ranked list for the fusion: the candidates ordered by how many of
 * the requested soft facets they have (the product type counts double), so a
 * "shoulder bag" request puts shoulder bags above other bags of the same colour.
 */
function facetList(understood: Understood, ids: number[], concepts: Map<number, string[]>): number[] | undefined {
  const wanted: Array<[string, number]> = [
    ...understood.product_types.map((t): [string, number] => [`product_type:${t}`, 2]),
    ...understood.materials.map((m): [string, number] => [`material:${m}`, 1]),
    ...[...understood.occasions, ...understood.styles].map((o): [string, number] => [`occasion:${o}`, 1]),
  ];
  if (!wanted.length || !ids.length) return undefined;
  const sets = new Map(ids.map((id) => [id, new Set(concepts.get(id))]));
  const facetScore = (id: number) =>
    wanted.reduce((sum, [key, weight]) => sum + (sets.get(id)?.has(key) ? weight : 0), 0);
  const scored = ids.map((id, order) => ({ id, score: facetScore(id), order })).filter((x) => x.score > 0);
  return scored.sort((a, b) => b.score - a.score || a.order - b.order).map((x) => x.id);
}

/**
 * At most this many full-text matches are ranked. A request of common words ("linen summer") matches a third
 * of a 100,000-product catalog, and ranking them all (joined with products, under the budget filter) took
 * seconds; the vector list ranks such requests anyway. Smaller catalogs never reach it. At 100,000 generated
 * products, 1,000 instead of 2,000 cut the statement's mean from ~13.5 to ~9.7 ms, and nDCG@10 of the eval
 * queries over that catalog moved by less than 0.005 (docs/architecture.md, Search decisions).
 */
const FULL_TEXT_MAX_MATCHES = 1_000;

/** Matches of `match` (see SearchStats.narrow), ranked by the whole query, `rank`. */
async function fullTextList(
  tx: Queryable,
  query: { match: string; rank: string },
  where: { sql: string; params: unknown[] },
): Promise<CandidateRow[]> {
  const { rows } = await tx.query<CandidateRow & Record<string, unknown>>(
    `select m.id, m.search_concepts
     from (select s.product_id as id, s.search_concepts, s.search_vector from ${SEARCH_TABLE} s
           where s.search_vector @@ $1::tsquery and ${where.sql}
           limit ${FULL_TEXT_MAX_MATCHES}) m
     order by ts_rank_cd(m.search_vector, $2::tsquery) desc, m.id limit ${CANDIDATES}`,
    [query.match, query.rank, ...where.params],
  );
  return rows;
}

/** The word similarity a candidate needs to enter the trigram list (pg_trgm's own default threshold is 0.6). */
const TRIGRAM_MIN_SIMILARITY = 0.45;

/**
 * Trigram similarity for the words the lexicon does not know (typos, brand and style names), over the
 * candidates the other lists found. Searching the whole table instead made it the slowest statement by far
 * (a trigram index matches most rows on common trigrams), while the vector list, built from the same words'
 * character trigrams, already finds the products they name. It compares with the product's own words (title,
 * type, materials, colours, tags), not the description: word similarity costs in proportion to the text, and
 * a misspelt word in a description still reaches the vector list, and a correct one the full-text list. The
 * words come from SQL and the similarity is computed here (wordSimilarity: pg_trgm's values, ~30 µs a
 * product less than in PGlite). Equally similar candidates keep the order the other lists found them in
 * (`ids`), so a tie adds nothing to one of them.
 */
async function trigramList(tx: Queryable, keywords: string[], ids: number[]): Promise<number[] | undefined> {
  if (!keywords.length || !ids.length) return undefined;
  const { rows } = await tx.query<{ id: number; words: string }>(
    `select p.id, concat_ws(' ', p.title, p.subcategory, array_to_string(p.materials, ' '),
                            array_to_string(p.colors, ' '), array_to_string(p.tags, ' ')) as words
     from products p where p.id = any($1::bigint[])`,
    [ids],
  );
  const pattern = keywords.join(' ');
  const found = new Map(ids.map((id, order) => [id, order]));
  return rows
    .map((row) => ({ id: row.id, similarity: wordSimilarity(pattern, row.words) }))
    .filter((row) => row.similarity >= TRIGRAM_MIN_SIMILARITY)
    .sort((a, b) => b.similarity - a.similarity || found.get(a.id)! - found.get(b.id)!)
    .slice(0, CANDIDATES)
    .map((row) => row.id);
}

/**
 * The full-text query's phrases: the canonical words of what was understood, plus the leftover keywords, each
 * a list of words. Categories and colours the filters already require are left out: every candidate has them,
 * so they would only make the query match (and rank) most of the table.
 */
export function textPhrases(understood: Understood, filters: Filters = {}): string[][] {
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
  const seen = new Map<string, string[]>();
  for (const phrase of phrases) {
    const words = textWords(phrase);
    if (words.length) seen.set(words.join(' '), words);
  }
  return [...seen.values()];
}

async function loadDetails(
  tx: Queryable,
  ids: number[],
  concepts: ReadonlyMap<number, string[]>,
): Promise<Map<number, DetailRow>> {
  if (!ids.length) return new Map();
  const { rows } = await tx.query<Omit<DetailRow, 'search_concepts'> & Record<string, unknown>>(
    `select p.id, p.sku, p.title, p.category, p.subcategory, p.colors, p.materials, p.tags, p.moq, p.currency,
            p.lead_time_days, p.stock, p.image_urls, ${PRICE_TIERS_JSON} as price_tiers
     from products p where p.id = any($1::bigint[])`,
    [ids],
  );
  return new Map(
    rows.map((row) => [
      row.id,
      {
        ...row,
        search_concepts: concepts.get(row.id) ?? [],
        currency: row.currency.trim(),
        price_tiers: parsePriceTiers(row.price_tiers),
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
