import { createHash } from 'node:crypto';
import { CATALOG_FIELDS, type Product } from './product.ts';

/**
 * A product's fingerprint: sha256 over its normalised fields in catalog
 * order. Import compares it with the stored one, so re-importing an
 * unchanged row writes nothing (and, later, embeds nothing).
 */
export function contentHash(product: Product): string {
  const canonical = CATALOG_FIELDS.map((field) => product[field] ?? null);
  return createHash('sha256').update(JSON.stringify(canonical)).digest('hex');
}
