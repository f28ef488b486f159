import type { CreateResult, ImportResult } from './import-benchmark.ts';
import type { Target } from './targets.ts';

/**
 * Formats the import benchmark's results as a plain-text table with the
 * settings above it, so a pasted result carries what it was measured on.
 */

export interface BenchSettings {
  date: string;
  node: string;
  platform: string;
  cpu: string;
  memoryGiB: number;
  pglite: string;
  batchSize: number;
  seed: number;
  tmpdir: string;
  targets: Partial<Record<Target, string>>;
}

export interface BenchRun {
  target: Target;
  format: 'csv' | 'jsonl';
  count: number;
  fileMiB: number;
  generateMs: number;
  ok: boolean;
  error?: string;
  /** Attempts behind this row (the row is the median by import time). */
  repeats?: number;
  create?: CreateResult;
  import?: ImportResult;
}

type Cell = string | number;

const COLUMNS: [string, (run: BenchRun) => Cell][] = [
  ['target', (run) => run.target],
  ['format', (run) => run.format],
  ['products', (run) => run.count.toLocaleString('en-US')],
  ['file MiB', (run) => run.fileMiB.toFixed(1)],
  ['open s', (run) => seconds(run.create?.openMs)],
  ['migrate ms', (run) => whole(run.create?.migrateMs)],
  ['init peak MiB', (run) => whole(run.create?.peakRssMiB)],
  ['reopen ms', (run) => whole(run.import && run.import.openMs + run.import.migrateMs)],
  ['import s', (run) => seconds(run.import?.importMs)],
  ['products/s', (run) => whole(run.import?.importPerSec)],
  ['SQL %', (run) => percent(run.import?.importDbMs, run.import?.importMs)],
  ['re-import s', (run) => seconds(run.import?.reimportMs)],
  ['re-import/s', (run) => whole(run.import?.reimportPerSec)],
  ['SQL %', (run) => percent(run.import?.reimportDbMs, run.import?.reimportMs)],
  ['import peak MiB', (run) => whole(run.import?.peakRssMiB)],
  ['db MiB', (run) => whole(run.import?.dbDiskMiB)],
  ['check', (run) => (run.ok ? 'ok' : 'FAILED')],
];

function seconds(ms: number | undefined): string {
  return ms === undefined ? '-' : (ms / 1000).toFixed(ms < 10_000 ? 2 : 1);
}

function whole(value: number | undefined): string {
  return value === undefined ? '-' : Math.round(value).toLocaleString('en-US');
}

function percent(part: number | undefined, total: number | undefined): string {
  return part === undefined || !total ? '-' : `${Math.round((part / total) * 100)}%`;
}

export function formatTable(runs: BenchRun[]): string {
  const rows = runs.map((run) => COLUMNS.map(([, cell]) => String(cell(run))));
  const widths = COLUMNS.map(([title], i) => Math.max(title.length, ...rows.map((row) => row[i]!.length)));
  // Text columns left-aligned, figures right-aligned.
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (i < 2 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!)))
      .join('  ')
      .trimEnd();
  const rule = widths.map((width) => '-'.repeat(width)).join('  ');
  return [line(COLUMNS.map(([title]) => title)), rule, ...rows.map(line)].join('\n');
}

export function formatReport(settings: BenchSettings, runs: BenchRun[], totalSeconds: number): string {
  const failures = runs
    .filter((run) => run.error)
    .map((run) => `  FAILED ${run.target} ${run.format} ${run.count}: ${run.error}`);
  return [
    '',
    `Showroom catalog import benchmark, ${settings.date}`,
    `  node ${settings.node} on ${settings.platform}; ${settings.cpu}; ${settings.memoryGiB} GiB RAM`,
    `  PGlite ${settings.pglite}; importCatalog batch size ${settings.batchSize}; generated catalogs, seed ${settings.seed}`,
    `  each row: median of ${runs[0]?.repeats ?? 1} attempt(s) by import time; every attempt uses 2 fresh processes`,
    ...Object.entries(settings.targets).map(([target, description]) => `  ${target.padEnd(9)} = ${description}`),
    `  database folders and catalog files under ${settings.tmpdir}`,
    '',
    formatTable(runs),
    ...failures,
    '',
    '  open s, migrate ms, init peak MiB: first use of a fresh data folder (PGlite initdb + migrations), own process',
    '  reopen ms: opening that folder again + migrate with nothing to apply, in the import process',
    '  import s: the importCatalog call only (file read from disk by createReadStream); products/s = products / import s',
    '  SQL %: share of that time spent waiting on SQL (BEGIN/COMMIT included); the rest is parsing, validation, hashing',
    '  re-import: the same file again, every row unchanged (one hash lookup per batch, no writes)',
    '  import peak MiB: peak RSS (getrusage maxRSS) of the import process: open, both imports, close',
    `  total wall time ${totalSeconds} s`,
    '',
  ].join('\n');
}
