import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { z } from 'zod';
import type { Database } from '../db/database.ts';
import { importCatalog, type ImportOptions, type ImportReport } from './import-catalog.ts';

/**
 * The sample catalog in seed/: factories with their details, then the
 * products through the ordinary import (so the seed obeys the same rules as
 * an admin's file). Loaded only into an empty catalog.
 */

export const SEED_DIR = fileURLToPath(new URL('../../seed/', import.meta.url));

const factoriesSchema = z.array(
  z.object({
    name: z.string().min(1),
    city: z.string().optional(),
    province: z.string().optional(),
    description: z.string().optional(),
    specialties: z.array(z.string()).default([]),
  }),
);

export async function catalogIsEmpty(db: Database): Promise<boolean> {
  const { rows } = await db.query<{ empty: boolean }>('select not exists (select 1 from products) as empty');
  return Boolean(rows[0]?.empty);
}

/** Loads the seed when the catalog has no products; returns the import report, or undefined when it did nothing. */
export async function seedIfEmpty(
  db: Database,
  options: Pick<ImportOptions, 'onWritten'> & { seedDir?: string } = {},
): Promise<ImportReport | undefined> {
  const seedDir = options.seedDir ?? SEED_DIR;
  if (!(await catalogIsEmpty(db))) return undefined;
  const factories = factoriesSchema.parse(JSON.parse(await readFile(path.join(seedDir, 'factories.json'), 'utf8')));
  await db.transaction(async (tx) => {
    for (const factory of factories) {
      await tx.query(
        `insert into factories (name, city, province, description, specialties) values ($1, $2, $3, $4, $5)
         on conflict (lower(name)) do update set city = excluded.city, province = excluded.province,
           description = excluded.description, specialties = excluded.specialties, updated_at = now()`,
        [
          factory.name,
          factory.city ?? null,
          factory.province ?? null,
          factory.description ?? null,
          factory.specialties,
        ],
      );
    }
  });
  const file = path.join(seedDir, 'catalog.jsonl');
  const report = await importCatalog(db, createReadStream(file), {
    format: 'jsonl',
    source: 'seed/catalog.jsonl',
    onWritten: options.onWritten,
  });
  if (!report.committed) {
    const first = report.errors[0];
    throw new Error(
      `The seed catalog did not import (${report.invalid} invalid rows; first: row ${first?.row} ${first?.field}: ${first?.reason}). Regenerate it with npm run seed:generate.`,
    );
  }
  return report;
}
