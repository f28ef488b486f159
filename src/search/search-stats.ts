import type { Queryable } from '../db/database.ts';

/**
 * How many rows of the search table hold a full-text phrase, estimated from the statistics ANALYZE keeps
 * (pg_stats.most_common_elems of search_vector: every lexeme in more than about 1% of the rows, with its
 * frequency). Import analyses the table after any large change, so the figures follow the catalog.
 *
 * Full-text retrieval ranks at most a fixed number of matches, taken in table order. A request of common
 * words ("boho maxi dresses for festival season") matched most of a large catalog, so the ranked rows were
 * whichever came first, and collecting them cost most of the statement (the index's entries for every common
 * word). `narrow` keeps, for the match, only the rarest phrases that together are expected to fill that
 * number; the others still rank what they match.
 */
export interface TermCounts {
  /** The phrases to match: the rarest ones whose estimated rows reach `limit`, in their given order; all of them when the estimate is below it. */
  narrow(tx: Queryable, phrases: readonly string[][], limit: number): Promise<string[][]>;
}

/** Statistics change only when the table is analysed (after an import); re-read them this often. */
const STATS_TTL_MS = 30_000;
/** Words whose lexemes are remembered (the lexicon's canonical words are most of them). */
const LEXEME_CACHE_LIMIT = 10_000;

interface TableStats {
  at: number;
  rows: number;
  /** lexeme → estimated rows holding it, for the common lexemes */
  counts: Map<string, number>;
}

export function createTermCounts(table: string): TermCounts {
  let stats: TableStats | undefined;
  const lexemes = new Map<string, string[]>();

  const loadStats = async (tx: Queryable): Promise<TableStats> => {
    if (!stats || Date.now() - stats.at > STATS_TTL_MS) {
      const { rows } = await tx.query<{ rows: number; lexemes: string[] | null; freqs: number[] | null }>(
        `select c.reltuples::float8 as rows, s.most_common_elems::text::text[] as lexemes,
                s.most_common_elem_freqs::float8[] as freqs
         from pg_class c
         left join pg_stats s on s.schemaname = c.relnamespace::regnamespace::text and s.tablename = c.relname
                              and s.attname = 'search_vector'
         where c.oid = to_regclass($1)`,
        [table],
      );
      const row = rows[0];
      const counts = new Map<string, number>();
      // reltuples is -1 for a table never analysed: no estimate, so nothing is narrowed.
      const total = Math.max(row?.rows ?? 0, 0);
      row?.lexemes?.forEach((lexeme, i) => counts.set(lexeme, (row.freqs?.[i] ?? 0) * total));
      stats = { at: Date.now(), rows: total, counts };
    }
    return stats;
  };

  /** The lexemes to_tsquery('english', …) makes of each word (none for a stop word). */
  const lexemesOf = async (tx: Queryable, words: readonly string[]): Promise<Map<string, string[]>> => {
    const missing = words.filter((word) => !lexemes.has(word));
    if (missing.length) {
      const { rows } = await tx.query<{ word: string; lexemes: string[] }>(
        `select w as word, tsvector_to_array(to_tsvector('english', w)) as lexemes from unnest($1::text[]) w`,
        [missing],
      );
      if (lexemes.size + rows.length > LEXEME_CACHE_LIMIT) lexemes.clear();
      for (const row of rows) lexemes.set(row.word, row.lexemes);
    }
    return new Map(words.map((word) => [word, lexemes.get(word) ?? []]));
  };

  return {
    async narrow(tx, phrases, limit) {
      if (phrases.length < 2) return [...phrases];
      const { rows, counts } = await loadStats(tx);
      if (rows <= limit || counts.size === 0) return [...phrases];
      const byWord = await lexemesOf(tx, [...new Set(phrases.flat())]);
      // A phrase matches at most as many rows as its rarest lexeme; a lexeme not listed is rarer than every
      // listed one (0). A phrase of stop words matches nothing and goes last.
      const estimate = (phrase: readonly string[]) => {
        let least = Infinity;
        for (const word of phrase)
          for (const lexeme of byWord.get(word)!) least = Math.min(least, counts.get(lexeme) ?? 0);
        return least === Infinity ? rows : least;
      };
      const rarestFirst = phrases
        .map((phrase, order) => ({ phrase, order, rows: estimate(phrase) }))
        .sort((a, b) => a.rows - b.rows || a.order - b.order);
      const kept: typeof rarestFirst = [];
      let expected = 0;
      for (const entry of rarestFirst) {
        if (expected >= limit) break;
        kept.push(entry);
        expected += entry.rows;
      }
      return kept.sort((a, b) => a.order - b.order).map((entry) => entry.phrase);
    },
  };
}
