import { createInterface } from 'node:readline';
import { UsageError } from '../../errors.ts';
import type { SearchMode, SearchResponse } from '../../search/search-catalog.ts';
import type { Understood } from '../../search/understand.ts';
import { JSON_OPTION, writeJson, type Command, type CommandIO } from '../command.ts';

const MODES: SearchMode[] = ['hybrid', 'vector', 'text'];

export const searchCommand: Command = {
  name: 'search',
  usage:
    'showroom search "<buyer request>" [--k N] [--mode hybrid|vector|text] [--json] | showroom search --stdin [--k N] [--json]',
  summary: 'what the bot would retrieve for a buyer request',
  options: { ...JSON_OPTION, k: { type: 'string' }, stdin: { type: 'boolean' }, mode: { type: 'string' } },
  async run(ctx) {
    const k = ctx.values.k === undefined ? 10 : Number(ctx.values.k);
    if (!Number.isInteger(k) || k < 1 || k > 100)
      throw new UsageError('USAGE', `--k must be a whole number from 1 to 100, got ${String(ctx.values.k)}`);
    const mode = (ctx.values.mode ?? 'hybrid') as SearchMode;
    if (!MODES.includes(mode)) throw new UsageError('USAGE', `--mode must be one of ${MODES.join(', ')}`);
    const fromStdin = Boolean(ctx.values.stdin);
    const request = ctx.positionals.join(' ').trim();
    if (fromStdin === Boolean(request))
      throw new UsageError('USAGE', `Give a request or --stdin, not both.\nUsage: ${this.usage}`);
    const { search } = await ctx.runtime();
    const run = (text: string) => search.catalogSearch.search(text, { k, mode });
    if (!fromStdin) {
      const response = await run(request);
      if (ctx.json) writeJson(ctx.io, response);
      else printResponse(ctx.io, response);
      return 0;
    }
    // One request per line, answered in order; with --json one compact document per line.
    for await (const line of createInterface({ input: ctx.io.stdin, crlfDelay: Infinity })) {
      if (!line.trim()) continue;
      const response = await run(line.trim());
      if (ctx.json) ctx.io.stdout.write(`${JSON.stringify(response)}\n`);
      else printResponse(ctx.io, response);
    }
    return 0;
  },
};

export function summarizeUnderstood(u: Understood): string {
  const parts: string[] = [`language ${u.language}`];
  if (u.categories.length) parts.push(u.categories.join('+'));
  if (u.product_types.length) parts.push(u.product_types.join(', '));
  if (u.colors.length) parts.push(u.colors.join(', '));
  if (u.materials.length) parts.push(u.materials.join(', '));
  if (u.sizes.length) parts.push(`size ${u.sizes.join('/')}`);
  if (u.occasions.length || u.styles.length) parts.push([...u.occasions, ...u.styles].join(', '));
  if (u.quantity) parts.push(`${u.quantity} pcs`);
  if (u.budget)
    parts.push(`≤ ${u.budget.amount} ${u.budget.currency} ${u.budget.per === 'unit' ? 'each' : 'in total'}`);
  if (u.cheap) parts.push('cheap');
  if (u.deadline) parts.push(`within ${u.deadline.days} days${u.deadline.date ? ` (by ${u.deadline.date})` : ''}`);
  if (u.destination) parts.push(`ship to ${u.destination.name}`);
  if (u.customization.length) parts.push(u.customization.join(', ').replace(/_/g, ' '));
  if (u.certifications.length) parts.push(u.certifications.join(', '));
  if (u.dropship) parts.push('dropship');
  if (u.in_stock) parts.push('in stock');
  if (u.keywords.length) parts.push(`words: ${u.keywords.join(' ')}`);
  return parts.join(' · ');
}

function printResponse(io: CommandIO, response: SearchResponse): void {
  const out = (line: string) => io.stdout.write(`${line}\n`);
  out(`“${response.request}”`);
  out(`  understood: ${summarizeUnderstood(response.understood)}`);
  if (response.message) out(`  ${response.message}`);
  response.results.forEach((r, i) =>
    out(`  ${String(i + 1).padStart(2)}. ${r.sku.padEnd(10)} ${r.title}\n      ${r.why}`),
  );
  out('');
}
