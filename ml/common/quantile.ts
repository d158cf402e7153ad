// Quantiles as Flink ML's QuantileSummary (Greenwald–Khanna, after Spark) answers them when it holds every value:
// the value at rank ⌈p·n⌉ of the sorted values (numpy's 'inverted_cdf'), the smallest for p <= relativeError and the
// largest for p >= 1 − relativeError. The summary is exact below about 1 / relativeError values; above that it may
// answer any value within relativeError·n ranks, and this exact answer is always one of those.

/** Sorts a copy of `values` ascending (NaN is never passed in: callers drop it). */
export function sortedCopy(values: ArrayLike<number>): Float64Array {
  return Float64Array.from(values).sort();
}

/** The p-quantile of ascending `sorted` (non-empty). */
export function quantileOfSorted(sorted: Float64Array, p: number, relativeError: number): number {
  if (p <= relativeError) return sorted[0]!;
  if (p >= 1 - relativeError) return sorted[sorted.length - 1]!;
  const rank = Math.ceil(p * sorted.length);
  return sorted[Math.max(0, rank - 1)]!;
}
