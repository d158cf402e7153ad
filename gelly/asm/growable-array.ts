// Growable typed arrays for kernels whose output size is not known up front (vertex pairs): append in amortised O(1)
// by doubling, then take a subarray of the filled length. No per-element allocation.

/** A copy of `array` with room for at least `needed` elements (doubling), or `array` itself when it has room. */
export function ensureInt32(array: Int32Array, needed: number): Int32Array {
  if (needed <= array.length) return array;
  const grown = new Int32Array(Math.max(needed, 2 * array.length, 16));
  grown.set(array);
  return grown;
}

/** As ensureInt32, for doubles. */
export function ensureFloat64(array: Float64Array, needed: number): Float64Array {
  if (needed <= array.length) return array;
  const grown = new Float64Array(Math.max(needed, 2 * array.length, 16));
  grown.set(array);
  return grown;
}
