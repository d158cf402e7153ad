// The benchmark's points: seeded Gaussian blobs, point i computed from (seed, i) alone — so a parallel source makes
// each subtask's share in its own worker, and the calling thread, the pool and scikit-learn see the same points.

/** A 32-bit hash of (seed, a, b) (murmur3's finaliser over a mix): the counter-based random source of the points. */
function hash(seed: number, a: number, b: number): number {
  let h = (seed ^ Math.imul(a, 0x9e3779b1) ^ Math.imul(b + 0x7f4a7c15, 0x85ebca77)) >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const uniform = (seed: number, a: number, b: number): number => (hash(seed, a, b) + 0.5) / 4294967296;

/** Centre c's coordinate j: in [−0.3, 0.3] (the blobs overlap, so Lloyd keeps moving). */
function centre(seed: number, c: number, j: number): number {
  return uniform(seed ^ 0x5bd1e995, c, j) * 0.6 - 0.3;
}

/**
 * Distinct points: point i is distinct point i mod DISTINCT. Why: a Gaussian value costs two hashes, a log and a cosine
 * (~0.1 µs), so making 10⁸ of them in the pool's source took longer than the Lloyd steps being measured; copying one
 * of 16 384 precomputed points costs what any source's record costs. The Lloyd steps do the same work on them.
 */
const DISTINCT = 16_384;
const cache = new Map<string, Float64Array>();
/** The last (d, k, seed) asked for and its points. Why: a key string and a map look-up per point cost the pool's source
 * more than copying the point. */
let last: { d: number; k: number; seed: number; points: Float64Array } = { d: -1, k: -1, seed: -1, points: new Float64Array(0) };

function distinctPoints(d: number, k: number, seed: number): Float64Array {
  if (last.d === d && last.k === k && last.seed === seed) return last.points;
  const key = `${d}/${k}/${seed}`;
  let distinct = cache.get(key);
  if (distinct === undefined) {
    distinct = new Float64Array(DISTINCT * d);
    for (let p = 0; p < DISTINCT; p++) gaussianPoint(p, d, k, seed, distinct, p * d);
    cache.set(key, distinct);
  }
  last = { d, k, seed, points: distinct };
  return distinct;
}

/** Writes point i (d values, of blob i mod k, unit spread) into out[offset, offset + d). */
export function blobPoint(i: number, d: number, k: number, seed: number, out: Float64Array, offset = 0): void {
  const distinct = distinctPoints(d, k, seed);
  const from = (i % DISTINCT) * d;
  for (let j = 0; j < d; j++) out[offset + j] = distinct[from + j]!;
}

function gaussianPoint(i: number, d: number, k: number, seed: number, out: Float64Array, offset: number): void {
  const c = i % k;
  for (let j = 0; j < d; j++) {
    const u1 = uniform(seed, i, 2 * j);
    const u2 = uniform(seed, i, 2 * j + 1);
    out[offset + j] = centre(seed, c, j) + Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }
}

/** n points of d values, row-major. */
export function blobs(n: number, d: number, k: number, seed: number): Float64Array {
  const x = new Float64Array(n * d);
  for (let i = 0; i < n; i++) blobPoint(i, d, k, seed, x, i * d);
  return x;
}
