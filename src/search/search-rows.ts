import { matchConcepts, rememberPerLexicon, type ConceptMatch } from './concept-matcher.ts';
import type { Embedder } from './embedder.ts';
import { documentLexemes, tsvectorLiteral } from './full-text.ts';
import { BinaryCopyWriter, type RowType } from '../db/binary-copy.ts';
import type { PriceTier, ProductStatus } from '../catalog/product.ts';
import { conceptKey, type Concept, type Lexicon } from './lexicon.ts';
import { categoryConcepts } from './search-filters.ts';

/**
 * What a product_search row holds besides the fields copied from products,
 * built in JavaScript with no database access, and its encodings (JSON for
 * PGlite's upserts, binary for the rest: COPY data on PGlite, an array of the
 * table's rows over the pg driver); search-index.ts writes it.
 * (Building these in a worker thread during imports was measured and gave
 * nothing on a 2-vCPU machine: see docs/architecture.md, Search decisions.)
 */

/** The product fields a search row is built from. */
export interface SearchSource {
  id: number;
  content_hash: string;
  title: string;
  category: string;
  subcategory: string | null;
  description: string | null;
  colors: string[];
  materials: string[];
  tags: string[];
  customization: string[];
  certifications: string[];
  sizes: string[];
  // The fields the hard filters test, copied into the row (see search-table.ts, createTableSql).
  status: ProductStatus;
  moq: number;
  lead_time_days: number | null;
  stock: number | null;
  dropship: boolean;
  currency: string;
  price_tiers: readonly PriceTier[];
}

export interface SearchRowOptions {
  embedder: Embedder;
  lexicon: Lexicon;
}

/** The text retrieval matches against: the product's words plus the canonical words of the concepts they name. */
export function searchDocument(
  product: Pick<
    SearchSource,
    | 'title'
    | 'subcategory'
    | 'category'
    | 'colors'
    | 'materials'
    | 'tags'
    | 'customization'
    | 'certifications'
    | 'description'
  >,
): string {
  return [
    product.title,
    product.subcategory,
    product.category,
    product.colors.join(', '),
    product.materials.join(', '),
    product.tags.join(', '),
    product.customization.join(', ').replace(/_/g, ' '),
    product.certifications.join(', '),
    product.description,
  ]
    .filter(Boolean)
    .join('. ');
}

/** One product_search row as JavaScript builds it, before it is encoded for the database. */
export interface SearchRow {
  product: SearchSource;
  /** price tiers by ascending quantity */
  tiers: PriceTier[];
  concepts: string[];
  sizes: string[];
  /** the full-text vector: lexeme → positions */
  lexemes: Map<string, number[]>;
  embedding: number[];
}

/** The search rows of these products (embedding them in one call). */
export async function searchRows(products: readonly SearchSource[], options: SearchRowOptions): Promise<SearchRow[]> {
  const documents = products.map(searchDocument);
  const vectors = await options.embedder.embedDocuments(documents);
  return products.map((product, i) => {
    const concepts = conceptKeys(product, options.lexicon);
    const canonical = [...concepts].map((key) => key.slice(key.indexOf(':') + 1).replace(/_/g, ' '));
    return {
      product,
      tiers: [...product.price_tiers].sort((a, b) => a.min_qty - b.min_qty),
      concepts: [...concepts],
      sizes: product.sizes.map((size) => size.toUpperCase()),
      lexemes: documentLexemes(`${documents[i]!} ${canonical.join(' ')}`),
      embedding: vectors[i]!,
    };
  });
}

/**
 * The written columns of product_search, in the order both encodings below give them. The embedder's id and
 * dimensions are not per row: the JSON statement adds them as parameters, the COPY writes them in each row.
 */
export const SEARCH_ROW_COLUMNS = [
  'product_id',
  'embedder',
  'dimensions',
  'content_hash',
  'status',
  'category',
  'moq',
  'lead_time_days',
  'stock',
  'dropship',
  'currency',
  'tier_min_qty',
  'tier_unit_price',
  'search_concepts',
  'sizes',
  'search_vector',
  'embedding',
] as const;

/** The rows as one JSON array, for INSERT … SELECT from jsonb_to_recordset (search-index.ts). */
export function searchRowsJson(rows: readonly SearchRow[]): string {
  return JSON.stringify(
    rows.map(({ product, tiers, concepts, sizes, lexemes, embedding }) => ({
      product_id: product.id,
      content_hash: product.content_hash,
      status: product.status,
      category: product.category,
      moq: product.moq,
      lead_time_days: product.lead_time_days,
      stock: product.stock,
      dropship: product.dropship,
      currency: product.currency,
      tier_min_qty: tiers.map((tier) => tier.min_qty),
      tier_unit_price: tiers.map((tier) => tier.unit_price),
      search_vector: tsvectorLiteral(lexemes),
      search_concepts: concepts,
      sizes,
      embedding: toSparseVectorLiteral(embedding),
    })),
  );
}

/**
 * The rows in binary, columns as SEARCH_ROW_COLUMNS: COPY data for embedded PGlite's new rows, or, given the
 * table's row type, an array of rows for a binary parameter (the pg driver). Vectors are written unit length
 * (the JSON statement normalises them in SQL), in float4 as pgvector stores them.
 */
export function searchRowsBinary(
  rows: readonly SearchRow[],
  embedder: Pick<Embedder, 'id' | 'dimensions'>,
  rowType?: RowType,
): Buffer {
  const copy = new BinaryCopyWriter(rows.length * (600 + 4 * embedder.dimensions), rowType);
  for (const { product, tiers, concepts, sizes, lexemes, embedding } of rows) {
    copy
      .row(SEARCH_ROW_COLUMNS.length)
      .int8(product.id)
      .text(embedder.id)
      .int4(embedder.dimensions)
      .text(product.content_hash)
      .text(product.status)
      .text(product.category)
      .int4(product.moq)
      .int4(product.lead_time_days)
      .int4(product.stock)
      .bool(product.dropship)
      .text(product.currency)
      .int4Array(tiers.map((tier) => tier.min_qty))
      .numericArray(tiers.map((tier) => tier.unit_price))
      .textArray(concepts)
      .textArray(sizes)
      .tsvector(lexemes)
      .vector(embedding, inverseNorm(embedding));
  }
  return copy.finish();
}

/** 1 / the vector's length (1 for a zero vector). */
function inverseNorm(vector: readonly number[]): number {
  let sum = 0;
  for (const x of vector) sum += x * x;
  return sum > 0 ? 1 / Math.sqrt(sum) : 1;
}

/** The concept keys hard filters and facets test: category, product type, colour, material, occasion… */
function conceptKeys(product: SearchSource, lexicon: Lexicon): Set<string> {
  const facts = matchConcepts(
    lexicon,
    [
      product.title,
      product.subcategory,
      product.category,
      ...product.colors,
      ...product.materials,
      ...product.tags,
      ...product.customization.map((c) => c.replace(/_/g, ' ')),
      ...product.certifications,
    ]
      .filter(Boolean)
      .join(' | '),
    { fuzzy: false },
  );
  const concepts = new Set<string>(categoryConcepts([product.category]));
  // Colours, customization and certifications filter on the product's own fields, never on words in its
  // title: a colour filter means the product comes in that colour, not that it says "gold-plated".
  for (const match of facts.matches) {
    if (!FIELD_KINDS.has(match.concept.kind)) for (const key of filterKeys(match.concept)) concepts.add(key);
  }
  for (const match of colorMatches(lexicon, product.colors)) {
    for (const key of filterKeys(match.concept)) concepts.add(key);
  }
  for (const option of product.customization) concepts.add(`customization:${option.toLowerCase()}`);
  // Certification ids are codes (OEKO-TEX, REACH) that are not matched as words; take them from the field.
  for (const certification of product.certifications) {
    concepts.add(`certification:${certificationId(lexicon, certification)}`);
  }
  return concepts;
}

const FIELD_KINDS = new Set(['color', 'customization', 'certification']);

/** A concept's keys in search_concepts, made once per concept: every indexed product looks up several. */
const conceptFilterKeys = new WeakMap<Concept, readonly string[]>();

function filterKeys(concept: Concept): readonly string[] {
  let keys = conceptFilterKeys.get(concept);
  if (!keys) {
    const made = [conceptKey(concept.kind, concept.id)];
    if (concept.kind === 'product_type' && concept.category) made.push(`category:${concept.category}`);
    // Families (navy → blue) help ranking but never satisfy a filter: a buyer asking for blue gets blue.
    if (concept.family) made.push(`${concept.kind}-family:${concept.family}`);
    conceptFilterKeys.set(concept, (keys = made));
  }
  return keys;
}

/** A catalog repeats a few hundred colour lists, so their matches are kept per lexicon (bounded). */
const COLOR_CACHE_LIMIT = 10_000;
const colorCaches = new WeakMap<Lexicon, Map<string, ConceptMatch[] | null>>();

function colorMatches(lexicon: Lexicon, colors: readonly string[]): ConceptMatch[] {
  const key = colors.join(' | ');
  return rememberPerLexicon(
    colorCaches,
    lexicon,
    key,
    () => matchConcepts(lexicon, key, { fuzzy: false }).matches.filter((m) => m.concept.kind === 'color'),
    COLOR_CACHE_LIMIT,
  )!;
}

/** Certification concepts by lower-cased id, per lexicon (looked up for every indexed product). */
const certificationIds = new WeakMap<Lexicon, Map<string, string>>();

function certificationId(lexicon: Lexicon, certification: string): string {
  let ids = certificationIds.get(lexicon);
  if (!ids) {
    ids = new Map();
    for (const c of lexicon.concepts)
      if (c.kind === 'certification' && !ids.has(c.id.toLowerCase())) ids.set(c.id.toLowerCase(), c.id);
    certificationIds.set(lexicon, ids);
  }
  return ids.get(certification.toLowerCase()) ?? certification;
}

/**
 * A vector as a sparse literal of whole numbers (`{index:value,…}/dimensions`, 1-based, the largest
 * component ±10,000,000), read with `::sparsevec::vector` and l2_normalize in SQL. PGlite (WebAssembly)
 * parses decimals slowly, and the local embedder's vectors are three-quarters zeros: on a 10,000-product
 * import, `[0.123456,…]` took ~4.5 s to write, whole numbers as `integer[]` ~3 s, and the sparse form cut
 * both the parse in SQL (~520 → ~290 ms) and the literal's making in JavaScript. Stored vectors are unit
 * length either way (cosine distance ignores length) and keep float4 precision.
 */
export function toSparseVectorLiteral(vector: readonly number[]): string {
  let largest = 0;
  for (const x of vector) if (Number.isFinite(x)) largest = Math.max(largest, Math.abs(x));
  const scale = largest > 0 ? 1e7 / largest : 0;
  const parts: string[] = [];
  for (let i = 0; i < vector.length; i++) {
    const x = vector[i]!;
    if (x === 0 || !Number.isFinite(x)) continue;
    const value = Math.round(x * scale);
    if (value !== 0) parts.push(`${i + 1}:${value}`);
  }
  return `{${parts.join(',')}}/${vector.length}`;
}
