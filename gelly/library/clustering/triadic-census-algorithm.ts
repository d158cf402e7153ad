// Flink Gelly's clustering.{directed,undirected}.TriadicCensus (graph analytics) over ./triadic-census.ts; simple
// graphs expected, the undirected one stored in both directions. Every vertex counts (see docs/gelly.md).
import type { Graph } from "../../graph.js";
import type { VertexKey } from "../../graph/vertex-dictionary.js";
import { DIRECTED_TRIAD_TYPES, UNDIRECTED_TRIAD_TYPES, directedTriadicCensus, undirectedTriadicCensus } from "./triadic-census.js";

export type DirectedTriadType = (typeof DIRECTED_TRIAD_TYPES)[number];
export type UndirectedTriadType = (typeof UNDIRECTED_TRIAD_TYPES)[number];

/** Flink's TriadicCensus.Result: the count of each triad type (Flink's getCount003() is counts["003"]) and the total. */
export interface TriadicCensusResult<T extends string> {
  readonly counts: Readonly<Record<T, bigint>>;
  /** C(n, 3). */
  readonly totalTriadCount: bigint;
}

/** Flink's clustering.undirected.TriadicCensus: types "03", "12", "21", "30" by number of edges. */
export class UndirectedTriadicCensus {
  readonly algorithmName = "UndirectedTriadicCensus";

  run<K extends VertexKey, VV, EV>(graph: Graph<K, VV, EV>): TriadicCensusResult<UndirectedTriadType> {
    return byType(UNDIRECTED_TRIAD_TYPES, undirectedTriadicCensus(graph.topology().csr).counts);
  }
}

/** Flink's clustering.directed.TriadicCensus: the 16 types of Batagelj & Mrvar ("003" … "300"). */
export class DirectedTriadicCensus {
  readonly algorithmName = "DirectedTriadicCensus";

  run<K extends VertexKey, VV, EV>(graph: Graph<K, VV, EV>): TriadicCensusResult<DirectedTriadType> {
    return byType(DIRECTED_TRIAD_TYPES, directedTriadicCensus(graph.topology().csr).counts);
  }
}

function byType<T extends string>(types: readonly T[], counts: BigInt64Array): TriadicCensusResult<T> {
  const out = {} as Record<T, bigint>;
  let total = 0n;
  types.forEach((type, i) => {
    out[type] = counts[i]!;
    total += counts[i]!;
  });
  return { counts: out, totalTriadCount: total };
}

declare module "../../graph/graph-algorithm.js" {
  interface LibraryAlgorithmResults<K extends VertexKey, VV, EV> {
    UndirectedTriadicCensus: TriadicCensusResult<UndirectedTriadType>;
    DirectedTriadicCensus: TriadicCensusResult<DirectedTriadType>;
  }
}
