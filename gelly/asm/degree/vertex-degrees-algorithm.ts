// Flink Gelly's degree annotations asm.degree.annotate.directed.VertexDegrees and .undirected.VertexDegree as
// graph.run algorithms over ./vertex-degrees.ts.
import type { Graph } from "../../graph.js";
import { GraphResult } from "../../graph/graph-result.js";
import type { Vertex } from "../../graph/records.js";
import type { VertexKey } from "../../graph/vertex-dictionary.js";
import { vertexDegree, vertexDegrees } from "./vertex-degrees.js";

/** Flink's VertexDegrees.Degrees: distinct neighbours in either direction, out and in. */
export interface Degrees {
  readonly degree: number;
  readonly outDegree: number;
  readonly inDegree: number;
}

/**
 * Every vertex of a directed graph with its Degrees, in vertex order; vertices without neighbours only with
 * setIncludeZeroDegreeVertices(true), as in Flink.
 */
export class VertexDegrees {
  readonly algorithmName = "VertexDegrees";

  private includeZeroDegreeVertices = false;

  setIncludeZeroDegreeVertices(include: boolean): this {
    this.includeZeroDegreeVertices = include;
    return this;
  }

  run<K extends VertexKey, VV, EV>(graph: Graph<K, VV, EV>): GraphResult<Vertex<K, Degrees>> {
    const { dictionary, csr } = graph.topology();
    const { degree, outDegree, inDegree } = vertexDegrees(csr);
    const out: Vertex<K, Degrees>[] = [];
    for (let v = 0; v < csr.vertexCount; v++) {
      if (degree[v] === 0 && !this.includeZeroDegreeVertices) continue;
      out.push({ id: dictionary.keyAt(v), value: { degree: degree[v]!, outDegree: outDegree[v]!, inDegree: inDegree[v]! } });
    }
    return GraphResult.of(out);
  }
}

/**
 * Every vertex of an undirected graph (stored in both directions) with its degree, its number of out-edges, in vertex
 * order; vertices of degree zero only with setIncludeZeroDegreeVertices(true).
 */
export class VertexDegree {
  readonly algorithmName = "VertexDegree";

  private includeZeroDegreeVertices = false;

  setIncludeZeroDegreeVertices(include: boolean): this {
    this.includeZeroDegreeVertices = include;
    return this;
  }

  run<K extends VertexKey, VV, EV>(graph: Graph<K, VV, EV>): GraphResult<Vertex<K, number>> {
    const { dictionary, csr } = graph.topology();
    const degree = vertexDegree(csr);
    const out: Vertex<K, number>[] = [];
    for (let v = 0; v < csr.vertexCount; v++) if (degree[v] !== 0 || this.includeZeroDegreeVertices) out.push({ id: dictionary.keyAt(v), value: degree[v]! });
    return GraphResult.of(out);
  }
}

declare module "../../graph/graph-algorithm.js" {
  interface LibraryAlgorithmResults<K extends VertexKey, VV, EV> {
    VertexDegrees: GraphResult<Vertex<K, Degrees>>;
    VertexDegree: GraphResult<Vertex<K, number>>;
  }
}
