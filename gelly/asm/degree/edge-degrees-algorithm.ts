// Flink Gelly's edge degree annotations (asm.degree.annotate.directed.EdgeSourceDegrees / EdgeTargetDegrees /
// EdgeDegreesPair, and the undirected EdgeSourceDegree / EdgeTargetDegree / EdgeDegreePair) as graph.run algorithms:
// every edge with its value and the degrees of its endpoints, edges ordered by source (CSR order), then input order.
import type { Graph } from "../../graph.js";
import type { CsrGraph } from "../../graph/csr.js";
import { GraphResult } from "../../graph/graph-result.js";
import type { Edge } from "../../graph/records.js";
import type { VertexKey } from "../../graph/vertex-dictionary.js";
import type { Degrees } from "./vertex-degrees-algorithm.js";
import { vertexDegree, vertexDegrees } from "./vertex-degrees.js";

/** What an annotated edge carries: its own value and, per the algorithm, its source's and/or target's degrees. */
export interface EdgeDegreesValue<EV, D> {
  readonly edgeValue: EV;
  readonly sourceDegrees?: D;
  readonly targetDegrees?: D;
}

type Ends = "source" | "target" | "pair";

function annotate<K extends VertexKey, VV, EV, D>(graph: Graph<K, VV, EV>, ends: Ends, degreesOf: (g: CsrGraph) => (v: number) => D): GraphResult<Edge<K, EdgeDegreesValue<EV, D>>> {
  const { dictionary, csr } = graph.topology();
  const { edgeValues } = graph.iterationInput();
  const at = degreesOf(csr);
  const out: Edge<K, EdgeDegreesValue<EV, D>>[] = [];
  for (let v = 0; v < csr.vertexCount; v++) {
    for (let i = csr.outOffsets[v]!, end = csr.outOffsets[v + 1]!; i < end; i++) {
      const t = csr.outTargets[i]!;
      const value: { edgeValue: EV; sourceDegrees?: D; targetDegrees?: D } = { edgeValue: edgeValues[csr.outEdges[i]!]! };
      if (ends !== "target") value.sourceDegrees = at(v);
      if (ends !== "source") value.targetDegrees = at(t);
      out.push({ source: dictionary.keyAt(v), target: dictionary.keyAt(t), value });
    }
  }
  return GraphResult.of(out);
}

function directedDegrees(g: CsrGraph): (v: number) => Degrees {
  const { degree, outDegree, inDegree } = vertexDegrees(g);
  return (v) => ({ degree: degree[v]!, outDegree: outDegree[v]!, inDegree: inDegree[v]! });
}

function undirectedDegree(g: CsrGraph): (v: number) => number {
  const degree = vertexDegree(g);
  return (v) => degree[v]!;
}

/** Directed: each edge with its source's Degrees. */
export class EdgeSourceDegrees {
  readonly algorithmName = "EdgeSourceDegrees";

  run<K extends VertexKey, VV, EV>(graph: Graph<K, VV, EV>): GraphResult<Edge<K, EdgeDegreesValue<EV, Degrees>>> {
    return annotate(graph, "source", directedDegrees);
  }
}

/** Directed: each edge with its target's Degrees. */
export class EdgeTargetDegrees {
  readonly algorithmName = "EdgeTargetDegrees";

  run<K extends VertexKey, VV, EV>(graph: Graph<K, VV, EV>): GraphResult<Edge<K, EdgeDegreesValue<EV, Degrees>>> {
    return annotate(graph, "target", directedDegrees);
  }
}

/** Directed: each edge with both endpoints' Degrees. */
export class EdgeDegreesPair {
  readonly algorithmName = "EdgeDegreesPair";

  run<K extends VertexKey, VV, EV>(graph: Graph<K, VV, EV>): GraphResult<Edge<K, EdgeDegreesValue<EV, Degrees>>> {
    return annotate(graph, "pair", directedDegrees);
  }
}

/** Undirected: each edge with its source's degree. */
export class EdgeSourceDegree {
  readonly algorithmName = "EdgeSourceDegree";

  run<K extends VertexKey, VV, EV>(graph: Graph<K, VV, EV>): GraphResult<Edge<K, EdgeDegreesValue<EV, number>>> {
    return annotate(graph, "source", undirectedDegree);
  }
}

/** Undirected: each edge with its target's degree. */
export class EdgeTargetDegree {
  readonly algorithmName = "EdgeTargetDegree";

  run<K extends VertexKey, VV, EV>(graph: Graph<K, VV, EV>): GraphResult<Edge<K, EdgeDegreesValue<EV, number>>> {
    return annotate(graph, "target", undirectedDegree);
  }
}

/** Undirected: each edge with both endpoints' degrees. */
export class EdgeDegreePair {
  readonly algorithmName = "EdgeDegreePair";

  run<K extends VertexKey, VV, EV>(graph: Graph<K, VV, EV>): GraphResult<Edge<K, EdgeDegreesValue<EV, number>>> {
    return annotate(graph, "pair", undirectedDegree);
  }
}

declare module "../../graph/graph-algorithm.js" {
  interface LibraryAlgorithmResults<K extends VertexKey, VV, EV> {
    EdgeSourceDegrees: GraphResult<Edge<K, EdgeDegreesValue<EV, Degrees>>>;
    EdgeTargetDegrees: GraphResult<Edge<K, EdgeDegreesValue<EV, Degrees>>>;
    EdgeDegreesPair: GraphResult<Edge<K, EdgeDegreesValue<EV, Degrees>>>;
    EdgeSourceDegree: GraphResult<Edge<K, EdgeDegreesValue<EV, number>>>;
    EdgeTargetDegree: GraphResult<Edge<K, EdgeDegreesValue<EV, number>>>;
    EdgeDegreePair: GraphResult<Edge<K, EdgeDegreesValue<EV, number>>>;
  }
}
