// The first step of windowed triangle counting: drops edges behind the watermark and self-loops, and sends each
// remaining edge to both its endpoints.
import { AbstractStreamOperator, type RecordBatch } from "../../runtime/index.js";
import type { Edge } from "./edge.js";
import { requireTimestamp } from "./event-timestamp.js";
import type { Incidence } from "./incidence.js";
import { windowEndOf } from "./tumbling-window.js";

/**
 * Why lateness is decided here, before the edge splits in two: the two incidences go to different keyed subtasks,
 * whose watermarks differ, and an edge must not be late at one endpoint and on time at the other. Downstream
 * watermarks never pass this operator's, so an edge on time here is on time there.
 */
export class WindowIncidencesOperator<K, EV> extends AbstractStreamOperator<Incidence<K>> {
  /** Edges behind the watermark, dropped as Flink's windows drop late records (metrics, tests). */
  lateEdgesDropped = 0;

  constructor(name: string, private readonly windowSize: number) {
    super(name);
  }

  processBatch(batch: RecordBatch<Edge<K, EV>>): void {
    const { values, timestamps } = batch;
    for (let i = 0; i < batch.length; i++) {
      const edge = values[i]!;
      const ts = timestamps[i]!;
      requireTimestamp(ts, edge, this.errorContext());
      if (windowEndOf(ts, this.windowSize) - 1 <= this.currentWatermark()) {
        this.lateEdgesDropped++;
        continue;
      }
      if (edge.source === edge.target) continue; // why: a self-loop closes no triangle
      this.output.collect({ vertex: edge.source, neighbour: edge.target, outgoing: true }, ts);
      this.output.collect({ vertex: edge.target, neighbour: edge.source, outgoing: false }, ts);
    }
  }
}
