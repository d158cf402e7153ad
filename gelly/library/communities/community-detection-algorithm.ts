// Flink Gelly's library.CommunityDetection as a graph.run algorithm over the communityDetection kernel. Flink takes
// and returns a Graph<K, Long, Double>: vertex values are the initial labels, edge values the weights.
import { Graph } from "../../graph.js";
import { edgeWeightsOf, type EdgeWeight } from "../../graph/edge-weights.js";
import { rankEncode, type ComparableValue } from "../../graph/vertex-subsets.js";
import type { VertexKey } from "../../graph/vertex-dictionary.js";
import { communityDetection } from "./community-detection.js";

/**
 * `new CommunityDetection(maxIterations, delta)` (Flink's delta is the hop attenuation, default 0.5): returns the
 * graph with each vertex valued by its community label, edges unchanged. Labels are any comparable values (ties go to
 * the smallest); weights are the edge values when numbers, else what setEdgeWeight's accessor reads.
 */
export class CommunityDetection {
  readonly algorithmName = "CommunityDetection";

  private weight: EdgeWeight<never> | undefined;

  constructor(
    private readonly maxIterations: number,
    private readonly delta = 0.5,
  ) {}

  /** Reads an edge's weight from its value; annotate the parameter with the graph's edge value type. */
  setEdgeWeight<EV>(weight: EdgeWeight<EV>): this {
    this.weight = weight as EdgeWeight<never>;
    return this;
  }

  run<K extends VertexKey, VV extends ComparableValue, EV>(graph: Graph<K, VV, EV>): Graph<K, VV, EV> {
    const { dictionary, csr } = graph.topology();
    const { labels, distinct } = rankEncode("CommunityDetection", graph.iterationInput().vertexValues);
    const weights = edgeWeightsOf("CommunityDetection", graph, this.weight as EdgeWeight<EV> | undefined);
    const result = communityDetection(csr, weights, { maxIterations: this.maxIterations, delta: this.delta, initialLabels: labels });
    return graph.mapVertices((vertex) => distinct[result.labels[dictionary.find(vertex.id)]!]!);
  }
}

declare module "../../graph/graph-algorithm.js" {
  interface LibraryAlgorithmResults<K extends VertexKey, VV, EV> {
    CommunityDetection: Graph<K, VV, EV>;
  }
}
