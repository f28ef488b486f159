import type { Queryable } from '../db/database.ts';
import { lexemeOf } from './full-text.ts';
import { categoryConcepts, type Filters } from './search-filters.ts';

/**
 * Row estimates for the search table from the statistics ANALYZE keeps (pg_stats.most_common_elems: every
 * element in more than about 1% of the rows, with its frequency), for the choices retrieval makes before it
 * runs a statement. Import analyses the table after any large change, so the figures follow the catalog; a
 * table never analysed has none, and then nothing is estimated (every choice takes its default).
 *
 * - `narrow`: full-text retrieval ranks at most a fixed number of matches, taken in table order. A request of
 *   common words ("boho maxi dresses for festival season") matched most of a large catalog, so the ranked rows
 *   were whichever came first, and collecting them cost most of the statement (the index's entries for every
 *   common word). Only the rarest phrases that together are expected to fill that number are matched, and no
 *   phrase so common that the ranked rows would be a minority of its matches; the others still rank.
 * - `passingRows`: how many rows pass the filters the concept index answers (category, colour, certification,
 *   customization) and the size filter, so the vector search can skip an HNSW walk that would come back short.
 */
export interface SearchStats {
  /** The phrases to match, in their given order (see above); all of them without statistics. */
  narrow(tx: Queryable, phrases: readonly string[][], limit: number): Promise<string[][]>;
  /** Estimated rows passing `filters`' concept and size conditions (the others count as passing everything). */
  passingRows(tx: Queryable, filters: Filters): Promise<number | undefined>;
}

/**
 * A phrase expected in more than this many times the ranking limit's rows is not matched: the ranked rows
 * would be the first third of its matches in table order, which says nothing about the request, while the
 * vector list ranks the same concept. At 100,000 generated products (3,000 rows) this cut the full-text mean
 * from ~6 to ~2.5 ms; nDCG@10 of the eval requests over that catalog moved by less than 0.005.
 */
const COMMON_PHRASE_FACTOR = 3;

/** Statistics change only when the table is analysed (after an import); re-read them this often. */
const STATS_TTL_MS = 30_000;

/** Element frequencies of one array or tsvector column. */
interface ElementStats {
  /** element → fraction of the rows holding it, for the common elements */
  freqs: Map<string, number>;
  /** fraction assumed for an element not listed: half the least common listed one, as PostgreSQL assumes */
  unlisted: number;
}

interface TableStats {
  at: number;
  rows: number;
  /** per column; absent when ANALYZE found no common elements (or never ran) */
  columns: Map<string, ElementStats>;
}

const STATS_COLUMNS = ['search_vector', 'search_concepts', 'sizes'];

export function createSearchStats(table: string): SearchStats {
  let stats: TableStats | undefined;

  const loadStats = async (tx: Queryable): Promise<TableStats> => {
    if (!stats || Date.now() - stats.at > STATS_TTL_MS) {
      const { rows } = await tx.query<{
        rows: number;
        column: string | null;
        elems: string[] | null;
        freqs: number[] | null;
      }>(
        `select c.reltuples::float8 as rows, s.attname::text as column, s.most_common_elems::text::text[] as elems,
                s.most_common_elem_freqs::float8[] as freqs
         from pg_class c
         left join pg_stats s on s.schemaname = c.relnamespace::regnamespace::text and s.tablename = c.relname
                              and s.attname = any($2::text[])
         where c.oid = to_regclass($1)`,
        [table, STATS_COLUMNS],
      );
      // reltuples is -1 for a table never analysed: no estimate.
      const total = Math.max(rows[0]?.rows ?? 0, 0);
      const columns = new Map<string, ElementStats>();
      for (const row of rows) {
        if (!row.column || !row.elems?.length || !row.freqs) continue;
        const freqs = new Map(row.elems.map((elem, i) => [elem, row.freqs![i] ?? 0]));
        // The frequencies are followed by the least and greatest of them (and the null fraction).
        const least = row.freqs[row.elems.length] ?? Math.min(...freqs.values());
        columns.set(row.column, { freqs, unlisted: least / 2 });
      }
      stats = { at: Date.now(), rows: total, columns };
    }
    return stats;
  };

  return {
    async narrow(tx, phrases, limit) {
      const { rows, columns } = await loadStats(tx);
      const text = columns.get('search_vector');
      if (rows <= limit || !text) return [...phrases];
      // A phrase matches at most as many rows as its rarest lexeme; a lexeme not listed is rarer than every
      // listed one (0), so a word in no row (a typo) never makes the match empty while a known one could fill
      // it. A phrase of stop words matches nothing and goes last.
      const estimate = (phrase: readonly string[]) => {
        let least = Infinity;
        for (const word of phrase) {
          const lexeme = lexemeOf(word);
          if (lexeme !== undefined) least = Math.min(least, (text.freqs.get(lexeme) ?? 0) * rows);
        }
        return least === Infinity ? rows : least;
      };
      const rarestFirst = phrases
        .map((phrase, order) => ({ phrase, order, rows: estimate(phrase) }))
        .sort((a, b) => a.rows - b.rows || a.order - b.order);
      const kept: typeof rarestFirst = [];
      let expected = 0;
      for (const entry of rarestFirst) {
        if (expected >= limit || entry.rows > COMMON_PHRASE_FACTOR * limit) break;
        kept.push(entry);
        expected += entry.rows;
      }
      return kept.sort((a, b) => a.order - b.order).map((entry) => entry.phrase);
    },

    async passingRows(tx, filters) {
      const { rows, columns } = await loadStats(tx);
      const concepts = columns.get('search_concepts');
      if (rows === 0 || !concepts) return undefined;
      const frequency = (column: ElementStats, element: string) => column.freqs.get(element) ?? column.unlisted;
      // Any of several elements: the sum of their frequencies; all of them: the product (taken as independent).
      const anyOf = (column: ElementStats, elements: readonly string[]) =>
        Math.min(
          1,
          elements.reduce((sum, element) => sum + frequency(column, element), 0),
        );
      const allOf = (column: ElementStats, elements: readonly string[]) =>
        elements.reduce((product, element) => product * frequency(column, element), 1);
      let fraction = 1;
      if (filters.categories) fraction *= anyOf(concepts, categoryConcepts(filters.categories));
      if (filters.colors) fraction *= anyOf(concepts, filters.colors);
      if (filters.certifications) fraction *= allOf(concepts, filters.certifications);
      if (filters.customization) fraction *= allOf(concepts, filters.customization);
      // Products in one size also pass a size filter, but they are seldom of a category sized otherwise (a bag,
      // not a dress), so counting them would take most size filters for no filter at all.
      const sizes = columns.get('sizes');
      if (filters.sizes && sizes) fraction *= anyOf(sizes, filters.sizes);
      return fraction * rows;
    },
  };
}
