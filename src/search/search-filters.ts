import type { Understood } from './understand.ts';

/**
 * The hard constraints of a request, as SQL over `product_search s` alone (it
 * copies the product fields they test). Nothing that breaks one is ever returned; when they
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

/** The concept keys of these categories, as every product carries its own category's. */
export function categoryConcepts(categories: readonly string[]): string[] {
  return categories.map((category) => `category:${category.toLowerCase()}`);
}

/**
 * The unit price (in its currency) at the requested quantity, or at the MOQ when none was asked: the last tier
 * whose minimum the quantity reaches. width_bucket finds it in the ascending tier minimums copied into
 * product_search in one call (an unnest-sort-limit subquery per row made budget scans three times slower);
 * below the first tier it gives 0, and element 0 is null, so the row fails the budget as before.
 */
export const PRICE_AT_QUANTITY_SQL = (quantityParam: string) =>
  `s.tier_unit_price[width_bucket(greatest(${quantityParam}::integer, s.moq), s.tier_min_qty)]`;

/**
 * SQL conditions (joined with and) and their parameters, numbered from `offset + 1`. `usdPerUnit` holds the
 * exchange rates the budget was converted with: it becomes a price ceiling per currency, so rows are not
 * each looked up in currency_rates.
 */
export function filterSql(
  filters: Filters,
  quantityForPrice: number | undefined,
  offset: number,
  usdPerUnit: ReadonlyMap<string, number> = new Map(),
): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const param = (value: unknown) => {
    params.push(value);
    return `$${offset + params.length}`;
  };
  const where = [`s.status = 'active'`];
  if (filters.categories) {
    // The concept test is implied by the category (every product carries its own category's concept), but the
    // concepts' GIN index can answer it, so the planner can combine it with the full-text index.
    where.push(`s.search_concepts && ${param(categoryConcepts(filters.categories))}::text[]`);
    where.push(`s.category = any(${param(filters.categories)}::text[])`);
  }
  if (filters.colors) where.push(`s.search_concepts && ${param(filters.colors)}::text[]`);
  if (filters.sizes)
    where.push(`(s.sizes && ${param(filters.sizes)}::text[] or s.sizes && array['ONE SIZE', 'FREE SIZE'])`);
  if (filters.quantity !== undefined) where.push(`s.moq <= ${param(filters.quantity)}`);
  if (filters.maxUnitPriceUsd !== undefined) {
    const quantity = param(quantityForPrice ?? null);
    const maxUsd = filters.maxUnitPriceUsd + 1e-9;
    const currencies = [...usdPerUnit.keys()];
    const ceilings = currencies.map((currency) => maxUsd / usdPerUnit.get(currency)!);
    // A currency without a rate finds no ceiling (null), so its products fail the budget.
    where.push(
      `${PRICE_AT_QUANTITY_SQL(quantity)} <= (${param(ceilings)}::numeric[])[array_position(${param(currencies)}::text[], s.currency::text)]`,
    );
  }
  if (filters.maxLeadTimeDays !== undefined) where.push(`s.lead_time_days <= ${param(filters.maxLeadTimeDays)}`);
  if (filters.certifications) where.push(`s.search_concepts @> ${param(filters.certifications)}::text[]`);
  if (filters.customization) where.push(`s.search_concepts @> ${param(filters.customization)}::text[]`);
  if (filters.dropship) where.push('s.dropship');
  if (filters.inStock) where.push(`s.stock >= ${param(filters.quantity ?? quantityForPrice ?? 1)}`);
  return { sql: where.join(' and '), params };
}
