import { contentHash } from '../../src/catalog/content-hash.ts';
import { validateRow } from '../../src/catalog/validate-row.ts';
import { loadLexicon } from '../../src/search/lexicon.ts';
import { createLocalEmbedder } from '../../src/search/local-embedder.ts';
import { searchRows, searchRowsBinary, type SearchSource } from '../../src/search/search-rows.ts';
import { generateProduct, seededRandom, toJsonLine } from './generate-catalog.ts';

/**
 * How fast this host runs the import's JavaScript right now: validating, hashing and building the search rows
 * (embedding included) of the same 2,000 generated products, the median of three passes. The machines these
 * benchmarks run on are shared, and their speed swings by up to 2× within minutes; printed at the start and end
 * of a run, the probe tells a slow phase from a slower change. Lower is faster.
 */

const PRODUCTS = 2_000;
const PASSES = 3;

export async function hostProbeMs(): Promise<number> {
  const lexicon = await loadLexicon();
  const embedder = createLocalEmbedder(lexicon);
  const rng = seededRandom(7);
  const raws = Array.from({ length: PRODUCTS }, (_, i) => JSON.parse(toJsonLine(generateProduct(i, rng))));
  const times: number[] = [];
  for (let pass = 0; pass < PASSES; pass++) {
    const started = performance.now();
    const sources: SearchSource[] = raws.map((raw, i) => {
      const product = validateRow(raw).product!;
      return { ...product, id: i + 1, content_hash: contentHash(product) };
    });
    for (let i = 0; i < sources.length; i += 500) {
      searchRowsBinary(await searchRows(sources.slice(i, i + 500), { lexicon, embedder }), embedder);
    }
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b)[Math.floor(PASSES / 2)]!;
}
