// Flink Gelly's GSASingleSourceShortestPaths written on the gather-sum-apply model: a vertex offers its distance
// along its out-edges, the gather adds the edge length, the sum keeps the minimum and apply adopts a shorter
// distance. Converged, it is singleSourceShortestPaths' answer; capped, it matches that kernel's superstep mode.
import type { CsrGraph } from "../../graph/csr.js";
import { ApplyFunction, GatherFunction, type Neighbor, runGatherSumApplyIteration, SumFunction } from "../../iteration/gather-sum-apply-iteration.js";

export interface GsaShortestPathsOptions {
  /** Superstep cap (Flink's maxIterations); default n + 1, enough for any graph without negative cycles. */
  readonly maxIterations?: number;
  readonly parallelism?: number;
}

class CalculateDistances extends GatherFunction<number, number, number> {
  gather(neighbor: Neighbor<number, number>): number {
    return neighbor.neighborValue + neighbor.edgeValue;
  }
}

class ChooseMinDistance extends SumFunction<number, number, number> {
  sum(a: number, b: number): number {
    return a < b ? a : b;
  }
}

class UpdateDistance extends ApplyFunction<number, number> {
  apply(newDistance: number, oldDistance: number): void {
    if (newDistance < oldDistance) this.setResult(newDistance);
  }
}

/** distances[v] from `source` along out-edges with lengths `weights` (by input edge), Infinity where unreachable. */
export function gsaSingleSourceShortestPaths(g: CsrGraph, source: number, weights: ArrayLike<number>, options: GsaShortestPathsOptions = {}): { distances: number[]; supersteps: number } {
  const n = g.vertexCount;
  if (!Number.isInteger(source) || source < 0 || source >= n) throw new RangeError(`GSASingleSourceShortestPaths: source ${source} is not a vertex (the graph has ${n})`);
  const vertexValues = new Array<number>(n).fill(Number.POSITIVE_INFINITY);
  vertexValues[source] = 0;
  const result = runGatherSumApplyIteration({ csr: g, vertexValues, edgeValues: Array.from(weights) }, new CalculateDistances(), new ChooseMinDistance(), new UpdateDistance(), options.maxIterations ?? n + 1, {
    numeric: true,
    parallelism: options.parallelism ?? 1,
  });
  return { distances: result.vertexValues, supersteps: result.supersteps };
}
