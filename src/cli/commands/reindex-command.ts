import { reindex } from '../../search/search-index.ts';
import { JSON_OPTION, writeJson, type Command } from '../command.ts';
import { createProgress } from '../progress.ts';

export const reindexCommand: Command = {
  name: 'reindex',
  usage: 'showroom reindex [--json]',
  summary: 'rebuild the search index with the configured embedder (beside the live one, then swap)',
  options: { ...JSON_OPTION },
  acceptsStaleIndex: true,
  async run(ctx) {
    const { db, search } = await ctx.runtime();
    const started = Date.now();
    const { rows } = await db.query<{ n: number }>('select count(*)::int as n from products');
    const progress = createProgress({
      stream: ctx.io.stderr,
      isTTY: ctx.io.stderrIsTTY,
      total: rows[0]!.n,
      label: 'Reindexing',
    });
    const products = await reindex(db, { ...search, onProgress: (done) => progress.update(done) });
    progress.stop();
    const result = {
      products,
      embedder: search.embedder.id,
      dimensions: search.embedder.dimensions,
      seconds: (Date.now() - started) / 1000,
    };
    if (ctx.json) writeJson(ctx.io, result);
    else
      ctx.io.stdout.write(
        `Reindexed ${products} products with ${result.embedder} (${result.dimensions} dimensions) in ${result.seconds.toFixed(1)} s\n`,
      );
    return 0;
  },
};
