import {
  CATALOG_FIELDS,
  LIST_FIELDS,
  PRODUCT_STATUSES,
  SKU_PATTERN,
  type ListField,
  type PriceTier,
  type Product,
  type ProductStatus,
} from './product.ts';
import { normaliseCategory } from './taxonomy.ts';

/**
 * Turns one raw catalog row (CSV cells as strings, or a JSON object) into a
 * normalised Product, or into a list of problems naming the field and the
 * reason. Pure: no database, so the same rules serve import, dry runs and the
 * admin API.
 */

export interface FieldProblem {
  field: string;
  reason: string;
}

export interface RowValidation {
  product?: Product;
  errors: FieldProblem[];
  warnings: FieldProblem[];
}

export const LIMITS = {
  titleChars: 500,
  /** A 64 KiB description is accepted; anything longer is a mistake worth stopping on. */
  descriptionBytes: 64 * 1024,
  shortTextChars: 200,
  listItems: 100,
  listItemChars: 200,
  priceTiers: 20,
  urlChars: 2048,
} as const;

const KNOWN_FIELDS = new Set<string>(CATALOG_FIELDS);
const CURRENCIES = new Set(Intl.supportedValuesOf('currency'));

/** Optional values: undefined, null and blank text all mean "absent". */
function isAbsent(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

class RowReader {
  readonly errors: FieldProblem[] = [];
  readonly warnings: FieldProblem[] = [];

  constructor(private readonly raw: Record<string, unknown>) {}

  fail(field: string, reason: string): undefined {
    this.errors.push({ field, reason });
    return undefined;
  }

  text(field: string, options: { required?: boolean; maxChars?: number; maxBytes?: number } = {}): string | null {
    const value = this.raw[field];
    if (isAbsent(value)) {
      if (options.required) this.fail(field, 'required, but missing or empty');
      return null;
    }
    if (typeof value !== 'string' && typeof value !== 'number') {
      return this.fail(field, `expected text, got ${describe(value)}`) ?? null;
    }
    const text = String(value).trim();
    if (options.maxChars !== undefined && text.length > options.maxChars) {
      return this.fail(field, `too long: ${text.length} characters, at most ${options.maxChars}`) ?? null;
    }
    if (options.maxBytes !== undefined) {
      const bytes = Buffer.byteLength(text, 'utf8');
      if (bytes > options.maxBytes) {
        return this.fail(field, `too long: ${bytes} bytes, at most ${options.maxBytes} (64 KiB)`) ?? null;
      }
    }
    return text;
  }

  list(field: ListField): string[] {
    const value = this.raw[field];
    if (isAbsent(value)) return [];
    let items: unknown[];
    if (typeof value === 'string') items = value.split('|');
    else if (Array.isArray(value)) items = value;
    else return this.fail(field, `expected a list (a|b|c, or an array), got ${describe(value)}`) ?? [];
    const out: string[] = [];
    for (const item of items) {
      if (typeof item !== 'string' && typeof item !== 'number') {
        return this.fail(field, `list items must be text, got ${describe(item)}`) ?? [];
      }
      const text = String(item).trim();
      if (text === '') continue;
      // `|` separates items in CSV, so an item holding it could not be exported faithfully.
      if (text.includes('|')) return this.fail(field, `list item "${text}" contains "|", the list separator`) ?? [];
      if (text.length > LIMITS.listItemChars) {
        return this.fail(field, `list item too long: ${text.length} characters, at most ${LIMITS.listItemChars}`) ?? [];
      }
      if (!out.includes(text)) out.push(text);
    }
    if (out.length > LIMITS.listItems)
      return this.fail(field, `too many items: ${out.length}, at most ${LIMITS.listItems}`) ?? [];
    return out;
  }

  number(field: string, options: { integer?: boolean; min?: number } = {}): number | null {
    const value = this.raw[field];
    if (isAbsent(value)) return null;
    const parsed = typeof value === 'number' ? value : typeof value === 'string' ? parseDecimal(value) : NaN;
    const kind = options.integer ? 'a whole number' : 'a number';
    if (!Number.isFinite(parsed)) return this.fail(field, `expected ${kind}, got ${describe(value)}`) ?? null;
    if (options.integer && !Number.isInteger(parsed))
      return this.fail(field, `expected ${kind}, got ${describe(value)}`) ?? null;
    if (options.min !== undefined && parsed < options.min) {
      return this.fail(field, `must be at least ${options.min}, got ${parsed}`) ?? null;
    }
    if (Math.abs(parsed) > 1e9) return this.fail(field, `implausibly large: ${parsed}`) ?? null;
    return parsed;
  }

  boolean(field: string): boolean | null {
    const value = this.raw[field];
    if (isAbsent(value)) return null;
    if (typeof value === 'boolean') return value;
    const text = String(value).trim().toLowerCase();
    if (['true', 'yes', 'y', '1'].includes(text)) return true;
    if (['false', 'no', 'n', '0'].includes(text)) return false;
    return this.fail(field, `expected true or false, got ${describe(value)}`) ?? null;
  }

  priceTiers(): PriceTier[] {
    const value = this.raw.price_tiers;
    if (isAbsent(value))
      return this.fail('price_tiers', 'required: at least one min_qty:unit_price tier, e.g. 50:12.50|200:10.80') ?? [];
    const tiers: PriceTier[] = [];
    const entries: unknown[] = typeof value === 'string' ? value.split('|') : Array.isArray(value) ? value : [value];
    for (const entry of entries) {
      const tier = this.tier(entry);
      if (!tier) return [];
      tiers.push(tier);
    }
    if (tiers.length > LIMITS.priceTiers)
      return this.fail('price_tiers', `too many tiers: ${tiers.length}, at most ${LIMITS.priceTiers}`) ?? [];
    for (let i = 1; i < tiers.length; i++) {
      const [before, after] = [tiers[i - 1]!, tiers[i]!];
      if (after.min_qty <= before.min_qty) {
        return (
          this.fail(
            'price_tiers',
            `quantities must rise from tier to tier: ${after.min_qty} comes after ${before.min_qty}`,
          ) ?? []
        );
      }
      if (after.unit_price > before.unit_price) {
        return (
          this.fail(
            'price_tiers',
            `unit price must fall or stay as quantity rises: ${after.unit_price} at ${after.min_qty} is above ${before.unit_price} at ${before.min_qty}`,
          ) ?? []
        );
      }
    }
    return tiers;
  }

  private tier(entry: unknown): PriceTier | undefined {
    let minQty: unknown;
    let unitPrice: unknown;
    if (typeof entry === 'string') {
      const match = /^\s*([^:]+):([^:]+)\s*$/.exec(entry);
      if (!match) return this.fail('price_tiers', `tier "${entry}" is not min_qty:unit_price, e.g. 50:12.50`);
      [minQty, unitPrice] = [parseDecimal(match[1]!), parseDecimal(match[2]!)];
    } else if (entry && typeof entry === 'object') {
      ({ min_qty: minQty, unit_price: unitPrice } = entry as Record<string, unknown>);
    } else {
      return this.fail('price_tiers', `tier ${describe(entry)} is not min_qty:unit_price`);
    }
    if (typeof minQty !== 'number' || !Number.isInteger(minQty) || minQty < 1) {
      return this.fail('price_tiers', `tier quantity must be a whole number ≥ 1, got ${describe(minQty)}`);
    }
    if (typeof unitPrice !== 'number' || !Number.isFinite(unitPrice) || unitPrice < 0 || unitPrice > 1e9) {
      return this.fail('price_tiers', `tier price must be a number ≥ 0, got ${describe(unitPrice)}`);
    }
    // The database keeps four decimals; rounding here keeps the content hash equal to what is stored.
    return { min_qty: minQty, unit_price: roundPrice(unitPrice) };
  }
}

export function validateRow(raw: Record<string, unknown>): RowValidation {
  const r = new RowReader(raw);
  for (const field of Object.keys(raw)) {
    if (!KNOWN_FIELDS.has(field) && !isAbsent(raw[field]))
      r.warnings.push({ field, reason: 'unknown column, ignored' });
  }

  const sku = r.text('sku', { required: true });
  if (sku !== null && !SKU_PATTERN.test(sku)) r.fail('sku', `"${truncate(sku)}" must be 1–64 of A-Z a-z 0-9 . _ -`);
  const title = r.text('title', { required: true, maxChars: LIMITS.titleChars });
  const rawCategory = r.text('category', { required: true, maxChars: LIMITS.shortTextChars });
  let category = rawCategory;
  if (rawCategory !== null) {
    const normalised = normaliseCategory(rawCategory);
    category = normalised.category;
    if (!normalised.known)
      r.warnings.push({ field: 'category', reason: `"${rawCategory}" is not in the taxonomy; kept as given` });
  }
  const subcategory = r.text('subcategory', { maxChars: LIMITS.shortTextChars });
  const description = r.text('description', { maxBytes: LIMITS.descriptionBytes });
  const factory = r.text('factory', { maxChars: LIMITS.shortTextChars });
  const lists = Object.fromEntries(LIST_FIELDS.map((field) => [field, r.list(field)])) as Record<ListField, string[]>;
  const priceTiers = r.priceTiers();

  const currencyText = r.text('currency') ?? 'USD';
  const currency = currencyText.toUpperCase();
  if (!CURRENCIES.has(currency))
    r.fail('currency', `"${truncate(currencyText)}" is not an ISO 4217 currency code such as USD, EUR or CNY`);

  const firstTierQty = priceTiers[0]?.min_qty;
  const moq = r.number('moq', { integer: true, min: 1 }) ?? firstTierQty ?? 1;
  if (firstTierQty !== undefined && moq < firstTierQty) {
    r.fail(
      'moq',
      `${moq} is below the first price tier (${firstTierQty}), so it would have no price; start the tiers at ${moq}`,
    );
  }
  const samplePrice = roundPrice(r.number('sample_price', { min: 0 }));
  const sampleDays = r.number('sample_days', { integer: true, min: 0 });
  const leadTimeDays = r.number('lead_time_days', { integer: true, min: 0 });
  const dropship = r.boolean('dropship') ?? false;
  const stock = r.number('stock', { integer: true, min: 0 });

  for (const url of lists.image_urls) {
    if (!/^https?:\/\/[^\s]+$/i.test(url) || url.length > LIMITS.urlChars) {
      r.fail('image_urls', `"${truncate(url)}" is not an http(s) URL`);
      break;
    }
  }

  const statusText = (r.text('status') ?? 'active').toLowerCase();
  if (!(PRODUCT_STATUSES as readonly string[]).includes(statusText)) {
    r.fail('status', `"${truncate(statusText)}" is not a status; use active or archived`);
  }

  if (r.errors.length > 0) return { errors: r.errors, warnings: r.warnings };
  return {
    errors: [],
    warnings: r.warnings,
    product: {
      sku: sku!,
      title: title!,
      category: category!,
      subcategory,
      description,
      factory,
      ...lists,
      price_tiers: priceTiers,
      currency,
      moq,
      sample_price: samplePrice,
      sample_days: sampleDays,
      lead_time_days: leadTimeDays,
      dropship,
      stock,
      status: statusText as ProductStatus,
    },
  };
}

function roundPrice<T extends number | null>(value: T): T {
  return (value === null ? null : Math.round(value * 10_000) / 10_000) as T;
}

/** Accepts "12.50" and "12,50" (a decimal comma from European spreadsheets), nothing else. */
function parseDecimal(text: string): number {
  const trimmed = text.trim();
  if (!/^-?\d+([.,]\d+)?$/.test(trimmed)) return NaN;
  return Number(trimmed.replace(',', '.'));
}

function describe(value: unknown): string {
  if (typeof value === 'string') return `"${truncate(value)}"`;
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'null';
  return typeof value === 'object' ? 'an object' : String(value);
}

function truncate(text: string, max = 60): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
