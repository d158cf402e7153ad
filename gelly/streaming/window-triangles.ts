// Exact triangle counts per event-time tumbling window of an edge stream (gelly-streaming's WindowTriangles).
import type { DataStream } from "../../runtime/index.js";
import type { Edge, OrderedVertexKey } from "./edge.js";
import { neighbourLists, type WindowTrianglesOptions } from "./neighbour-lists.js";
import { TriangleClosingOperator } from "./triangle-closing-operator.js";
import type { WindowTriangleCount } from "./triangle-records.js";
import { WindowTotalOperator } from "./window-total-operator.js";

/**
 * For every tumbling window of `windowSize` ms that holds at least one edge between two distinct vertices, the exact
 * number of triangles of the window's graph — undirected and simple: direction, repeated edges and self-loops do not
 * count — emitted as `{ windowStart, windowEnd, triangles }` with timestamp windowEnd - 1 once the watermark passes
 * the window. Edges need event timestamps; edges behind the watermark are dropped, as Flink's windows drop late data.
 *
 * Three keyed stages, all state in checkpoints (exactly-once): per vertex, its neighbour set, sent at the window's end
 * to itself and its greater neighbours; per vertex y, the triangles x < y < z found by intersecting those lists; per
 * window, the partials summed.
 */
export function windowTriangles<K extends OrderedVertexKey, EV>(edges: DataStream<Edge<K, EV>>, options: WindowTrianglesOptions): DataStream<WindowTriangleCount> {
  const parallelism = options.parallelism ?? edges.getExecutionEnvironment().getParallelism();
  const closing = "Triangles/Closing";
  const total = "Triangles/Total";
  return neighbourLists(edges, options, "windowTriangles")
    .keyBy((list) => list.target)
    .transformKeyed(closing, () => new TriangleClosingOperator<K>(closing))
    .setParallelism(parallelism)
    .keyBy((p) => p.windowEnd)
    .transformKeyed(total, () => new WindowTotalOperator(total, options.windowSize))
    .setParallelism(1);
}
