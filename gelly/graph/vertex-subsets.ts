// Helpers the algorithm classes share to run a kernel on part of a graph or on values: the subgraph of the vertices
// that have edges (Flink's degree-based algorithms see only those unless includeZeroDegreeVertices), and the rank
// encoding of comparable vertex values into dense labels (the community kernels' Int32Array labels).
import type { CsrGraph } from "./csr.js";
import { buildDerivedCsr } from "../asm/edge-list.js";

/** A subgraph on renumbered vertices: `original[newId]` is the vertex newId stands for. */
export interface RenumberedGraph {
  readonly csr: CsrGraph;
  readonly original: Int32Array;
}

/** The vertices with at least one edge (either direction), renumbered in order, with all the edges. O(n + m). */
export function withoutIsolatedVertices(g: CsrGraph): RenumberedGraph {
  return renumbered(g, (v) => g.outOffsets[v + 1]! > g.outOffsets[v]! || g.inOffsets[v + 1]! > g.inOffsets[v]!);
}

/** The vertices `keep` accepts, renumbered in ascending order, and the edges between them. O(n + m). */
export function renumbered(g: CsrGraph, keep: (v: number) => boolean): RenumberedGraph {
  const n = g.vertexCount;
  const newId = new Int32Array(n);
  let kept = 0;
  for (let v = 0; v < n; v++) newId[v] = keep(v) ? kept++ : -1;
  const original = new Int32Array(kept);
  for (let v = 0; v < n; v++) if (newId[v]! >= 0) original[newId[v]!] = v;
  if (kept === n) return { csr: g, original };
  const sources = new Int32Array(g.edgeCount);
  const targets = new Int32Array(g.edgeCount);
  const origins = new Int32Array(g.edgeCount);
  let k = 0;
  for (let v = 0; v < n; v++) {
    if (newId[v]! < 0) continue;
    for (let i = g.outOffsets[v]!, end = g.outOffsets[v + 1]!; i < end; i++) {
      const t = newId[g.outTargets[i]!]!;
      if (t < 0) continue;
      sources[k] = newId[v]!;
      targets[k] = t;
      origins[k++] = g.outEdges[i]!;
    }
  }
  return { csr: buildDerivedCsr(kept, sources, targets, origins, k), original };
}

/** Values that order with < and > (Flink's Comparable vertex values). */
export type ComparableValue = number | string | bigint | boolean;

/** Ranks of comparable values: labels[v] is the index of values[v] among the sorted distinct values. */
export interface RankEncoding<V> {
  readonly labels: Int32Array;
  /** distinct[label]: the value a label stands for. */
  readonly distinct: readonly V[];
}

/** Encodes `values` by rank; throws naming the algorithm when a value is not a comparable primitive. */
export function rankEncode<V>(algorithm: string, values: readonly V[]): RankEncoding<V> {
  for (let v = 0; v < values.length; v++) requireComparable(algorithm, values[v], v);
  const order = sortedOrder(values as readonly unknown[] as readonly ComparableValue[]);
  const labels = new Int32Array(values.length);
  const distinct: V[] = [];
  for (let i = 0; i < order.length; i++) {
    const v = order[i]!;
    if (i === 0 || values[order[i - 1]!] !== values[v]) distinct.push(values[v]!);
    labels[v] = distinct.length - 1;
  }
  return { labels, distinct };
}

/** Indices of `values` sorted by value, ties by index (a stable sort). */
export function sortedOrder(values: readonly ComparableValue[]): Int32Array {
  const order = Int32Array.from(values.keys());
  return order.sort((a, b) => (values[a]! < values[b]! ? -1 : values[a]! > values[b]! ? 1 : a - b));
}

export function requireComparable(algorithm: string, value: unknown, index: number): asserts value is ComparableValue {
  const t = typeof value;
  if (t === "number" || t === "string" || t === "bigint" || t === "boolean") return;
  throw new TypeError(
    `${algorithm}: vertex ${index} has the value ${String(value)} (${value === null ? "null" : t}), which does not compare; ` +
      `give the vertices comparable values first, e.g. graph.mapVertices((v) => v.id)`,
  );
}
