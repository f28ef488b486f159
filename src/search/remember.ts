/**
 * A computed value remembered by key in a Map that starts over once it holds `limit` keys: catalog text repeats
 * its words, so indexing looks most of them up many times, while a cache that only grew would hold every word
 * of every catalog ever indexed.
 */
export function remember<T>(cache: Map<string, T>, key: string, compute: (key: string) => T, limit: number): T {
  let value = cache.get(key);
  if (value === undefined) {
    if (cache.size >= limit) cache.clear();
    value = compute(key);
    cache.set(key, value);
  }
  return value;
}
