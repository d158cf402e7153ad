// Flink Gelly's linkanalysis.HITS as a graph.run algorithm over the hits kernel (./hits.ts).
import type { Graph } from "../../graph.js";
import { GraphResult } from "../../graph/graph-result.js";
import type { VertexKey } from "../../graph/vertex-dictionary.js";
import { hits } from "./hits.js";

/** Flink's HITS.Result: both scores are scaled to unit L2 norm over the graph. */
export interface HitsScores<K extends VertexKey> {
  readonly vertexId: K;
  readonly hubScore: number;
  readonly authorityScore: number;
}

/**
 * Hub and authority scores. Flink's constructors HITS(iterations) and HITS(maxIterations, convergenceThreshold); for
 * a threshold alone pass `new HITS(undefined, 1e-9)`. Like Flink, which builds its result from the edges, vertices
 * without edges are left out. Results in vertex order.
 */
export class HITS {
  readonly algorithmName = "HITS";

  constructor(
    private readonly maxIterations?: number,
    private readonly convergenceThreshold?: number,
  ) {}

  run<K extends VertexKey, VV, EV>(graph: Graph<K, VV, EV>): GraphResult<HitsScores<K>> {
    const { dictionary, csr } = graph.topology();
    const { hub, authority } = hits(csr, { maxIterations: this.maxIterations, convergenceThreshold: this.convergenceThreshold });
    const out: HitsScores<K>[] = [];
    for (let v = 0; v < csr.vertexCount; v++) {
      if (csr.outOffsets[v + 1] === csr.outOffsets[v] && csr.inOffsets[v + 1] === csr.inOffsets[v]) continue;
      out.push({ vertexId: dictionary.keyAt(v), hubScore: hub[v]!, authorityScore: authority[v]! });
    }
    return GraphResult.of(out);
  }
}

declare module "../../graph/graph-algorithm.js" {
  interface LibraryAlgorithmResults<K extends VertexKey, VV, EV> {
    HITS: GraphResult<HitsScores<K>>;
  }
}
