// Exact triangle counts per vertex and event-time tumbling window of an edge stream.
import type { DataStream } from "../../runtime/index.js";
import type { Edge, OrderedVertexKey } from "./edge.js";
import { neighbourLists, type WindowTrianglesOptions } from "./neighbour-lists.js";
import type { VertexTriangleCount } from "./triangle-records.js";
import { VertexTotalOperator } from "./vertex-total-operator.js";
import { VertexTriangleClosingOperator } from "./vertex-triangle-closing-operator.js";

/**
 * For every tumbling window of `windowSize` ms and every vertex with an edge to another vertex in it, the number of
 * the window's triangles the vertex belongs to (networkx's `triangles`), as `{ windowStart, windowEnd, vertexId,
 * triangles }` with timestamp windowEnd - 1 once the watermark passes the window; 0 included. Same graph, lateness
 * and stages as windowTriangles, except that the last stage is keyed by vertex: one record per vertex and window.
 */
export function windowVertexTriangles<K extends OrderedVertexKey, EV>(edges: DataStream<Edge<K, EV>>, options: WindowTrianglesOptions): DataStream<VertexTriangleCount<K>> {
  const parallelism = options.parallelism ?? edges.getExecutionEnvironment().getParallelism();
  const closing = "VertexTriangles/Closing";
  const total = "VertexTriangles/Total";
  return neighbourLists(edges, options, "windowVertexTriangles")
    .keyBy((list) => list.target)
    .transformKeyed(closing, () => new VertexTriangleClosingOperator<K>(closing))
    .setParallelism(parallelism)
    .keyBy((p) => p.vertexId)
    .transformKeyed(total, () => new VertexTotalOperator<K>(total, options.windowSize))
    .setParallelism(parallelism);
}
