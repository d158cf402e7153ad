// Flink Gelly's clustering.{directed,undirected}.TriangleListing as graph.run algorithms over ./triangle-listing.ts;
// simple graphs expected, the undirected one stored in both directions. "Id order" here is the graph's vertex order
// (dense ids), which is Flink's key order when the vertices were given sorted.
import type { Graph } from "../../graph.js";
import { GraphResult } from "../../graph/graph-result.js";
import type { VertexKey } from "../../graph/vertex-dictionary.js";
import { directedTriangleListing, undirectedTriangleListing } from "./triangle-listing.js";

/** Flink's undirected TriangleListing.Result. */
export interface Triangle<K extends VertexKey> {
  readonly vertexId0: K;
  readonly vertexId1: K;
  readonly vertexId2: K;
}

/** Flink's directed TriangleListing.Result: bits 5-4 the pair (0, 1), 3-2 (0, 2), 1-0 (1, 2); 0b10 a → b, 0b01 b → a. */
export interface DirectedTriangle<K extends VertexKey> extends Triangle<K> {
  readonly bitmask: number;
}

/** Each triangle once: vertexId0 the lowest by (degree, id), then the other two by id — or all three by id with setSortTriangleVertices. */
export class UndirectedTriangleListing {
  readonly algorithmName = "UndirectedTriangleListing";

  private sortTriangleVertices = false;

  setSortTriangleVertices(sort: boolean): this {
    this.sortTriangleVertices = sort;
    return this;
  }

  run<K extends VertexKey, VV, EV>(graph: Graph<K, VV, EV>): GraphResult<Triangle<K>> {
    const { dictionary, csr } = graph.topology();
    const { count, vertex0, vertex1, vertex2 } = undirectedTriangleListing(csr, { sortTriangleVertices: this.sortTriangleVertices });
    const out: Triangle<K>[] = new Array(count);
    for (let i = 0; i < count; i++) out[i] = { vertexId0: dictionary.keyAt(vertex0[i]!), vertexId1: dictionary.keyAt(vertex1[i]!), vertexId2: dictionary.keyAt(vertex2[i]!) };
    return GraphResult.of(out);
  }
}

/** As UndirectedTriangleListing, on a directed graph, each triangle with the directions of its three edges. */
export class DirectedTriangleListing {
  readonly algorithmName = "DirectedTriangleListing";

  private sortTriangleVertices = false;

  setSortTriangleVertices(sort: boolean): this {
    this.sortTriangleVertices = sort;
    return this;
  }

  run<K extends VertexKey, VV, EV>(graph: Graph<K, VV, EV>): GraphResult<DirectedTriangle<K>> {
    const { dictionary, csr } = graph.topology();
    const { count, vertex0, vertex1, vertex2, bitmask } = directedTriangleListing(csr, { sortTriangleVertices: this.sortTriangleVertices });
    const out: DirectedTriangle<K>[] = new Array(count);
    for (let i = 0; i < count; i++) {
      out[i] = { vertexId0: dictionary.keyAt(vertex0[i]!), vertexId1: dictionary.keyAt(vertex1[i]!), vertexId2: dictionary.keyAt(vertex2[i]!), bitmask: bitmask[i]! };
    }
    return GraphResult.of(out);
  }
}

declare module "../../graph/graph-algorithm.js" {
  interface LibraryAlgorithmResults<K extends VertexKey, VV, EV> {
    UndirectedTriangleListing: GraphResult<Triangle<K>>;
    DirectedTriangleListing: GraphResult<DirectedTriangle<K>>;
  }
}
