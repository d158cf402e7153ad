// Flink Gelly's GSAConnectedComponents written on the gather-sum-apply model: every vertex offers its component label
// to its neighbours in both directions (Flink runs it on graph.getUndirected(); direction "all" is the same without
// building the undirected graph), a vertex sums by minimum and adopts a smaller label. Starting from labels = dense
// ids it converges to connectedComponents' answer (the smallest id per weakly connected component); with fewer
// supersteps than a component's diameter it matches connectedComponents(g, { maxIterations }).
import type { CsrGraph } from "../../graph/csr.js";
import { ApplyFunction, GatherFunction, type Neighbor, runGatherSumApplyIteration, SumFunction } from "../../iteration/gather-sum-apply-iteration.js";

export interface GsaConnectedComponentsOptions {
  /** Superstep cap (Flink's maxIterations); default: enough for any graph (n + 1), the iteration halts by itself. */
  readonly maxIterations?: number;
  /** Starting label per vertex (Flink's vertex values); default the dense id. */
  readonly initialLabels?: readonly number[];
  /** Vertex-range partitions per superstep (default 1). */
  readonly parallelism?: number;
}

class GatherNeighborIds extends GatherFunction<number, unknown, number> {
  gather(neighbor: Neighbor<number, unknown>): number {
    return neighbor.neighborValue;
  }
}

class SelectMinId extends SumFunction<number, unknown, number> {
  sum(a: number, b: number): number {
    return a < b ? a : b;
  }
}

class UpdateComponentId extends ApplyFunction<number, number> {
  apply(summed: number, current: number): void {
    if (summed < current) this.setResult(summed);
  }
}

/** labels[v]: the component label of dense vertex v, and the supersteps the iteration ran. */
export function gsaConnectedComponents(g: CsrGraph, options: GsaConnectedComponentsOptions = {}): { labels: number[]; supersteps: number } {
  const n = g.vertexCount;
  const vertexValues = options.initialLabels === undefined ? Array.from({ length: n }, (_, v) => v) : options.initialLabels;
  const edgeValues = new Array<unknown>(g.edgeCount).fill(null);
  const result = runGatherSumApplyIteration({ csr: g, vertexValues, edgeValues }, new GatherNeighborIds(), new SelectMinId(), new UpdateComponentId(), options.maxIterations ?? n + 1, {
    direction: "all",
    numeric: true,
    parallelism: options.parallelism ?? 1,
  });
  return { labels: result.vertexValues, supersteps: result.supersteps };
}
