// Flink Gelly's asm.simple.{directed,undirected}.Simplify as graph.run algorithms over ./simplify.ts, returning
// Graphs: the same vertices, edges without self-loops and duplicates (undirected: stored in both directions).
import { Graph } from "../../graph.js";
import type { CsrGraph } from "../../graph/csr.js";
import type { Edge } from "../../graph/records.js";
import type { VertexKey } from "../../graph/vertex-dictionary.js";
import { simplifyDirected, simplifyUndirected } from "./simplify.js";

/** Flink's asm.simple.directed.Simplify: edges ordered by source, of a set of duplicates the first in edge order stays. */
export class DirectedSimplify {
  readonly algorithmName = "DirectedSimplify";

  run<K extends VertexKey, VV, EV>(graph: Graph<K, VV, EV>): Graph<K, VV, EV> {
    return rebuild(graph, simplifyDirected);
  }
}

/**
 * Flink's asm.simple.undirected.Simplify: u and v joined both ways when any edge joined them; each direction keeps the
 * value of the first edge found from that end (its out-edges first, then its in-edges).
 */
export class UndirectedSimplify {
  readonly algorithmName = "UndirectedSimplify";

  run<K extends VertexKey, VV, EV>(graph: Graph<K, VV, EV>): Graph<K, VV, EV> {
    return rebuild(graph, simplifyUndirected);
  }
}

/** The graph with the vertices of `graph` and the edges of the derived CSR, values looked up by input position. */
export function rebuild<K extends VertexKey, VV, EV>(graph: Graph<K, VV, EV>, derive: (g: CsrGraph) => CsrGraph): Graph<K, VV, EV> {
  const { dictionary, csr } = graph.topology();
  const { vertexValues, edgeValues } = graph.iterationInput();
  const g = derive(csr);
  const edges: Edge<K, EV>[] = new Array(g.edgeCount);
  for (let v = 0, k = 0; v < g.vertexCount; v++) {
    for (let i = g.outOffsets[v]!, end = g.outOffsets[v + 1]!; i < end; i++) {
      edges[k++] = { source: dictionary.keyAt(v), target: dictionary.keyAt(g.outTargets[i]!), value: edgeValues[g.outEdges[i]!]! };
    }
  }
  return Graph.fromRecords(vertexValues.map((value, v) => ({ id: dictionary.keyAt(v), value })), edges);
}

declare module "../../graph/graph-algorithm.js" {
  interface LibraryAlgorithmResults<K extends VertexKey, VV, EV> {
    DirectedSimplify: Graph<K, VV, EV>;
    UndirectedSimplify: Graph<K, VV, EV>;
  }
}
