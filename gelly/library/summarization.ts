// Flink Gelly's Summarization (library/Summarization): condense a graph by grouping vertices with equal values into
// one summary vertex each, and edges with equal values between the same two groups into one summary edge, each
// carrying the number of elements it stands for. Values arrive dictionary-encoded as dense non-negative integer codes
// (as VertexDictionary gives). Edges are grouped by three stable counting sorts (value, target group, source group):
// O(n + m + number of codes) time, no per-edge objects.
import type { CsrGraph } from "../graph/csr.js";

/** The summary graph. Summary vertices are ordered by value code, summary edges by (source, target, value). */
export interface Summarization {
  /** Summary vertex i stands for the `vertexGroupCount[i]` vertices whose value code is `vertexGroupValue[i]`. */
  readonly vertexCount: number;
  /** Its id: the smallest vertex id in the group (Flink picks an arbitrary member). */
  readonly representative: Int32Array;
  readonly vertexGroupValue: Int32Array;
  readonly vertexGroupCount: Int32Array;
  /** Summary edge j joins representative edgeSource[j] to edgeTarget[j] (vertex ids, as Flink's output). */
  readonly edgeCount: number;
  readonly edgeSource: Int32Array;
  readonly edgeTarget: Int32Array;
  /** The edge value code shared by the grouped edges (0 for all when edges carry no values). */
  readonly edgeGroupValue: Int32Array;
  readonly edgeGroupCount: Int32Array;
}

/**
 * Summarizes `g` given each vertex's value code (`vertexValues[v]`) and each input edge's value code
 * (`edgeValues[position]`, or null when edges carry no values). Throws a RangeError naming the first code that is not
 * a non-negative integer.
 */
export function summarize(g: CsrGraph, vertexValues: Int32Array, edgeValues: Int32Array | null): Summarization {
  const n = g.vertexCount;
  const m = g.edgeCount;
  if (vertexValues.length !== n) throw new RangeError(`vertexValues has ${vertexValues.length} codes for ${n} vertices`);
  const vertexCodes = codeBound(vertexValues, "vertexValues");
  const edgeCodes = edgeValues === null ? 1 : codeBound(edgeValues, "edgeValues");

  // 1. vertex groups: the smallest member represents each used value code
  const groupOfCode = new Int32Array(vertexCodes).fill(-1);
  const sizeOfCode = new Int32Array(vertexCodes);
  const firstOfCode = new Int32Array(vertexCodes).fill(-1);
  for (let v = 0; v < n; v++) {
    const c = vertexValues[v]!;
    if (firstOfCode[c] === -1) firstOfCode[c] = v;
    sizeOfCode[c]!++;
  }
  let groups = 0;
  for (let c = 0; c < vertexCodes; c++) if (sizeOfCode[c]! > 0) groupOfCode[c] = groups++;
  const representative = new Int32Array(groups);
  const vertexGroupValue = new Int32Array(groups);
  const vertexGroupCount = new Int32Array(groups);
  for (let c = 0; c < vertexCodes; c++) {
    const group = groupOfCode[c]!;
    if (group < 0) continue;
    representative[group] = firstOfCode[c]!;
    vertexGroupValue[group] = c;
    vertexGroupCount[group] = sizeOfCode[c]!;
  }

  // 2. each edge's (source group, target group, value), in CSR order
  const sourceGroup = new Int32Array(m);
  const targetGroup = new Int32Array(m);
  const value = new Int32Array(m);
  for (let v = 0; v < n; v++) {
    const sg = groupOfCode[vertexValues[v]!]!;
    for (let i = g.outOffsets[v]!, end = g.outOffsets[v + 1]!; i < end; i++) {
      sourceGroup[i] = sg;
      targetGroup[i] = groupOfCode[vertexValues[g.outTargets[i]!]!]!;
      value[i] = edgeValues === null ? 0 : edgeValues[g.outEdges[i]!]!;
    }
  }

  // 3. LSD radix sort of edge slots by (source group, target group, value): stable counting sorts, least key first
  let order: Int32Array = new Int32Array(m);
  for (let i = 0; i < m; i++) order[i] = i;
  order = countingSortBy(order, value, edgeCodes);
  order = countingSortBy(order, targetGroup, groups);
  order = countingSortBy(order, sourceGroup, groups);

  // 4. one summary edge per run of equal keys
  const edgeSource = new Int32Array(m);
  const edgeTarget = new Int32Array(m);
  const edgeGroupValue = new Int32Array(m);
  const edgeGroupCount = new Int32Array(m);
  let edges = 0;
  for (let k = 0; k < m; ) {
    const i = order[k]!;
    let end = k + 1;
    while (end < m && sourceGroup[order[end]!] === sourceGroup[i] && targetGroup[order[end]!] === targetGroup[i] && value[order[end]!] === value[i]) end++;
    edgeSource[edges] = representative[sourceGroup[i]!]!;
    edgeTarget[edges] = representative[targetGroup[i]!]!;
    edgeGroupValue[edges] = value[i]!;
    edgeGroupCount[edges++] = end - k;
    k = end;
  }
  return {
    vertexCount: groups,
    representative,
    vertexGroupValue,
    vertexGroupCount,
    edgeCount: edges,
    edgeSource: edgeSource.slice(0, edges),
    edgeTarget: edgeTarget.slice(0, edges),
    edgeGroupValue: edgeGroupValue.slice(0, edges),
    edgeGroupCount: edgeGroupCount.slice(0, edges),
  };
}

/** 1 + the largest code, after checking every code is a non-negative integer. */
function codeBound(codes: Int32Array, name: string): number {
  let max = -1;
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i]!;
    if (c < 0) throw new RangeError(`${name}[${i}] is ${c}; value codes must be non-negative (dictionary-encode the values first)`);
    if (c > max) max = c;
  }
  return max + 1;
}

/** `order` stably re-sorted by key[order[i]] in [0, bound). */
function countingSortBy(order: Int32Array, key: Int32Array, bound: number): Int32Array {
  const start = new Int32Array(bound + 1);
  for (let k = 0; k < order.length; k++) start[key[order[k]!]! + 1]!++;
  for (let b = 0; b < bound; b++) start[b + 1]! += start[b]!;
  const sorted = new Int32Array(order.length);
  for (let k = 0; k < order.length; k++) sorted[start[key[order[k]!]!]!++] = order[k]!;
  return sorted;
}
