import { priceAtQuantity, type Product } from '../catalog/product.ts';
import type { ProductCard } from './messages.ts';

/** Product cards from catalog facts only: the engine never lets a planner write prices itself. */
export function toCard(product: Product, quantity?: number, why?: string): ProductCard {
  const priceQuantity = Math.max(quantity ?? product.moq, product.moq);
  return {
    sku: product.sku,
    title: product.title,
    category: product.category,
    image_url: product.image_urls[0] ?? null,
    colors: product.colors,
    sizes: product.sizes,
    price_tiers: product.price_tiers,
    currency: product.currency,
    moq: product.moq,
    lead_time_days: product.lead_time_days,
    sample: product.sample_price === null ? null : { price: product.sample_price, days: product.sample_days },
    unit_price_at_quantity: priceAtQuantity(product.price_tiers, priceQuantity),
    price_quantity: priceQuantity,
    ...(why ? { why } : {}),
  };
}

export function formatMoney(amount: number, currency: string, locale = 'en'): string {
  try {
    return new Intl.NumberFormat(locale, { style: 'currency', currency, maximumFractionDigits: 4 }).format(amount);
  } catch {
    return `${amount} ${currency}`;
  }
}
