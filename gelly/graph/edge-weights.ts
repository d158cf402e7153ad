// The rule by which algorithms that take weights (SingleSourceShortestPaths, CommunityDetection) read them from edge
// values: number values are the weights themselves; any other value type needs an accessor `(value) => number`.
import type { VertexKey } from "./vertex-dictionary.js";
import type { Graph } from "../graph.js";

/** Reads an edge's weight from its value. */
export type EdgeWeight<EV> = (value: EV) => number;

/** The weight of every input edge, by input position (the layout the kernels expect). */
export function edgeWeightsOf<K extends VertexKey, VV, EV>(algorithm: string, graph: Graph<K, VV, EV>, weight: EdgeWeight<EV> | undefined): Float64Array {
  const values = graph.iterationInput().edgeValues;
  const weights = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const value = values[i]!;
    if (weight !== undefined) weights[i] = weight(value);
    else if (typeof value === "number") weights[i] = value;
    else {
      throw new TypeError(
        `${algorithm}: edge ${i} has the value ${String(value)} (${typeof value}), not a number; ` +
          `give the algorithm an edge-weight accessor, e.g. setEdgeWeight((value) => value.weight)`,
      );
    }
  }
  return weights;
}
