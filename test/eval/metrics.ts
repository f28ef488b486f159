/**
 * Ranking metrics for the search eval. Gains are graded (0, 1, 2); recall and
 * MRR count only fully relevant results (gain 2).
 */

export function dcg(gains: number[], k: number): number {
  return gains.slice(0, k).reduce((sum, gain, i) => sum + (2 ** gain - 1) / Math.log2(i + 2), 0);
}

/** nDCG@k against the best ordering of every judged product's gain. */
export function ndcg(retrieved: number[], allGains: number[], k = 10): number {
  const ideal = dcg(
    [...allGains].sort((a, b) => b - a),
    k,
  );
  return ideal === 0 ? 0 : dcg(retrieved, k) / ideal;
}

/** Share of the fully relevant products found in the top k, out of at most k (a query with 40 relevant can still score 1). */
export function recallAt(retrieved: number[], relevantCount: number, k = 10): number {
  if (relevantCount === 0) return 0;
  return retrieved.slice(0, k).filter((g) => g === 2).length / Math.min(k, relevantCount);
}

export function reciprocalRank(retrieved: number[]): number {
  const index = retrieved.findIndex((g) => g === 2);
  return index === -1 ? 0 : 1 / (index + 1);
}

export function mean(values: number[]): number {
  return values.length ? values.reduce((a, b) => a + b, 0) / values.length : 0;
}

export function percentile(values: number[], p: number): number {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
