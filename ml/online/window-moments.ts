// Count, sum and sum of squares of the vectors of one window (the sufficient statistics of a mean and a standard
// deviation), as the parallel subtasks send them to OnlineStandardScaler's model operator.
import type { Vector } from "../linalg/vector.js";

export interface WindowMoments {
  /** The window's largest timestamp (Infinity for the global window): the key windows are merged and ordered by. */
  readonly windowMax: number;
  /** The subtask that summed them: parts of a window are merged in subtask order, so rounding is the same in every run. */
  readonly subtask: number;
  count: number;
  readonly sum: Float64Array;
  readonly squaredSum: Float64Array;
}

export function emptyMoments(windowMax: number, subtask: number, dim: number): WindowMoments {
  return { windowMax, subtask, count: 0, sum: new Float64Array(dim), squaredSum: new Float64Array(dim) };
}

/** Adds one vector to `m` (sizes checked by the caller). */
export function addVector(m: WindowMoments, v: Vector): void {
  const { sum, squaredSum } = m;
  const values = v.values;
  if (v.kind === "dense") {
    for (let i = 0; i < values.length; i++) {
      const x = values[i]!;
      sum[i]! += x;
      squaredSum[i]! += x * x;
    }
  } else {
    for (let p = 0; p < values.length; p++) {
      const x = values[p]!;
      const i = v.indices[p]!;
      sum[i]! += x;
      squaredSum[i]! += x * x;
    }
  }
  m.count++;
}

/** Adds `b` into `a`. */
export function mergeMoments(a: WindowMoments, b: WindowMoments): void {
  for (let i = 0; i < a.sum.length; i++) {
    a.sum[i]! += b.sum[i]!;
    a.squaredSum[i]! += b.squaredSum[i]!;
  }
  a.count += b.count;
}
