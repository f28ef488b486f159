import { BinaryCopyWriter, rowTypeOf } from '../db/binary-copy.ts';
import type { Queryable } from '../db/database.ts';
import type { PriceTier, Product, ProductStatus } from './product.ts';

/**
 * SQL for the catalog tables. Writes go in batches, one round trip for hundreds of products, in PostgreSQL's
 * binary formats where the driver allows (src/db/binary-copy.ts): over the pg driver as one binary parameter
 * holding an array of the table's rows; on embedded PGlite, which sends parameters as text, new products and
 * all price tiers as a binary COPY, and updated products through jsonb_to_recordset.
 */

export interface StoredHash {
  id: number;
  hash: string;
}

export interface FactoryIndex {
  defaultId: number;
  defaultName: string;
  /** lower-cased name → id and canonical name */
  byName: Map<string, { id: number; name: string }>;
}

/**
 * The factories by name. `lock`: hold them with FOR KEY SHARE until the transaction ends, as a foreign-key check
 * would, so none is deleted or renumbered while products referring to it are written without that check.
 */
export async function loadFactoryIndex(db: Queryable, { lock = false } = {}): Promise<FactoryIndex> {
  const { rows } = await db.query<{ id: number; name: string; is_default: boolean }>(
    `select id, name, is_default from factories${lock ? ' for key share' : ''}`,
  );
  const defaultFactory = rows.find((row) => row.is_default);
  if (!defaultFactory) throw new Error('the default factory row is missing; migration 001 creates it');
  return {
    defaultId: defaultFactory.id,
    defaultName: defaultFactory.name,
    byName: new Map(rows.map((row) => [row.name.toLowerCase(), { id: row.id, name: row.name }])),
  };
}

export async function loadHashes(db: Queryable, skus: readonly string[]): Promise<Map<string, StoredHash>> {
  const { rows } = await db.query<{ sku: string; id: number; content_hash: string }>(
    'select sku, id, content_hash from products where sku = any($1::text[])',
    [skus],
  );
  return new Map(rows.map((row) => [row.sku, { id: row.id, hash: row.content_hash }]));
}

export interface ProductWrite {
  product: Product;
  factoryId: number;
  hash: string;
  /** The SKU is already stored, so its old price tiers must go. */
  existed: boolean;
}

const PRODUCT_COLUMNS = `sku text, factory_id bigint, title text, category text, subcategory text, description text,
  colors text[], sizes text[], materials text[], tags text[], currency text, moq integer,
  sample_price numeric, sample_days integer, lead_time_days integer, customization text[],
  certifications text[], dropship boolean, stock integer, image_urls text[], status text, content_hash text`;

const COLUMN_NAMES = PRODUCT_COLUMNS.split(',').map((column) => column.trim().split(' ')[0]!);
const COPIED_PRODUCT_COLUMNS = ['id', ...COLUMN_NAMES];
/** The products table's columns, in order: the binary rows are written whole. */
const PRODUCT_ROW_COLUMNS = [...COPIED_PRODUCT_COLUMNS, 'created_at', 'updated_at'];
const TIER_COLUMNS = ['product_id', 'min_qty', 'unit_price'];

/** What upsertProducts stored: ids in the order of the writes, and which of them it created. */
export interface StoredProducts {
  ids: number[];
  /** The SKU was new and this transaction inserted it, so nothing derived from it (its search row) exists yet. */
  created: boolean[];
}

/**
 * Inserts or updates products by SKU and replaces their price tiers.
 * SKUs not found stored (`existed` false) are inserted plainly, without ON CONFLICT's speculative insertion
 * (~10% of the statement over pg-socket). `soleWriter`: nobody else can write products during this transaction
 * (embedded PGlite, whose one session the import holds). On PostgreSQL another transaction may store one of those
 * SKUs meanwhile: the plain insert runs in a savepoint, and if a SKU turns out to be taken, the batch's new
 * products go through ON CONFLICT with the stored ones instead (the taken SKUs then count as updated).
 */
export async function upsertProducts(
  db: Queryable,
  writes: readonly ProductWrite[],
  options: { soleWriter?: boolean } = {},
): Promise<StoredProducts> {
  if (writes.length === 0) return { ids: [], created: [] };
  const written = new Map<string, StoredProduct>();
  const fresh = writes.filter((write) => !write.existed);
  const stored = writes.filter((write) => write.existed);
  if (fresh.length > 0) {
    const inserted = options.soleWriter
      ? db.copyBinary
        ? await copyNewProducts(db, fresh)
        : await insertProducts(db, fresh, { upsert: false })
      : await insertNewProducts(db, fresh);
    if (inserted) for (const [sku, product] of inserted) written.set(sku, product);
    else stored.push(...fresh);
  }
  if (stored.length > 0)
    for (const [sku, product] of await insertProducts(db, stored, { upsert: true })) written.set(sku, product);
  const ids = writes.map(({ product }) => written.get(product.sku)!.id);
  const created = writes.map(({ product }) => written.get(product.sku)!.created);
  const tiers = writes.flatMap(({ product }, i) =>
    product.price_tiers.map((tier) => ({ product_id: ids[i]!, min_qty: tier.min_qty, unit_price: tier.unit_price })),
  );
  // New products have no tiers yet: skipping them keeps a first import from scanning price_tiers per batch.
  const replaced = ids.filter((_, i) => !created[i]);
  if (replaced.length) await db.query('delete from price_tiers where product_id = any($1::bigint[])', [replaced]);
  if (db.binaryParameters || db.copyBinary) {
    const rows = db.binaryParameters
      ? BinaryCopyWriter.recordArray(await rowTypeOf(db, 'price_tiers', TIER_COLUMNS), tiers.length * 60)
      : new BinaryCopyWriter(tiers.length * 40);
    for (const tier of tiers) rows.row(3).int8(tier.product_id).int4(tier.min_qty).numeric(tier.unit_price);
    if (db.binaryParameters)
      await db.query('insert into price_tiers select * from unnest($1::price_tiers[])', [rows.finish()]);
    else await db.copyBinary!('price_tiers', TIER_COLUMNS, rows.finish());
  } else {
    await db.query(
      `insert into price_tiers (product_id, min_qty, unit_price)
       select t.product_id, t.min_qty, t.unit_price
       from jsonb_to_recordset($1::jsonb) as t(product_id bigint, min_qty integer, unit_price numeric)`,
      [JSON.stringify(tiers)],
    );
  }
  return { ids, created };
}

/** A product row as a write left it: its id, and whether the write inserted it (or updated a stored one). */
interface StoredProduct {
  id: number;
  created: boolean;
}

/**
 * Inserts products in one statement, by SKU through ON CONFLICT when `upsert`; returns them by SKU (RETURNING
 * order is not promised to follow the input's). A row the statement inserted has no xmax yet; one it updated
 * has this transaction's.
 */
async function insertProducts(
  db: Queryable,
  writes: readonly ProductWrite[],
  { upsert }: { upsert: boolean },
): Promise<Map<string, StoredProduct>> {
  const conflict = upsert
    ? `on conflict (sku) do update set ${COLUMN_NAMES.filter((column) => column !== 'sku')
        .map((column) => `${column} = excluded.${column}`)
        .join(', ')}, updated_at = now()`
    : '';
  const input = db.binaryParameters
    ? { from: 'unnest($1::products[])', rows: await productRows(db, writes) }
    : { from: `jsonb_to_recordset($1::jsonb) as input(${PRODUCT_COLUMNS})`, rows: productsJson(writes) };
  const { rows } = await db.query<{ id: number; sku: string; created: boolean }>(
    `insert into products (${COLUMN_NAMES.join(', ')})
     select ${COLUMN_NAMES.join(', ')} from ${input.from} ${conflict}
     returning id, sku, xmax = 0 as created`,
    [input.rows],
  );
  return new Map(rows.map((row) => [row.sku, { id: row.id, created: row.created }]));
}

/**
 * New SKUs on a database other transactions write too: inserted plainly in a savepoint. Undefined when one was
 * stored meanwhile (unique violation on the SKU): the savepoint is rolled back, and the caller upserts them.
 */
async function insertNewProducts(
  db: Queryable,
  writes: readonly ProductWrite[],
): Promise<Map<string, StoredProduct> | undefined> {
  await db.exec('savepoint new_products');
  try {
    const inserted = await insertProducts(db, writes, { upsert: false });
    await db.exec('release savepoint new_products');
    return inserted;
  } catch (error) {
    if ((error as { code?: string }).code !== '23505') throw error;
    await db.exec('rollback to savepoint new_products');
    return undefined;
  }
}

/** The products as an array of the table's rows, for a binary parameter; id, created_at and updated_at null. */
async function productRows(db: Queryable, writes: readonly ProductWrite[]): Promise<Buffer> {
  const rows = BinaryCopyWriter.recordArray(await rowTypeOf(db, 'products', PRODUCT_ROW_COLUMNS), writes.length * 1024);
  for (const write of writes) productFields(rows.row(PRODUCT_ROW_COLUMNS.length).null(), write).null().null();
  return rows.finish();
}

/** The products as JSON records of the columns written: jsonb_to_recordset parses every key it is given. */
function productsJson(writes: readonly ProductWrite[]): string {
  return JSON.stringify(
    writes.map(({ product, factoryId, hash }) => {
      const { price_tiers: _tiers, factory: _factory, ...columns } = product;
      return { ...columns, factory_id: factoryId, content_hash: hash };
    }),
  );
}

/**
 * Embedded PGlite's new products, as one binary COPY (no JSON to parse in WebAssembly): their ids are taken from
 * the identity's sequence first, since COPY returns none. Returns them by SKU. Only for a
 * transaction that is the database's one writer (embedded PGlite: copyBinary exists only there).
 */
async function copyNewProducts(db: Queryable, writes: readonly ProductWrite[]): Promise<Map<string, StoredProduct>> {
  // One call takes the whole range (nextval per row was ~16 ms per 1,000): the import is PGlite's one session.
  const { rows } = await db.query<{ last: number }>(
    `select setval(s, nextval(s) + $1::integer - 1) as last from pg_get_serial_sequence('products', 'id') s`,
    [writes.length],
  );
  const first = rows[0]!.last - writes.length + 1;
  const ids = writes.map((_, i) => first + i);
  const copy = new BinaryCopyWriter(writes.length * 1024);
  writes.forEach((write, i) => productFields(copy.row(COPIED_PRODUCT_COLUMNS.length).int8(ids[i]!), write));
  await db.copyBinary!('products', COPIED_PRODUCT_COLUMNS, copy.finish());
  return new Map(writes.map(({ product }, i) => [product.sku, { id: ids[i]!, created: true }]));
}

/** The columns of COLUMN_NAMES, in order. */
function productFields(rows: BinaryCopyWriter, { product: p, factoryId, hash }: ProductWrite): BinaryCopyWriter {
  return rows
    .text(p.sku)
    .int8(factoryId)
    .text(p.title)
    .text(p.category)
    .text(p.subcategory)
    .text(p.description)
    .textArray(p.colors)
    .textArray(p.sizes)
    .textArray(p.materials)
    .textArray(p.tags)
    .text(p.currency)
    .int4(p.moq)
    .numeric(p.sample_price)
    .int4(p.sample_days)
    .int4(p.lead_time_days)
    .textArray(p.customization)
    .textArray(p.certifications)
    .bool(p.dropship)
    .int4(p.stock)
    .textArray(p.image_urls)
    .text(p.status)
    .text(hash);
}

/**
 * Creates factories by name; returns them by lower-cased name, `created` false for one another transaction
 * stored meanwhile (two imports naming the same new factory), which is then read and held with FOR KEY SHARE
 * like the rest of the import's factories (loadFactoryIndex).
 */
export async function createFactories(
  db: Queryable,
  names: readonly string[],
): Promise<Map<string, { id: number; name: string; created: boolean }>> {
  if (names.length === 0) return new Map();
  const { rows } = await db.query<{ id: number; name: string }>(
    'insert into factories (name) select unnest($1::text[]) on conflict ((lower(name))) do nothing returning id, name',
    [names],
  );
  const factories = new Map(rows.map((row) => [row.name.toLowerCase(), { ...row, created: true }]));
  const taken = names.map((name) => name.toLowerCase()).filter((key) => !factories.has(key));
  if (taken.length > 0) {
    const stored = await db.query<{ id: number; name: string }>(
      'select id, name from factories where lower(name) = any($1::text[]) for key share',
      [taken],
    );
    for (const row of stored.rows) factories.set(row.name.toLowerCase(), { ...row, created: false });
  }
  return factories;
}

/**
 * Archives active products whose SKU is not in `keep` (import --sync) and returns their ids. Their
 * hash is cleared so a later import of the same row brings them back.
 */
export async function archiveMissing(db: Queryable, keep: readonly string[], dryRun: boolean): Promise<number[]> {
  const { rows } = await db.query<{ id: number }>(
    dryRun
      ? `select id from products where status = 'active' and not (sku = any($1::text[]))`
      : `update products set status = 'archived', content_hash = 'archived-by-sync', updated_at = now()
         where status = 'active' and not (sku = any($1::text[]))
         returning id`,
    [keep],
  );
  return rows.map((row) => row.id);
}

interface ProductRow {
  sku: string;
  title: string;
  category: string;
  subcategory: string | null;
  description: string | null;
  factory: string | null;
  colors: string[];
  sizes: string[];
  materials: string[];
  tags: string[];
  price_tiers: PriceTier[];
  currency: string;
  moq: number;
  sample_price: number | null;
  sample_days: number | null;
  lead_time_days: number | null;
  customization: string[];
  certifications: string[];
  dropship: boolean;
  stock: number | null;
  image_urls: string[];
  status: ProductStatus;
}

/**
 * A product's price tiers as a JSON array ordered by quantity, for a select over `products p`; read the
 * column back with parsePriceTiers.
 */
export const PRICE_TIERS_JSON = `coalesce((select jsonb_agg(jsonb_build_object('min_qty', t.min_qty, 'unit_price', t.unit_price::float8)
                                                   order by t.min_qty)
                  from price_tiers t where t.product_id = p.id), '[]'::jsonb)`;

/** The PRICE_TIERS_JSON column as the driver returns it: parsed by pg, text from PGlite. */
export function parsePriceTiers(value: PriceTier[] | string): PriceTier[] {
  return typeof value === 'string' ? (JSON.parse(value) as PriceTier[]) : value;
}

const PRODUCT_SELECT = `
  select p.sku, p.title, p.category, p.subcategory, p.description,
    case when f.is_default then null else f.name end as factory,
    p.colors, p.sizes, p.materials, p.tags,
    ${PRICE_TIERS_JSON} as price_tiers,
    p.currency, p.moq, p.sample_price, p.sample_days, p.lead_time_days, p.customization,
    p.certifications, p.dropship, p.stock, p.image_urls, p.status
  from products p join factories f on f.id = p.factory_id`;

function toProduct(row: ProductRow): Product {
  return { ...row, price_tiers: parsePriceTiers(row.price_tiers) };
}

/** Every product in SKU order, a page at a time, so export never holds the catalog whole. */
export async function* streamProducts(db: Queryable, pageSize = 1000): AsyncGenerator<Product> {
  let after = '';
  for (;;) {
    const { rows } = await db.query<ProductRow & Record<string, unknown>>(
      `${PRODUCT_SELECT} where p.sku collate "C" > $1 order by p.sku collate "C" limit $2`,
      [after, pageSize],
    );
    for (const row of rows) yield toProduct(row);
    if (rows.length < pageSize) return;
    after = rows[rows.length - 1]!.sku;
  }
}

export async function getProduct(db: Queryable, sku: string): Promise<Product | undefined> {
  const { rows } = await db.query<ProductRow & Record<string, unknown>>(`${PRODUCT_SELECT} where p.sku = $1`, [sku]);
  return rows[0] ? toProduct(rows[0]) : undefined;
}

/** Several products in one query, in the order asked; SKUs not in the catalog are left out. */
export async function getProducts(db: Queryable, skus: readonly string[]): Promise<Product[]> {
  if (skus.length === 0) return [];
  const { rows } = await db.query<ProductRow & Record<string, unknown>>(
    `${PRODUCT_SELECT} where p.sku = any($1::text[])`,
    [skus],
  );
  const bySku = new Map(rows.map((row) => [row.sku, toProduct(row)]));
  return skus.flatMap((sku) => bySku.get(sku) ?? []);
}

export interface CatalogCounts {
  factories: number;
  products: number;
  active: number;
  archived: number;
  by_category: Record<string, number>;
}

export async function catalogCounts(db: Queryable): Promise<CatalogCounts> {
  const { rows } = await db.query<{ category: string; status: string; n: number }>(
    'select category, status, count(*)::int as n from products group by category, status order by category',
  );
  const factories = await db.query<{ n: number }>(
    'select count(*)::int as n from factories f where not is_default or exists (select 1 from products p where p.factory_id = f.id)',
  );
  const byCategory: Record<string, number> = {};
  let active = 0;
  let archived = 0;
  for (const row of rows) {
    if (row.status === 'active') {
      active += row.n;
      byCategory[row.category] = (byCategory[row.category] ?? 0) + row.n;
    } else archived += row.n;
  }
  return {
    factories: factories.rows[0]?.n ?? 0,
    products: active + archived,
    active,
    archived,
    by_category: byCategory,
  };
}
