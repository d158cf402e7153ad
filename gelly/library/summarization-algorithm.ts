// Flink Gelly's library.Summarization as a graph.run algorithm over ./summarization.ts: one vertex per distinct vertex
// value, one edge per (source group, target group, edge value), each counting what it stands for.
import { Graph } from "../graph.js";
import type { Edge, Vertex } from "../graph/records.js";
import { valueKey } from "../graph/value-key.js";
import type { VertexKey } from "../graph/vertex-dictionary.js";
import { summarize } from "./summarization.js";

/** Flink's Summarization.VertexValue: the value the grouped vertices share and how many they are. */
export interface SummaryVertexValue<VV> {
  readonly vertexGroupValue: VV;
  readonly vertexGroupCount: number;
}

/** Flink's Summarization.EdgeValue: the value the grouped edges share and how many they are. */
export interface SummaryEdgeValue<EV> {
  readonly edgeGroupValue: EV;
  readonly edgeGroupCount: number;
}

/**
 * Summary vertices are keyed by a representative member — the first in vertex order (Flink picks any member) — and
 * ordered by the first appearance of their value; summary edges by (source group, target group, value). Values are
 * equal as value-key.ts defines (primitives by value, objects by JSON).
 */
export class Summarization {
  readonly algorithmName = "Summarization";

  run<K extends VertexKey, VV, EV>(graph: Graph<K, VV, EV>): Graph<K, SummaryVertexValue<VV>, SummaryEdgeValue<EV>> {
    const { dictionary, csr } = graph.topology();
    const { vertexValues, edgeValues } = graph.iterationInput();
    const vertexCodes = encode(vertexValues);
    const edgeCodes = encode(edgeValues);
    const s = summarize(csr, vertexCodes.codes, edgeCodes.codes);
    const vertices: Vertex<K, SummaryVertexValue<VV>>[] = [];
    for (let i = 0; i < s.vertexCount; i++) {
      vertices.push({ id: dictionary.keyAt(s.representative[i]!), value: { vertexGroupValue: vertexCodes.values[s.vertexGroupValue[i]!]!, vertexGroupCount: s.vertexGroupCount[i]! } });
    }
    const edges: Edge<K, SummaryEdgeValue<EV>>[] = [];
    for (let j = 0; j < s.edgeCount; j++) {
      edges.push({
        source: dictionary.keyAt(s.edgeSource[j]!),
        target: dictionary.keyAt(s.edgeTarget[j]!),
        value: { edgeGroupValue: edgeCodes.values[s.edgeGroupValue[j]!]!, edgeGroupCount: s.edgeGroupCount[j]! },
      });
    }
    return Graph.fromRecords(vertices, edges);
  }
}

/** Dictionary codes of values in order of first appearance. */
function encode<T>(values: readonly T[]): { codes: Int32Array; values: T[] } {
  const codeOf = new Map<unknown, number>();
  const distinct: T[] = [];
  const codes = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const key = valueKey(values[i]);
    let code = codeOf.get(key);
    if (code === undefined) {
      code = distinct.length;
      codeOf.set(key, code);
      distinct.push(values[i]!);
    }
    codes[i] = code;
  }
  return { codes, values: distinct };
}

declare module "../graph/graph-algorithm.js" {
  interface LibraryAlgorithmResults<K extends VertexKey, VV, EV> {
    Summarization: Graph<K, SummaryVertexValue<VV>, SummaryEdgeValue<EV>>;
  }
}
