// Search quality on a real catalog: the Fashion Product Images styles.csv (Myntra listings),
// converted by test/datasets/fashion-styles.ts and imported through the real importer into an
// in-memory PGlite indexed with the local embedder. About 100 queries are built from the file's own
// attributes ((articleType, baseColour, gender) combinations with at least 5 products), relevance comes
// from those attributes, and Showroom's hybrid, vector and text modes are scored beside MiniSearch
// given the same products and queries.
//
//   npx tsx test/eval/datasets-eval.ts [--queries 100] [--limit N: first N products only]
//       [--index bulk|import] [--show 8: weakest queries listed] [--results fp-014,fp-039: their top 10]
//
// --index bulk (default): importCatalog, then reindex() with maintenance_work_mem raised to 512MB for
// this in-memory database, so the HNSW graph is built in memory (the production default, 64MB, makes the
// build several times slower; quality is the same). --index import: embed and index during the import
// through the onWritten hook, as `showroom import` does (about 5 minutes for this catalog on 2 cores).
//
// Skips (exit 0) when ../shared/datasets is absent.
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import MiniSearch from 'minisearch';
import { importCatalog } from '../../src/catalog/import-catalog.ts';
import { migrate } from '../../src/db/migrate.ts';
import { createPgliteDatabase } from '../../src/db/pglite-database.ts';
import { loadLexicon } from '../../src/search/lexicon.ts';
import { createLocalEmbedder } from '../../src/search/local-embedder.ts';
import { createCatalogSearch, type SearchMode } from '../../src/search/search-catalog.ts';
import { indexProducts, prepareSearchIndex, reindex } from '../../src/search/search-index.ts';
import {
  fashionCatalogJsonl,
  fashionCategory,
  fashionStylesFile,
  FASHION_STYLES_FILE,
  loadFashionStyles,
  toCatalogRow,
  type FashionCatalogRow,
  type FashionStyle,
} from '../datasets/fashion-styles.ts';
import { mean, ndcg, percentile, reciprocalRank, recallAt } from './metrics.ts';

/** The words a buyer would use for an articleType; queries alternate between them. */
export const QUERY_TYPE_WORDS: Readonly<Record<string, string[]>> = {
  Tshirts: ['t-shirts', 'tshirts'],
  Shirts: ['shirts'],
  'Casual Shoes': ['casual shoes', 'sneakers'],
  'Sports Shoes': ['sports shoes', 'running shoes'],
  Tops: ['tops'],
  Handbags: ['handbags'],
  Watches: ['watches'],
  Heels: ['heels'],
  Sunglasses: ['sunglasses'],
  'Flip Flops': ['flip flops'],
  Sandals: ['sandals'],
  Belts: ['belts'],
  Jeans: ['jeans'],
  Trousers: ['trousers'],
  Flats: ['flats'],
  Dresses: ['dresses'],
  Earrings: ['earrings'],
  'Track Pants': ['track pants'],
  Clutches: ['clutches'],
  Caps: ['caps'],
  Jackets: ['jackets'],
  'Necklace and Chains': ['necklaces', 'chains'],
  Skirts: ['skirts'],
  Scarves: ['scarves'],
  Ring: ['rings'],
  Stoles: ['stoles'],
  Bracelet: ['bracelets'],
  'Jewellery Set': ['jewellery sets'],
  Jumpsuit: ['jumpsuits'],
};

const GENDER_WORDS: Record<string, string[]> = {
  Men: ['men', 'for men'],
  Women: ['women', 'for women'],
  Boys: ['boys', 'for boys'],
  Girls: ['girls', 'for girls'],
};

export interface DatasetQuery {
  id: string;
  query: string;
  articleType: string;
  baseColour: string;
  /** undefined: the query names no gender (Unisex combinations) */
  gender?: string;
  usage?: string;
  /** products in the (articleType, baseColour, gender) combination */
  comboSize: number;
}

/**
 * Deterministic: combinations with ≥ minProducts products, per articleType by size, then round-robin
 * over article types so every type is asked about before any is asked twice. Every 3rd query adds the
 * combination's most common usage word ("casual white sneakers men").
 */
export function buildQueries(styles: FashionStyle[], count = 100, minProducts = 5): DatasetQuery[] {
  const combos = new Map<
    string,
    { articleType: string; baseColour: string; gender: string; usages: Map<string, number>; n: number }
  >();
  for (const s of styles) {
    if (!QUERY_TYPE_WORDS[s.articleType] || s.baseColour === 'Multi' || s.baseColour === 'NA') continue;
    const key = `${s.articleType}|${s.baseColour}|${s.gender}`;
    const combo = combos.get(key) ?? {
      articleType: s.articleType,
      baseColour: s.baseColour,
      gender: s.gender,
      usages: new Map(),
      n: 0,
    };
    combo.n++;
    if (s.usage !== 'NA') combo.usages.set(s.usage, (combo.usages.get(s.usage) ?? 0) + 1);
    combos.set(key, combo);
  }
  const byType = new Map<string, typeof combos extends Map<string, infer C> ? C[] : never>();
  for (const combo of combos.values()) {
    if (combo.n < minProducts) continue;
    byType.set(combo.articleType, [...(byType.get(combo.articleType) ?? []), combo]);
  }
  for (const list of byType.values())
    list.sort((a, b) => b.n - a.n || a.baseColour.localeCompare(b.baseColour) || a.gender.localeCompare(b.gender));
  const types = [...byType.keys()].sort((a, b) => byType.get(b)!.length - byType.get(a)!.length || a.localeCompare(b));
  const queries: DatasetQuery[] = [];
  for (let round = 0; queries.length < count; round++) {
    const before = queries.length;
    for (const type of types) {
      const combo = byType.get(type)![round];
      if (!combo || queries.length >= count) continue;
      const i = queries.length;
      const typeWords = QUERY_TYPE_WORDS[type]!;
      const typeWord = typeWords[Math.floor(i / 2) % typeWords.length]!;
      const colour = combo.baseColour.toLowerCase();
      const genderWords = GENDER_WORDS[combo.gender];
      const common = i % 3 === 2 ? [...combo.usages].sort((a, b) => b[1] - a[1])[0]?.[0] : undefined;
      // "sports running shoes" but not "sports sports shoes"
      const usage = common && !typeWord.includes(common.toLowerCase()) ? common : undefined;
      const usageWord = usage ? `${usage.toLowerCase()} ` : '';
      let text: string;
      if (!genderWords) text = `${usageWord}${colour} ${typeWord}`;
      else {
        const g = genderWords[i % 2]!;
        text = g.startsWith('for ')
          ? `${usageWord}${colour} ${typeWord} ${g}`
          : `${g} ${usageWord}${colour} ${typeWord}`;
        if (usage && i % 2 === 0) text = `${usageWord}${colour} ${typeWord} ${g}`;
      }
      queries.push({
        id: `fp-${String(i + 1).padStart(3, '0')}`,
        query: text,
        articleType: combo.articleType,
        baseColour: combo.baseColour,
        ...(genderWords ? { gender: combo.gender } : {}),
        ...(usage ? { usage } : {}),
        comboSize: combo.n,
      });
    }
    if (queries.length === before) break;
  }
  return queries;
}

/** 2: articleType, colour and (when the query names one) gender match; 1: articleType matches; else 0. Unisex counts as men's and women's. */
export function datasetGain(query: DatasetQuery, style: FashionStyle): number {
  if (style.articleType !== query.articleType) return 0;
  const colour = style.baseColour === query.baseColour;
  const gender =
    !query.gender ||
    style.gender === query.gender ||
    (style.gender === 'Unisex' && (query.gender === 'Men' || query.gender === 'Women'));
  return colour && gender ? 2 : 1;
}

export interface DatasetScore {
  id: string;
  ndcg: number;
  recall: number;
  mrr: number;
  returned: number;
  ms: number;
}

export function scoreQuery(
  query: DatasetQuery,
  skus: string[],
  bySku: Map<string, FashionStyle>,
  all: FashionStyle[],
  ms: number,
): DatasetScore {
  const gains = skus.map((sku) => {
    const style = bySku.get(sku);
    return style ? datasetGain(query, style) : 0;
  });
  const allGains = all.map((style) => datasetGain(query, style));
  return {
    id: query.id,
    ndcg: ndcg(gains, allGains),
    recall: recallAt(gains, allGains.filter((g) => g === 2).length),
    mrr: reciprocalRank(gains),
    returned: skus.length,
    ms,
  };
}

/** MiniSearch set up exactly as test/eval/search-eval.ts's evaluateMiniSearch: fuzzy 0.2, prefix, OR, title ×2. */
export function buildMiniSearch(rows: FashionCatalogRow[]): MiniSearch<{ id: string; title: string; text: string }> {
  const index = new MiniSearch<{ id: string; title: string; text: string }>({
    fields: ['title', 'text'],
    storeFields: [],
    searchOptions: { boost: { title: 2 }, fuzzy: 0.2, prefix: true, combineWith: 'OR' },
  });
  index.addAll(
    rows.map((row) => ({
      id: row.sku,
      title: row.title,
      text: [row.subcategory, row.category, ...row.colors, ...row.tags].filter(Boolean).join(' '),
    })),
  );
  return index;
}

function parseOptions() {
  const { values } = parseArgs({
    options: {
      queries: { type: 'string', default: '100' },
      limit: { type: 'string' },
      index: { type: 'string', default: 'bulk' },
      show: { type: 'string', default: '8' },
      results: { type: 'string', default: '' },
    },
  });
  const queryCount = Number(values.queries);
  const limit = values.limit === undefined ? undefined : Number(values.limit);
  if (!Number.isInteger(queryCount) || queryCount < 1) throw new Error('--queries: a positive whole number');
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 1))
    throw new Error('--limit: a positive whole number');
  if (values.index !== 'import' && values.index !== 'bulk') throw new Error('--index: import or bulk');
  return {
    queryCount,
    limit,
    index: values.index as 'import' | 'bulk',
    show: Number(values.show),
    results: values.results!.split(',').filter(Boolean),
  };
}

async function main(): Promise<number> {
  const options = parseOptions();
  if (!fashionStylesFile()) {
    console.log(`datasets eval: skipped, ${FASHION_STYLES_FILE} not found (the shared datasets folder is absent)`);
    return 0;
  }
  const started = performance.now();
  const styles = await loadFashionStyles({ limit: options.limit });
  const rows = styles.map(toCatalogRow);
  const bySku = new Map(styles.map((style) => [`FP-${style.id}`, style]));
  const queries = buildQueries(styles, options.queryCount);

  const db = await createPgliteDatabase();
  await migrate(db);
  const lexicon = await loadLexicon();
  const embedder = createLocalEmbedder(lexicon);
  await prepareSearchIndex(db, { lexicon, embedder });
  let at = performance.now();
  const report = await importCatalog(db, fashionCatalogJsonl({ limit: options.limit }), {
    format: 'jsonl',
    source: 'fashion-product-images-styles/styles.csv',
    ...(options.index === 'import' ? { onWritten: (tx, ids) => indexProducts(tx, ids, { lexicon, embedder }) } : {}),
  });
  const importMs = performance.now() - at;
  if (!report.committed || report.created !== rows.length)
    throw new Error(
      `import: expected ${rows.length} created, got ${report.created} (committed ${report.committed}, invalid ${report.invalid})`,
    );
  let reindexMs = 0;
  if (options.index === 'bulk') {
    at = performance.now();
    await db.exec(`set maintenance_work_mem = '512MB'`);
    await reindex(db, { lexicon, embedder });
    reindexMs = performance.now() - at;
  }

  const search = createCatalogSearch(db, { embedder, lexicon });
  const systems: { system: string; scores: DatasetScore[] }[] = [];
  const shown: string[] = [];
  const show = (system: string, query: DatasetQuery, skus: string[]) => {
    if (!options.results.includes(query.id)) return;
    shown.push(`  ${system}, ${query.id} "${query.query}":`);
    for (const sku of skus) {
      const style = bySku.get(sku);
      const what = style
        ? `${style.articleType} / ${style.baseColour} / ${style.gender}  ${style.productDisplayName}`
        : '?';
      shown.push(`    gain ${style ? datasetGain(query, style) : 0}  ${sku}  ${what}`);
    }
  };
  for (const mode of ['hybrid', 'vector', 'text'] as SearchMode[]) {
    await search.search(queries[0]!.query, { k: 10, mode }); // warm-up
    const scores: DatasetScore[] = [];
    for (const query of queries) {
      const begin = performance.now();
      const response = await search.search(query.query, { k: 10, mode });
      const ms = performance.now() - begin;
      const skus = response.results.map((r) => r.sku);
      show(`showroom ${mode}`, query, skus);
      scores.push(scoreQuery(query, skus, bySku, styles, ms));
    }
    systems.push({ system: `showroom ${mode}`, scores });
  }
  at = performance.now();
  const mini = buildMiniSearch(rows);
  const miniBuildMs = performance.now() - at;
  systems.push({
    system: 'minisearch',
    scores: queries.map((query) => {
      const begin = performance.now();
      const hits = mini
        .search(query.query)
        .slice(0, 10)
        .map((hit) => String(hit.id));
      const ms = performance.now() - begin;
      show('minisearch', query, hits);
      return scoreQuery(query, hits, bySku, styles, ms);
    }),
  });
  await db.close();

  const warnings = report.warnings.length + report.warnings_not_listed;
  const cpus = os.cpus();
  console.log('Search quality on a real catalog: Fashion Product Images (Myntra) styles.csv');
  console.log(
    `settings: ${rows.length.toLocaleString('en-US')} products (Apparel, Accessories, Footwear${options.limit ? `, first ${options.limit}` : ''}), ` +
      `${queries.length} queries from (articleType, baseColour, gender) combinations with ≥ 5 products, k=10, ` +
      `embedder ${embedder.id} (${embedder.dimensions} dims), PGlite in memory, node ${process.version}, ` +
      `${cpus.length}× ${cpus[0]?.model.trim() ?? 'cpu'}, ${new Date().toISOString()}`,
  );
  console.log(
    `catalog: importCatalog (JSONL, ${options.index === 'import' ? 'embedded + indexed during import through onWritten' : 'then reindex() with maintenance_work_mem 512MB: embeddings, then indexes built once'}) ` +
      `${(importMs / 1000).toFixed(1)} s${reindexMs ? ` + reindex ${(reindexMs / 1000).toFixed(1)} s` : ''}; ` +
      `${warnings.toLocaleString('en-US')} rows warned (articleTypes outside the taxonomy, kept as their own category); prices are synthetic`,
  );
  console.log(
    'relevance: 2 = articleType, colour and (when named) gender match (Unisex counts for men and women), 1 = articleType only; ' +
      'recall@10 = gain-2 results in the top 10 / min(10, gain-2 products); MiniSearch set up as in npm run eval ' +
      `(fuzzy 0.2, prefix, OR, title x2; index built in ${(miniBuildMs / 1000).toFixed(1)} s)\n`,
  );
  console.log(table(systems, queries));

  const hybrid = systems[0]!.scores;
  const miniScores = systems.at(-1)!.scores;
  const worst = [...hybrid].sort((a, b) => a.ndcg - b.ndcg).slice(0, options.show);
  if (worst.length) {
    console.log('\nweakest hybrid queries (nDCG@10 hybrid / minisearch, results returned):');
    for (const s of worst) {
      const q = queries.find((x) => x.id === s.id)!;
      const m = miniScores.find((x) => x.id === s.id)!;
      console.log(
        `  ${s.id} "${q.query}" (${q.articleType}, ${q.baseColour}${q.gender ? `, ${q.gender}` : ''}; ${q.comboSize} products): ` +
          `${s.ndcg.toFixed(2)} / ${m.ndcg.toFixed(2)}, ${s.returned} returned`,
      );
    }
  }
  if (shown.length)
    console.log(
      `\nresults of the requested queries (gain, sku, articleType / colour / gender, title):\n${shown.join('\n')}`,
    );
  console.log(`\n(${((performance.now() - started) / 1000).toFixed(1)} s)`);
  return 0;
}

function table(systems: { system: string; scores: DatasetScore[] }[], queries: DatasetQuery[]): string {
  const groups: [string, (q: DatasetQuery) => boolean][] = [
    ['all', () => true],
    ['gender named', (q) => q.gender !== undefined],
    ['no gender', (q) => q.gender === undefined],
    ['usage word', (q) => q.usage !== undefined],
  ];
  const categories = [...new Set(queries.map((q) => toCategory(q.articleType)))].sort();
  for (const category of categories) groups.push([`cat ${category}`, (q) => toCategory(q.articleType) === category]);
  const width = 34;
  const lines = [
    ['group'.padEnd(16), 'n'.padStart(4), ...systems.map((s) => `${s.system} nDCG/R@10/MRR`.padStart(width))].join(' '),
  ];
  for (const [name, filter] of groups) {
    const ids = new Set(queries.filter(filter).map((q) => q.id));
    if (!ids.size) continue;
    const cells = systems.map(({ scores }) => {
      const list = scores.filter((s) => ids.has(s.id));
      return `${mean(list.map((s) => s.ndcg)).toFixed(3)} / ${mean(list.map((s) => s.recall)).toFixed(3)} / ${mean(list.map((s) => s.mrr)).toFixed(3)}`.padStart(
        width,
      );
    });
    lines.push([name.padEnd(16), String(ids.size).padStart(4), ...cells].join(' '));
    if (name === 'usage word') lines.push('-'.repeat(lines[0]!.length));
  }
  lines.push('-'.repeat(lines[0]!.length));
  const latency = systems.map(({ scores }) => {
    const ms = scores.map((s) => s.ms);
    return `p50 ${percentile(ms, 50).toFixed(1)} / p95 ${percentile(ms, 95).toFixed(1)} ms`.padStart(width);
  });
  lines.push(['latency'.padEnd(16), String(queries.length).padStart(4), ...latency].join(' '));
  const short = systems.map(({ scores }) => `${scores.filter((s) => s.returned < 10).length} queries`.padStart(width));
  lines.push(['< 10 results'.padEnd(16), String(queries.length).padStart(4), ...short].join(' '));
  return lines.join('\n');
}

const toCategory = fashionCategory;

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await main();
}
