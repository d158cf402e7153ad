// Flink Gelly's (scatter-gather) ConnectedComponents written on the scatter-gather model: an updated vertex sends its
// label to every neighbour (direction "all", as Flink configures it), a vertex takes the smallest label it was sent
// and keeps it when smaller than its own. Converged it equals connectedComponents; capped, its superstep mode.
import type { CsrGraph } from "../../graph/csr.js";
import type { MessageIterator } from "../message-iterator.js";
import type { Vertex } from "../iteration-input.js";
import { GatherFunction, runScatterGatherIteration, ScatterFunction } from "../scatter-gather-iteration.js";

export interface ScatterGatherComponentsOptions {
  /** Superstep cap; default n + 1 (the iteration halts by itself). */
  readonly maxIterations?: number;
  /** Starting label per vertex; default the dense id. */
  readonly initialLabels?: readonly number[];
  readonly parallelism?: number;
}

class CCMessenger extends ScatterFunction<number, unknown, number> {
  sendMessages(vertex: Vertex<number>): void {
    this.sendMessageToAllNeighbors(vertex.value);
  }
}

class CCUpdater extends GatherFunction<number, unknown, number> {
  updateVertex(vertex: Vertex<number>, messages: MessageIterator<number>): void {
    let min = vertex.value;
    for (const m of messages) if (m < min) min = m;
    if (min < vertex.value) this.setNewVertexValue(min);
  }
}

export function scatterGatherConnectedComponents(g: CsrGraph, options: ScatterGatherComponentsOptions = {}): { labels: number[]; supersteps: number } {
  const n = g.vertexCount;
  const vertexValues = options.initialLabels === undefined ? Array.from({ length: n }, (_, v) => v) : options.initialLabels;
  const result = runScatterGatherIteration({ csr: g, vertexValues, edgeValues: new Array<unknown>(g.edgeCount).fill(null) }, new CCMessenger(), new CCUpdater(), options.maxIterations ?? n + 1, {
    direction: "all",
    parallelism: options.parallelism ?? 1,
  });
  return { labels: result.vertexValues, supersteps: result.supersteps };
}
