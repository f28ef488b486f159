import type { Understood } from './understand.ts';

/**
 * One short line saying why a product was returned: the requested things it
 * has, then its price at the buyer's quantity, MOQ and lead time. Catalog
 * facts only.
 */

export interface MatchFacts {
  category: string;
  subcategory: string | null;
  colors: string[];
  materials: string[];
  tags: string[];
  moq: number;
  currency: string;
  lead_time_days: number | null;
  stock: number | null;
  search_concepts: string[];
}

function formatMoney(amount: number, currency: string): string {
  return `${amount.toFixed(2)} ${currency}`;
}

export function describeMatch(
  understood: Understood,
  product: MatchFacts,
  unitPrice: number | null,
  quantity: number,
): string {
  const has = (kind: string, id: string) => product.search_concepts.includes(`${kind}:${id}`);
  const matched: string[] = [];
  const type = understood.product_types.find((t) => has('product_type', t));
  matched.push(type ?? product.subcategory ?? product.category);
  const colors = understood.colors.filter((c) => has('color', c));
  if (colors.length) matched.push(`in ${colors.join('/')}`);
  const materials = understood.materials.filter((m) => has('material', m));
  if (materials.length) matched.push(materials.join(', '));
  const occasions = [...understood.occasions, ...understood.styles].filter((o) => has('occasion', o));
  if (occasions.length) matched.push(`for ${occasions.join(', ')}`);
  const certified = understood.certifications.filter((c) => has('certification', c));
  if (certified.length) matched.push(`${certified.join(', ')} certified`);
  const custom = understood.customization.filter((c) => has('customization', c));
  if (custom.length) matched.push(`offers ${custom.join(', ').replace(/_/g, ' ')}`);
  const facts: string[] = [];
  if (unitPrice !== null) facts.push(`${formatMoney(unitPrice, product.currency)} each at ${quantity} pcs`);
  facts.push(`MOQ ${product.moq}`);
  if (product.lead_time_days !== null) facts.push(`${product.lead_time_days}-day lead time`);
  if (understood.in_stock && product.stock !== null) facts.push(`${product.stock} in stock`);
  return `${matched.join(', ')}; ${facts.join(', ')}`;
}
