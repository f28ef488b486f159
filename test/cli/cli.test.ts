import { writeFile, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliEnv, runCli, tempDir } from '../helpers/cli.ts';
import { csvFile, csvRow } from '../helpers/catalog.ts';

describe('showroom CLI', () => {
  it('imports, reports counts as JSON, exports and counts the catalog', async () => {
    const dir = await tempDir();
    const env = cliEnv(path.join(dir, 'data'));
    await writeFile(path.join(dir, 'catalog.csv'), csvFile([csvRow('DR-1'), csvRow('DR-2', { category: 'Dresses' })]));

    const imported = await runCli(['import', 'catalog.csv', '--json'], { env, cwd: dir });
    expect(imported.code).toBe(0);
    expect(JSON.parse(imported.stdout)).toMatchObject({
      created: 2,
      updated: 0,
      unchanged: 0,
      archived: 0,
      invalid: 0,
    });

    const again = await runCli(['import', 'catalog.csv'], { env, cwd: dir });
    expect(again.stdout).toMatch(/created 0, updated 0, unchanged 2, archived 0, invalid 0/);

    const exported = await runCli(['export', '--format', 'jsonl'], { env, cwd: dir });
    expect(
      exported.stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line).sku),
    ).toEqual(['DR-1', 'DR-2']);

    const stats = await runCli(['stats', '--json'], { env, cwd: dir });
    expect(JSON.parse(stats.stdout).catalog).toMatchObject({ active: 2, archived: 0, by_category: { dress: 2 } });
  });

  it('exits non-zero with the row errors when a file has a bad row, and writes nothing', async () => {
    const dir = await tempDir();
    const env = cliEnv(path.join(dir, 'data'));
    await writeFile(path.join(dir, 'bad.csv'), csvFile([csvRow('DR-1'), csvRow('DR-2', { price_tiers: '50:abc' })]));
    const result = await runCli(['import', 'bad.csv'], { env, cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('bad.csv row 2 (line 3) sku DR-2: price_tiers:');
    expect(result.stderr).toContain('Nothing was written');
    const stats = await runCli(['stats', '--json'], { env, cwd: dir });
    expect(JSON.parse(stats.stdout).catalog.products).toBe(0);
  });

  it('writes an export to a file and reads a catalog from stdin', async () => {
    const dir = await tempDir();
    const env = cliEnv(path.join(dir, 'data'));
    const piped = await runCli(['import', '-', '--format', 'csv', '--json'], {
      env,
      cwd: dir,
      input: csvFile([csvRow('DR-9')]),
    });
    expect(JSON.parse(piped.stdout)).toMatchObject({ created: 1 });
    const written = await runCli(['export', '--output', 'out.json', '--format', 'json', '--json'], { env, cwd: dir });
    expect(JSON.parse(written.stdout)).toMatchObject({ format: 'json', products: 1 });
    expect(JSON.parse(await readFile(path.join(dir, 'out.json'), 'utf8'))[0].sku).toBe('DR-9');
  });

  it('refuses a stray argument to handoffs with its usage, exit 2', async () => {
    const env = cliEnv(path.join(await tempDir(), 'data'));
    const result = await runCli(['handoffs', 'x'], { env });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/takes no arguments/);
  });

  it('stops on a bad setting with one message naming the variable', async () => {
    const env = cliEnv(path.join(await tempDir(), 'data'), { PORT: 'eighty', LOG_LEVEL: 'loud' });
    const result = await runCli(['stats'], { env });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/PORT: expected a TCP port number/);
    expect(result.stderr).toMatch(/LOG_LEVEL: expected one of fatal/);
  });

  it('rejects unknown flags and commands with usage', async () => {
    const env = cliEnv(path.join(await tempDir(), 'data'));
    const flag = await runCli(['import', 'x.csv', '--fast'], { env });
    expect(flag.code).toBe(2);
    expect(flag.stderr).toMatch(/Usage: showroom import/);
    const unknown = await runCli(['frobnicate'], { env });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/Unknown command "frobnicate"/);
  });

  it('names the missing file', async () => {
    const dir = await tempDir();
    const result = await runCli(['import', 'nope.csv'], { env: cliEnv(path.join(dir, 'data')), cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`No such file: ${path.join(dir, 'nope.csv')}`);
  });

  it('shows import progress on stderr for a long file', async () => {
    const dir = await tempDir();
    const rows = Array.from({ length: 3000 }, (_, i) => csvRow(`P-${i}`, { description: 'x'.repeat(200) }));
    await writeFile(path.join(dir, 'long.csv'), csvFile(rows));
    const result = await runCli(['import', 'long.csv', '--json'], { env: cliEnv(path.join(dir, 'data')), cwd: dir });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ created: 3000 });
    expect(result.stderr).toMatch(/Importing: 25% \(\d+\.\d MB of \d+\.\d MB\) \d[\d,]* rows/);
  });
});
