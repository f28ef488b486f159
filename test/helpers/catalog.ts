import { PassThrough, Readable } from 'node:stream';
import type { Database } from '../../src/db/database.ts';
import { exportCatalog } from '../../src/catalog/export-catalog.ts';
import { importCatalog, type ImportOptions, type ImportReport } from '../../src/catalog/import-catalog.ts';
import type { CatalogFormat } from '../../src/catalog/read-catalog.ts';

export const CSV_HEADER = 'sku,title,category,factory,colors,sizes,tags,price_tiers,moq,stock,status,description';

/** One valid CSV line; override cells by column name. */
export function csvRow(sku: string, cells: Partial<Record<string, string>> = {}): string {
  const base: Record<string, string> = {
    sku,
    title: `Chiffon maxi dress ${sku}`,
    category: 'dress',
    factory: 'Guangzhou Lian Garments',
    colors: 'red|black',
    sizes: 'S|M|L',
    tags: 'beach|wedding guest',
    price_tiers: '50:12.50|200:10.80|1000:9.20',
    moq: '50',
    stock: '1200',
    status: 'active',
    description: 'Flowing chiffon maxi dress with a V-neck.',
    ...cells,
  };
  return CSV_HEADER.split(',')
    .map((column) => base[column] ?? '')
    .join(',');
}

export function csvFile(lines: string[]): string {
  return `${CSV_HEADER}\n${lines.join('\n')}\n`;
}

export function importText(
  db: Database,
  text: string | Buffer,
  options: Partial<ImportOptions> & { format?: CatalogFormat } = {},
): Promise<ImportReport> {
  const format = options.format ?? 'csv';
  return importCatalog(db, Readable.from([Buffer.from(text)]), { source: `catalog.${format}`, ...options, format });
}

export async function exportText(db: Database, format: CatalogFormat): Promise<string> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  await exportCatalog(db, format, out);
  out.end();
  return Buffer.concat(chunks).toString('utf8');
}

export async function resetCatalog(db: Database): Promise<void> {
  await db.exec('truncate price_tiers, products, import_runs; delete from factories where not is_default;');
}

export async function productCount(db: Database): Promise<number> {
  const { rows } = await db.query<{ n: number }>('select count(*)::int as n from products');
  return rows[0]!.n;
}
