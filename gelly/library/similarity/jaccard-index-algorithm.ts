// Flink Gelly's similarity.JaccardIndex as a graph.run algorithm over ./jaccard-index.ts: for every pair of vertices
// sharing a neighbour, shared / distinct neighbours. Simple undirected graph expected, stored in both directions.
import type { Graph } from "../../graph.js";
import { GraphResult } from "../../graph/graph-result.js";
import type { VertexKey } from "../../graph/vertex-dictionary.js";
import { jaccardIndex } from "./jaccard-index.js";

/** Flink's JaccardIndex.Result. */
export interface JaccardIndexScore<K extends VertexKey> {
  readonly vertexId0: K;
  readonly vertexId1: K;
  readonly sharedNeighborCount: number;
  /** d(vertex0) + d(vertex1) − shared. */
  readonly distinctNeighborCount: number;
  readonly jaccardIndexScore: number;
}

/**
 * Rows ordered by (vertexId0, vertexId1) in vertex order, each pair once with vertexId0 first in vertex order — and
 * also the other way round with setMirrorResults(true), right after it.
 */
export class JaccardIndex {
  readonly algorithmName = "JaccardIndex";

  private minimumScore = 0;
  private maximumScore = Infinity;
  private mirrorResults = false;

  /** Keep scores ≥ numerator / denominator (Flink's setMinimumScore; default 0). */
  setMinimumScore(numerator: number, denominator: number): this {
    this.minimumScore = numerator / denominator;
    return this;
  }

  /** Keep scores < numerator / denominator (Flink's setMaximumScore; default no bound). */
  setMaximumScore(numerator: number, denominator: number): this {
    this.maximumScore = numerator / denominator;
    return this;
  }

  setMirrorResults(mirror: boolean): this {
    this.mirrorResults = mirror;
    return this;
  }

  run<K extends VertexKey, VV, EV>(graph: Graph<K, VV, EV>): GraphResult<JaccardIndexScore<K>> {
    const { dictionary, csr } = graph.topology();
    const j = jaccardIndex(csr, { minimumScore: this.minimumScore, maximumScore: this.maximumScore });
    const out: JaccardIndexScore<K>[] = [];
    for (let i = 0; i < j.count; i++) {
      const a = dictionary.keyAt(j.first[i]!);
      const b = dictionary.keyAt(j.second[i]!);
      const rest = { sharedNeighborCount: j.sharedNeighbours[i]!, distinctNeighborCount: j.distinctNeighbours[i]!, jaccardIndexScore: j.score[i]! };
      out.push({ vertexId0: a, vertexId1: b, ...rest });
      if (this.mirrorResults) out.push({ vertexId0: b, vertexId1: a, ...rest });
    }
    return GraphResult.of(out);
  }
}

declare module "../../graph/graph-algorithm.js" {
  interface LibraryAlgorithmResults<K extends VertexKey, VV, EV> {
    JaccardIndex: GraphResult<JaccardIndexScore<K>>;
  }
}
