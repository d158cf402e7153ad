// Flink Gelly's linkanalysis.PageRank as a graph.run algorithm over the pageRank kernel (./page-rank.ts).
import type { Graph } from "../../graph.js";
import { GraphResult } from "../../graph/graph-result.js";
import { withoutIsolatedVertices } from "../../graph/vertex-subsets.js";
import type { VertexKey } from "../../graph/vertex-dictionary.js";
import { pageRank } from "./page-rank.js";

/** Flink's PageRank.Result. */
export interface PageRankScore<K extends VertexKey> {
  readonly vertexId: K;
  /** The scores of all vertices in the result sum to 1. */
  readonly pageRankScore: number;
}

/**
 * PageRank of a directed graph (edge values unused; parallel edges count each). Flink's constructors (dampingFactor,
 * iterations) and (dampingFactor, maxIterations, convergenceThreshold); for a threshold alone pass
 * `new PageRank(0.85, undefined, 1e-9)`. As in Flink, vertices without edges are left out — and do not count in the
 * 1/n of the random jump — unless setIncludeZeroDegreeVertices(true). Results in vertex order.
 */
export class PageRank {
  readonly algorithmName = "PageRank";

  private includeZeroDegreeVertices = false;

  constructor(
    private readonly dampingFactor: number,
    private readonly maxIterations?: number,
    private readonly convergenceThreshold?: number,
  ) {}

  setIncludeZeroDegreeVertices(include: boolean): this {
    this.includeZeroDegreeVertices = include;
    return this;
  }

  run<K extends VertexKey, VV, EV>(graph: Graph<K, VV, EV>): GraphResult<PageRankScore<K>> {
    const { dictionary, csr } = graph.topology();
    const { csr: g, original } = this.includeZeroDegreeVertices ? { csr, original: null } : withoutIsolatedVertices(csr);
    const { scores } = pageRank(g, { dampingFactor: this.dampingFactor, maxIterations: this.maxIterations, convergenceThreshold: this.convergenceThreshold });
    const out: PageRankScore<K>[] = new Array(g.vertexCount);
    for (let v = 0; v < g.vertexCount; v++) out[v] = { vertexId: dictionary.keyAt(original === null ? v : original[v]!), pageRankScore: scores[v]! };
    return GraphResult.of(out);
  }
}

declare module "../../graph/graph-algorithm.js" {
  interface LibraryAlgorithmResults<K extends VertexKey, VV, EV> {
    PageRank: GraphResult<PageRankScore<K>>;
  }
}
