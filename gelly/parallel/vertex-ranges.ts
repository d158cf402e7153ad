// How supersteps split a graph across subtasks: contiguous vertex ranges holding about the same number of edges (the
// work of a pull pass is one unit per in-edge plus one per vertex), so a skewed degree distribution (R-MAT) does not
// leave one subtask with most of the work.

/** Range starts: part p owns vertices [bounds[p], bounds[p + 1]); bounds has parts + 1 entries. */
export function balancedVertexRanges(offsets: Int32Array, vertexCount: number, parts: number): Int32Array {
  const bounds = new Int32Array(parts + 1);
  const total = offsets[vertexCount]! + vertexCount;
  let v = 0;
  for (let p = 1; p < parts; p++) {
    const target = (total * p) / parts;
    while (v < vertexCount && offsets[v]! + v < target) v++;
    bounds[p] = v;
  }
  bounds[parts] = vertexCount;
  return bounds;
}
