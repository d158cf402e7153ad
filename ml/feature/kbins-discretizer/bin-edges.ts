// The bin edges of one feature under KBinsDiscretizer's three strategies, exactly as Flink ML's KBinsDiscretizer
// computes them (uniform by repeated addition, quantile by index int(i·n/k) with zero-width bins widened, kmeans by
// a 1-D Lloyd loop), and the bin of a value (Flink ML's binary search, clipped to the first and last bin).

/** A constant feature: every value falls in bin 0. */
const CONSTANT_EDGES: readonly number[] = [-Infinity, Infinity];

/** Edges min, min + w, … by repeated addition (Flink ML's loop; numpy's linspace may differ in the last bits). */
export function uniformEdges(min: number, max: number, numBins: number): number[] {
  if (min === max) return [...CONSTANT_EDGES];
  const width = (max - min) / numBins;
  const edges = [min];
  for (let i = 1; i <= numBins; i++) edges.push(edges[i - 1]! + width);
  return edges;
}

/** Flink ML's quantile edges of the sorted values: sorted[int(i·n/k)] for i < k, then the max; widened. */
export function quantileEdges(sorted: Float64Array, numBins: number): number[] {
  const n = sorted.length;
  if (sorted[0] === sorted[n - 1]) return [...CONSTANT_EDGES];
  let edges: number[];
  if (n > numBins) {
    const width = n / numBins;
    edges = [];
    for (let i = 0; i < numBins; i++) edges.push(sorted[Math.trunc(i * width)]!);
    edges.push(sorted[n - 1]!);
  } else {
    edges = Array.from(sorted);
  }
  return widenZeroWidthBins(edges);
}

/**
 * Keeps each distinct edge once, or twice when it occurs more than once, then gives every zero-width bin a width:
 * the right edge becomes the mean of its neighbours, or, for the last pair, the left one ({0,1,1,2,2} → {0,1,1.5,1.75,2}).
 */
function widenZeroWidthBins(edges: readonly number[]): number[] {
  const counts = new Map<number, number>();
  for (const e of edges) counts.set(e, (counts.get(e) ?? 0) + 1);
  const out: number[] = [];
  for (const [e, count] of counts) {
    out.push(e);
    if (count > 1) out.push(e);
  }
  out.sort((a, b) => a - b);
  let i = 1;
  for (; i < out.length - 1; i++) if (out[i] === out[i - 1]) out[i] = (out[i + 1]! + out[i - 1]!) / 2;
  if (out[i] === out[i - 1]) out[i - 1] = (out[i]! + out[i - 2]!) / 2;
  return out;
}

/** Flink ML's defaults for the 1-D k-means. */
const KMEANS_TOLERANCE = 1e-4;
const KMEANS_MAX_ITERATIONS = 300;

/**
 * Edges between the sorted centroids of a 1-D k-means (Lloyd's steps on |x − c|, started from the points
 * sorted[int(i·n/k)], until the mean distance changes by at most 1e-4, at most 300 steps), with min and max at the
 * ends. With no more distinct values than bins it falls back to uniform edges (Flink ML's rule). A cluster that gets
 * no point keeps its centroid — Flink ML divides by zero there and its edges become NaN.
 */
export function kMeansEdges(sorted: Float64Array, numBins: number): number[] {
  const n = sorted.length;
  if (sorted[0] === sorted[n - 1]) return [...CONSTANT_EDGES];
  if (countDistinctUpTo(sorted, numBins + 1) <= numBins) return uniformEdges(sorted[0]!, sorted[n - 1]!, numBins);
  const centroids = new Float64Array(numBins);
  const width = n / numBins;
  for (let c = 0; c < numBins; c++) centroids[c] = sorted[Math.trunc(c * width)]!;
  const sums = new Float64Array(numBins);
  const counts = new Int32Array(numBins);
  let oldLoss = Number.MAX_VALUE;
  let change = Number.MAX_VALUE;
  for (let iter = 0; iter < KMEANS_MAX_ITERATIONS && change > KMEANS_TOLERANCE; iter++) {
    let loss = 0;
    for (let i = 0; i < n; i++) {
      const x = sorted[i]!;
      let best = 0;
      let bestDistance = Math.abs(centroids[0]! - x);
      for (let c = 1; c < numBins; c++) {
        const d = Math.abs(centroids[c]! - x);
        if (d < bestDistance) {
          bestDistance = d;
          best = c;
        }
      }
      counts[best]!++;
      sums[best]! += x;
      loss += bestDistance;
    }
    for (let c = 0; c < numBins; c++) if (counts[c]! > 0) centroids[c] = sums[c]! / counts[c]!;
    loss /= n;
    change = Math.abs(loss - oldLoss);
    oldLoss = loss;
    sums.fill(0);
    counts.fill(0);
  }
  centroids.sort();
  const edges = [sorted[0]!];
  for (let c = 1; c < numBins; c++) edges.push((centroids[c - 1]! + centroids[c]!) / 2);
  edges.push(sorted[n - 1]!);
  return edges;
}

function countDistinctUpTo(sorted: Float64Array, limit: number): number {
  let distinct = 1;
  for (let i = 1; i < sorted.length && distinct < limit; i++) if (sorted[i] !== sorted[i - 1]) distinct++;
  return distinct;
}

/**
 * The bin of `value`: the i with edges[i] ≤ value < edges[i + 1], clipped to [0, edges.length − 2] (values below the
 * first edge go to bin 0, at or above the last to the last bin). NaN goes to the last bin, as Java's binary search
 * orders NaN above every number.
 */
export function binOf(edges: readonly number[], value: number): number {
  const last = edges.length - 2;
  if (Number.isNaN(value)) return last;
  let lo = 0;
  let hi = edges.length;
  // why upper bound: the first edge greater than value, so a value equal to an edge falls in the bin it starts
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (edges[mid]! <= value) lo = mid + 1;
    else hi = mid;
  }
  const bin = lo - 1;
  return bin < 0 ? 0 : bin > last ? last : bin;
}
