import type { Writable } from 'node:stream';
import { once } from 'node:events';
import { stringify } from 'csv-stringify/sync';
import type { Queryable } from '../db/database.ts';
import { streamProducts } from './catalog-repository.ts';
import { CATALOG_FIELDS, LIST_FIELDS, type Product } from './product.ts';
import type { CatalogFormat } from './read-catalog.ts';

/**
 * Writes the catalog in the import format, in SKU order, a page at a time.
 * Output is deterministic: export → import into an empty database → export
 * gives the same bytes.
 */

// Spreadsheets run a cell starting with one of these as a formula; CSV export prefixes a quote.
const FORMULA_START = /^[=+\-@\t\r]/;
const LIST_SET = new Set<string>(LIST_FIELDS);

export function neutraliseFormula(cell: string): string {
  return FORMULA_START.test(cell) ? `'${cell}` : cell;
}

/** The product as a JSON/JSONL record: every field present, absent ones null. */
export function toCatalogRecord(product: Product): Record<string, unknown> {
  return Object.fromEntries(CATALOG_FIELDS.map((field) => [field, product[field] ?? null]));
}

export function toCsvCells(product: Product): string[] {
  return CATALOG_FIELDS.map((field) => {
    const value = product[field];
    if (field === 'price_tiers') return product.price_tiers.map((t) => `${t.min_qty}:${t.unit_price}`).join('|');
    if (LIST_SET.has(field)) return neutraliseFormula((value as string[]).join('|'));
    if (value === null || value === undefined) return '';
    return typeof value === 'string' ? neutraliseFormula(value) : String(value);
  });
}

async function write(out: Writable, text: string): Promise<void> {
  if (!out.write(text)) await once(out, 'drain');
}

export async function exportCatalog(db: Queryable, format: CatalogFormat, out: Writable): Promise<number> {
  let count = 0;
  if (format === 'csv') await write(out, stringify([[...CATALOG_FIELDS]]));
  if (format === 'json') await write(out, '[');
  for await (const product of streamProducts(db)) {
    if (format === 'csv') await write(out, stringify([toCsvCells(product)]));
    else if (format === 'jsonl') await write(out, `${JSON.stringify(toCatalogRecord(product))}\n`);
    else await write(out, `${count === 0 ? '\n' : ',\n'}${JSON.stringify(toCatalogRecord(product))}`);
    count++;
  }
  if (format === 'json') await write(out, count === 0 ? ']\n' : '\n]\n');
  return count;
}
