// The vertex-range partitioning of a superstep: P contiguous ranges of dense ids, each with its own inbox, outboxes
// and aggregators, so a partition's work touches only its own state plus the message blocks it ships. O(n) to build
// (an owner table of 2 bytes per vertex, read once per message when P > 1).

export interface VertexPartitions {
  readonly count: number;
  /** Partition p owns vertices bounds[p] .. bounds[p + 1] - 1. */
  readonly bounds: Int32Array;
  /** owner[v]: the partition of v; empty when there is one partition (every vertex is in partition 0). */
  readonly owner: Uint16Array;
}

/** Splits 0..n-1 into `parallelism` ranges of (nearly) equal vertex count; trailing ranges may be empty when n < P. */
export function partitionVertices(vertexCount: number, parallelism: number): VertexPartitions {
  const bounds = new Int32Array(parallelism + 1);
  for (let p = 0; p <= parallelism; p++) bounds[p] = Math.floor((vertexCount * p) / parallelism);
  const owner = new Uint16Array(parallelism === 1 ? 0 : vertexCount);
  if (parallelism > 1) for (let p = 0; p < parallelism; p++) owner.fill(p, bounds[p]!, bounds[p + 1]!);
  return { count: parallelism, bounds, owner };
}
