import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleCommand } from '../../src/cli/commands/bundle-command.ts';
import type { CommandContext, Runtime } from '../../src/cli/command.ts';
import { COMMANDS } from '../../src/cli/main.ts';
import { loadConfig } from '../../src/config.ts';
import { createLogger } from '../../src/logger.ts';
import { createCatalogSearch } from '../../src/search/search-catalog.ts';
import { cliEnv, runCli, tempDir } from '../helpers/cli.ts';
import { openBundleFixture, type BundleFixture } from './bundle-fixture.ts';

let f: BundleFixture;
let runtime: Runtime;
beforeAll(async () => {
  f = await openBundleFixture();
  const config = loadConfig({ LOG_LEVEL: 'silent' }, process.cwd());
  const { db, lexicon, embedder } = f.catalog;
  runtime = {
    config,
    db,
    log: createLogger(config),
    search: { lexicon, embedder, catalogSearch: createCatalogSearch(db, { lexicon, embedder }) },
  };
});
afterAll(() => f?.close());

/** Runs `showroom bundle` in this process against the seed fixture; returns what it printed. */
async function bundle(args: string[], values: Record<string, string | boolean> = {}) {
  const stdout = new PassThrough();
  let out = '';
  stdout.on('data', (chunk) => (out += chunk));
  const ctx: CommandContext = {
    io: { cwd: process.cwd(), stdin: new PassThrough(), stdout, stderr: new PassThrough(), stderrIsTTY: false },
    values,
    positionals: args,
    json: values.json === true,
    runtime: async () => runtime,
  };
  const code = await bundleCommand.run(ctx);
  return { code, stdout: out };
}

describe('showroom bundle', () => {
  it('prints the CONTRACT shape with --json', async () => {
    const { code, stdout } = await bundle(['DR-1001'], { json: true, qty: '200' });
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    expect(result).toMatchObject({ main: { sku: 'DR-1001' }, quantity: 200, currency: 'USD' });
    expect(typeof result.total_unit_price).toBe('number');
    expect(result.items.length).toBeGreaterThanOrEqual(2);
    for (const item of result.items) {
      expect(item).toEqual(
        expect.objectContaining({ sku: expect.any(String), category: expect.any(String), why: expect.any(String) }),
      );
    }
  });

  it('prints a readable card: the main piece, each item with its reason, the set price', async () => {
    const { stdout } = await bundle(['DR-1001'], { occasion: 'office', qty: '200' });
    expect(stdout).toContain('DR-1001  Chiffon maxi dress, V-neck, ruffle hem');
    expect(stdout).toContain('red maxi dress · Guangzhou Lian Garments · 11.80 USD each at 200 pcs (MOQ 50)');
    expect(stdout).toContain('for office');
    expect(stdout).toMatch(/^ {2}belt {5}BT-\d+ {2}.+MOQ \d+$/m);
    expect(stdout).toMatch(/Set: \d+\.\d{2} USD per set \(5 pieces\) × 200 = \d+\.\d{2} USD/);
  });

  it.each([
    [['NOPE-1'], {}, 'No product has the SKU "NOPE-1"'],
    [['DR-1077'], {}, 'DR-1077 is archived'],
    [['SH-2001'], {}, 'No bundle rules for the category "shoes"'],
    [['DR-1001'], { qty: 'ten' }, '--qty must be a positive whole number of pieces, got ten'],
    [['DR-1001'], { qty: '0' }, '--qty must be a positive whole number'],
    [['DR-1001'], { qty: '1.5' }, '--qty must be a positive whole number'],
    [[], {}, 'Give one SKU'],
  ])('refuses %j %j: %s', async (args, values, message) => {
    await expect(bundle(args, values)).rejects.toThrow(message);
  });
});

const wired = COMMANDS.some((command) => command.name === 'bundle' && !command.notImplemented);

describe.skipIf(!wired)('showroom bundle, the executable', () => {
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    env = cliEnv(path.join(await tempDir(), 'data'));
    const seeded = await runCli(['import', path.resolve('seed/catalog.jsonl')], { env });
    expect(seeded.code).toBe(0);
  });

  it('exits 0 with the bundle as JSON', async () => {
    const result = await runCli(['bundle', 'DR-1158', '--qty', '300', '--json'], { env });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ main: { sku: 'DR-1158' }, quantity: 300, currency: 'USD' });
  });

  it('exits non-zero with a one-line reason', async () => {
    const unknown = await runCli(['bundle', 'NOPE-1'], { env });
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('showroom bundle: No product has the SKU "NOPE-1"');
    const rules = await runCli(['bundle', 'SH-2001'], { env });
    expect(rules.code).toBe(1);
    expect(rules.stderr).toContain('No bundle rules for the category "shoes"');
    const qty = await runCli(['bundle', 'DR-1158', '--qty', 'lots'], { env });
    expect(qty.code).toBe(1);
    expect(qty.stderr).toContain('--qty must be a positive whole number');
  });
});
