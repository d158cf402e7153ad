// Flink Gelly's clustering.{directed,undirected}.LocalClusteringCoefficient as graph.run algorithms over the kernels
// of ./local-clustering-coefficient.ts. Like Flink they expect a simple graph (run Simplify first); the undirected one
// a graph stored in both directions.
import type { Graph } from "../../graph.js";
import type { CsrGraph } from "../../graph/csr.js";
import { GraphResult } from "../../graph/graph-result.js";
import type { VertexKey } from "../../graph/vertex-dictionary.js";
import { directedLocalClusteringCoefficient, undirectedLocalClusteringCoefficient, type LocalClusteringCoefficient } from "./local-clustering-coefficient.js";

/** Flink's LocalClusteringCoefficient.Result. */
export interface LocalClusteringCoefficientScore<K extends VertexKey> {
  readonly vertexId: K;
  /** Distinct neighbours (either direction). */
  readonly degree: number;
  /** Undirected: triangles through the vertex. Directed: directed edges among its neighbours. */
  readonly triangleCount: number;
  /** triangleCount over neighbour pairs (undirected d(d-1)/2, directed d(d-1)); NaN when degree < 2. */
  readonly localClusteringCoefficient: number;
}

abstract class LocalClusteringCoefficientBase {
  private includeZeroDegreeVertices = true;

  /** Flink's option: false leaves out vertices without neighbours (default true, every vertex gets a row). */
  setIncludeZeroDegreeVertices(include: boolean): this {
    this.includeZeroDegreeVertices = include;
    return this;
  }

  protected abstract kernel(g: CsrGraph): LocalClusteringCoefficient;

  /** One row per vertex, in vertex order. */
  run<K extends VertexKey, VV, EV>(graph: Graph<K, VV, EV>): GraphResult<LocalClusteringCoefficientScore<K>> {
    const { dictionary, csr } = graph.topology();
    const { degree, triangleCount, score } = this.kernel(csr);
    const out: LocalClusteringCoefficientScore<K>[] = [];
    for (let v = 0; v < csr.vertexCount; v++) {
      if (degree[v] === 0 && !this.includeZeroDegreeVertices) continue;
      out.push({ vertexId: dictionary.keyAt(v), degree: degree[v]!, triangleCount: triangleCount[v]!, localClusteringCoefficient: score[v]! });
    }
    return GraphResult.of(out);
  }
}

/** Flink's clustering.undirected.LocalClusteringCoefficient. */
export class UndirectedLocalClusteringCoefficient extends LocalClusteringCoefficientBase {
  readonly algorithmName = "UndirectedLocalClusteringCoefficient";

  protected kernel(g: CsrGraph): LocalClusteringCoefficient {
    return undirectedLocalClusteringCoefficient(g);
  }
}

/** Flink's clustering.directed.LocalClusteringCoefficient. */
export class DirectedLocalClusteringCoefficient extends LocalClusteringCoefficientBase {
  readonly algorithmName = "DirectedLocalClusteringCoefficient";

  protected kernel(g: CsrGraph): LocalClusteringCoefficient {
    return directedLocalClusteringCoefficient(g);
  }
}

declare module "../../graph/graph-algorithm.js" {
  interface LibraryAlgorithmResults<K extends VertexKey, VV, EV> {
    UndirectedLocalClusteringCoefficient: GraphResult<LocalClusteringCoefficientScore<K>>;
    DirectedLocalClusteringCoefficient: GraphResult<LocalClusteringCoefficientScore<K>>;
  }
}
