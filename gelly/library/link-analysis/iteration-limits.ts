// How an iterative kernel stops, shared by PageRank and HITS: Flink's pair of a maximum iteration count and a
// convergence threshold on the total (L1) change in scores, either or both.

export interface IterationLimits {
  /** Stop after this many iterations (Flink requires > 0). Default: 10 without a threshold (Flink's driver), else unbounded. */
  readonly maxIterations?: number;
  /** Stop after the iteration whose total absolute change in scores is at most this (Flink requires > 0). */
  readonly convergenceThreshold?: number;
}

/** Validates the limits and fills Flink's defaults; `algorithm` names the caller in error messages. */
export function resolveLimits(algorithm: string, limits: IterationLimits): { maxIterations: number; convergenceThreshold: number } {
  // why -Infinity: without a threshold no change is ever small enough, so only maxIterations stops the run
  const threshold = limits.convergenceThreshold ?? Number.NEGATIVE_INFINITY;
  const maxIterations = limits.maxIterations ?? (limits.convergenceThreshold === undefined ? 10 : Number.MAX_SAFE_INTEGER);
  if (!Number.isInteger(maxIterations) || maxIterations <= 0) throw new RangeError(`${algorithm}: maxIterations must be a positive integer, got ${limits.maxIterations}`);
  if (limits.convergenceThreshold !== undefined && !(threshold > 0)) throw new RangeError(`${algorithm}: convergenceThreshold must be greater than zero, got ${limits.convergenceThreshold}`);
  return { maxIterations, convergenceThreshold: threshold };
}
