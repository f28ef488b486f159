import { createWriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import path from 'node:path';
import { exportCatalog } from '../../catalog/export-catalog.ts';
import { CATALOG_FORMATS, type CatalogFormat } from '../../catalog/read-catalog.ts';
import { UsageError } from '../../errors.ts';
import { JSON_OPTION, writeJson, type Command } from '../command.ts';

export const exportCommand: Command = {
  name: 'export',
  usage: 'showroom export [--format csv|json|jsonl] [--output FILE] [--json]',
  summary: 'write the catalog in the import format (stdout, or --output FILE)',
  options: { ...JSON_OPTION, format: { type: 'string' }, output: { type: 'string', short: 'o' } },
  async run(ctx) {
    if (ctx.positionals.length) throw new UsageError('USAGE', `Usage: ${this.usage}`);
    // With --json and no --format, the catalog itself is the JSON document.
    const format = (ctx.values.format ?? (ctx.json && !ctx.values.output ? 'json' : 'csv')) as CatalogFormat;
    if (!CATALOG_FORMATS.includes(format)) {
      throw new UsageError('USAGE', `--format must be one of ${CATALOG_FORMATS.join(', ')}, got ${format}`);
    }
    const { db } = await ctx.runtime();
    if (typeof ctx.values.output !== 'string') {
      await exportCatalog(db, format, ctx.io.stdout);
      return 0;
    }
    const file = path.resolve(ctx.io.cwd, ctx.values.output);
    const out = createWriteStream(file);
    const products = await exportCatalog(db, format, out);
    out.end();
    await finished(out);
    if (ctx.json) writeJson(ctx.io, { file, format, products });
    else ctx.io.stderr.write(`Wrote ${products} products to ${file} (${format})\n`);
    return 0;
  },
};
