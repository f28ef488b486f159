import { ShowroomError } from '../errors.ts';

/**
 * Why no bundle could be suggested: an unknown or archived SKU, a quantity
 * below the main product's MOQ, a category without complement rules, rules
 * files that do not validate. The message says what to do instead.
 */
export class BundleError extends ShowroomError {
  override name = 'BundleError';
}

export type BundleErrorCode =
  | 'UNKNOWN_SKU'
  | 'ARCHIVED_SKU'
  | 'INVALID_QUANTITY'
  | 'BELOW_MOQ'
  | 'NO_RULES'
  | 'UNKNOWN_OCCASION'
  | 'UNKNOWN_COLOR'
  | 'NO_RATE'
  | 'TOO_FEW_ITEMS'
  | 'SWAP_CATEGORY'
  | 'RULES_INVALID'
  | 'CURATED_INVALID';

export function bundleError(code: BundleErrorCode, message: string, options?: { cause?: unknown }): BundleError {
  return new BundleError(code, message, options);
}
