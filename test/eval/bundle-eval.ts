// Bundle quality over the labeled cases in test/eval/bundle-cases.jsonl: category coverage (the
// expected categories present), rule violations (target zero) and MOQ fit, per case and overall.
// Each check recomputes from the catalog and the rules, not from what the suggester says about
// itself. Standalone: `npx tsx test/eval/bundle-eval.ts` (exits 1 on any violation).
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Bundle } from '../../src/bundles/bundle.ts';
import { complementsFor, loadBundleRules, SEED_RULES_PATH, type BundleRules } from '../../src/bundles/bundle-rules.ts';
import { createBundleSuggester } from '../../src/bundles/bundle-suggester.ts';
import { colorRelation } from '../../src/bundles/color-harmony.ts';
import { seedCuratedBundles } from '../../src/bundles/curated-bundles.ts';
import { priceAtQuantity, type Product } from '../../src/catalog/product.ts';
import { openSeedCatalog } from '../helpers/seed-catalog.ts';

export const BUNDLE_CASES_FILE = fileURLToPath(new URL('./bundle-cases.jsonl', import.meta.url));

export interface BundleCase {
  id: string;
  main_sku: string;
  quantity: number;
  occasion?: string;
  expect_categories: string[];
  note: string;
}

export type ViolationKind =
  | 'category'
  | 'color'
  | 'moq'
  | 'price-band'
  | 'archived'
  | 'duplicate'
  | 'size'
  | 'price'
  | 'total'
  | 'occasion'
  | 'error';

interface CaseScore {
  case: BundleCase;
  skus: string[];
  coverage: number;
  moqFit: number;
  items: number;
  curated: boolean;
  /** The occasion the bundle was built for, asked or inferred. */
  occasion: string | null;
  violations: Array<{ kind: ViolationKind; detail: string }>;
}

export async function loadBundleCases(file = BUNDLE_CASES_FILE): Promise<BundleCase[]> {
  const text = await readFile(file, 'utf8');
  return text
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as BundleCase);
}

const EPSILON = 1e-9;

/** Every way a bundle breaks the rules, checked against the catalog's own facts. */
export function bundleViolations(
  bundle: Bundle,
  quantity: number,
  occasion: string | undefined,
  rules: BundleRules,
  bySku: Map<string, Product>,
  usd: Map<string, number>,
): Array<{ kind: ViolationKind; detail: string }> {
  const found: Array<{ kind: ViolationKind; detail: string }> = [];
  const add = (kind: ViolationKind, detail: string) => found.push({ kind, detail });
  const main = bySku.get(bundle.main.sku)!;
  if (occasion && bundle.occasion !== occasion) add('occasion', `asked ${occasion}, got ${bundle.occasion}`);
  if (bundle.items.length < 2 || bundle.items.length > 5) add('size', `${bundle.items.length} items`);
  const allowed = complementsFor(rules, main.category, bundle.occasion)?.categories ?? [];
  const mainColor = bundle.main.color;
  if (mainColor !== null && !main.colors.includes(mainColor)) add('color', `main not made in ${mainColor}`);
  const mainUsd = priceAtQuantity(main.price_tiers, quantity)! * usd.get(main.currency)!;
  const seen = new Set<string>();
  let total = priceAtQuantity(main.price_tiers, quantity)!;
  for (const item of bundle.items) {
    const product = bySku.get(item.sku);
    if (!product) {
      add('archived', `${item.sku} is not in the catalog`);
      continue;
    }
    if (product.status !== 'active') add('archived', item.sku);
    if (!allowed.includes(product.category)) add('category', `${item.sku} is ${product.category}`);
    if (seen.has(product.category)) add('duplicate', product.category);
    seen.add(product.category);
    const color = item.color ?? '';
    if (!product.colors.includes(color) || !colorRelation(rules, mainColor, color))
      add('color', `${item.sku} in ${color} with ${mainColor}`);
    if (product.moq > quantity) add('moq', `${item.sku} MOQ ${product.moq} > ${quantity}`);
    const unit = priceAtQuantity(product.price_tiers, quantity);
    if (unit === null || Math.abs(unit - item.unit_price_at_quantity) > EPSILON) add('price', item.sku);
    const itemUsd = (unit ?? Infinity) * (usd.get(product.currency) ?? Infinity);
    if (itemUsd > rules.price_band.max_ratio_to_main * mainUsd + EPSILON)
      add('price-band', `${item.sku} ${itemUsd.toFixed(2)} USD vs main ${mainUsd.toFixed(2)} USD`);
    total += ((unit ?? 0) * (usd.get(product.currency) ?? 0)) / usd.get(main.currency)!;
  }
  if (Math.abs(total - bundle.total_unit_price) > 0.006)
    add('total', `${bundle.total_unit_price} vs ${total.toFixed(4)}`);
  return found;
}

function pct(value: number): string {
  return `${(value * 100).toFixed(0)}%`.padStart(5);
}

function render(scores: CaseScore[], settings: string): string {
  const lines = [settings, ''];
  lines.push(
    `${'case'.padEnd(5)} ${'main'.padEnd(8)} ${'qty'.padStart(5)} ${'occasion'.padEnd(14)} ${'items'.padStart(5)} ${'cover'.padStart(5)} ${'moq'.padStart(5)} ${'viol'.padStart(4)}  picks`,
  );
  for (const s of scores) {
    lines.push(
      `${s.case.id.padEnd(5)} ${s.case.main_sku.padEnd(8)} ${String(s.case.quantity).padStart(5)} ${(s.case.occasion ?? `${s.occasion ?? 'none'}*`).padEnd(14)} ` +
        `${String(s.items).padStart(5)} ${pct(s.coverage)} ${pct(s.moqFit)} ${String(s.violations.length).padStart(4)}  ` +
        `${s.curated ? '[curated] ' : ''}${s.skus.join(' ')}${s.violations.length ? `  !! ${s.violations.map((v) => `${v.kind}: ${v.detail}`).join('; ')}` : ''}`,
    );
  }
  const expected = scores.reduce((n, s) => n + s.case.expect_categories.length, 0);
  const covered = scores.reduce((n, s) => n + s.coverage * s.case.expect_categories.length, 0);
  const items = scores.reduce((n, s) => n + s.items, 0);
  const fitting = scores.reduce((n, s) => n + s.moqFit * s.items, 0);
  const violations = scores.reduce((n, s) => n + s.violations.length, 0);
  const byKind = new Map<string, number>();
  for (const v of scores.flatMap((s) => s.violations)) byKind.set(v.kind, (byKind.get(v.kind) ?? 0) + 1);
  lines.push('-'.repeat(100));
  lines.push(
    `all   ${String(scores.length).padStart(3)} cases, ${items} items: category coverage ${pct(covered / expected).trim()} (${Math.round(covered)}/${expected}), ` +
      `MOQ fit ${pct(items ? fitting / items : 1).trim()}, rule violations ${violations} (target 0: ${violations === 0 ? 'met' : 'MISSED'})` +
      (byKind.size ? ` — ${[...byKind].map(([k, n]) => `${k} ${n}`).join(', ')}` : ''),
  );
  const distinct = new Set(scores.flatMap((s) => s.skus)).size;
  lines.push(
    `fully covered cases: ${scores.filter((s) => s.coverage === 1).length}/${scores.length}; distinct items offered: ${distinct} of ${items}`,
  );
  return lines.join('\n');
}

export async function runBundleEval(): Promise<{ table: string; violations: number }> {
  const started = Date.now();
  const cases = await loadBundleCases();
  const rules = await loadBundleRules();
  const catalog = await openSeedCatalog();
  try {
    const curatedLooks = await seedCuratedBundles(catalog.db);
    const { rows } = await catalog.db.query<{ currency: string; usd_per_unit: number }>(
      'select currency, usd_per_unit from currency_rates',
    );
    const usd = new Map(rows.map((r) => [r.currency.trim(), r.usd_per_unit]));
    const bySku = new Map(catalog.products.map((p) => [p.sku, p]));
    const suggester = createBundleSuggester(catalog.db, { rules, lexicon: catalog.lexicon });
    const scores: CaseScore[] = [];
    for (const c of cases) {
      let bundle: Bundle;
      try {
        bundle = await suggester.suggest({ sku: c.main_sku, quantity: c.quantity, occasion: c.occasion });
      } catch (error) {
        const detail = (error as Error).message;
        scores.push({
          case: c,
          skus: [],
          coverage: 0,
          moqFit: 0,
          items: 0,
          curated: false,
          occasion: null,
          violations: [{ kind: 'error', detail }],
        });
        continue;
      }
      const categories = new Set(bundle.items.map((item) => item.category));
      const present = c.expect_categories.filter((category) => categories.has(category)).length;
      const fitting = bundle.items.filter((item) => (bySku.get(item.sku)?.moq ?? Infinity) <= c.quantity).length;
      scores.push({
        case: c,
        skus: bundle.items.map((item) => item.sku),
        coverage: c.expect_categories.length ? present / c.expect_categories.length : 1,
        moqFit: bundle.items.length ? fitting / bundle.items.length : 1,
        items: bundle.items.length,
        curated: Boolean(bundle.curated),
        occasion: bundle.occasion,
        violations: bundleViolations(bundle, c.quantity, c.occasion, rules, bySku, usd),
      });
    }
    const active = catalog.products.filter((p) => p.status === 'active').length;
    const settings =
      `Bundle eval: ${cases.length} cases (${path.relative(process.cwd(), BUNDLE_CASES_FILE)}), ${active} active seed products, ` +
      `${curatedLooks} curated looks, rules ${path.relative(process.cwd(), SEED_RULES_PATH)} (price band ≤ ${rules.price_band.max_ratio_to_main}× the main, ` +
      `${Object.keys(rules.complements).length} main categories), lexicon on, PGlite in memory, node ${process.version}, ` +
      `${new Date().toISOString()}, ${((Date.now() - started) / 1000).toFixed(1)} s\n` +
      "occasion* = inferred (curated look or the main's tags); cover = expected categories present; moq = items with MOQ ≤ quantity; viol = rule violations " +
      '(category not in the rules for the occasion, colour outside harmony, MOQ above quantity, price outside the band, archived, duplicate category, wrong price or total)';
    const table = render(scores, settings);
    return { table, violations: scores.reduce((n, s) => n + s.violations.length, 0) };
  } finally {
    await catalog.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const { table, violations } = await runBundleEval();
  console.log(table);
  process.exitCode = violations === 0 ? 0 : 1;
}
