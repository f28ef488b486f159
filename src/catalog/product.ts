import { z } from 'zod';

/**
 * The catalog's product, as validated from an import row and as stored.
 * Field names follow CONTRACT.md's catalog format (snake_case), so the same
 * object is what import reads, the repository writes and export prints.
 */

export const SKU_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;
export const PRODUCT_STATUSES = ['active', 'archived'] as const;
export type ProductStatus = (typeof PRODUCT_STATUSES)[number];

export const priceTierSchema = z.object({
  min_qty: z.number().int().min(1),
  unit_price: z.number().nonnegative(),
});
export type PriceTier = z.infer<typeof priceTierSchema>;

export const productSchema = z.object({
  sku: z.string().regex(SKU_PATTERN),
  title: z.string().min(1),
  category: z.string().min(1),
  subcategory: z.string().nullable(),
  description: z.string().nullable(),
  factory: z.string().nullable(),
  colors: z.array(z.string()),
  sizes: z.array(z.string()),
  materials: z.array(z.string()),
  tags: z.array(z.string()),
  price_tiers: z.array(priceTierSchema).min(1),
  currency: z.string().length(3),
  moq: z.number().int().min(1),
  sample_price: z.number().nonnegative().nullable(),
  sample_days: z.number().int().nonnegative().nullable(),
  lead_time_days: z.number().int().nonnegative().nullable(),
  customization: z.array(z.string()),
  certifications: z.array(z.string()),
  dropship: z.boolean(),
  stock: z.number().int().nonnegative().nullable(),
  image_urls: z.array(z.string()),
  status: z.enum(PRODUCT_STATUSES),
});

/** A product after validation and normalisation: every field present, absent ones null or []. */
export type Product = z.infer<typeof productSchema>;

/** The catalog columns in CONTRACT.md order; export writes them in this order. */
export const CATALOG_FIELDS = [
  'sku',
  'title',
  'category',
  'subcategory',
  'description',
  'factory',
  'colors',
  'sizes',
  'materials',
  'tags',
  'price_tiers',
  'currency',
  'moq',
  'sample_price',
  'sample_days',
  'lead_time_days',
  'customization',
  'certifications',
  'dropship',
  'stock',
  'image_urls',
  'status',
] as const satisfies readonly (keyof Product)[];

export type CatalogField = (typeof CATALOG_FIELDS)[number];

export const LIST_FIELDS = [
  'colors',
  'sizes',
  'materials',
  'tags',
  'customization',
  'certifications',
  'image_urls',
] as const satisfies readonly CatalogField[];

export type ListField = (typeof LIST_FIELDS)[number];

/** Unit price for a quantity: the tier with the largest min_qty not above it, or null below the first tier. */
export function priceAtQuantity(tiers: readonly PriceTier[], quantity: number): number | null {
  let price: number | null = null;
  for (const tier of tiers) {
    if (tier.min_qty <= quantity) price = tier.unit_price;
    else break;
  }
  return price;
}
