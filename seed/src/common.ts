/**
 * What every category generator shares: the design a generator describes, the
 * catalog row it becomes, and `finalize`, which adds the commercial terms
 * (price tiers, MOQ, samples, lead time, stock, certifications, images).
 */
import type { Rng } from './random.ts';

export type Currency = 'USD' | 'EUR' | 'CNY';

export interface Tier {
  min_qty: number;
  unit_price: number;
}

/** One product as a generator describes it; commercial terms are filled in by `finalize` unless overridden. */
export interface Design {
  title: string;
  category: string;
  subcategory: string;
  description: string;
  factory: string;
  colors: string[];
  sizes: string[];
  materials: string[];
  tags: string[];
  /** USD unit price at the MOQ, before tier discounts. */
  basePrice: number;
  /** Ceiling for the first tier, also when the dropship premium applies. */
  maxPrice?: number;
  /** Anchors are hand-written products that guarantee coverage; never archived, always USD. */
  anchor?: boolean;
  moq?: number;
  tiers?: number;
  /** Exact USD tiers (anchors); the MOQ becomes the first tier's quantity. */
  fixedTiers?: Tier[];
  dropship?: boolean;
  currency?: Currency;
  certifications?: string[];
  customization?: string[];
  stock?: number | null;
  samplePrice?: number | null;
  leadTime?: number;
}

/** A catalog row with CONTRACT.md's field names, in its field order. */
export interface CatalogRow {
  sku: string;
  title: string;
  category: string;
  subcategory: string;
  description: string;
  factory: string;
  colors: string[];
  sizes: string[];
  materials: string[];
  tags: string[];
  price_tiers: Tier[];
  currency: Currency;
  moq: number;
  sample_price?: number;
  sample_days?: number;
  lead_time_days: number;
  customization: string[];
  certifications: string[];
  dropship: boolean;
  stock?: number;
  image_urls: string[];
  status: 'active' | 'archived';
}

/** How a category usually trades: typical MOQs, lead times, sample costs and what it can be certified or customised for. */
export interface Profile {
  moqs: readonly (readonly [number, number])[];
  dropshipRate: number;
  leadTime: [number, number];
  sampleDays: [number, number];
  /** Sample price as a multiple of the unit price, plus a fixed handling part. */
  sampleFactor: [number, number];
  certifications: readonly string[];
  certificationRate: number;
  customization: readonly string[];
}

export const OCCASIONS = [
  'beach',
  'wedding guest',
  'evening',
  'cocktail',
  'party',
  'office',
  'casual',
  'prom',
  'modest',
  'vacation',
] as const;

export const SEASONS = ['summer', 'winter', 'spring', 'autumn'] as const;

const RATES: Record<Currency, number> = { USD: 1, EUR: 0.92, CNY: 7.2 };

/** Quantity ladders by MOQ: each product uses the first 2–4 steps of its ladder. */
const LADDERS: Record<number, number[]> = {
  1: [1, 10, 50, 200],
  2: [2, 20, 100, 300],
  5: [5, 30, 100, 500],
  10: [10, 50, 200, 500],
  20: [20, 100, 300, 1000],
  30: [30, 100, 300, 1000],
  50: [50, 200, 500, 1000],
  100: [100, 300, 1000, 3000],
  200: [200, 500, 1000, 5000],
  300: [300, 800, 2000, 5000],
  500: [500, 1000, 3000, 10000],
};

export function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

/** A price with a realistic ending: under $1 to the cent, otherwise to 5 or 10 cents. */
export function price(value: number): number {
  if (value < 1) return round2(value);
  return round2(Math.round(value * 20) / 20);
}

export function imageUrls(sku: string, count: number): string[] {
  const views = ['', '-2', '-3'];
  return views.slice(0, count).map((suffix) => `https://placehold.co/600x800/png?text=${sku}${suffix}`);
}

export function buildTiers(rng: Rng, moq: number, basePrice: number, count: number, rate: number): Tier[] {
  const ladder = LADDERS[moq];
  if (!ladder) throw new Error(`no quantity ladder for MOQ ${moq}`);
  const tiers: Tier[] = [];
  let unit = basePrice;
  for (const qty of ladder.slice(0, count)) {
    const value = price(unit * rate);
    const previous = tiers[tiers.length - 1];
    tiers.push({ min_qty: qty, unit_price: previous ? Math.min(previous.unit_price, value) : value });
    unit *= 1 - rng.range(0.04, 0.12);
  }
  return tiers;
}

/** SKUs of anchor products: the generator never archives these. */
export const anchorSkus = new Set<string>();

export function finalize(rng: Rng, sku: string, design: Design, profile: Profile): CatalogRow {
  if (design.anchor) anchorSkus.add(sku);
  const fixedMoq = design.fixedTiers?.[0]?.min_qty ?? design.moq;
  const dropship = design.dropship ?? (fixedMoq === undefined && rng.chance(profile.dropshipRate));
  const moq = fixedMoq ?? (dropship ? 1 : rng.weighted(profile.moqs));
  const currency: Currency =
    design.currency ??
    (design.anchor
      ? 'USD'
      : rng.weighted([
          ['USD', 92],
          ['EUR', 4],
          ['CNY', 4],
        ] as const));
  const rate = RATES[currency];
  // Single pieces shipped to end customers cost more than bulk.
  const base = dropship
    ? Math.max(design.basePrice, Math.min(design.basePrice * 1.2, design.maxPrice ?? Infinity))
    : design.basePrice;
  const price_tiers = design.fixedTiers
    ? design.fixedTiers.map((t) => ({ min_qty: t.min_qty, unit_price: round2(t.unit_price * rate) }))
    : buildTiers(rng, moq, base, design.tiers ?? rng.int(2, 4), rate);

  const hasSamples = design.samplePrice !== undefined ? design.samplePrice !== null : rng.chance(0.9);
  let sample_price: number | undefined;
  let sample_days: number | undefined;
  if (hasSamples) {
    const raw =
      design.samplePrice ?? (rng.chance(0.12) ? 0 : base * rng.range(...profile.sampleFactor) + rng.int(0, 5));
    sample_price = round2(Math.min(40, Math.round(raw)) * rate);
    sample_days = rng.int(...profile.sampleDays);
  }

  let stock: number | undefined;
  if (design.stock !== undefined) stock = design.stock ?? undefined;
  else if (dropship || rng.chance(0.5)) stock = rng.chance(0.05) ? 0 : rng.int(2, 60) * (moq >= 100 ? 100 : 20);

  const certifications =
    design.certifications ?? (rng.chance(profile.certificationRate) ? rng.some(profile.certifications, 1, 2) : []);
  const customization = design.customization ?? (rng.chance(0.8) ? rng.some(profile.customization, 1, 4) : []);

  const row: CatalogRow = {
    sku,
    title: design.title,
    category: design.category,
    subcategory: design.subcategory,
    description: design.description,
    factory: design.factory,
    colors: design.colors,
    sizes: design.sizes,
    materials: design.materials,
    tags: design.tags,
    price_tiers,
    currency,
    moq,
    sample_price,
    sample_days,
    lead_time_days: design.leadTime ?? rng.int(...profile.leadTime),
    customization,
    certifications,
    dropship,
    stock,
    image_urls: imageUrls(sku, rng.int(1, 3)),
    status: 'active',
  };
  // Absent optional fields are omitted from the JSON, not written as null.
  if (row.sample_price === undefined) delete row.sample_price;
  if (row.sample_days === undefined) delete row.sample_days;
  if (row.stock === undefined) delete row.stock;
  return row;
}

/** Numbers the designs from `first` with `prefix` and finalizes them. */
export function numbered(rng: Rng, prefix: string, first: number, designs: Design[], profile: Profile): CatalogRow[] {
  return designs.map((design, i) => finalize(rng, `${prefix}-${first + i}`, design, profile));
}

export function unique<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}

export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
