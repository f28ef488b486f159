import type { Config } from '../config.ts';
import type { Database } from '../db/database.ts';
import type { Embedder } from './embedder.ts';
import { LEXICON_DIR, loadLexicon, type Lexicon } from './lexicon.ts';
import { createLocalEmbedder } from './local-embedder.ts';
import { createOpenAIEmbedder } from './openai-embedder.ts';
import { createCatalogSearch, type CatalogSearch } from './search-catalog.ts';

/** The lexicon, the configured embedder and the catalog search built on them. */
export interface SearchServices {
  lexicon: Lexicon;
  embedder: Embedder;
  catalogSearch: CatalogSearch;
}

export function createEmbedder(config: Config, lexicon: Lexicon): Embedder {
  if (config.embedder.kind === 'local') return createLocalEmbedder(lexicon);
  return createOpenAIEmbedder({
    apiKey: config.openai.apiKey!,
    baseUrl: config.openai.baseUrl,
    model: config.embedder.model,
    dimensions: config.embedder.dimensions,
  });
}

export async function createSearchServices(config: Config, db: Database): Promise<SearchServices> {
  const lexicon = await loadLexicon([LEXICON_DIR, ...config.lexiconDirs]);
  const embedder = createEmbedder(config, lexicon);
  return { lexicon, embedder, catalogSearch: createCatalogSearch(db, { embedder, lexicon }) };
}
