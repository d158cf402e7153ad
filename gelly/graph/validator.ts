// Graph validation (Flink's GraphValidator): a check over a whole graph that graph.validate runs.
import type { Graph } from "../graph.js";
import type { VertexKey } from "./vertex-dictionary.js";

export interface GraphValidator<K extends VertexKey, VV, EV> {
  /** True when the graph passes. */
  validate(graph: Graph<K, VV, EV>): boolean;
}

/** Flink's InvalidVertexIdsValidator: every edge's source and target is a vertex of the graph. */
export class InvalidVertexIdsValidator<K extends VertexKey, VV, EV> implements GraphValidator<K, VV, EV> {
  validate(graph: Graph<K, VV, EV>): boolean {
    return graph.invalidEdgeEndpoints().length === 0;
  }
}
