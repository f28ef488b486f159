import { loadBundleRules } from '../../src/bundles/bundle-rules.ts';
import { streamProducts } from '../../src/catalog/catalog-repository.ts';
import type { Product } from '../../src/catalog/product.ts';
import { seedIfEmpty } from '../../src/catalog/seed-catalog.ts';
import type { Planner } from '../../src/conversation/conversation-engine.ts';
import { createOfflinePlanner, type OfflinePlannerDeps } from '../../src/conversation/offline-planner.ts';
import { migrate } from '../../src/db/migrate.ts';
import { createPgliteDatabase, type PgliteDatabase } from '../../src/db/pglite-database.ts';
import type { Embedder } from '../../src/search/embedder.ts';
import { loadLexicon, type Lexicon } from '../../src/search/lexicon.ts';
import { createLocalEmbedder } from '../../src/search/local-embedder.ts';
import { createCatalogSearch } from '../../src/search/search-catalog.ts';
import { indexProducts, prepareSearchIndex } from '../../src/search/search-index.ts';

export interface EvalCatalog {
  db: PgliteDatabase;
  lexicon: Lexicon;
  embedder: Embedder;
  products: Product[];
  close(): Promise<void>;
}

/** An in-memory database with the seed catalog, indexed with the local embedder. */
export async function openSeedCatalog(): Promise<EvalCatalog> {
  const db = await createPgliteDatabase();
  await migrate(db);
  const lexicon = await loadLexicon();
  const embedder = createLocalEmbedder(lexicon);
  await prepareSearchIndex(db, { lexicon, embedder });
  await seedIfEmpty(db, { onWritten: (tx, ids) => indexProducts(tx, ids, { lexicon, embedder }) });
  const products: Product[] = [];
  for await (const product of streamProducts(db)) products.push(product);
  return { db, lexicon, embedder, products, close: () => db.close() };
}

/** The offline planner over this catalog, as `showroom start` builds it (bundle rules from seed/). */
export async function offlinePlannerFor(
  catalog: EvalCatalog,
  options: Pick<OfflinePlannerDeps, 'handoffOffers'> = {},
): Promise<Planner> {
  return createOfflinePlanner({
    lexicon: catalog.lexicon,
    search: createCatalogSearch(catalog.db, catalog),
    bundleRules: await loadBundleRules(),
    ...options,
  });
}
