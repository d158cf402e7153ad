// Flink Gelly's (scatter-gather) SingleSourceShortestPaths written on the scatter-gather model: an updated vertex with
// a finite distance sends distance + length along each out-edge, a vertex keeps the smallest distance it was sent
// when shorter than its own. Converged it equals singleSourceShortestPaths; capped, that kernel's superstep mode.
import type { CsrGraph } from "../../graph/csr.js";
import type { MessageIterator } from "../message-iterator.js";
import type { Vertex } from "../iteration-input.js";
import { GatherFunction, runScatterGatherIteration, ScatterFunction } from "../scatter-gather-iteration.js";

export interface ScatterGatherShortestPathsOptions {
  /** Superstep cap; default n + 1. */
  readonly maxIterations?: number;
  readonly parallelism?: number;
}

class MinDistanceMessenger extends ScatterFunction<number, number, number> {
  sendMessages(vertex: Vertex<number>): void {
    if (vertex.value < Number.POSITIVE_INFINITY) {
      for (const edge of this.getEdges()) this.sendMessageTo(edge.target, vertex.value + edge.value);
    }
  }
}

class VertexDistanceUpdater extends GatherFunction<number, number, number> {
  updateVertex(vertex: Vertex<number>, messages: MessageIterator<number>): void {
    let min = Number.POSITIVE_INFINITY;
    for (const m of messages) if (m < min) min = m;
    if (vertex.value > min) this.setNewVertexValue(min);
  }
}

export function scatterGatherSingleSourceShortestPaths(g: CsrGraph, source: number, weights: ArrayLike<number>, options: ScatterGatherShortestPathsOptions = {}): { distances: number[]; supersteps: number } {
  const n = g.vertexCount;
  if (!Number.isInteger(source) || source < 0 || source >= n) throw new RangeError(`SingleSourceShortestPaths: source ${source} is not a vertex (the graph has ${n})`);
  const vertexValues = new Array<number>(n).fill(Number.POSITIVE_INFINITY);
  vertexValues[source] = 0;
  const result = runScatterGatherIteration({ csr: g, vertexValues, edgeValues: Array.from(weights) }, new MinDistanceMessenger(), new VertexDistanceUpdater(), options.maxIterations ?? n + 1, {
    parallelism: options.parallelism ?? 1,
  });
  return { distances: result.vertexValues, supersteps: result.supersteps };
}
