/**
 * pg_trgm's `word_similarity(pattern, text)`, computed in JavaScript: the greatest similarity between the
 * pattern's set of trigrams and the trigrams of a continuous extent of the text (PostgreSQL's own greedy
 * search for that extent, so the values are pg_trgm's). Retrieval re-ranks a few hundred candidates by it;
 * in PGlite's WebAssembly the function cost ~30 µs a product (~6 ms a request at 100,000 products), here a
 * few microseconds.
 *
 * Trigrams as pg_trgm makes them: each word (a run of letters and digits, in any script) lower-cased and
 * padded with two spaces before and one after, then every three consecutive characters. Similarities are
 * rounded to float4, as PostgreSQL returns them, so equal values tie the same way.
 */

export function trigramSequence(text: string): string[] {
  const trigrams: string[] = [];
  for (const word of text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) {
    const chars = Array.from(`  ${word} `);
    for (let i = 0; i + 3 <= chars.length; i++) trigrams.push(chars[i]! + chars[i + 1]! + chars[i + 2]!);
  }
  return trigrams;
}

/** Shared trigrams over all distinct ones, as float4 (pg_trgm's CALCSML). */
function similarity(shared: number, patternSize: number, extentSize: number): number {
  return Math.fround(shared / (patternSize + extentSize - shared));
}

export function wordSimilarity(pattern: string, text: string): number {
  const wanted = new Set(trigramSequence(pattern));
  if (wanted.size === 0) return 0;
  // The text's trigrams as small integers, with whether the pattern has each.
  const ids = new Map<string, number>();
  const found: boolean[] = [];
  const sequence = trigramSequence(text).map((trigram) => {
    let id = ids.get(trigram);
    if (id === undefined) {
      id = ids.size;
      ids.set(trigram, id);
      found.push(wanted.has(trigram));
    }
    return id;
  });
  // The extent is [lower, i]: `unique` distinct trigrams in it, `shared` of them in the pattern; lastPosition
  // is each trigram's last position inside it (-1 outside).
  const lastPosition = new Int32Array(ids.size).fill(-1);
  let unique = 0;
  let shared = 0;
  let lower = -1;
  let best = 0;
  for (let i = 0; i < sequence.length; i++) {
    const id = sequence[i]!;
    if (lower >= 0 || found[id]) {
      if (lastPosition[id]! < 0) {
        unique++;
        if (found[id]) shared++;
      }
      lastPosition[id] = i;
    }
    // An extent ends on a trigram of the pattern; a later start may raise the similarity.
    if (!found[id]) continue;
    if (lower === -1) {
      lower = i;
      unique = 1;
    }
    let current = similarity(shared, wanted.size, unique);
    const previousLower = lower;
    let startUnique = unique;
    let startShared = shared;
    for (let start = lower; start <= i; start++) {
      const candidate = similarity(startShared, wanted.size, startUnique);
      if (candidate > current) {
        current = candidate;
        unique = startUnique;
        shared = startShared;
        lower = start;
      }
      const leaving = sequence[start]!;
      if (lastPosition[leaving] === start) {
        startUnique--;
        if (found[leaving]) startShared--;
      }
    }
    best = Math.max(best, current);
    for (let start = previousLower; start < lower; start++) {
      const leaving = sequence[start]!;
      if (lastPosition[leaving] === start) lastPosition[leaving] = -1;
    }
  }
  return best;
}
