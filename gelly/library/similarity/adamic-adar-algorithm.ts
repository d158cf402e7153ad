// Flink Gelly's similarity.AdamicAdar as a graph.run algorithm over ./adamic-adar.ts: Σ 1 / ln d(w) over the shared
// neighbours w of every pair. Simple undirected graph expected, stored in both directions.
import type { Graph } from "../../graph.js";
import { GraphResult } from "../../graph/graph-result.js";
import type { VertexKey } from "../../graph/vertex-dictionary.js";
import { adamicAdar } from "./adamic-adar.js";

/** Flink's AdamicAdar.Result. */
export interface AdamicAdarScore<K extends VertexKey> {
  readonly vertexId0: K;
  readonly vertexId1: K;
  readonly adamicAdarScore: number;
}

/** Rows ordered as JaccardIndex's; setMirrorResults(true) adds each pair the other way round right after it. */
export class AdamicAdar {
  readonly algorithmName = "AdamicAdar";

  private minimumScore = 0;
  private minimumRatio = 0;
  private mirrorResults = false;

  /** Keep scores ≥ this (default 0). */
  setMinimumScore(score: number): this {
    this.minimumScore = score;
    return this;
  }

  /** Keep scores ≥ this × the mean score over all pairs (default 0). */
  setMinimumRatio(ratio: number): this {
    this.minimumRatio = ratio;
    return this;
  }

  setMirrorResults(mirror: boolean): this {
    this.mirrorResults = mirror;
    return this;
  }

  run<K extends VertexKey, VV, EV>(graph: Graph<K, VV, EV>): GraphResult<AdamicAdarScore<K>> {
    const { dictionary, csr } = graph.topology();
    const a = adamicAdar(csr, { minimumScore: this.minimumScore, minimumRatio: this.minimumRatio });
    const out: AdamicAdarScore<K>[] = [];
    for (let i = 0; i < a.count; i++) {
      const u = dictionary.keyAt(a.first[i]!);
      const v = dictionary.keyAt(a.second[i]!);
      out.push({ vertexId0: u, vertexId1: v, adamicAdarScore: a.score[i]! });
      if (this.mirrorResults) out.push({ vertexId0: v, vertexId1: u, adamicAdarScore: a.score[i]! });
    }
    return GraphResult.of(out);
  }
}

declare module "../../graph/graph-algorithm.js" {
  interface LibraryAlgorithmResults<K extends VertexKey, VV, EV> {
    AdamicAdar: GraphResult<AdamicAdarScore<K>>;
  }
}
