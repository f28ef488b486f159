import { createReadStream } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { streamProducts } from '../../../src/catalog/catalog-repository.ts';
import { importCatalog, type ImportReport } from '../../../src/catalog/import-catalog.ts';
import type { Product } from '../../../src/catalog/product.ts';
import type { Database } from '../../../src/db/database.ts';
import { migrate } from '../../../src/db/migrate.ts';
import { folderBytes } from '../../../src/db/pglite-database.ts';
import { warmPageCache } from '../../../src/db/warm-cache.ts';
import type { Embedder } from '../../../src/search/embedder.ts';
import { loadLexicon, type Lexicon } from '../../../src/search/lexicon.ts';
import { createLocalEmbedder } from '../../../src/search/local-embedder.ts';
import { createCatalogSearch, type SearchMode } from '../../../src/search/search-catalog.ts';
import { createImportIndexer, prepareSearchIndex, reindex } from '../../../src/search/search-index.ts';
import { SEARCH_READS, VECTOR_INDEX_MIN_ROWS } from '../../../src/search/search-table.ts';
import { fashionCatalogJsonl, fashionStylesFile } from '../../datasets/fashion-styles.ts';
import {
  evaluateMiniSearch,
  evaluateShowroom,
  loadQueries,
  miniSearchIndex,
  summarize,
  type MiniSearchIndex,
} from '../../eval/search-eval.ts';
import { mean, percentile } from '../../eval/metrics.ts';
import { openSeedCatalog } from '../../helpers/seed-catalog.ts';
import { openTarget, TARGETS, type Target } from '../targets.ts';
import { timedDatabase, type DbClock } from '../timed-database.ts';
import { createRecorder, recordingDatabase, statementKind, type Statement } from './recording-database.ts';

/**
 * One measured step of the search benchmark, run by ./run.ts in a fresh
 * `node` process (so memory and caches belong to that step alone). Prints one
 * JSON line on stdout.
 *
 *  --phase populate: a new data folder on disk, migrated, search index
 *    prepared, then the catalog loaded through the real importer, either
 *    `--method import` (importCatalog with the onWritten hook: embedded and
 *    indexed row batch by row batch, HNSW maintained per insert, as
 *    `showroom import` does) or `--method bulk` (importCatalog, then
 *    reindex(): embeddings written first, HNSW and GIN indexes built once at
 *    the end, as `showroom reindex` does).
 *  --phase search: reopen that folder, optionally drop the HNSW index
 *    (`--hnsw off`: `drop index product_search_embedding`, so the vector
 *    ranking is an exact scan), warm up, then time every request end to end
 *    (createCatalogSearch().search, k=10), recording each SQL statement.
 *    `--extras` adds MiniSearch and a brute-force cosine scan over the same
 *    products, vectors and requests.
 *  --phase quality: the seed catalog eval (test/eval/search-eval.ts), Showroom
 *    hybrid vs MiniSearch, nDCG@10 per language.
 */

export const SEARCH_K = 10;
const mib = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;
const peakRssMiB = () => Math.round((process.resourceUsage().maxRSS / 1024) * 10) / 10;
const round1 = (ms: number) => Math.round(ms * 10) / 10;

export interface LatencyStats {
  samples: number;
  p50: number;
  p95: number;
  p99: number;
  mean: number;
  max: number;
}

export function latencyStats(values: number[]): LatencyStats {
  return {
    samples: values.length,
    p50: round1(percentile(values, 50)),
    p95: round1(percentile(values, 95)),
    p99: round1(percentile(values, 99)),
    mean: round1(mean(values)),
    max: round1(Math.max(...values)),
  };
}

/** The fixed request set: `count` requests spread evenly over test/eval/search-queries.jsonl (all ten languages). */
export async function benchmarkRequests(count: number): Promise<{ id: string; lang: string; query: string }[]> {
  const all = await loadQueries();
  const step = all.length / Math.min(count, all.length);
  return Array.from({ length: Math.min(count, all.length) }, (_, i) => all[Math.floor(i * step)]!).map(
    ({ id, lang, query }) => ({ id, lang, query }),
  );
}

function timedEmbedder(embedder: Embedder, clock: { ms: number }): Embedder {
  const time = async <T>(run: () => Promise<T>) => {
    const start = performance.now();
    try {
      return await run();
    } finally {
      clock.ms += performance.now() - start;
    }
  };
  return {
    id: embedder.id,
    dimensions: embedder.dimensions,
    embedDocuments: (texts) => time(() => embedder.embedDocuments(texts)),
    embedQuery: (text) => time(() => embedder.embedQuery(text)),
  };
}

// ---------------------------------------------------------------------------------------------- populate

export interface PopulateResult {
  ok: true;
  method: 'import' | 'bulk';
  products: number;
  warnings: number;
  openMs: number;
  /** importCatalog wall time (with the onWritten hook for method import) */
  importMs: number;
  importPerSec: number;
  /** share of importMs waiting on SQL (BEGIN/COMMIT included) */
  importSqlMs: number;
  /** time inside embedder.embedDocuments, import + reindex */
  embedMs: number;
  /** method bulk: reindex() wall time, and the part spent building the indexes (HNSW + 3 GIN) */
  reindexMs?: number;
  indexBuildMs?: number;
  /** import (+ reindex): products per second, with embeddings and the search index ready */
  readyPerSec: number;
  /** only with --analyze */
  analyzeMs?: number;
  dbDiskMiB: number;
  peakRssMiB: number;
}

async function populatePhase(options: {
  target: Target;
  dir: string;
  source: 'generated' | 'fashion';
  file?: string;
  count: number;
  method: 'import' | 'bulk';
  /** e.g. '1GB': set on the session before loading (not what production does; to measure the suggested fix) */
  maintenanceWorkMem?: string;
  analyze?: boolean;
}): Promise<PopulateResult> {
  let start = performance.now();
  const opened = await openTarget(options.target, options.dir);
  const openMs = performance.now() - start;
  const { db } = opened;
  await migrate(db);
  const lexicon = await loadLexicon();
  const embedClock = { ms: 0 };
  const embedder = timedEmbedder(createLocalEmbedder(lexicon), embedClock);
  if (options.maintenanceWorkMem) await db.exec(`set maintenance_work_mem = '${options.maintenanceWorkMem}'`);
  await prepareSearchIndex(db, { lexicon, embedder });

  const clock: DbClock = { ms: 0, queries: 0 };
  const input =
    options.source === 'fashion'
      ? fashionCatalogJsonl(options.count > 0 ? { limit: options.count } : {})
      : createReadStream(options.file!);
  start = performance.now();
  const report: ImportReport = await importCatalog(timedDatabase(db, clock), input, {
    format: options.source === 'fashion' ? 'jsonl' : 'csv',
    source: options.source === 'fashion' ? 'styles.csv' : path.basename(options.file!),
    // As `showroom import` does it (src/cli/commands/import-command.ts).
    ...(options.method === 'import'
      ? createImportIndexer({ lexicon, embedder, readersWait: db.kind === 'pglite' })
      : {}),
  });
  const importMs = performance.now() - start;
  if (!report.committed || report.invalid > 0 || (options.count > 0 && report.created !== options.count))
    throw new Error(
      `import: committed ${report.committed}, created ${report.created} of ${options.count}, invalid ${report.invalid}: ` +
        JSON.stringify(report.errors.slice(0, 3)),
    );
  let reindexMs: number | undefined;
  let indexBuildMs: number | undefined;
  if (options.method === 'bulk') {
    const recorder = createRecorder();
    start = performance.now();
    await reindex(recordingDatabase(db, recorder), { lexicon, embedder });
    reindexMs = performance.now() - start;
    indexBuildMs = recorder.statements.filter((s) => /create index/i.test(s.sql)).reduce((sum, s) => sum + s.ms, 0);
  }
  // importCatalog analyzes after large imports and reindex() after building; --analyze adds an
  // explicit `analyze product_search` (for catalogs loaded by code that does neither).
  let analyzeMs: number | undefined;
  if (options.analyze) {
    start = performance.now();
    await db.exec('analyze product_search');
    analyzeMs = performance.now() - start;
  }
  const { rows } = await db.query<{ n: number; indexed: number }>(
    'select (select count(*) from products)::int as n, (select count(*) from product_search)::int as indexed',
  );
  if (rows[0]!.n !== report.created || rows[0]!.indexed !== report.created)
    throw new Error(
      `expected ${report.created} products indexed, found ${rows[0]!.n} products, ${rows[0]!.indexed} indexed`,
    );
  await opened.close();
  const readyMs = importMs + (reindexMs ?? 0);
  return {
    ok: true,
    method: options.method,
    products: report.created,
    warnings: report.warnings.length + report.warnings_not_listed,
    openMs: round1(openMs),
    importMs: round1(importMs),
    importPerSec: Math.round(report.created / (importMs / 1000)),
    importSqlMs: Math.round(clock.ms),
    embedMs: Math.round(embedClock.ms),
    ...(reindexMs !== undefined ? { reindexMs: round1(reindexMs), indexBuildMs: round1(indexBuildMs!) } : {}),
    readyPerSec: Math.round(report.created / (readyMs / 1000)),
    ...(analyzeMs !== undefined ? { analyzeMs: round1(analyzeMs) } : {}),
    dbDiskMiB: mib(await folderBytes(options.dir)),
    peakRssMiB: peakRssMiB(),
  };
}

// ---------------------------------------------------------------------------------------------- search

export interface SlowStatement {
  kind: string;
  ms: number;
  sql: string;
  explain?: string[];
}

export interface SearchRunResult {
  ok: true;
  mode: SearchMode;
  hnsw: boolean;
  products: number;
  activeProducts: number;
  requests: number;
  rounds: number;
  warmup: number;
  warmupMs: number;
  latency: LatencyStats;
  /** SQL share of the timed requests (statements + BEGIN/COMMIT) */
  sqlMs: LatencyStats;
  /** the rest: understanding, embedding the request, fusing, formatting */
  otherMs: LatencyStats;
  embedQueryMs: LatencyStats;
  /** per statement kind: how many ran per request on average, mean and p95 ms */
  statements: { kind: string; perRequest: number; mean: number; p95: number; total: number }[];
  relaxedRequests: number;
  slowest: { request: string; ms: number; statements: { kind: string; ms: number }[] };
  slowStatement?: SlowStatement;
  /** the page-cache warm-up before the requests (src/db/warm-cache.ts); null with --cold */
  cacheWarm: { mib: number; ms: number } | null;
  /** vector statements timed, and how many of their plans use product_search_embedding */
  vectorPlans?: { total: number; hnsw: number };
  extras?: Extras;
  openMs: number;
  peakRssMiB: number;
}

export interface Extras {
  minisearch: { products: number; loadMs: number; buildMs: number; latency: LatencyStats };
  bruteForce: { vectors: number; loadMs: number; scan: LatencyStats; embedPlusScan: LatencyStats };
  quality?: CatalogQuality;
}

/**
 * The labeled eval requests (test/eval/search-queries.jsonl) over this catalog, relevance and constraints judged
 * from each product's attributes as on the seed catalog: how retrieval quality holds up at this size.
 */
export interface CatalogQuality {
  queries: number;
  rows: { group: string; queries: number; showroom: number; minisearch: number }[];
  /** results breaking a stated constraint: in responses that kept every filter, in ones that said they relaxed one */
  violations: { strict: number; announced: number; minisearch: number };
}

async function explain(db: Database, statement: Statement, settings: Statement[]): Promise<string[]> {
  return db.transaction(async (tx) => {
    for (const setting of settings) await tx.exec(setting.sql);
    const { rows } = await tx.query<Record<string, string>>(
      `explain (analyze, buffers) ${statement.sql}`,
      statement.params,
    );
    return rows.map((row) => String(Object.values(row)[0]));
  });
}

/**
 * The `set local` statements that ran before `statement` in its request: search turns settings on and off
 * around single statements (enable_sort for the HNSW walk), so replaying all of them would plan another query.
 */
function settingsBefore(statements: Statement[], statement: Statement): Statement[] {
  return statements.slice(0, statements.indexOf(statement)).filter((s) => /^\s*set local/i.test(s.sql));
}

async function searchPhase(options: {
  target: Target;
  dir: string;
  hnsw: boolean;
  mode: SearchMode;
  requests: number;
  rounds: number;
  warmup: number;
  extras: boolean;
  /** with extras: also the eval requests over this catalog (generated catalogs, whose attributes they use) */
  catalogQuality: boolean;
  explain: boolean;
  /** skip the page-cache warm-up `showroom start` does, to measure a cold start */
  cold: boolean;
}): Promise<SearchRunResult> {
  let start = performance.now();
  const opened = await openTarget(options.target, options.dir);
  const openMs = performance.now() - start;
  const recorder = createRecorder();
  const db = recordingDatabase(opened.db, recorder);
  if (!options.hnsw) {
    recorder.on = false;
    await opened.db.exec('drop index if exists product_search_embedding');
  }
  const { rows: counts } = await opened.db.query<{ n: number; active: number; hnsw: boolean }>(
    `select count(*)::int as n, (count(*) filter (where status = 'active'))::int as active,
            exists (select 1 from pg_indexes where indexname = 'product_search_embedding') as hnsw
     from products`,
  );
  // Below VECTOR_INDEX_MIN_ROWS Showroom keeps no HNSW index (an exact scan is as fast): "on" then means
  // "as Showroom runs it", and the HNSW plans column shows 0 of n.
  const belowThreshold = counts[0]!.n < VECTOR_INDEX_MIN_ROWS;
  if (counts[0]!.hnsw !== options.hnsw && !(options.hnsw && belowThreshold))
    throw new Error(
      `expected the HNSW index ${options.hnsw ? 'present' : 'absent'}, found it ${counts[0]!.hnsw ? 'present' : 'absent'}`,
    );
  // As `showroom start` does before buyers arrive; a PostgreSQL server keeps its cache warm across connections,
  // so the PGlite behind pglite-socket is warmed too.
  const warmed = options.cold ? null : await warmPageCache(opened.embedded, SEARCH_READS);
  const lexicon = await loadLexicon();
  const embedClock = { ms: 0 };
  const embedder = timedEmbedder(createLocalEmbedder(lexicon), embedClock);
  const search = createCatalogSearch(db, { embedder, lexicon });
  const requests = await benchmarkRequests(options.requests);

  // Warm-up: `warmup` requests (cycling through the set), untimed: JIT, caches, PGlite's buffers.
  recorder.on = false;
  start = performance.now();
  for (let i = 0; i < options.warmup; i++) {
    await search.search(requests[i % requests.length]!.query, { k: SEARCH_K, mode: options.mode });
  }
  const warmupMs = performance.now() - start;

  recorder.on = true;
  const samples: {
    request: string;
    ms: number;
    sqlMs: number;
    embedMs: number;
    statements: Statement[];
    relaxed: boolean;
  }[] = [];
  for (let round = 0; round < options.rounds; round++) {
    for (const request of requests) {
      recorder.statements = [];
      recorder.transactionMs = 0;
      embedClock.ms = 0;
      const begin = performance.now();
      const response = await search.search(request.query, { k: SEARCH_K, mode: options.mode });
      const ms = performance.now() - begin;
      const statements = recorder.statements;
      samples.push({
        request: request.query,
        ms,
        sqlMs: statements.reduce((sum, s) => sum + s.ms, 0) + recorder.transactionMs,
        embedMs: embedClock.ms,
        statements,
        relaxed: response.relaxed.length > 0,
      });
    }
  }
  recorder.on = false;

  const byKind = new Map<string, { counts: number; ms: number[] }>();
  for (const sample of samples) {
    for (const statement of sample.statements) {
      const kind = statementKind(statement.sql);
      const entry = byKind.get(kind) ?? { counts: 0, ms: [] };
      entry.counts++;
      entry.ms.push(statement.ms);
      byKind.set(kind, entry);
    }
  }
  const slowest = samples.reduce((a, b) => (b.ms > a.ms ? b : a));
  const slowStatementOf = slowest.statements
    .filter((s) => !/^\s*set local/i.test(s.sql))
    .reduce((a, b) => (b.ms > a.ms ? b : a));
  let slowStatement: SlowStatement | undefined = {
    kind: statementKind(slowStatementOf.sql),
    ms: round1(slowStatementOf.ms),
    sql: slowStatementOf.sql.replace(/\s+/g, ' ').trim(),
  };
  if (options.explain) {
    const settings = settingsBefore(slowest.statements, slowStatementOf);
    slowStatement.explain = await explain(opened.db, slowStatementOf, settings);
  }
  // Is the vector ranking served by HNSW? EXPLAIN (plan only) every vector statement that ran.
  let vectorPlans: { total: number; hnsw: number } | undefined;
  for (const sample of samples) {
    for (const statement of sample.statements.filter((x) => /<=>/.test(x.sql))) {
      const settings = settingsBefore(sample.statements, statement);
      const plan = await opened.db.transaction(async (tx) => {
        for (const setting of settings) await tx.exec(setting.sql);
        const { rows } = await tx.query<Record<string, string>>(`explain ${statement.sql}`, statement.params);
        return rows.map((row) => String(Object.values(row)[0])).join('\n');
      });
      vectorPlans ??= { total: 0, hnsw: 0 };
      vectorPlans.total++;
      if (/product_search_embedding/.test(plan)) vectorPlans.hnsw++;
    }
  }
  if (!slowStatement.sql) slowStatement = undefined;

  const extras = options.extras
    ? await measureExtras(opened.db, embedder, requests, options.catalogQuality ? lexicon : undefined)
    : undefined;
  await opened.close();
  return {
    ok: true,
    mode: options.mode,
    hnsw: options.hnsw,
    products: counts[0]!.n,
    activeProducts: counts[0]!.active,
    requests: requests.length,
    rounds: options.rounds,
    warmup: options.warmup,
    warmupMs: Math.round(warmupMs),
    latency: latencyStats(samples.map((s) => s.ms)),
    sqlMs: latencyStats(samples.map((s) => s.sqlMs)),
    otherMs: latencyStats(samples.map((s) => s.ms - s.sqlMs)),
    embedQueryMs: latencyStats(samples.map((s) => s.embedMs)),
    statements: [...byKind]
      .map(([kind, { counts: n, ms }]) => ({
        kind,
        perRequest: Math.round((n / samples.length) * 100) / 100,
        mean: round1(mean(ms)),
        p95: round1(percentile(ms, 95)),
        total: Math.round(ms.reduce((a, b) => a + b, 0)),
      }))
      .sort((a, b) => b.total - a.total),
    relaxedRequests: samples.filter((s) => s.relaxed).length,
    slowest: {
      request: slowest.request,
      ms: round1(slowest.ms),
      statements: slowest.statements.map((s) => ({ kind: statementKind(s.sql), ms: round1(s.ms) })),
    },
    ...(slowStatement ? { slowStatement } : {}),
    ...(vectorPlans ? { vectorPlans } : {}),
    ...(extras ? { extras } : {}),
    openMs: round1(openMs),
    cacheWarm: warmed ? { mib: Math.round(warmed.pages / 128), ms: Math.round(warmed.ms) } : null,
    peakRssMiB: peakRssMiB(),
  };
}

/**
 * The same products and requests through MiniSearch (set up as test/eval/search-eval.ts's
 * evaluateMiniSearch: title + text, fuzzy 0.2, prefix, OR, title boosted ×2), and a brute-force
 * cosine scan in plain JS over the very vectors stored in product_search (exact top-k, no filters).
 */
async function measureExtras(
  db: Database,
  embedder: Embedder,
  requests: { query: string }[],
  qualityLexicon?: Lexicon,
): Promise<Extras> {
  let start = performance.now();
  const products: Product[] = [];
  for await (const product of streamProducts(db)) if (product.status === 'active') products.push(product);
  const loadMs = performance.now() - start;
  start = performance.now();
  const index = miniSearchIndex(products);
  const buildMs = performance.now() - start;
  for (const request of requests) index.search(request.query).slice(0, SEARCH_K);
  const miniMs: number[] = [];
  for (const request of requests) {
    const begin = performance.now();
    index.search(request.query).slice(0, SEARCH_K);
    miniMs.push(performance.now() - begin);
  }
  const quality = qualityLexicon
    ? await measureCatalogQuality({ db, embedder, lexicon: qualityLexicon, products }, index)
    : undefined;
  products.length = 0;

  // Vectors as stored (active products only, as search filters), in one Float32Array.
  start = performance.now();
  const dims = embedder.dimensions;
  const { rows } = await db.query<{ id: number; embedding: string }>(
    `select s.product_id as id, s.embedding::text as embedding from product_search s join products p on p.id = s.product_id where p.status = 'active'`,
  );
  const matrix = new Float32Array(rows.length * dims);
  const norms = new Float32Array(rows.length);
  rows.forEach((row, r) => {
    const values = row.embedding.slice(1, -1).split(',');
    let norm = 0;
    for (let d = 0; d < dims; d++) {
      const x = Number(values[d]);
      matrix[r * dims + d] = x;
      norm += x * x;
    }
    norms[r] = Math.sqrt(norm) || 1;
  });
  const vectors = rows.length;
  rows.length = 0;
  const vectorLoadMs = performance.now() - start;
  const scan = (query: number[]): number[] => {
    const q = Float32Array.from(query);
    const top: { i: number; score: number }[] = [];
    for (let r = 0; r < vectors; r++) {
      let dot = 0;
      const base = r * dims;
      for (let d = 0; d < dims; d++) dot += matrix[base + d]! * q[d]!;
      const score = dot / norms[r]!;
      if (top.length < SEARCH_K || score > top[top.length - 1]!.score) {
        top.push({ i: r, score });
        top.sort((a, b) => b.score - a.score);
        if (top.length > SEARCH_K) top.pop();
      }
    }
    return top.map((t) => t.i);
  };
  const queryVectors = await Promise.all(requests.map((r) => embedder.embedQuery(r.query)));
  for (const vector of queryVectors) scan(vector); // warm-up
  const scanMs: number[] = [];
  const embedScanMs: number[] = [];
  for (const request of requests) {
    const begin = performance.now();
    const vector = await embedder.embedQuery(request.query);
    const embedded = performance.now();
    scan(vector);
    const end = performance.now();
    scanMs.push(end - embedded);
    embedScanMs.push(end - begin);
  }
  return {
    minisearch: {
      products: index.documentCount,
      loadMs: Math.round(loadMs),
      buildMs: Math.round(buildMs),
      latency: latencyStats(miniMs),
    },
    bruteForce: {
      vectors,
      loadMs: Math.round(vectorLoadMs),
      scan: latencyStats(scanMs),
      embedPlusScan: latencyStats(embedScanMs),
    },
    ...(quality ? { quality } : {}),
  };
}

async function measureCatalogQuality(
  catalog: {
    db: Database;
    embedder: Embedder;
    lexicon: Lexicon;
    products: Product[];
  },
  index: MiniSearchIndex,
): Promise<CatalogQuality> {
  const queries = await loadQueries();
  const showroom = (await evaluateShowroom(catalog, queries, 'hybrid')).scores;
  const mini = evaluateMiniSearch(catalog.products, queries, index).scores;
  const english = (score: { lang: string }) => (score.lang === 'en' ? 'en' : 'non-English');
  const miniByGroup = new Map(summarize(mini, english).map((row) => [row.group, row.ndcg]));
  return {
    queries: queries.length,
    rows: summarize(showroom, english).map((row) => ({
      group: row.group,
      queries: row.queries,
      showroom: row.ndcg,
      minisearch: miniByGroup.get(row.group) ?? 0,
    })),
    violations: {
      strict: showroom.filter((s) => !s.relaxed).reduce((sum, s) => sum + s.violations, 0),
      announced: showroom.filter((s) => s.relaxed).reduce((sum, s) => sum + s.violations, 0),
      minisearch: mini.reduce((sum, s) => sum + s.violations, 0),
    },
  };
}

// ---------------------------------------------------------------------------------------------- quality

export interface QualityRow {
  group: string;
  queries: number;
  showroom: number;
  minisearch: number;
}

export interface QualityResult {
  ok: true;
  products: number;
  queries: number;
  rows: QualityRow[];
  ms: number;
}

async function qualityPhase(): Promise<QualityResult> {
  const start = performance.now();
  const queries = await loadQueries();
  const catalog = await openSeedCatalog();
  try {
    const showroom = await evaluateShowroom(catalog, queries, 'hybrid');
    const mini = evaluateMiniSearch(catalog.products, queries);
    const groups: [string, (s: { lang: string }) => string][] = [
      ['lang', (s) => s.lang],
      ['en/non-en', (s) => (s.lang === 'en' ? 'en' : 'non-English')],
      ['all', () => 'all'],
    ];
    const rows: QualityRow[] = [];
    for (const [, group] of groups) {
      const a = summarize(showroom.scores, group);
      const b = summarize(mini.scores, group);
      for (const row of a) {
        if (rows.some((x) => x.group === row.group)) continue; // "en" is both a language and the en/non-en split
        rows.push({
          group: row.group,
          queries: row.queries,
          showroom: row.ndcg,
          minisearch: b.find((x) => x.group === row.group)?.ndcg ?? 0,
        });
      }
    }
    return {
      ok: true,
      products: catalog.products.filter((p) => p.status === 'active').length,
      queries: queries.length,
      rows,
      ms: Math.round(performance.now() - start),
    };
  } finally {
    await catalog.close();
  }
}

// ---------------------------------------------------------------------------------------------- main

async function main(): Promise<PopulateResult | SearchRunResult | QualityResult> {
  const { values } = parseArgs({
    options: {
      phase: { type: 'string' },
      target: { type: 'string', default: 'pglite' },
      dir: { type: 'string' },
      source: { type: 'string', default: 'generated' },
      file: { type: 'string' },
      count: { type: 'string', default: '0' },
      method: { type: 'string', default: 'import' },
      hnsw: { type: 'string', default: 'on' },
      mode: { type: 'string', default: 'hybrid' },
      requests: { type: 'string', default: '100' },
      rounds: { type: 'string', default: '1' },
      warmup: { type: 'string', default: '20' },
      extras: { type: 'boolean', default: false },
      'catalog-quality': { type: 'boolean', default: false },
      explain: { type: 'boolean', default: false },
      cold: { type: 'boolean', default: false },
      'maintenance-work-mem': { type: 'string' },
      analyze: { type: 'boolean', default: false },
    },
  });
  if (values.phase === 'quality') return qualityPhase();
  const target = values.target as Target;
  if (!TARGETS.includes(target)) throw new Error(`--target must be one of ${TARGETS.join(', ')}`);
  if (!values.dir) throw new Error('--dir (the PGlite data folder) is required');
  if (values.phase === 'populate') {
    const source = values.source as 'generated' | 'fashion';
    if (source !== 'generated' && source !== 'fashion') throw new Error('--source: generated or fashion');
    if (source === 'generated' && !values.file) throw new Error('--file is required for --source generated');
    if (source === 'fashion' && !fashionStylesFile()) throw new Error('the fashion dataset is not available');
    const method = values.method as 'import' | 'bulk';
    if (method !== 'import' && method !== 'bulk') throw new Error('--method: import or bulk');
    const maintenanceWorkMem = values['maintenance-work-mem'];
    if (maintenanceWorkMem !== undefined && !/^\d+\s*(kB|MB|GB)$/.test(maintenanceWorkMem))
      throw new Error('--maintenance-work-mem: like 512MB or 1GB');
    return populatePhase({
      target,
      dir: values.dir,
      source,
      file: values.file,
      count: Number(values.count),
      method,
      ...(maintenanceWorkMem ? { maintenanceWorkMem } : {}),
      analyze: Boolean(values.analyze),
    });
  }
  if (values.phase !== 'search') throw new Error('--phase must be populate, search or quality');
  const mode = values.mode as SearchMode;
  if (!['hybrid', 'vector', 'text'].includes(mode)) throw new Error('--mode: hybrid, vector or text');
  return searchPhase({
    target,
    dir: values.dir,
    hnsw: values.hnsw !== 'off',
    mode,
    requests: Number(values.requests),
    rounds: Number(values.rounds),
    warmup: Number(values.warmup),
    extras: Boolean(values.extras),
    catalogQuality: Boolean(values['catalog-quality']),
    explain: Boolean(values.explain),
    cold: Boolean(values.cold),
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    process.stdout.write(JSON.stringify(await main()) + '\n');
  } catch (error) {
    process.stdout.write(
      JSON.stringify({ ok: false, error: (error as Error).stack ?? String(error), peakRssMiB: peakRssMiB() }) + '\n',
    );
    process.exitCode = 1;
  }
}
