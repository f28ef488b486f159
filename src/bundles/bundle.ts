/**
 * A bundle: one main product (the dress) and the complementary pieces a buyer
 * orders with it (shoes, bag, jewellery…), priced at the buyer's quantity.
 * `bundle --json` prints this shape; CONTRACT.md fixes main.sku, items[].sku,
 * items[].category, items[].why, quantity, total_unit_price and currency.
 */

export interface BundleItem {
  sku: string;
  title: string;
  category: string;
  subcategory: string | null;
  colors: string[];
  /** The colour the piece is suggested in: the main's colour for the main, one that goes with it for items. */
  color: string | null;
  /** Factory name; null for the default factory. */
  factory: string | null;
  unit_price_at_quantity: number;
  /** The product's own currency (unit_price_at_quantity is in it). */
  currency: string;
  moq: number;
  image_url: string | null;
  /** Why it fits, from catalog facts only. */
  why: string;
  /** Part of the curated look rather than picked by the rules. */
  curated?: boolean;
}

export interface Bundle {
  main: BundleItem;
  items: BundleItem[];
  quantity: number;
  /** Sum of the unit prices, main included, in the main's currency. */
  total_unit_price: number;
  /** total_unit_price × quantity. */
  total_price: number;
  currency: string;
  curated?: { id: string; name: string };
  /** The occasion the set is for (asked, from the curated look, or from the main's tags); null for none. */
  occasion: string | null;
  notes: string[];
}

export interface BundleSwap {
  /** The category to change: "bag", or a buyer's word for it ("jewellery", "heels"). */
  category: string;
  /** A cheaper piece than the current one. */
  cheaper?: boolean;
  /** A piece in this colour ("gold jewellery instead"). */
  color?: string;
  /** A piece in this material ("a leather bag"). */
  material?: string;
  /** The SKU the buyer sees in this category now: "cheaper" and "instead of" compare with it. */
  replacing?: string;
}

export interface SuggestOptions {
  sku: string;
  /** Pieces per item; defaults to the main product's MOQ. */
  quantity?: number;
  /** Overrides the occasion read from a curated look or the main's tags. */
  occasion?: string;
  /** Which of the main's colours the set is built around; defaults to its first. */
  color?: string;
  /**
   * Replace one piece of the bundle these same options give. Without cheaper,
   * color or material it is the next-best piece of that category.
   */
  swap?: BundleSwap;
  /**
   * SKUs never to offer. A conversation passes the pieces already swapped out,
   * so "swap the bag" again moves on to the next bag.
   */
  exclude?: string[];
}
