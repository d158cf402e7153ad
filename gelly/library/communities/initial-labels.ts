// The starting labels of the community kernels: Flink takes them from the vertex values; here they are dense
// integers in [0, n) so that per-vertex tallies index a typed array instead of a hash map.

/**
 * A copy of `initial`, or the vertex ids 0..n-1 when absent (Flink's usual initialisation with the vertex id).
 * Labels must be integers in [0, n): a wrapper over arbitrary comparable values encodes them by rank (sort the
 * distinct values, label = index), which keeps Flink's "greater label" and "smaller label" tie-breaks intact.
 */
export function startingLabels(algorithm: string, vertexCount: number, initial: Int32Array | undefined): Int32Array {
  if (initial === undefined) {
    const labels = new Int32Array(vertexCount);
    for (let v = 0; v < vertexCount; v++) labels[v] = v;
    return labels;
  }
  if (initial.length !== vertexCount) throw new RangeError(`${algorithm}: ${initial.length} initial labels for ${vertexCount} vertices; pass one per vertex`);
  for (let v = 0; v < vertexCount; v++) {
    const l = initial[v]!;
    if (l < 0 || l >= vertexCount) throw new RangeError(`${algorithm}: vertex ${v} has label ${l}, outside 0..${vertexCount - 1}; encode labels by rank first`);
  }
  return initial.slice();
}

/** Throws unless maxIterations is a positive integer. */
export function requireIterations(algorithm: string, maxIterations: number): void {
  if (!Number.isInteger(maxIterations) || maxIterations <= 0) throw new RangeError(`${algorithm}: maxIterations must be a positive integer, got ${maxIterations}`);
}
