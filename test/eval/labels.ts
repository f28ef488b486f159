import { priceAtQuantity, type Product } from '../../src/catalog/product.ts';

/**
 * Relevance from catalog attributes (so labels stay right as the catalog
 * grows) and the hard constraints a request states. Format:
 * test/eval/search-queries.jsonl.
 */

export interface LabeledQuery {
  id: string;
  lang: string;
  query: string;
  relevant: { category: string; colors?: string[]; subcategory?: string[]; materials?: string[]; tags?: string[] };
  constraints?: {
    quantity?: number;
    max_unit_price_usd?: number;
    colors?: string[];
    sizes?: string[];
    max_lead_time_days?: number;
    certifications?: string[];
    customization?: string[];
    dropship?: boolean;
    in_stock?: boolean;
  };
}

const lower = (values: string[]) => values.map((v) => v.toLowerCase());
export const EVAL_USD_RATES: Record<string, number> = { USD: 1, EUR: 1.08, CNY: 0.138 };

export function gain(query: LabeledQuery, product: Product): number {
  const r = query.relevant;
  if (product.category !== r.category || product.status !== 'active') return 0;
  const checks: boolean[] = [];
  if (r.colors) checks.push(lower(product.colors).some((c) => lower(r.colors!).includes(c)));
  if (r.subcategory) {
    const text = `${product.subcategory ?? ''} ${product.title}`.toLowerCase();
    checks.push(r.subcategory.some((s) => text.includes(s.toLowerCase())));
  }
  if (r.materials)
    checks.push(lower(product.materials).some((m) => r.materials!.some((x) => m.includes(x.toLowerCase()))));
  if (r.tags) checks.push(lower(product.tags).some((t) => lower(r.tags!).includes(t)));
  const passed = checks.filter(Boolean).length;
  if (passed === checks.length) return 2;
  return passed >= checks.length / 2 ? 1 : 0;
}

/** The hard constraints this product breaks (empty: none). */
export function violations(query: LabeledQuery, product: Product): string[] {
  const c = query.constraints ?? {};
  const broken: string[] = [];
  if (product.status !== 'active') broken.push('status');
  if (c.quantity !== undefined && product.moq > c.quantity) broken.push('moq');
  if (c.max_unit_price_usd !== undefined) {
    const price = priceAtQuantity(product.price_tiers, Math.max(c.quantity ?? product.moq, product.moq));
    const usd = price === null ? Infinity : price * (EVAL_USD_RATES[product.currency] ?? Infinity);
    if (usd > c.max_unit_price_usd + 1e-6) broken.push('budget');
  }
  if (c.colors && !lower(product.colors).some((col) => lower(c.colors!).includes(col))) broken.push('colors');
  if (c.sizes) {
    const sizes = product.sizes.map((s) => s.toUpperCase());
    if (!sizes.some((s) => c.sizes!.map((x) => x.toUpperCase()).includes(s) || s === 'ONE SIZE')) broken.push('sizes');
  }
  if (c.max_lead_time_days !== undefined && (product.lead_time_days ?? Infinity) > c.max_lead_time_days)
    broken.push('lead_time');
  if (c.certifications && !c.certifications.every((x) => lower(product.certifications).includes(x.toLowerCase())))
    broken.push('certifications');
  if (c.customization && !c.customization.every((x) => product.customization.includes(x))) broken.push('customization');
  if (c.dropship && !product.dropship) broken.push('dropship');
  if (c.in_stock && !((product.stock ?? 0) >= (c.quantity ?? 1))) broken.push('in_stock');
  return broken;
}
