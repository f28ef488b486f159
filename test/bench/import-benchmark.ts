import { createReadStream } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { importCatalog, type ImportReport } from '../../src/catalog/import-catalog.ts';
import { CATALOG_FORMATS, type CatalogFormat } from '../../src/catalog/read-catalog.ts';
import { migrate } from '../../src/db/migrate.ts';
import { folderBytes } from '../../src/db/pglite-database.ts';
import { openTarget, TARGETS, type Target } from './targets.ts';
import { timedDatabase, type DbClock } from './timed-database.ts';

/**
 * One measured step, run by bench/run.ts in a fresh `node` process so that
 * peak RSS (getrusage maxRSS) belongs to that step alone. Prints one JSON
 * line on stdout; any wrong count is an error (exit code 1).
 *
 *  --phase create: open a brand-new data folder (PGlite runs initdb) and
 *    migrate it — what the first `showroom` command on a machine pays.
 *  --phase import: reopen that folder, migrate (nothing left to do), import
 *    the file, check the counts, import it again (all rows unchanged) — what
 *    `showroom import` pays. Kept apart from create because initdb's memory
 *    peak is higher than a 100k import's and would hide it.
 *
 *   npx tsx bench/import-benchmark.ts --phase create --target pglite --dir /tmp/x/pgdata
 *   npx tsx bench/import-benchmark.ts --phase import --target pglite --dir /tmp/x/pgdata --file c.csv --count 1000
 */

export interface CreateResult {
  ok: true;
  openMs: number;
  migrateMs: number;
  peakRssMiB: number;
}

export interface ImportResult {
  ok: true;
  openMs: number;
  migrateMs: number;
  peakRssAfterOpenMiB: number;
  importMs: number;
  /** Time waiting on SQL (BEGIN/COMMIT included); the rest is reading, validating and hashing rows. */
  importDbMs: number;
  importQueries: number;
  importPerSec: number;
  reimportMs: number;
  reimportDbMs: number;
  reimportPerSec: number;
  closeMs: number;
  dbDiskMiB: number;
  peakRssMiB: number;
  /** process.memoryUsage() after the re-import; PGlite's WASM memory counts as "external". */
  memoryMiB: { rss: number; heapUsed: number; external: number; arrayBuffers: number };
}

const mib = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;
const peakRssMiB = () => Math.round((process.resourceUsage().maxRSS / 1024) * 10) / 10; // maxRSS is in KiB
const since = (start: number) => Math.round((performance.now() - start) * 10) / 10;

export async function createPhase(target: Target, dir: string): Promise<CreateResult> {
  let start = performance.now();
  const opened = await openTarget(target, dir);
  const openMs = since(start);
  start = performance.now();
  const migration = await migrate(opened.db);
  const migrateMs = since(start);
  await opened.close();
  check(migration.applied.length > 0, `${dir} was not a fresh folder: no migration was applied`);
  return { ok: true, openMs, migrateMs, peakRssMiB: peakRssMiB() };
}

function check(condition: boolean, what: string, report?: ImportReport): void {
  if (condition) return;
  const summary = report && {
    ...report,
    factories_created: undefined,
    errors: report.errors.slice(0, 5),
    warnings: report.warnings.slice(0, 5),
  };
  throw new Error(`${what}${summary ? `; report: ${JSON.stringify(summary)}` : ''}`);
}

export async function importPhase(options: {
  target: Target;
  dir: string;
  file: string;
  format: CatalogFormat;
  count: number;
  batchSize: number;
}): Promise<ImportResult> {
  const { target, dir, file, format, count, batchSize } = options;
  let start = performance.now();
  const opened = await openTarget(target, dir);
  const openMs = since(start);
  start = performance.now();
  await migrate(opened.db);
  const migrateMs = since(start);
  const peakRssAfterOpenMiB = peakRssMiB();

  const importOnce = async () => {
    const clock: DbClock = { ms: 0, queries: 0 };
    const input = createReadStream(file);
    const begin = performance.now();
    const report = await importCatalog(timedDatabase(opened.db, clock), input, {
      format,
      source: path.basename(file),
      batchSize,
    });
    const ms = since(begin);
    return { report, ms, dbMs: Math.round(clock.ms), queries: clock.queries, perSec: Math.round(count / (ms / 1000)) };
  };

  const first = await importOnce();
  check(first.report.committed, 'the import did not commit', first.report);
  check(first.report.invalid === 0, `expected 0 invalid rows, got ${first.report.invalid}`, first.report);
  check(first.report.created === count, `expected ${count} created, got ${first.report.created}`, first.report);
  check(
    first.report.updated + first.report.unchanged === 0,
    'an empty catalog reported updated/unchanged rows',
    first.report,
  );
  const { rows } = await opened.db.query<{ products: number; untiered: number }>(
    `select count(*)::int as products,
            count(*) filter (where not exists (select 1 from price_tiers t where t.product_id = p.id))::int as untiered
     from products p`,
  );
  check(rows[0]?.products === count, `expected ${count} products stored, found ${rows[0]?.products}`);
  check(rows[0]?.untiered === 0, `${rows[0]?.untiered} stored products have no price tiers`);

  const again = await importOnce();
  check(
    again.report.unchanged === count,
    `re-import: expected ${count} unchanged, got ${again.report.unchanged}`,
    again.report,
  );
  check(
    again.report.created + again.report.updated + again.report.invalid === 0,
    're-import changed rows',
    again.report,
  );

  const memory = process.memoryUsage();
  start = performance.now();
  await opened.close();
  const closeMs = since(start);
  return {
    ok: true,
    openMs,
    migrateMs,
    peakRssAfterOpenMiB,
    importMs: first.ms,
    importDbMs: first.dbMs,
    importQueries: first.queries,
    importPerSec: first.perSec,
    reimportMs: again.ms,
    reimportDbMs: again.dbMs,
    reimportPerSec: again.perSec,
    closeMs,
    dbDiskMiB: mib(await folderBytes(dir)),
    peakRssMiB: peakRssMiB(),
    memoryMiB: Object.fromEntries(
      (['rss', 'heapUsed', 'external', 'arrayBuffers'] as const).map((key) => [key, mib(memory[key])]),
    ) as ImportResult['memoryMiB'],
  };
}

async function main(): Promise<CreateResult | ImportResult> {
  const { values } = parseArgs({
    options: {
      phase: { type: 'string' },
      target: { type: 'string', default: 'pglite' },
      dir: { type: 'string' },
      file: { type: 'string' },
      format: { type: 'string', default: 'csv' },
      count: { type: 'string' },
      'batch-size': { type: 'string', default: '500' },
    },
  });
  const target = values.target as Target;
  if (!TARGETS.includes(target)) throw new Error(`--target must be one of ${TARGETS.join(', ')}`);
  if (!values.dir) throw new Error('--dir (the PGlite data folder) is required');
  if (values.phase === 'create') return createPhase(target, values.dir);
  if (values.phase !== 'import') throw new Error('--phase must be create or import');
  if (!values.file || !values.count) throw new Error('--file and --count are required for --phase import');
  const format = values.format as CatalogFormat;
  if (!CATALOG_FORMATS.includes(format)) throw new Error(`--format must be one of ${CATALOG_FORMATS.join(', ')}`);
  const [count, batchSize] = [Number(values.count), Number(values['batch-size'])];
  return importPhase({ target, dir: values.dir, file: values.file, format, count, batchSize });
}

if (process.argv[1] && path.resolve(process.argv[1]) === new URL(import.meta.url).pathname) {
  try {
    process.stdout.write(JSON.stringify(await main()) + '\n');
  } catch (error) {
    process.stdout.write(
      JSON.stringify({ ok: false, error: (error as Error).message, peakRssMiB: peakRssMiB() }) + '\n',
    );
    process.exitCode = 1;
  }
}
