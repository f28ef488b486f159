import type { Bundle } from '../../bundles/bundle.ts';
import { bundleError } from '../../bundles/bundle-error.ts';
import { loadBundleRules } from '../../bundles/bundle-rules.ts';
import { createBundleSuggester } from '../../bundles/bundle-suggester.ts';
import { UsageError } from '../../errors.ts';
import { JSON_OPTION, writeJson, type Command, type CommandIO } from '../command.ts';

export const bundleCommand: Command = {
  name: 'bundle',
  usage: 'showroom bundle <sku> [--qty N] [--occasion X] [--color C] [--json]',
  summary: 'the bundle suggested around one product',
  options: { ...JSON_OPTION, qty: { type: 'string' }, occasion: { type: 'string' }, color: { type: 'string' } },
  async run(ctx) {
    const [sku, ...extra] = ctx.positionals;
    if (!sku || extra.length) throw new UsageError('USAGE', `Give one SKU.\nUsage: ${this.usage}`);
    const qtyText = ctx.values.qty;
    let quantity: number | undefined;
    if (qtyText !== undefined) {
      quantity = /^\s*\d+\s*$/.test(String(qtyText)) ? Number(qtyText) : NaN;
      // A BundleError (exit 1) like every other reason a bundle cannot be made, as the chat gets it too.
      if (!Number.isSafeInteger(quantity) || quantity < 1)
        throw bundleError(
          'INVALID_QUANTITY',
          `--qty must be a positive whole number of pieces, got ${String(qtyText)}`,
        );
    }
    const { db, search } = await ctx.runtime();
    const rules = await loadBundleRules();
    const suggester = createBundleSuggester(db, { rules, lexicon: search.lexicon });
    const bundle = await suggester.suggest({
      sku,
      quantity,
      occasion: typeof ctx.values.occasion === 'string' ? ctx.values.occasion : undefined,
      color: typeof ctx.values.color === 'string' ? ctx.values.color : undefined,
    });
    if (ctx.json) writeJson(ctx.io, bundle);
    else printBundle(ctx.io, bundle);
    return 0;
  },
};

const money = (amount: number, currency: string) => `${amount.toFixed(2)} ${currency}`;

/** A card a sales rep could paste: the main piece, each item with its reason, the set's price. */
export function printBundle(io: CommandIO, bundle: Bundle): void {
  const out = (line = '') => io.stdout.write(`${line}\n`);
  const { main } = bundle;
  out(`${main.sku}  ${main.title}`);
  const facts = [
    main.color ? `${main.color} ${main.subcategory ?? main.category}` : (main.subcategory ?? main.category),
  ];
  if (main.factory) facts.push(main.factory);
  facts.push(`${money(main.unit_price_at_quantity, main.currency)} each at ${bundle.quantity} pcs (MOQ ${main.moq})`);
  out(`  ${facts.join(' · ')}`);
  const context = [bundle.occasion ? `for ${bundle.occasion}` : 'no occasion'];
  if (bundle.curated) context.push(`curated look "${bundle.curated.name}"`);
  out(`  ${context.join(' · ')}`);
  out();
  const width = Math.max(...bundle.items.map((item) => item.category.length));
  for (const item of bundle.items) {
    out(
      `  ${item.category.padEnd(width)}  ${item.sku}  ${item.title}  [${item.color}]  ` +
        `${money(item.unit_price_at_quantity, item.currency)}  MOQ ${item.moq}`,
    );
    out(`  ${' '.repeat(width)}  ${item.why}`);
  }
  out();
  out(
    `  Set: ${money(bundle.total_unit_price, bundle.currency)} per set (${bundle.items.length + 1} pieces) × ${bundle.quantity} = ` +
      `${money(bundle.total_price, bundle.currency)}`,
  );
  for (const note of bundle.notes) out(`  - ${note}`);
}
