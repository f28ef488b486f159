import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliEnv, runCli, tempDir } from '../helpers/cli.ts';

describe('showroom chat --json', () => {
  it('answers each line, ends each turn with turn_end, and presses buttons with /click', async () => {
    const env = cliEnv(path.join(await tempDir(), 'data'));
    const first = await runCli(['chat', '--json', '--user', 'u1'], {
      env,
      input: 'hello\nblack evening dresses size M, 50 pcs\n',
    });
    expect(first.code).toBe(0);
    const lines = first.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    const turns = lines.filter((l) => l.kind === 'turn_end').length;
    expect(turns).toBe(2);
    const products = lines.find((l) => l.kind === 'products');
    expect(products.items.length).toBeGreaterThan(0);
    expect(products.state).toEqual({ handoff: 'none' });
    const add = products.buttons.find((b: { label: string }) => b.label === '1. Add to quote');

    // A later session of the same buyer continues the conversation and can press that button.
    const second = await runCli(['chat', '--json', '--user', 'u1'], { env, input: `/click ${add.id}\nmy shortlist\n` });
    const replies = second.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(replies[0].text).toMatch(new RegExp(`Added \\d+ × .*\\(${products.items[0].sku}\\)`));
    const shortlist = replies.find((r) => r.kind === 'shortlist');
    expect(shortlist.items.map((i: { sku: string }) => i.sku)).toEqual([products.items[0].sku]);
  });
});
