import type { Understood } from './understand.ts';

/**
 * The hard constraints of a request, as SQL over `products p` joined with
 * `product_search s`. Nothing that breaks one is ever returned; when they
 * leave nothing, search relaxes them one at a time in RELAX_ORDER (least
 * important first) and says which.
 */

export const FILTER_NAMES = [
  'category',
  'colors',
  'sizes',
  'moq',
  'budget',
  'deadline',
  'certifications',
  'customization',
  'dropship',
  'in_stock',
] as const;
export type FilterName = (typeof FILTER_NAMES)[number];

/** Least important first. The category is never relaxed: other products are not "close". */
export const RELAX_ORDER: FilterName[] = [
  'sizes',
  'in_stock',
  'deadline',
  'colors',
  'budget',
  'moq',
  'customization',
  'certifications',
  'dropship',
];

export interface Filters {
  categories?: string[];
  /** concept keys, e.g. color:red */
  colors?: string[];
  sizes?: string[];
  quantity?: number;
  /** unit price at the quantity, in USD */
  maxUnitPriceUsd?: number;
  maxLeadTimeDays?: number;
  certifications?: string[];
  customization?: string[];
  dropship?: boolean;
  inStock?: boolean;
}

export function filtersFrom(understood: Understood, usdPerUnit: (currency: string) => number | undefined): Filters {
  const filters: Filters = {};
  // The first product named is the one asked for; others ("to match an emerald dress") are context.
  if (understood.category) filters.categories = [understood.category];
  if (understood.colors.length) filters.colors = understood.colors.map((c) => `color:${c}`);
  if (understood.sizes.length) filters.sizes = understood.sizes;
  if (understood.quantity) filters.quantity = understood.quantity;
  const budget = understood.budget;
  if (budget) {
    const rate = usdPerUnit(budget.currency);
    const unitAmount =
      budget.per === 'unit' ? budget.amount : understood.quantity ? budget.amount / understood.quantity : undefined;
    if (rate !== undefined && unitAmount !== undefined) filters.maxUnitPriceUsd = unitAmount * rate;
  }
  if (understood.deadline) filters.maxLeadTimeDays = understood.deadline.days;
  if (understood.certifications.length)
    filters.certifications = understood.certifications.map((c) => `certification:${c}`);
  if (understood.customization.length)
    filters.customization = understood.customization.map((c) => `customization:${c}`);
  if (understood.dropship) filters.dropship = true;
  if (understood.in_stock) filters.inStock = true;
  return filters;
}

export function activeFilters(filters: Filters): FilterName[] {
  const names: FilterName[] = [];
  if (filters.categories) names.push('category');
  if (filters.colors) names.push('colors');
  if (filters.sizes) names.push('sizes');
  if (filters.quantity !== undefined) names.push('moq');
  if (filters.maxUnitPriceUsd !== undefined) names.push('budget');
  if (filters.maxLeadTimeDays !== undefined) names.push('deadline');
  if (filters.certifications) names.push('certifications');
  if (filters.customization) names.push('customization');
  if (filters.dropship) names.push('dropship');
  if (filters.inStock) names.push('in_stock');
  return names;
}

export function withoutFilter(filters: Filters, name: FilterName): Filters {
  const next = { ...filters };
  if (name === 'category') delete next.categories;
  if (name === 'colors') delete next.colors;
  if (name === 'sizes') delete next.sizes;
  if (name === 'moq') next.quantity = undefined;
  if (name === 'budget') delete next.maxUnitPriceUsd;
  if (name === 'deadline') delete next.maxLeadTimeDays;
  if (name === 'certifications') delete next.certifications;
  if (name === 'customization') delete next.customization;
  if (name === 'dropship') delete next.dropship;
  if (name === 'in_stock') delete next.inStock;
  return next;
}

/** The unit price (in its currency) at the requested quantity, or at the MOQ when none was asked. */
export const PRICE_AT_QUANTITY_SQL = (quantityParam: string) =>
  `(select t.unit_price from price_tiers t where t.product_id = p.id and t.min_qty <= greatest(${quantityParam}::integer, p.moq) order by t.min_qty desc limit 1)`;

/** SQL conditions (joined with and) and their parameters, numbered from `offset + 1`. */
export function filterSql(
  filters: Filters,
  quantityForPrice: number | undefined,
  offset: number,
): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const param = (value: unknown) => {
    params.push(value);
    return `$${offset + params.length}`;
  };
  const where = [`p.status = 'active'`];
  if (filters.categories) {
    // The concept test is implied by the category (every product carries its own category's concept) but runs
    // on product_search, so vector and text scans drop other categories before joining products row by row.
    where.push(`s.search_concepts && ${param(filters.categories.map((c) => `category:${c.toLowerCase()}`))}::text[]`);
    where.push(`p.category = any(${param(filters.categories)}::text[])`);
  }
  if (filters.colors) where.push(`s.search_concepts && ${param(filters.colors)}::text[]`);
  if (filters.sizes)
    where.push(`(s.sizes && ${param(filters.sizes)}::text[] or s.sizes && array['ONE SIZE', 'FREE SIZE'])`);
  if (filters.quantity !== undefined) where.push(`p.moq <= ${param(filters.quantity)}`);
  if (filters.maxUnitPriceUsd !== undefined) {
    const quantity = param(quantityForPrice ?? null);
    where.push(
      `${PRICE_AT_QUANTITY_SQL(quantity)} * (select r.usd_per_unit from currency_rates r where r.currency = p.currency) <= ${param(filters.maxUnitPriceUsd + 1e-9)}`,
    );
  }
  if (filters.maxLeadTimeDays !== undefined) where.push(`p.lead_time_days <= ${param(filters.maxLeadTimeDays)}`);
  if (filters.certifications) where.push(`s.search_concepts @> ${param(filters.certifications)}::text[]`);
  if (filters.customization) where.push(`s.search_concepts @> ${param(filters.customization)}::text[]`);
  if (filters.dropship) where.push('p.dropship');
  if (filters.inStock) where.push(`p.stock >= ${param(filters.quantity ?? quantityForPrice ?? 1)}`);
  return { sql: where.join(' and '), params };
}
