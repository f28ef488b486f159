import type { Readable } from 'node:stream';
import type { Database, Queryable } from '../db/database.ts';
import {
  archiveMissing,
  createFactories,
  loadFactoryIndex,
  loadHashes,
  upsertProducts,
  type FactoryIndex,
  type ProductWrite,
} from './catalog-repository.ts';
import { contentHash } from './content-hash.ts';
import type { Product } from './product.ts';
import { readCatalogRows, type CatalogFormat } from './read-catalog.ts';
import { validateRow, type FieldProblem } from './validate-row.ts';

/**
 * Catalog import: stream rows, validate each, upsert by SKU in batches, all
 * inside one transaction. Unless --skip-invalid is given, one bad row means
 * the transaction rolls back and nothing is written; --dry-run always rolls
 * back. Rows whose content hash matches the stored one are left untouched.
 */

export interface ImportOptions {
  format: CatalogFormat;
  /** The file's name as the admin gave it, for the report. */
  source: string;
  dryRun?: boolean;
  sync?: boolean;
  skipInvalid?: boolean;
  batchSize?: number;
  /** Called after each batch with the number of rows read so far. */
  onRows?: (rows: number) => void;
  /**
   * Called inside the import's transaction with the ids of the products a batch wrote or --sync archived (the
   * search index hooks in here); for a written batch, also the products as stored, in the same order.
   */
  onWritten?: (tx: Queryable, productIds: number[], products?: WrittenProduct[]) => Promise<void>;
  /** Called inside the import's transaction after its last write, only when it is about to commit. */
  onFinished?: (tx: Queryable) => Promise<void>;
}

/** A product as the import stored it: its id, and the content hash written with it. */
export interface WrittenProduct {
  id: number;
  hash: string;
  product: Product;
  /** The SKU was new: nothing derived from the product (its search row) can exist yet. */
  created: boolean;
}

export interface RowProblem extends FieldProblem {
  file: string;
  row: number;
  line?: number;
  sku?: string;
}

export interface ImportReport {
  file: string;
  format: CatalogFormat;
  dry_run: boolean;
  sync: boolean;
  /** True when the changes were written (false for a dry run or a rolled-back import). */
  committed: boolean;
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  archived: number;
  invalid: number;
  factories_created: string[];
  errors: RowProblem[];
  /** How many errors were found beyond the ones listed (the list is capped). */
  errors_not_listed: number;
  warnings: RowProblem[];
  warnings_not_listed: number;
}

const MAX_LISTED = 1000;
const ANALYZE_AFTER_CHANGES = 1000;
const ANALYZED_PRODUCT_COLUMNS = [
  'id',
  'sku',
  'factory_id',
  'category',
  'status',
  'colors',
  'currency',
  'moq',
  'lead_time_days',
  'stock',
  'dropship',
];

class Rollback extends Error {}

export async function importCatalog(db: Database, input: Readable, options: ImportOptions): Promise<ImportReport> {
  const startedAt = new Date();
  const report: ImportReport = {
    file: options.source,
    format: options.format,
    dry_run: Boolean(options.dryRun),
    sync: Boolean(options.sync),
    committed: false,
    rows: 0,
    created: 0,
    updated: 0,
    unchanged: 0,
    archived: 0,
    invalid: 0,
    factories_created: [],
    errors: [],
    errors_not_listed: 0,
    warnings: [],
    warnings_not_listed: 0,
  };
  try {
    await db.transaction(async (tx) => {
      const checksOwnReferences = await skipReferenceChecks(tx);
      await runImport(tx, input, { ...options, soleWriter: db.kind === 'pglite', checksOwnReferences }, report);
      if (!report.committed) throw new Rollback();
      await options.onFinished?.(tx);
      // The statement triggers that tell in-memory catalog caches about changes were skipped with the checks.
      const changed = report.created + report.updated + report.archived + report.factories_created.length > 0;
      if (checksOwnReferences && changed) await tx.exec('update catalog_version set version = version + 1');
    });
  } catch (error) {
    if (!(error instanceof Rollback)) throw error;
  }
  if (report.committed) {
    await recordRun(db, report, startedAt);
    // PGlite runs no autovacuum, so without this the planner never learns the tables grew.
    if (report.created + report.updated + report.archived >= ANALYZE_AFTER_CHANGES) {
      // Only the products columns that queries filter or join on: statistics over the list and text columns
      // (most common elements of tags, sizes, materials…) were most of a 10,000-product analyze.
      await db.exec(`analyze products (${ANALYZED_PRODUCT_COLUMNS.join(', ')}); analyze price_tiers`);
      const { rows } = await db.query<{ indexed: boolean }>(
        `select to_regclass('product_search') is not null as indexed`,
      );
      if (rows[0]?.indexed) await db.exec('analyze product_search');
    }
  }
  return report;
}

/**
 * Every reference the import writes is one it has just resolved and holds until it commits: product ids its own
 * inserts and upserts returned (their rows locked by those writes, or not yet visible to anyone else), factory ids
 * it created or read with FOR KEY SHARE (which is what a foreign-key check takes). PostgreSQL's check per written
 * row, a query each (~25,000 price tiers, 10,000 search rows and products for 10,000 products), adds nothing
 * then, and was ~8% of such an import on PGlite and ~15% over the pg driver (price tiers ~650 → ~220 ms).
 * `session_replication_role = replica` skips the checks for this transaction, as pg_restore does for a bulk load,
 * along with the statement triggers that bump catalog_version. Only a superuser may set it (PGlite's user is
 * one; a managed PostgreSQL's usually is not, and there the checks stay). Returns whether they are off.
 */
async function skipReferenceChecks(tx: Queryable): Promise<boolean> {
  const { rows } = await tx.query<{ superuser: boolean }>(`select current_setting('is_superuser') = 'on' as superuser`);
  if (!rows[0]?.superuser) return false;
  await tx.exec('set local session_replication_role = replica');
  return true;
}

/**
 * The import's options; whether its transaction is the database's only writer (embedded PGlite); whether it
 * checks its own references (skipReferenceChecks), so must hold the factories it reads.
 */
type RunOptions = ImportOptions & { soleWriter: boolean; checksOwnReferences: boolean };

async function runImport(tx: Queryable, input: Readable, options: RunOptions, report: ImportReport): Promise<void> {
  const batchSize = options.batchSize ?? 500;
  const factories = await loadFactoryIndex(tx, { lock: options.checksOwnReferences });
  const seen = new Map<string, number>();
  let batch: Product[] = [];
  // Once a row is invalid and --skip-invalid is off, the import will roll back: stop writing, keep checking.
  const willWrite = () => !options.dryRun && (report.invalid === 0 || Boolean(options.skipInvalid));

  const addProblem = (list: 'errors' | 'warnings', problem: RowProblem) => {
    if (report[list].length < MAX_LISTED) report[list].push(problem);
    else report[`${list}_not_listed`]++;
  };

  for await (const raw of readCatalogRows(input, options.format)) {
    report.rows = Math.max(report.rows, raw.row);
    const sku = typeof raw.values?.sku === 'string' ? raw.values.sku.trim() || undefined : undefined;
    const at = { file: options.source, row: raw.row, ...(raw.line ? { line: raw.line } : {}), ...(sku ? { sku } : {}) };
    const validation = raw.values && raw.errors.length === 0 ? validateRow(raw.values) : undefined;
    const errors = validation ? [...validation.errors] : raw.errors;
    for (const warning of validation?.warnings ?? []) addProblem('warnings', { ...at, ...warning });
    const product = validation?.product;
    if (product) {
      const first = seen.get(product.sku);
      if (first !== undefined)
        errors.push({ field: 'sku', reason: `duplicate SKU: already in row ${first} of this file` });
    }
    if (errors.length > 0 || !product) {
      report.invalid++;
      for (const error of errors) addProblem('errors', { ...at, ...error });
      continue;
    }
    seen.set(product.sku, raw.row);
    batch.push(product);
    if (batch.length >= batchSize) {
      await flush(tx, batch, factories, report, willWrite(), options);
      batch = [];
      options.onRows?.(report.rows);
    }
  }
  await flush(tx, batch, factories, report, willWrite(), options);
  options.onRows?.(report.rows);
  if (report.rows === 0) {
    // An empty file is a mistake, and with --sync it would archive the whole catalog.
    addProblem('errors', { file: options.source, row: 0, field: '(file)', reason: 'the file holds no products' });
    return;
  }
  // A file that could not be read to its end may be truncated: never apply it, --skip-invalid or not.
  const unreadable = report.errors.some((error) => error.field === '(file)' || error.field === '(header)');
  if (options.sync && seen.size > 0 && !unreadable && (report.invalid === 0 || options.skipInvalid)) {
    const archived = await archiveMissing(tx, [...seen.keys()], !willWrite());
    report.archived = archived.length;
    // The search index copies each product's status, so archived products are written products too.
    if (willWrite() && archived.length) await options.onWritten?.(tx, archived);
  }
  report.committed = willWrite() && !unreadable;
}

async function flush(
  tx: Queryable,
  batch: Product[],
  factories: FactoryIndex,
  report: ImportReport,
  write: boolean,
  options: RunOptions,
): Promise<void> {
  if (batch.length === 0) return;
  const stored = await loadHashes(
    tx,
    batch.map((product) => product.sku),
  );
  await createNewFactories(tx, batch, factories, report, write);
  const writes: ProductWrite[] = [];
  for (const product of batch) {
    const factoryId = resolveFactory(product, factories);
    const hash = contentHash(product);
    const previous = stored.get(product.sku);
    if (previous?.hash === hash) {
      report.unchanged++;
      continue;
    }
    writes.push({ product, factoryId, hash, existed: previous !== undefined });
  }
  if (!write) {
    for (const { existed } of writes) report[existed ? 'updated' : 'created']++;
    return;
  }
  // A SKU another import stored since loadHashes read the batch is updated, not created.
  const { ids, created } = await upsertProducts(tx, writes, { soleWriter: options.soleWriter });
  for (const isNew of created) report[isNew ? 'created' : 'updated']++;
  await options.onWritten?.(
    tx,
    ids,
    writes.map(({ product, hash }, i) => ({ id: ids[i]!, hash, product, created: created[i]! })),
  );
}

/** Creates the factories this batch names that are not stored yet, in one statement, in order of appearance. */
async function createNewFactories(
  tx: Queryable,
  batch: readonly Product[],
  factories: FactoryIndex,
  report: ImportReport,
  write: boolean,
): Promise<void> {
  const names = new Map<string, string>();
  for (const { factory } of batch) {
    const key = factory?.toLowerCase();
    if (key !== undefined && !factories.byName.has(key) && !names.has(key)) names.set(key, factory!);
  }
  if (names.size === 0) return;
  const created = write ? await createFactories(tx, [...names.values()]) : undefined;
  for (const [key, name] of names) {
    const factory = created ? created.get(key)! : { id: -1, name, created: true };
    factories.byName.set(key, { id: factory.id, name: factory.name });
    if (factory.created) report.factories_created.push(factory.name);
  }
}

/** Matches the row's factory by name (any case); rewrites the name to its stored form. */
function resolveFactory(product: Product, factories: FactoryIndex): number {
  if (product.factory === null) return factories.defaultId;
  const factory = factories.byName.get(product.factory.toLowerCase())!;
  product.factory = factory.id === factories.defaultId ? null : factory.name;
  return factory.id;
}

async function recordRun(db: Database, report: ImportReport, startedAt: Date): Promise<void> {
  await db.query(
    `insert into import_runs (source, format, dry_run, sync, committed, created, updated, unchanged, archived, invalid, started_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [
      report.file,
      report.format,
      report.dry_run,
      report.sync,
      report.committed,
      report.created,
      report.updated,
      report.unchanged,
      report.archived,
      report.invalid,
      startedAt.toISOString(),
    ],
  );
}
