// Incremental connected components of an unbounded edge stream (gelly-streaming's ConnectedComponents: partial
// DisjointSet summaries per partition, merged by one task).
import { type DataStream, DEFAULT_MAX_PARALLELISM, keyGroupOf, normalizeKey } from "../../runtime/index.js";
import type { ComponentChange } from "./component-summary.js";
import type { Edge, OrderedVertexKey } from "./edge.js";
import { MergeComponentsOperator } from "./merge-components-operator.js";
import { PartialComponentsOperator } from "./partial-components-operator.js";
import { checkWindowSize } from "./tumbling-window.js";

export interface StreamingComponentsOptions {
  /** Length in ms of the event-time tumbling windows after which components are merged and changes reported. */
  readonly windowSize: number;
  /** Partitions of the edges, each with its own union-find per window; default the operator's parallelism. */
  readonly partitions?: number;
  /** Parallelism of the partial union-finds; default the environment's. The merger always runs alone. */
  readonly parallelism?: number;
}

/**
 * Weakly connected components of all edges seen so far, reported as changes: when the watermark passes the end of
 * each tumbling window of `windowSize` ms, every vertex whose component id changed through the edges of that window
 * (or that appeared in it) is emitted as `{ vertexId, componentId }`, sorted by vertexId, with timestamp
 * windowEnd - 1. The component id is the smallest vertex key in the component, so the answer does not depend on edge
 * order or parallelism; the last record of each vertex is its component after all edges up to the watermark.
 * Edges need event timestamps. An edge behind the watermark joins the next window to fire.
 *
 * Two stages, all state in checkpoints (exactly-once): edges are partitioned by a hash of their source, each
 * partition keeps a union-find of the window's edges in keyed state and sends its summary at the window's end; one
 * merger holds the union-find of the whole stream and applies the summaries window by window.
 */
export function connectedComponents<K extends OrderedVertexKey, EV>(edges: DataStream<Edge<K, EV>>, options: StreamingComponentsOptions): DataStream<ComponentChange<K>> {
  const { windowSize } = options;
  checkWindowSize(windowSize, "connectedComponents");
  const parallelism = options.parallelism ?? edges.getExecutionEnvironment().getParallelism();
  const partitions = options.partitions ?? parallelism;
  if (!Number.isSafeInteger(partitions) || partitions < 1) throw new RangeError(`connectedComponents: partitions must be a positive integer, got ${partitions}`);
  const partialName = "Components/Partial";
  const partials = edges
    .keyBy((e) => keyGroupOf(normalizeKey(e.source), DEFAULT_MAX_PARALLELISM) % partitions)
    .transformKeyed(partialName, () => new PartialComponentsOperator<K, EV>(partialName, windowSize))
    .setParallelism(parallelism);
  const mergeName = "Components/Merge";
  return partials
    .keyBy(() => 0)
    .transformKeyed<ComponentChange<K>>(mergeName, () => new MergeComponentsOperator<K>(mergeName))
    .setParallelism(1);
}
