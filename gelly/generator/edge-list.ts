// The shape every generator returns: a directed edge list on dense vertices 0..vertexCount-1, ready for buildCsr.

/** Edge i goes from sources[i] to targets[i]; an "undirected" generator emits both directions of each edge. */
export interface EdgeList {
  readonly vertexCount: number;
  readonly sources: Int32Array;
  readonly targets: Int32Array;
}

/** Throws a RangeError when `value` is not an integer at least `minimum` (generators validate when called). */
export function requireCount(name: string, value: number, minimum: number): void {
  if (!Number.isInteger(value) || value < minimum) throw new RangeError(`${name} must be an integer ≥ ${minimum}, got ${value}`);
  // why: vertex ids are Int32Array entries
  if (value > 2 ** 31 - 1) throw new RangeError(`${name} must fit a 32-bit vertex id, got ${value}`);
}
