import { VECTOR_INDEX_MIN_ROWS } from '../../../src/search/search-table.ts';
import type { PopulateResult, QualityResult, SearchRunResult } from './search-benchmark.ts';

/**
 * Plain-text tables for the search benchmark, settings above them, so a
 * pasted result carries what it was measured on. (test/bench/report.ts's
 * formatTable is tied to the import benchmark's columns, hence this small
 * generic one.)
 */

export interface SearchBenchSettings {
  date: string;
  node: string;
  platform: string;
  cpu: string;
  memoryGiB: number;
  pglite: string;
  pgvector: string;
  embedder: string;
  k: number;
  requests: string;
  warmup: number;
  rounds: number;
  populate: string;
  maintenanceWorkMem?: string;
  analyze: boolean;
  /** os.loadavg() (1, 5, 15 min) when the run started and ended: other processes on the machine skew every figure */
  loadAverage: string;
  loadAverageEnd?: string;
  /** test/bench/host-probe.ts at the start and the end, ms (lower is faster) */
  hostProbeMs: number;
  hostProbeMsEnd?: number;
  datasets: string[];
  targets: Record<string, string>;
  tmpdir: string;
}

/** A catalog load on one target; measured more than once, the median run and every run's products/s. */
export interface PopulateRun {
  target: string;
  result?: PopulateResult;
  error?: string;
  runs?: number[];
}

export interface DatasetRuns {
  dataset: string;
  label: string;
  products?: number;
  fileMiB?: number;
  populate: PopulateRun[];
  search: { target: string; hnsw: boolean; result?: SearchRunResult; error?: string }[];
}

export const GOALS = {
  p95Ms: 30,
  p95Size: 100_000,
  importPerSec: 2000,
  importSize: 10_000,
};

/** Aligned columns; the first `textColumns` left-aligned, the rest right-aligned. */
export function formatRows(headers: string[], rows: string[][], textColumns = 1): string {
  const widths = headers.map((title, i) => Math.max(title.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (i < textColumns ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** Milliseconds with the digits that matter: 1.23, 12.3, 1,234; '-' when not measured. */
export const ms = (value: number | undefined) =>
  value === undefined || Number.isNaN(value)
    ? '-'
    : value < 10
      ? value.toFixed(2)
      : value < 100
        ? value.toFixed(1)
        : Math.round(value).toLocaleString('en-US');
const s = (value: number | undefined) => (value === undefined ? '-' : (value / 1000).toFixed(value < 10_000 ? 2 : 1));
const whole = (value: number | undefined) => (value === undefined ? '-' : Math.round(value).toLocaleString('en-US'));
const pct = (part: number | undefined, total: number | undefined) =>
  part === undefined || !total ? '-' : `${Math.round((part / total) * 100)}%`;

export function latencyTable(datasets: DatasetRuns[]): string {
  const rows: string[][] = [];
  for (const d of datasets) {
    for (const run of d.search) {
      const r = run.result;
      const goal =
        d.products === GOALS.p95Size && run.target === 'pglite' && run.hnsw && r
          ? `p95 ≤ ${GOALS.p95Ms} ms: ${r.latency.p95 <= GOALS.p95Ms ? 'met' : 'MISSED'}`
          : '';
      rows.push([
        d.label,
        whole(d.products),
        run.target,
        run.hnsw ? 'on' : 'off',
        r ? String(r.latency.samples) : '-',
        ms(r?.latency.p50),
        ms(r?.latency.p95),
        ms(r?.latency.p99),
        ms(r?.latency.mean),
        ms(r?.latency.max),
        r ? pct(r.sqlMs.mean, r.latency.mean) : '-',
        ms(r?.otherMs.p50),
        r?.vectorPlans ? `${r.vectorPlans.hnsw}/${r.vectorPlans.total}` : '-',
        r ? String(r.relaxedRequests) : '-',
        r?.cacheWarm ? `${whole(r.cacheWarm.mib)} MiB, ${(r.cacheWarm.ms / 1000).toFixed(1)} s` : '-',
        run.error ? 'FAILED' : goal,
      ]);
    }
  }
  return formatRows(
    [
      'dataset',
      'products',
      'target',
      'HNSW',
      'n',
      'p50 ms',
      'p95 ms',
      'p99 ms',
      'mean ms',
      'max ms',
      'SQL %',
      'JS p50 ms',
      'HNSW plans',
      'relaxed',
      'cache warm-up',
      'goal',
    ],
    rows,
    4,
  );
}

const KINDS = ['vector (HNSW/scan)', 'full text', 'trigram', 'facets', 'details'];

export function statementTable(datasets: DatasetRuns[]): string {
  const rows: string[][] = [];
  for (const d of datasets) {
    for (const run of d.search) {
      const r = run.result;
      if (!r) continue;
      const cells = KINDS.map((kind) => {
        const st = r.statements.find((x) => x.kind === kind);
        return st ? `${st.perRequest.toFixed(2)}× ${ms(st.mean)} / ${ms(st.p95)}` : '-';
      });
      const known = r.statements.filter((x) => !KINDS.includes(x.kind)).reduce((sum, x) => sum + x.total, 0);
      rows.push([
        d.label,
        run.target,
        run.hnsw ? 'on' : 'off',
        ...cells,
        ms(known / r.latency.samples),
        ms(r.otherMs.mean),
        ms(r.embedQueryMs.mean),
      ]);
    }
  }
  return formatRows(
    ['dataset', 'target', 'HNSW', ...KINDS.map((k) => `${k} n× mean/p95 ms`), 'other SQL ms', 'JS mean ms', 'embed ms'],
    rows,
    3,
  );
}

export function populateTable(datasets: DatasetRuns[]): string {
  const rows: string[][] = [];
  for (const d of datasets) {
    for (const run of d.populate) {
      const r = run.result;
      const goal =
        r && r.method === 'import' && d.products === GOALS.importSize
          ? `≥ ${GOALS.importPerSec.toLocaleString('en-US')}/s: ${r.importPerSec >= GOALS.importPerSec ? 'met' : 'MISSED'}`
          : '';
      rows.push([
        d.label,
        whole(d.products),
        run.target,
        r?.method === 'bulk' ? 'import, reindex' : r ? 'import + onWritten' : '-',
        s(r?.importMs),
        whole(r?.importPerSec),
        run.runs && run.runs.length > 1 ? `${run.runs.length}: ${whole(run.runs[0])}–${whole(run.runs.at(-1))}` : '-',
        s(r?.embedMs),
        r ? pct(r.importSqlMs, r.importMs) : '-',
        s(r?.reindexMs),
        s(r?.indexBuildMs),
        whole(r?.readyPerSec),
        whole(r?.dbDiskMiB),
        whole(r?.peakRssMiB),
        run.error ? 'FAILED' : goal,
      ]);
    }
  }
  return formatRows(
    [
      'dataset',
      'products',
      'target',
      'method',
      'import s',
      'import/s',
      'runs, range/s',
      'embed s',
      'import SQL %',
      'reindex s',
      'index build s',
      'ready/s',
      'db MiB',
      'peak MiB',
      'goal',
    ],
    rows,
    4,
  );
}

export function baselineTable(datasets: DatasetRuns[]): string {
  const rows: string[][] = [];
  for (const d of datasets) {
    const withExtras = d.search.find((run) => run.result?.extras);
    const extras = withExtras?.result?.extras;
    if (!extras) continue;
    const showroomOn = d.search.find((run) => run.target === withExtras!.target && run.hnsw)?.result;
    const showroomOff = d.search.find((run) => run.target === withExtras!.target && !run.hnsw)?.result;
    rows.push([
      d.label,
      whole(extras.minisearch.products),
      showroomOn ? `${ms(showroomOn.latency.p50)} / ${ms(showroomOn.latency.p95)}` : '-',
      showroomOff ? `${ms(showroomOff.latency.p50)} / ${ms(showroomOff.latency.p95)}` : '-',
      s(extras.minisearch.buildMs),
      `${ms(extras.minisearch.latency.p50)} / ${ms(extras.minisearch.latency.p95)}`,
      `${ms(extras.bruteForce.scan.p50)} / ${ms(extras.bruteForce.scan.p95)}`,
      `${ms(extras.bruteForce.embedPlusScan.p50)} / ${ms(extras.bruteForce.embedPlusScan.p95)}`,
    ]);
  }
  return formatRows(
    [
      'dataset',
      'active products',
      `Showroom hybrid p50/p95 ms (${datasets[0]?.search[0]?.target ?? ''}, HNSW on)`,
      'same, HNSW off',
      'MiniSearch build s',
      'MiniSearch p50/p95 ms',
      'JS cosine scan p50/p95 ms',
      'embed + scan p50/p95 ms',
    ],
    rows,
    1,
  );
}

/** The eval requests over each generated catalog (Extras.quality): nDCG@10 and constraint violations. */
export function catalogQualityTable(datasets: DatasetRuns[]): string | undefined {
  const rows: string[][] = [];
  for (const d of datasets) {
    const quality = d.search.find((run) => run.result?.extras?.quality)?.result?.extras?.quality;
    if (!quality) continue;
    for (const row of quality.rows) {
      rows.push([
        d.label,
        row.group,
        String(row.queries),
        row.showroom.toFixed(3),
        row.minisearch.toFixed(3),
        row.showroom > row.minisearch ? 'yes' : 'NO',
        row === quality.rows[0] ? String(quality.violations.strict) : '',
        row === quality.rows[0] ? String(quality.violations.announced) : '',
        row === quality.rows[0] ? String(quality.violations.minisearch) : '',
      ]);
    }
  }
  if (!rows.length) return undefined;
  return formatRows(
    [
      'dataset',
      'group',
      'n',
      'Showroom hybrid nDCG@10',
      'MiniSearch nDCG@10',
      'Showroom better',
      'violations, filters kept',
      'violations, relaxation said',
      'MiniSearch violations',
    ],
    rows,
    2,
  );
}

export function qualityTable(quality: QualityResult): string {
  const rows = quality.rows.map((row) => [
    row.group,
    String(row.queries),
    row.showroom.toFixed(3),
    row.minisearch.toFixed(3),
    (row.showroom - row.minisearch >= 0 ? '+' : '') + (row.showroom - row.minisearch).toFixed(3),
    row.showroom > row.minisearch ? 'yes' : 'NO',
  ]);
  return formatRows(
    ['group', 'n', 'Showroom hybrid nDCG@10', 'MiniSearch nDCG@10', 'difference', 'Showroom better'],
    rows,
    1,
  );
}

export function settingsLines(settings: SearchBenchSettings): string[] {
  return [
    `Showroom search benchmark, ${settings.date}`,
    `  node ${settings.node} on ${settings.platform}; ${settings.cpu}; ${settings.memoryGiB} GiB RAM; ` +
      `load average ${settings.loadAverage} at start, ${settings.loadAverageEnd ?? '?'} at end`,
    `  host probe (test/bench/host-probe.ts: the import's JavaScript for 2,000 products; lower is faster): ` +
      `${whole(settings.hostProbeMs)} ms at start, ${whole(settings.hostProbeMsEnd)} ms at end`,
    `  PGlite ${settings.pglite}, pgvector ${settings.pgvector}; embedder ${settings.embedder}; k=${settings.k}; mode hybrid (vector + full text + trigram + facets, RRF)`,
    `  HNSW: pgvector defaults (m=16, ef_construction=64), ef_search=50 and 50 vector candidates, iterative scan relaxed_order (set by search-catalog.ts);` +
      ` built only from ${VECTOR_INDEX_MIN_ROWS.toLocaleString('en-US')} products (src/search/search-table.ts), so smaller catalogs run an exact scan with HNSW "on"`,
    `  HNSW off: the run drops index product_search_embedding first, so the vector ranking is an exact scan`,
    `  before the requests, the search tables are read into PGlite's page cache as \`showroom start\` does (src/db/warm-cache.ts; "cache warm-up" column; for pg-socket the PGlite behind the socket, as a PostgreSQL server's cache stays warm)`,
    `  requests: ${settings.requests}; ${settings.warmup} untimed warm-up requests, then ${settings.rounds} timed pass(es) over the set; latency = search() end to end`,
    `  catalog load: ${settings.populate}` +
      (settings.maintenanceWorkMem
        ? `; maintenance_work_mem = ${settings.maintenanceWorkMem} set before loading (NOT production, which keeps the 64MB default)`
        : '; production settings (maintenance_work_mem 64MB)') +
      (settings.analyze
        ? '; then an explicit `analyze product_search`'
        : '; statistics as the importer and reindex() leave them'),
    ...settings.datasets.map((line) => `  ${line}`),
    ...Object.entries(settings.targets).map(([target, description]) => `  ${target.padEnd(9)} = ${description}`),
    `  every populate and every search row runs in its own fresh process; database folders under ${settings.tmpdir}`,
  ];
}
